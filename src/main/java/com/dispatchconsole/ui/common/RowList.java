package com.dispatchconsole.ui.common;

import java.util.ArrayList;
import java.util.Collection;
import javafx.collections.ModifiableObservableListBase;

/**
 * The observable list behind a {@link RowStore}: an ordinary array list whose changes made inside
 * {@link #inOneChange(Runnable)} reach listeners as one change (with a sub-change per row), so a live burst of
 * twenty changed rows costs every view and table one notification instead of twenty.
 */
final class RowList<T> extends ModifiableObservableListBase<T> {

    private final ArrayList<T> data = new ArrayList<>();

    /** Runs {@code edits} (sets, adds, removes on this list) and tells listeners of all of them at once. */
    void inOneChange(Runnable edits) {
        beginChange();
        try {
            edits.run();
        } finally {
            endChange();
        }
    }

    @Override
    public boolean setAll(Collection<? extends T> fresh) {
        // One replacement of everything; ArrayList copies in one go rather than one add per row.
        beginChange();
        try {
            if (!data.isEmpty()) {
                nextRemove(0, new ArrayList<>(data));
            }
            data.clear();
            data.addAll(fresh);
            if (!data.isEmpty()) {
                nextAdd(0, data.size());
            }
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    public T get(int index) {
        return data.get(index);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    protected void doAdd(int index, T element) {
        data.add(index, element);
    }

    @Override
    protected T doSet(int index, T element) {
        return data.set(index, element);
    }

    @Override
    protected T doRemove(int index) {
        return data.remove(index);
    }
}
