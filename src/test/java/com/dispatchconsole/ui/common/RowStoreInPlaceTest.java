package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * What a table sees when rows change: a changed row takes the old one's place (same list position, so selection,
 * sort and scroll survive), an unchanged one is not touched at all, a new one is appended.
 */
@UnitTest
class RowStoreInPlaceTest {

    private record Row(UUID id, String value) {
    }

    private final RowStore<Row> store = new RowStore<>(Row::id);
    private final Row a = new Row(UUID.randomUUID(), "a");
    private final Row b = new Row(UUID.randomUUID(), "b");
    private final Row c = new Row(UUID.randomUUID(), "c");
    private final List<String> changes = new ArrayList<>();

    RowStoreInPlaceTest() {
        store.replaceAll(List.of(a, b, c));
        store.rows().addListener((ListChangeListener<Row>) change -> {
            while (change.next()) {
                changes.add(change.wasReplaced() ? "replaced " + change.getFrom()
                        : change.wasAdded() ? "added " + change.getFrom()
                        : change.wasRemoved() ? "removed " + change.getFrom() : "other");
            }
        });
    }

    @Test
    void aChangedRowReplacesTheOldOneAtItsPosition() {
        Row b2 = new Row(b.id(), "b2");

        store.upsert(List.of(b2));

        assertThat(store.rows()).containsExactly(a, b2, c);
        assertThat(store.rows().get(1)).isSameAs(b2);
        assertThat(store.get(b.id())).isSameAs(b2);
        assertThat(changes).containsExactly("replaced 1");
    }

    @Test
    void aRowEqualToTheOneShownIsNotTouched() {
        Row sameAsA = new Row(a.id(), "a");

        store.upsert(List.of(sameAsA));

        assertThat(store.rows().get(0)).as("the row on screen keeps its identity").isSameAs(a);
        assertThat(changes).isEmpty();
    }

    @Test
    void aNewRowIsAppendedAndFoundById() {
        Row d = new Row(UUID.randomUUID(), "d");

        store.upsert(List.of(d));

        assertThat(store.rows()).containsExactly(a, b, c, d);
        assertThat(store.get(d.id())).isSameAs(d);
        assertThat(changes).containsExactly("added 3");
    }

    @Test
    void replaceAllMakesTheRowsExactlyTheFreshOnesAndForgetsTheOldIds() {
        Row c2 = new Row(c.id(), "c2");
        Row e = new Row(UUID.randomUUID(), "e");

        store.replaceAll(List.of(e, c2));

        assertThat(store.rows()).containsExactly(e, c2);
        assertThat(store.get(a.id())).isNull();
        assertThat(store.get(c.id())).isSameAs(c2);
        store.upsert(List.of(new Row(c.id(), "c3")));
        assertThat(store.rows()).as("positions follow the new list").containsExactly(e, new Row(c.id(), "c3"));
    }

    @Test
    void syncRemovesOnlyTheVanishedRowsAndKeepsTheOthersInPlace() {
        store.sync(List.of(c, a));

        assertThat(store.rows()).as("the survivors keep their order").containsExactly(a, c);
        assertThat(store.rows().get(0)).isSameAs(a);
        assertThat(store.get(b.id())).isNull();
        assertThat(changes).containsExactly("removed 1");
    }

    @Test
    void manyChangedRowsAtOnceKeepTheirPositionsToo() {
        List<Row> many = new ArrayList<>();
        IntStream.range(0, 1000).forEach(i -> many.add(new Row(UUID.randomUUID(), "r" + i)));
        store.replaceAll(many);
        changes.clear();
        List<Row> changed = many.stream().map(r -> new Row(r.id(), r.value() + "'")).toList();

        store.upsert(changed);

        assertThat(store.rows()).containsExactlyElementsOf(changed);
        assertThat(changes).as("more than " + RowStore.BULK_THRESHOLD + " rows go in as one replacement").hasSize(1);
        assertThat(store.get(many.get(700).id())).isEqualTo(changed.get(700));
    }
}
