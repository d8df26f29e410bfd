package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ConsoleSnapshot;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.RowStore;
import com.dispatchconsole.ui.common.SortedFilteredRows;
import com.dispatchconsole.ui.common.UiExecutor;
import com.dispatchconsole.service.QueryService;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;

/**
 * The rows on screen and how they stay true: riders, batches and outlets of this console's outlets, the filter
 * over the batches, and the three ways rows arrive (a full load, the live feed's changed rows, a resync after the
 * feed was away), each of which also tells which database the rows came from.
 */
public final class ConsoleRows {

    /** What follows the rows on screen: the selection and its detail pane. */
    interface Follower {

        /** Every row was read again: a selected row that is gone is no longer selected. */
        void reloaded();

        /** Another database answers: nothing of the old one may stay selected. */
        void replaced();

        /** These batch rows changed. */
        void changed(List<BatchRow> batches);

        /** Order lines of these batches changed (an outcome, a PoD, a review). */
        void ordersChanged(Collection<UUID> batchIds);
    }

    private final DispatchServices services;
    private final ConsoleStatus status;
    private final Set<UUID> outletScope;
    private final RowStore<RiderRow> riders = new RowStore<>(RiderRow::id, RiderRow::version);
    private final RowStore<BatchRow> batches = new RowStore<>(BatchRow::id, BatchRow::version);
    private final ObservableList<RiderRow> ridersView = FXCollections.unmodifiableObservableList(riders.rows());
    private final ObservableList<BatchRow> batchesView = FXCollections.unmodifiableObservableList(batches.rows());
    private final SortedFilteredRows<BatchRow> visibleBatches = new SortedFilteredRows<>(batches, BatchRow::id);
    private final ObservableList<OutletRow> outlets = FXCollections.observableArrayList();
    private final ObservableList<OutletRow> outletsView = FXCollections.unmodifiableObservableList(outlets);
    private final BatchFilter filter = new BatchFilter();
    private final RiderFilter riderFilter = new RiderFilter();
    private final StatusTally tally = new StatusTally(batches.rows());
    private final ReadOnlyStringWrapper visibleCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sessionRole = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canReview = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper podChanges = new ReadOnlyIntegerWrapper();
    private final ShownDatabase shownDatabase = new ShownDatabase();
    private Follower follower;
    /** Batches a load hands over at once, each part in one UI pulse: a large control room fills in as it loads. */
    static final int LOAD_PART = 5000;
    private final UiExecutor ui;
    private final ReadOnlyStringWrapper loading = new ReadOnlyStringWrapper("");
    /** Counts loads; a part of a load that a newer one superseded is dropped. */
    private long loads;
    /** Ids changed on screen while a load was under way (null when none is): the load's end must not drop them. */
    private Set<UUID> changedWhileLoading;

    ConsoleRows(DispatchServices services, ConsoleStatus status, UiExecutor ui, Set<UUID> outletScope) {
        this.services = services;
        this.ui = ui;
        this.status = status;
        this.outletScope = Set.copyOf(outletScope);
        filter.outletProperty().addListener((o, a, b) -> applyFilter());
        filter.textProperty().addListener((o, a, b) -> applyFilter());
        filter.statuses().addListener((SetChangeListener<BatchStatus>) c -> {
            if (!filter.switching()) {
                applyFilter();
            }
        });
        filter.switchesProperty().addListener((o, a, b) -> applyFilter());
        visibleBatches.addListener((ListChangeListener<BatchRow>) c -> updateVisibleCount());
        applyFilter(); // the filter's starting view (the unassigned queue) holds from the first row on
    }

    void followedBy(Follower follower) {
        this.follower = follower;
    }

    // ---- a full load ---------------------------------------------------------------------------------------

    /**
     * Reads outlets, riders, batches, the role and the database's identity off the UI thread, in one transaction,
     * and shows exactly them; a failure keeps the old rows and says why. A load that finds another database than
     * the rows on screen came from says so.
     */
    void load() {
        load(false);
    }

