package com.dispatchconsole.ui.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Table rows kept by id: a changed row replaces the old one in place ({@code set(i, row)}), so selection,
 * sort order and scroll position survive, and nothing is cleared and reloaded on every change.
 */
public final class RowStore<T> {

    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final Map<UUID, Integer> positions = new HashMap<>();
    private final Function<T, UUID> idOf;

    public RowStore(Function<T, UUID> idOf) {
        this.idOf = idOf;
    }

    public void replaceAll(List<T> fresh) {
        positions.clear();
        for (int i = 0; i < fresh.size(); i++) {
            positions.put(idOf.apply(fresh.get(i)), i);
        }
        rows.setAll(fresh);
    }

    public void upsert(Collection<T> changed) {
        for (T row : changed) {
            Integer position = positions.get(idOf.apply(row));
            if (position == null) {
                positions.put(idOf.apply(row), rows.size());
                rows.add(row);
            } else {
                rows.set(position, row);
            }
        }
    }

    public T get(UUID id) {
        Integer position = positions.get(id);
        return position == null ? null : rows.get(position);
    }

    public ObservableList<T> rows() {
        return rows;
    }
}
