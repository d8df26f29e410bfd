package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * A store that knows its rows' versions keeps, per id, the newer row: a snapshot read before a live update and
 * applied after it must not put the older row back on screen. Rows without a version behave as before.
 */
@UnitTest
class RowStoreVersionTest {

    private record Row(UUID id, long version, String value) {
    }

    private final UUID id = UUID.randomUUID();
    private final Row older = new Row(id, 1, "assigned to Ana");
    private final Row newer = new Row(id, 2, "assigned to Ben");

    private static RowStore<Row> versioned() {
        return new RowStore<>(Row::id, Row::version);
    }

    @Test
    void upsertNeverPutsAnOlderRowOverANewerOne() {
        RowStore<Row> store = versioned();
        store.replaceAll(List.of(newer));

        store.upsert(List.of(older));

        assertThat(store.rows()).containsExactly(newer);
        assertThat(store.get(id)).isEqualTo(newer);
    }

    @Test
    void aFullLoadReadBeforeALiveUpdateKeepsTheNewerRow() {
        RowStore<Row> store = versioned();
        Row other = new Row(UUID.randomUUID(), 5, "other");
        Row gone = new Row(UUID.randomUUID(), 1, "deleted meanwhile");
        store.replaceAll(List.of(older, other, gone));
        // The live feed's burst lands while a reload is in flight; the reload's snapshot still holds version 1.
        store.upsert(List.of(newer));

        store.replaceAll(List.of(older, other));

        assertThat(store.rows()).as("the newer row stays; a row absent from the snapshot goes").containsExactly(newer, other);
        assertThat(store.get(id)).isEqualTo(newer);
        assertThat(store.get(gone.id())).isNull();
    }

    @Test
    void aResyncReadBeforeALiveUpdateKeepsTheNewerRow() {
        RowStore<Row> store = versioned();
        Row gone = new Row(UUID.randomUUID(), 1, "deleted meanwhile");
        store.replaceAll(List.of(gone, older));
        store.upsert(List.of(newer));

        store.sync(List.of(older));

        assertThat(store.rows()).containsExactly(newer);
        assertThat(store.get(gone.id())).isNull();
    }

    @Test
    void aNewerRowReplacesTheOlderOneInPlace() {
        RowStore<Row> store = versioned();
        Row first = new Row(UUID.randomUUID(), 1, "first");
        Row last = new Row(UUID.randomUUID(), 1, "last");
        store.replaceAll(List.of(first, older, last));
        List<String> changes = new ArrayList<>();
        store.rows().addListener((ListChangeListener<Row>) change -> {
            while (change.next()) {
                changes.add(change.wasReplaced() ? "replaced at " + change.getFrom() : change.toString());
            }
        });

        store.upsert(List.of(newer));
        store.sync(List.of(first, new Row(id, 3, "picked"), last));
        store.replaceAll(List.of(first, new Row(id, 4, "out"), last));

        assertThat(store.rows()).containsExactly(first, new Row(id, 4, "out"), last);
        assertThat(changes.subList(0, 2)).containsExactly("replaced at 1", "replaced at 1");
    }

    @Test
    void rowsWithTheSameVersionStillReplaceEachOther() {
        // A rider's load is read with the rider but is no part of its version: an equal version may carry news.
        RowStore<Row> store = versioned();
        store.replaceAll(List.of(older));
        Row sameVersion = new Row(id, 1, "carries 2 batches now");

        store.upsert(List.of(sameVersion));

        assertThat(store.rows()).containsExactly(sameVersion);
    }

    @Test
    void withoutAVersionTheLastRowWinsAsBefore() {
        RowStore<Row> store = new RowStore<>(Row::id);
        store.replaceAll(List.of(newer));

        store.upsert(List.of(older));
        assertThat(store.rows()).containsExactly(older);

        store.replaceAll(List.of(newer));
        store.sync(List.of(older));
        assertThat(store.rows()).containsExactly(older);
    }

    @Test
    void aReloadTheDispatcherAskedForShowsWhatIsReadEvenWhereAVersionWentBackwards() {
        // A dump restored into the same database brings rows back in older versions: F5 must show them.
        RowStore<Row> store = versioned();
        store.replaceAll(List.of(newer));

        store.replaceAllAsRead(List.of(older));

        assertThat(store.rows()).containsExactly(older);
        assertThat(store.get(id)).isEqualTo(older);
    }
}