    /**
     * @param asRead true for a reload the dispatcher asked for (F5): the rows read replace what is shown even where
     *               a version went backwards; otherwise a row shown in a newer version (a live update that overtook
     *               this load) stays
     */
    void load(boolean asRead) {
        long load = ++loads;
        changedWhileLoading = new java.util.HashSet<>();
        status.say("Loading riders and batches…");
        loading.set("Loading riders and batches…");
        int[] counted = {0, 0};
        // The riders first, then the batches part by part, each part in one UI pulse; the end makes the screen
        // exactly what was read (rows changed on screen meanwhile excepted: they are newer than the read).
        status.tasks().task(() -> services.queries().consoleSnapshot(LOAD_PART, new QueryService.SnapshotParts() {
                    @Override
                    public void head(ConsoleSnapshot head, int batchCount) {
                        ui.onUiThread(() -> {
                            if (load == loads) {
                                counted[1] = batchCount;
                                showHead(head, asRead);
                                sayLoading(0, batchCount);
                            }
                        });
                    }

                    @Override
                    public void batches(List<BatchRow> part) {
                        ui.onUiThread(() -> {
                            if (load == loads) {
                                counted[0] += part.size();
                                batches.upsert(scopedBatches(part));
                                sayLoading(counted[0], Math.max(counted[0], counted[1]));
                            }
                        });
                    }
                }))
                .onSuccess(snapshot -> {
                    if (load == loads) {
                        show(snapshot, asRead);
                    }
                })
                .onFailure(failure -> {
                    if (load == loads) {
                        loadEnded();
                    }
                    status.failed(failure);
                })
                .start();
    }

    private void sayLoading(int batchesRead, int batchCount) {
        loading.set(String.format("Loading… %,d of %,d batches", batchesRead, batchCount));
    }

    private void loadEnded() {
        loading.set("");
        changedWhileLoading = null;
    }

    private void showHead(ConsoleSnapshot head, boolean asRead) {
        shownDatabase.arrived(head.identity()).ifPresent(this::replacedBy);
        sessionRole.set(head.role());
        canReview.set(head.canReview());
        outlets.setAll(head.outlets().stream().filter(o -> inScope(o.id())).toList());
        if (asRead) {
            riders.replaceAllAsRead(scopedRiders(head.riders()));
        } else {
            riders.replaceAll(withChangedWhileLoading(scopedRiders(head.riders()), riders, RiderRow::id));
        }
    }

    private void show(ConsoleSnapshot snapshot, boolean asRead) {
        shownDatabase.arrived(snapshot.identity()).ifPresent(this::replacedBy);
        sessionRole.set(snapshot.role());
        canReview.set(snapshot.canReview());
        outlets.setAll(snapshot.outlets().stream().filter(o -> inScope(o.id())).toList());
        if (asRead) {
            riders.replaceAllAsRead(scopedRiders(snapshot.riders()));
            batches.replaceAllAsRead(scopedBatches(snapshot.batches()));
        } else {
            riders.replaceAll(withChangedWhileLoading(scopedRiders(snapshot.riders()), riders, RiderRow::id));
            batches.replaceAll(withChangedWhileLoading(scopedBatches(snapshot.batches()), batches, BatchRow::id));
        }
        loadEnded();
        // Said with its time: the counts are of that moment; the tables and the tally keep up live after it.
        status.say("Loaded " + snapshot.riders().size() + " riders and " + snapshot.batches().size() + " batches at "
                + Formats.clock(java.time.Instant.now()) + "; changes since arrive live.");
        follower.reloaded();
    }

    /**
     * The rows read, plus the rows a change put on screen while the load was under way that the read did not see
     * (created after its snapshot): a load that ends later than a live update must not take that row away.
     */
    private <T> List<T> withChangedWhileLoading(List<T> read, RowStore<T> shown, java.util.function.Function<T, UUID> id) {
        if (changedWhileLoading == null || changedWhileLoading.isEmpty()) {
            return read;
        }
        Set<UUID> readIds = new java.util.HashSet<>();
        read.forEach(row -> readIds.add(id.apply(row)));
        List<T> all = new java.util.ArrayList<>(read);
        for (UUID changed : changedWhileLoading) {
            T row = shown.get(changed);
            if (row != null && !readIds.contains(changed)) {
                all.add(row);
            }
        }
        return all;
    }

    // ---- changes made here and elsewhere -------------------------------------------------------------------

    /** Rows read after a change this console made: replaced in place, keeping selection and sort order. */
    void changed(List<BatchRow> changedBatches, List<RiderRow> changedRiders) {
        if (changedWhileLoading != null) {
            changedBatches.forEach(row -> changedWhileLoading.add(row.id()));
            changedRiders.forEach(row -> changedWhileLoading.add(row.id()));
        }
        batches.upsert(scopedBatches(changedBatches));
        riders.upsert(scopedRiders(changedRiders));
        follower.changed(changedBatches);
    }

    /** Rows re-read after other consoles' changes, applied in place, keeping selection and sort order. */
    void applyRemote(List<BatchRow> changedBatches, List<RiderRow> changedRiders, Collection<UUID> ordersChanged) {
        changed(changedBatches, changedRiders);
        follower.ordersChanged(ordersChanged);
        if (!ordersChanged.isEmpty()) {
            podChanges.set(podChanges.get() + 1);
        }
    }

