package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.FxTestExtension;
import com.dispatchconsole.testing.UnitTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dispatcher's selection survives the live updates that replace rows in place, as the console wires it: rows in
 * a {@link RowStore}, filtered and sorted, in a table. No window: controls only need the toolkit to exist.
 */
@UnitTest
@ExtendWith(FxTestExtension.class)
class SelectionKeeperTest {

    private record Row(UUID id, String name) {
        Row renamed(String newName) {
            return new Row(id, newName);
        }
    }

    private final RowStore<Row> store = new RowStore<>(Row::id);
    private final FilteredList<Row> filtered = new FilteredList<>(store.rows());
    private final SortedList<Row> sorted = new SortedList<>(filtered, Comparator.comparing(Row::name));
    private final TableView<Row> table = new TableView<>();
    private final List<List<Row>> reported = new ArrayList<>();
    private final Row ana = new Row(UUID.randomUUID(), "Ana");
    private final Row ben = new Row(UUID.randomUUID(), "Ben");
    private final Row cy = new Row(UUID.randomUUID(), "Cy");

    SelectionKeeperTest() {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        SelectionKeeper.install(table, sorted, Row::id, rows -> reported.add(List.copyOf(rows)));
        store.replaceAll(List.of(ana, ben, cy));
    }

    private List<Row> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private List<Row> lastReported() {
        return reported.get(reported.size() - 1);
    }

    @Test
    void theTableShowsTheSortedRowsAndReportsWhatTheDispatcherSelects() {
        assertThat(table.getItems()).containsExactly(ana, ben, cy);

        table.getSelectionModel().select(1);

        assertThat(lastReported()).containsExactly(ben);
    }

    @Test
    void aSelectedRowReplacedInPlaceStaysSelected() {
        table.getSelectionModel().select(1);
        Row benChanged = ben.renamed("Benedict");

        store.upsert(List.of(benChanged));

        assertThat(selected()).containsExactly(benChanged);
        assertThat(lastReported()).as("the view model hears the fresh row").containsExactly(benChanged);
    }

    @Test
    void aSelectedRowThatMovesInTheSortOrderStaysSelected() {
        table.getSelectionModel().select(0);
        Row anaLast = ana.renamed("Zoe");

        store.upsert(List.of(anaLast));

        assertThat(table.getItems()).containsExactly(ben, cy, anaLast);
        assertThat(selected()).containsExactly(anaLast);
    }

    @Test
    void aSelectionOfSeveralRowsSurvivesAnUpdateOfOneOfThem() {
        table.getSelectionModel().selectIndices(0, 2);
        Row cyChanged = cy.renamed("Cyril");

        store.upsert(List.of(cyChanged));

        assertThat(selected()).containsExactlyInAnyOrder(ana, cyChanged);
        assertThat(lastReported()).containsExactlyInAnyOrder(ana, cyChanged);
    }

    @Test
    void aSelectedRowFilteredAwayIsSelectedAgainWhenItComesBack() {
        table.getSelectionModel().select(1);

        filtered.setPredicate(row -> row != ben);
        assertThat(selected()).isEmpty();
        assertThat(lastReported()).as("what is on screen now").isEmpty();

        filtered.setPredicate(null);
        assertThat(selected()).containsExactly(ben);
        assertThat(lastReported()).containsExactly(ben);
    }

    @Test
    void anotherSelectionReplacesTheRememberedOne() {
        table.getSelectionModel().select(1);
        table.getSelectionModel().clearAndSelect(2);

        store.upsert(List.of(ben.renamed("Ben B.")));

        assertThat(selected()).containsExactly(cy);
        assertThat(lastReported()).containsExactly(cy);
    }

    @Test
    void aSelectedRowThatLeavesTheDatabaseIsNoLongerSelected() {
        table.getSelectionModel().selectIndices(0, 1);

        store.sync(List.of(ana, cy));

        assertThat(table.getItems()).containsExactly(ana, cy);
        assertThat(selected()).containsExactly(ana);
        assertThat(lastReported()).containsExactly(ana);
    }
}
