package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code sync}: the rows become exactly the fresh ones, and lookups by id stay right after removals. */
@UnitTest
class RowStoreTest {

    private record Row(UUID id, String value) {
    }

    @Test
    void syncRemovesRowsThatAreGoneReplacesChangedOnesAndAppendsNewOnes() {
        RowStore<Row> store = new RowStore<>(Row::id);
        Row a = new Row(UUID.randomUUID(), "a");
        Row b = new Row(UUID.randomUUID(), "b");
        Row c = new Row(UUID.randomUUID(), "c");
        store.replaceAll(List.of(a, b, c));
        Row changedC = new Row(c.id(), "c2");
        Row d = new Row(UUID.randomUUID(), "d");

        store.sync(List.of(changedC, a, d));

        assertThat(store.rows()).containsExactly(a, changedC, d);
        assertThat(store.get(b.id())).isNull();
        assertThat(store.get(changedC.id())).isEqualTo(changedC);
        assertThat(store.get(d.id())).isEqualTo(d);
        store.upsert(List.of(new Row(d.id(), "d2")));
        assertThat(store.rows()).as("positions were re-indexed after the removal").containsExactly(a, changedC, new Row(d.id(), "d2"));
    }

    @Test
    void manyRowsGoneAtOnceBecomeOneReplacement() {
        RowStore<Row> store = new RowStore<>(Row::id);
        List<Row> many = new ArrayList<>();
        IntStream.range(0, 1200).forEach(i -> many.add(new Row(UUID.randomUUID(), "r" + i)));
        store.replaceAll(many);
        List<Integer> changes = new ArrayList<>();
        store.rows().addListener((javafx.collections.ListChangeListener<Row>) change -> changes.add(1));

        store.sync(many.subList(0, 100));

        assertThat(store.rows()).containsExactlyElementsOf(many.subList(0, 100));
        assertThat(changes).hasSize(1);
        assertThat(store.get(many.get(500).id())).isNull();
    }
}
