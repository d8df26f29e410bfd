package com.dispatchconsole.ui.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;
import javafx.scene.control.TableView;

/**
 * The rows of a {@link RowStore} that a filter lets through, in a sort order: what a table shows. It replaces a
 * FilteredList under a SortedList, which pay a pass over every row for each changed row (index shifts, and a
 * linear search among rows the sort finds equal), which at 50,000 rows made one live burst a visibly frozen frame.
 * Here a burst of k changed rows costs k binary searches (O(k log n) comparisons) and one change to listeners.
 *
 * <p>Rows the comparator finds equal keep the store's order ({@link RowStore#order}), as a stable sort would. A new
 * filter or sort order is one pass over all rows (a re-sort is told as a permutation, so the table keeps its
 * selection and focus); so is a very large change (a load).
 */
public final class SortedFilteredRows<T> extends ObservableListBase<T> {

    /** A source change touching more rows than this (and more than an eighth of them) is applied by one rebuild. */
    static final int BULK_THRESHOLD = 500;

    private final RowStore<T> store;
    private final Function<T, UUID> idOf;
    private final ArrayList<T> shown = new ArrayList<>();
    private final ObjectProperty<Predicate<? super T>> predicate = new SimpleObjectProperty<>(this, "predicate");
    private final ObjectProperty<Comparator<? super T>> comparator = new SimpleObjectProperty<>(this, "comparator");
    private Comparator<T> order;

    public SortedFilteredRows(RowStore<T> store, Function<T, UUID> idOf) {
        this.store = store;
        this.idOf = idOf;
        this.order = orderOf(null);
        store.rows().addListener((ListChangeListener<T>) this::sourceChanged);
        predicate.addListener((o, was, now) -> refilter());
        // On invalidation, not on change: the table's comparator for a column whose sort type was flipped (a second
        // click on its header) equals the one before (it compares the columns, not their directions), so a change
        // listener never heard the flip and the table kept its old order. resort() reads the value, re-arming this.
        comparator.addListener((javafx.beans.InvalidationListener) o -> resort());
        shown.addAll(filteredAndSorted());
    }

    /** Shows {@code table} these rows, its sort order sorting them (a table sorts a plain list itself otherwise). */
    public void showIn(TableView<T> table) {
        comparator.bind(table.comparatorProperty());
        table.setSortPolicy(t -> true);
    }

    public ObjectProperty<Predicate<? super T>> predicateProperty() {
        return predicate;
    }

    public void setPredicate(Predicate<? super T> value) {
        predicate.set(value);
    }

    public ObjectProperty<Comparator<? super T>> comparatorProperty() {
        return comparator;
    }

    public void setComparator(Comparator<? super T> value) {
        comparator.set(value);
    }

    @Override
    public T get(int index) {
        return shown.get(index);
    }

    @Override
    public int size() {
        return shown.size();
    }

    /** Where the row of this id is shown, or -1 (not in the store, or filtered out): O(log n). */
    public int indexOfId(UUID id) {
        T row = store.get(id);
        return row == null ? -1 : find(row);
    }

    private Comparator<T> orderOf(Comparator<? super T> sort) {
        Comparator<T> byStore = Comparator.comparingInt(row -> store.order(idOf.apply(row)));
        return sort == null ? byStore : ((Comparator<T>) sort::compare).thenComparing(byStore);
    }

    private boolean passes(T row) {
        Predicate<? super T> p = predicate.get();
        return p == null || p.test(row);
    }

    private List<T> filteredAndSorted() {
        List<T> fresh = new ArrayList<>();
        for (T row : store.rows()) {
            if (passes(row)) {
                fresh.add(row);
            }
        }
        fresh.sort(order);
        return fresh;
    }

    /**
     * The place of this very row, or -1: a binary search, and a scan only if the filter lets the row through but the
     * search missed it (a sort key that changed unannounced). A row the filter keeps out is not looked for further.
     */
    private int find(T row) {
        int i = java.util.Collections.binarySearch(shown, row, order);
        if (i >= 0 && shown.get(i) == row) {
            return i;
        }
        if (!passes(row)) {
            return -1;
        }
        for (int j = 0; j < shown.size(); j++) {
            if (shown.get(j) == row) {
                return j;
            }
        }
        return -1;
    }

    private void sourceChanged(ListChangeListener.Change<? extends T> c) {
        int touched = 0;
        boolean rebuild = false;
        int sourceSize = store.rows().size();
        while (c.next()) {
            if (c.wasPermutated()) {
                rebuild = true;
            } else {
                touched += c.getRemovedSize() + c.getAddedSize() + (c.wasUpdated() ? c.getTo() - c.getFrom() : 0);
                int before = sourceSize - c.getAddedSize() + c.getRemovedSize();
                if (c.getFrom() == 0 && c.getRemovedSize() > 0 && c.getRemovedSize() >= before) {
                    rebuild = true; // everything replaced: the old rows' store order is gone
                }
            }
        }
        if (rebuild || touched > BULK_THRESHOLD && touched > sourceSize / 8) {
            replaceShown(filteredAndSorted());
            return;
        }
        c.reset();
        beginChange();
        try {
            while (c.next()) {
                if (c.wasUpdated()) {
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        T row = c.getList().get(i);
                        removeShown(row);
                        insertShown(row);
                    }
                    continue;
                }
                for (T row : c.getRemoved()) {
                    removeShown(row);
                }
                for (T row : c.getAddedSubList()) {
                    insertShown(row);
                }
            }
        } finally {
            endChange();
        }
    }

    private void removeShown(T row) {
        int i = find(row);
        if (i >= 0) {
            shown.remove(i);
            nextRemove(i, row);
        }
    }

    private void insertShown(T row) {
        if (!passes(row)) {
            return;
        }
        int i = java.util.Collections.binarySearch(shown, row, order);
        int at = i >= 0 ? i + 1 : -i - 1;
        shown.add(at, row);
        nextAdd(at, at + 1);
    }

    private void refilter() {
        replaceShown(filteredAndSorted());
    }

    private void replaceShown(List<T> fresh) {
        beginChange();
        try {
            if (!shown.isEmpty()) {
                nextRemove(0, new ArrayList<>(shown));
            }
            shown.clear();
            shown.addAll(fresh);
            if (!shown.isEmpty()) {
                nextAdd(0, shown.size());
            }
        } finally {
            endChange();
        }
    }

    /** A new sort order: the same rows, told as a permutation so a table keeps what is selected and focused. */
    private void resort() {
        order = orderOf(comparator.get());
        int n = shown.size();
        Integer[] newOrder = new Integer[n];
        for (int i = 0; i < n; i++) {
            newOrder[i] = i;
        }
        List<T> old = new ArrayList<>(shown);
        Arrays.sort(newOrder, (a, b) -> order.compare(old.get(a), old.get(b)));
        int[] permutation = new int[n];
        for (int j = 0; j < n; j++) {
            permutation[newOrder[j]] = j;
            shown.set(j, old.get(newOrder[j]));
        }
        if (n > 0) {
            beginChange();
            try {
                nextPermutation(0, n, permutation);
            } finally {
                endChange();
            }
        }
    }
}