    /**
     * After the feed was away: every row read again. From the same database, the screen becomes exactly those rows
     * (changed ones replaced in place; deleted ones, and ones that left this console's outlets, removed). From
     * another database, nothing of the old one may stay: the screen is emptied, says so, and loads from scratch.
     */
    void applyResync(AllRows all) {
        Optional<String> replaced = shownDatabase.arrived(all.identity());
        if (replaced.isPresent()) {
            replacedBy(replaced.get());
            load();
            return;
        }
        batches.sync(scopedBatches(all.batches()));
        riders.sync(scopedRiders(all.riders()));
        follower.reloaded();
        follower.changed(all.batches());
        status.say("Back in sync with the database.");
    }

    /**
     * Another database answers: every table, selection and outlet filter is emptied at once, so not one row of the
     * old database shows while the new one loads, and the dispatcher is told.
     */
    private void replacedBy(String text) {
        follower.replaced();
        filter.outletProperty().set(null);
        batches.replaceAll(List.of());
        riders.replaceAll(List.of());
        outlets.clear();
        status.notify(Notice.Level.WARNING, text);
        status.say("Reloading everything from a different database…");
    }

    // ---- the rows as the screen shows them -----------------------------------------------------------------

    /** The batch row on screen, or null. */
    public BatchRow batch(UUID id) {
        return batches.get(id);
    }

    /** The rider row on screen, or null. */
    public RiderRow rider(UUID id) {
        return riders.get(id);
    }

    /** The rows on screen of these batches, in the order asked; ids not on screen are left out. */
    public List<BatchRow> batches(List<UUID> ids) {
        return ids.stream().map(batches::get).filter(Objects::nonNull).toList();
    }

    /** The batches as the screen shows them now; take it before asking anything, and act on it afterwards. */
    public SeenRows see(List<UUID> ids) {
        Map<UUID, BatchRow> shown = new LinkedHashMap<>();
        batches(ids).forEach(row -> shown.put(row.id(), row));
        return new SeenRows(ids, shown);
    }

    private void applyFilter() {
        visibleBatches.setPredicate(filter.predicate());
        updateVisibleCount();
    }

    private void updateVisibleCount() {
        visibleCount.set(visibleBatches.size() + " of " + batches.rows().size() + " batches");
    }

    /** The outlets this console is scoped to; empty for all. */
    public Set<UUID> outletScope() {
        return outletScope;
    }

    private boolean inScope(UUID outletId) {
        return outletScope.isEmpty() || outletScope.contains(outletId);
    }

    private List<BatchRow> scopedBatches(List<BatchRow> rows) {
        return outletScope.isEmpty() ? rows : rows.stream().filter(b -> inScope(b.outletId())).toList();
    }

    private List<RiderRow> scopedRiders(List<RiderRow> rows) {
        return outletScope.isEmpty() ? rows
                : rows.stream().filter(r -> r.homeOutletId() == null || inScope(r.homeOutletId())).toList();
    }

    // ---- what the view binds to -----------------------------------------------------------------------------

    public ObservableList<RiderRow> riders() {
        return ridersView;
    }

    public ObservableList<BatchRow> allBatches() {
        return batchesView;
    }

    /** The batches the filter lets through, in the sort order the table (or whoever shows them) sets. */
    public SortedFilteredRows<BatchRow> visibleBatches() {
        return visibleBatches;
    }

    public ObservableList<OutletRow> outlets() {
        return outletsView;
    }

    /** What the filter bar edits. */
    public BatchFilter filter() {
        return filter;
    }

    /** What the bar above the riders table edits (the outlet is {@link #filter()}'s). */
    public RiderFilter riderFilter() {
        return riderFilter;
    }

    public ReadOnlyStringProperty statusCountsProperty() {
        return tally.textProperty();
    }

    /** While a load is under way, how far it got ("Loading… 12,000 of 50,000 batches"); empty otherwise. */
    public ReadOnlyStringProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty visibleCountProperty() {
        return visibleCount.getReadOnlyProperty();
    }

    /** "user (role)" of the database session: the operator's real identity and what it may do. */
    public ReadOnlyStringProperty sessionRoleProperty() {
        return sessionRole.getReadOnlyProperty();
    }

    /** Whether this operator's role may review PoDs; review actions are hidden otherwise. */
    public ReadOnlyBooleanProperty canReviewProperty() {
        return canReview.getReadOnlyProperty();
    }

    /** Counts bursts in which order lines (outcomes, PoDs, reviews) changed; open PoD windows reload on it. */
    public ReadOnlyIntegerProperty podChangesProperty() {
        return podChanges.getReadOnlyProperty();
    }

    /** Non-empty after the console found a different database than its rows came from; stays until dismissed. */
    public ReadOnlyStringProperty databaseReplacedProperty() {
        return shownDatabase.replacedProperty();
    }

    public void dismissDatabaseReplaced() {
        shownDatabase.dismiss();
    }
}
