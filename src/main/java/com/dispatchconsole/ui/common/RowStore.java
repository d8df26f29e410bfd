package com.dispatchconsole.ui.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.collections.ObservableList;

/**
 * Table rows kept by id: a changed row replaces the old one in place ({@code set(i, row)}), so selection,
 * sort order and scroll position survive, and nothing is cleared and reloaded on every change.
 *
 * <p>Rows arrive by several ways that overlap (a full load, the live feed's bursts, a change report, a resync), and
 * a snapshot read earlier may land after a row read later. Given the rows' versions, the store keeps per id the row
 * with the higher version, so an older row never replaces a newer one; rows of equal version replace each other
 * (a rider's load is read with the rider but is no part of its version).
 */
public final class RowStore<T> {

    private final RowList<T> rows = new RowList<>();
    private final Map<UUID, Integer> positions = new HashMap<>();
    private final Function<T, UUID> idOf;
    private final ToLongFunction<T> versionOf;

    /** Rows without a version: the row that arrives last wins. */
    public RowStore(Function<T, UUID> idOf) {
        this(idOf, null);
    }

    /** Rows with a version: per id, the row with the higher version wins, whichever arrives last. */
    public RowStore(Function<T, UUID> idOf, ToLongFunction<T> versionOf) {
        this.idOf = idOf;
        this.versionOf = versionOf;
    }

    /**
     * Makes the rows exactly the ids of {@code fresh}, in its order; a row shown in a newer version than the one in
     * {@code fresh} stays as shown.
     */
    public void replaceAll(List<T> fresh) {
        List<T> kept = versionOf == null ? fresh : fresh.stream().map(this::newerOfShownAnd).toList();
        swapIn(kept);
    }

    /**
     * Makes the rows exactly {@code fresh}, versions notwithstanding: for a reload the dispatcher asked for, whose
     * answer is the truth even where a version went backwards (a dump restored into the same database).
     */
    public void replaceAllAsRead(List<T> fresh) {
        swapIn(fresh);
    }

    private T newerOfShownAnd(T row) {
        Integer position = positions.get(idOf.apply(row));
        return position != null && isOlder(row, rows.get(position)) ? rows.get(position) : row;
    }

    /** Whether {@code row} is an older version than {@code shown}, which it must then not replace. */
    private boolean isOlder(T row, T shown) {
        return versionOf != null && versionOf.applyAsLong(row) < versionOf.applyAsLong(shown);
    }

    private void swapIn(List<T> fresh) {
        positions.clear();
        for (int i = 0; i < fresh.size(); i++) {
            positions.put(idOf.apply(fresh.get(i)), i);
        }
        rows.setAll(fresh);
    }

    /** Rows changed by more than this many at once are swapped in with one list replacement instead. */
    static final int BULK_THRESHOLD = 500;

    /**
     * Replaces changed rows in place and appends new ones; rows equal to what is shown, or older, are skipped. A very
     * large batch of differences is applied as one list replacement, which costs one re-sort instead of one per row.
     */
    public void upsert(Collection<T> changed) {
        List<T> different = changed.stream().filter(row -> {
            Integer position = positions.get(idOf.apply(row));
            return position == null || !rows.get(position).equals(row) && !isOlder(row, rows.get(position));
        }).toList();
        if (different.size() > BULK_THRESHOLD) {
            List<T> merged = new java.util.ArrayList<>(rows);
            for (T row : different) {
                Integer position = positions.get(idOf.apply(row));
                if (position == null) {
                    positions.put(idOf.apply(row), merged.size());
                    merged.add(row);
                } else if (!isOlder(row, merged.get(position))) {
                    merged.set(position, row);
                }
            }
            swapIn(merged);
            return;
        }
        if (different.isEmpty()) {
            return;
        }
        // One change for the whole burst: views and tables hear of it once, not once per row.
        rows.inOneChange(() -> {
            for (T row : different) {
                Integer position = positions.get(idOf.apply(row));
                if (position == null) {
                    positions.put(idOf.apply(row), rows.size());
                    rows.add(row);
                } else if (!isOlder(row, rows.get(position))) {
                    // The same id twice in one burst: the newer of the two stays.
                    rows.set(position, row);
                }
            }
        });
    }

    /**
     * Makes the rows exactly {@code fresh}: rows whose id is no longer there are removed (in one change), changed
     * ones are replaced in place (unless shown in a newer version) and new ones appended. What a resync uses, so a
     * row deleted or moved out of scope while the console was away does not stay on screen.
     */
    public void sync(List<T> fresh) {
        Set<UUID> present = new HashSet<>();
        fresh.forEach(row -> present.add(idOf.apply(row)));
        List<T> gone = rows.stream().filter(row -> !present.contains(idOf.apply(row))).toList();
        if (gone.size() > BULK_THRESHOLD) {
            replaceAll(fresh);
            return;
        }
        if (!gone.isEmpty()) {
            rows.removeAll(new HashSet<>(gone));
            positions.clear();
            for (int i = 0; i < rows.size(); i++) {
                positions.put(idOf.apply(rows.get(i)), i);
            }
        }
        upsert(fresh);
    }

    public T get(UUID id) {
        Integer position = positions.get(id);
        return position == null ? null : rows.get(position);
    }

    public ObservableList<T> rows() {
        return rows;
    }

    /**
     * Where the row of this id stands in {@link #rows()}, or -1. Rows keep their relative order while they are
     * shown (a changed row keeps its place, new ones are appended, removals close up), so this is a tie-break
     * that views can sort by; during a removal's change a removed row still answers its old place.
     */
    public int order(UUID id) {
        Integer position = positions.get(id);
        return position == null ? -1 : position;
    }
}
