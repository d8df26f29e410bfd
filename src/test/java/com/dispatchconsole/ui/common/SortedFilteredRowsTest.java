package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.FxTestExtension;
import com.dispatchconsole.testing.UnitTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batches table's rows at full size (50,000): a live burst of changed rows puts each where the sort order and
 * the filter say, in one change to the table, and the dispatcher's selection stays on the row that moved. Checked
 * against the plain answer (filter the store's rows, sort them stably) after every burst. No window; no timing.
 */
@UnitTest
@ExtendWith(FxTestExtension.class)
class SortedFilteredRowsTest {

    private static final int ROWS = 50_000;

    private record Row(UUID id, int rank, String status) {
        Row with(int newRank, String newStatus) {
            return new Row(id, newRank, newStatus);
        }
    }

    private final RowStore<Row> store = new RowStore<>(Row::id);
    private final SortedFilteredRows<Row> view = new SortedFilteredRows<>(store, Row::id);
    private final Random random = new Random(16);
    private final List<Row> rows = new ArrayList<>();

    SortedFilteredRowsTest() {
        for (int i = 0; i < ROWS; i++) {
            // Ranks repeat (as statuses or riders do), so ties must keep the store's order.
            rows.add(new Row(UUID.randomUUID(), random.nextInt(ROWS / 10), i % 3 == 0 ? "ASSIGNED" : "CREATED"));
        }
        store.replaceAll(rows);
    }

    /** What a FilteredList under a SortedList shows: the store's rows that pass, stably sorted. */
    private List<Row> expected(Predicate<Row> filter, Comparator<Row> sort) {
        List<Row> all = new ArrayList<>(store.rows().stream().filter(filter).toList());
        if (sort != null) {
            all.sort(sort);
        }
        return all;
    }

    private List<Row> burst(int size) {
        List<Row> changed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Row row = store.rows().get(random.nextInt(store.rows().size()));
            changed.add(row.with(random.nextInt(ROWS / 10), random.nextBoolean() ? "ASSIGNED" : "CREATED"));
        }
        return changed;
    }

    @Test
    void burstsOfChangedRowsLandWhereTheFilterAndTheSortOrderSay() {
        Predicate<Row> queue = row -> row.status().equals("CREATED");
        Comparator<Row> byRank = Comparator.comparingInt(Row::rank);
        view.setPredicate(queue);
        view.setComparator(byRank);
        assertThat(view).containsExactlyElementsOf(expected(queue, byRank));

        for (int i = 0; i < 20; i++) {
            store.upsert(burst(25));
            assertThat(view).as("after burst " + i).containsExactlyElementsOf(expected(queue, byRank));
        }
        store.upsert(List.of(new Row(UUID.randomUUID(), -1, "CREATED")));
        assertThat(view.get(0).rank()).as("a new row at its sorted place").isEqualTo(-1);

        view.setComparator(byRank.reversed());
        assertThat(view).containsExactlyElementsOf(expected(queue, byRank.reversed()));
        view.setPredicate(null);
        view.setComparator(null);
        assertThat(view).as("no sort order: the store's order").containsExactlyElementsOf(store.rows());
    }

    @Test
    void aBurstReachesTheTableAsOneChange() {
        view.setComparator(Comparator.comparingInt(Row::rank));
        List<Integer> changes = new ArrayList<>();
        view.addListener((ListChangeListener<Row>) c -> changes.add(1));

        store.upsert(burst(30));

        assertThat(changes).hasSize(1);
    }

    @Test
    void aRemovedRowLeavesAndTheRestKeepTheirOrder() {
        view.setComparator(Comparator.comparingInt(Row::rank));
        List<Row> fewer = new ArrayList<>(rows);
        fewer.remove(123);
        fewer.remove(40_000);

        store.sync(fewer);

        assertThat(view).containsExactlyElementsOf(expected(row -> true, Comparator.comparingInt(Row::rank)));
        assertThat(view.indexOfId(rows.get(123).id())).isEqualTo(-1);
    }

    @Test
    void aSelectedRowThatAnUpdateMovesToTheOtherEndStaysSelected() {
        TableView<Row> table = new TableView<>();
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        List<List<Row>> reported = new ArrayList<>();
        SelectionKeeper.install(table, view, Row::id, reported::add);
        view.setComparator(Comparator.comparingInt(Row::rank));
        Row first = view.get(0);
        Row other = view.get(ROWS / 2);
        table.getSelectionModel().select(0);
        table.getSelectionModel().select(ROWS / 2);

        Row firstNowLast = first.with(Integer.MAX_VALUE, first.status());
        List<Row> changed = new ArrayList<>(burst(20));
        changed.removeIf(row -> row.id().equals(first.id()) || row.id().equals(other.id()));
        changed.add(firstNowLast);
        store.upsert(changed);

        assertThat(view.get(view.size() - 1)).isSameAs(firstNowLast);
        Row otherNow = store.get(other.id());
        assertThat(table.getSelectionModel().getSelectedItems()).containsExactlyInAnyOrder(otherNow, firstNowLast);
        assertThat(reported.get(reported.size() - 1)).containsExactlyInAnyOrder(otherNow, firstNowLast);
    }
}
