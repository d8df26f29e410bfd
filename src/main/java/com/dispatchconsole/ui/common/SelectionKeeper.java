package com.dispatchconsole.ui.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

/**
 * Keeps a table's selection across in-place row updates. Replacing a row ({@code set(i, row)}) reaches a
 * TableView through SortedList as remove + add, and the selection model drops the row; this puts the selection
 * back by id, so a dispatcher's selection survives every refresh. Listeners on the items run in the order they
 * were added: one before the table's own (marks the change), one after it (restores).
 */
public final class SelectionKeeper<T> {

    private final TableView<T> table;
    private final Function<T, UUID> idOf;
    private final Consumer<List<T>> onUserSelection;
    private Set<UUID> remembered = new HashSet<>();
    private boolean itemsChanging;

    private SelectionKeeper(TableView<T> table, Function<T, UUID> idOf, Consumer<List<T>> onUserSelection) {
        this.table = table;
        this.idOf = idOf;
        this.onUserSelection = onUserSelection;
    }

    /** Sets {@code items} on the table and keeps its selection; {@code onSelection} sees every real selection. */
    public static <T> void install(TableView<T> table, ObservableList<T> items, Function<T, UUID> idOf,
                                   Consumer<List<T>> onSelection) {
        SelectionKeeper<T> keeper = new SelectionKeeper<>(table, idOf, onSelection);
        items.addListener((ListChangeListener<T>) c -> keeper.itemsChanging = true);
        table.setItems(items);
        items.addListener((ListChangeListener<T>) c -> keeper.restore());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<T>) c -> keeper.selectionChanged());
    }

    private void selectionChanged() {
        if (itemsChanging) {
            return;
        }
        List<T> selected = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        remembered = new HashSet<>();
        selected.forEach(row -> remembered.add(idOf.apply(row)));
        onUserSelection.accept(selected);
    }

    private void restore() {
        itemsChanging = false;
        if (remembered.isEmpty()) {
            return;
        }
        List<T> items = table.getItems();
        List<Integer> indices = new ArrayList<>();
        if (items instanceof SortedFilteredRows<?> view) {
            // Found by id in log n each: a burst at 50,000 rows costs the selection nothing like a pass over them.
            for (UUID id : remembered) {
                int i = view.indexOfId(id);
                if (i >= 0) {
                    indices.add(i);
                }
            }
            indices.sort(null);
        } else {
            for (int i = 0; i < items.size(); i++) {
                if (remembered.contains(idOf.apply(items.get(i)))) {
                    indices.add(i);
                }
            }
        }
        Set<UUID> wanted = remembered;
        List<Integer> current = new ArrayList<>(table.getSelectionModel().getSelectedIndices());
        if (!current.equals(indices)) {
            table.getSelectionModel().clearSelection();
            indices.forEach(i -> table.getSelectionModel().select(i));
        }
        // Rows may have been filtered out: remember what the dispatcher chose, report what is on screen now.
        remembered = wanted;
        onUserSelection.accept(new ArrayList<>(table.getSelectionModel().getSelectedItems()));
        remembered = wanted;
    }
}
