package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.RowStore;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;

/**
 * Everything the console shows and every decision it makes: rows, filters, selection, what may be done to the
 * selection, and the calls to the services (always off the UI thread, through {@link UiExecutor}). After every
 * change, refused or not, the rows involved are read again so the screen never shows a stale lie.
 */
public final class ConsoleViewModel {

    static final String CANNOT_CHANGE = "The database cannot be reached: nothing can be changed until it is back.";

    private final DispatchServices services;
    private final Set<UUID> outletScope;
    private final UiExecutor ui;
    private final String operator;
    private final String databaseLabel;
    private final RowStore<RiderRow> riders = new RowStore<>(RiderRow::id);
    private final RowStore<BatchRow> batches = new RowStore<>(BatchRow::id);
    private final FilteredList<BatchRow> visibleBatches = new FilteredList<>(batches.rows());
    private final ObservableList<OutletRow> outlets = FXCollections.observableArrayList();
    private final BatchFilter filter = new BatchFilter();
    private final ObservableList<BatchRow> selectedBatches = FXCollections.observableArrayList();
    private final ObjectProperty<Set<LifecycleAction>> allowedActions =
            new SimpleObjectProperty<>(EnumSet.noneOf(LifecycleAction.class));
    private final ObjectProperty<RiderRow> selectedRider = new SimpleObjectProperty<>();
    private final BatchDetailModel detail;
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final IntegerProperty inFlight = new SimpleIntegerProperty();
    private final DatabaseBanner banner;
    private final StatusTally tally;
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty sessionRole = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty canReview = new javafx.beans.property.SimpleBooleanProperty();
    private final IntegerProperty podChanges = new SimpleIntegerProperty();
    private final StringProperty visibleCount = new SimpleStringProperty("");
    // CONNECTING until a feed says otherwise: a console without one (tests, tools) is not offline.
    private final ObjectProperty<LiveState> liveState = new SimpleObjectProperty<>(
            new LiveState(LiveState.Status.CONNECTING, Instant.now()));
    private final ReadOnlyBooleanWrapper canChange = new ReadOnlyBooleanWrapper(true);
    private final ShownDatabase shownDatabase = new ShownDatabase();

    public ConsoleViewModel(DispatchServices services, UiExecutor ui, String operator, String databaseLabel) {
        this(services, ui, operator, databaseLabel, Set.of());
    }

    /** @param outletScope outlets this console shows; empty for all */
    public ConsoleViewModel(DispatchServices services, UiExecutor ui, String operator, String databaseLabel,
                            Set<UUID> outletScope) {
        this.outletScope = Set.copyOf(outletScope);
        this.services = services;
        this.ui = ui;
        this.operator = operator;
        this.databaseLabel = databaseLabel;
        this.detail = new BatchDetailModel(services.queries(), ui, this::failed);
        filter.outletProperty().addListener((o, a, b) -> applyFilter());
        filter.textProperty().addListener((o, a, b) -> applyFilter());
        filter.statuses().addListener((SetChangeListener<BatchStatus>) c -> applyFilter());
        selectedBatches.addListener((ListChangeListener<BatchRow>) c -> selectionChanged());
        this.tally = new StatusTally(batches.rows());
        this.banner = new DatabaseBanner(services.queries(), ui, this::databaseBack);
        liveState.addListener((o, was, state) -> banner.feedState(state));
        banner.downProperty().addListener((o, was, down) -> {
            canChange.set(!down);
            selectionChanged();
        });
        visibleBatches.addListener((ListChangeListener<BatchRow>) c -> updateVisibleCount());
    }

    // ---- loading -------------------------------------------------------------------------------------------

    private record Snapshot(DatabaseIdentity identity, List<OutletRow> outlets, List<RiderRow> riders,
                            List<BatchRow> batches, String role, boolean canReview) {
    }

    /**
     * Reads outlets, riders and batches off the UI thread and shows exactly them; a failure keeps the old rows and
     * says why. A load that finds another database than the rows on screen came from says so.
     */
    public void load() {
        inFlight.set(inFlight.get() + 1);
        message.set("Loading riders and batches…");
        ui.submit(() -> new Snapshot(services.queries().identity(), services.queries().outlets(),
                services.queries().riders(), services.queries().batches(), services.queries().sessionRole(),
                services.pods().canReview()), snapshot -> {
            shownDatabase.arrived(snapshot.identity()).ifPresent(this::replacedBy);
            sessionRole.set(snapshot.role());
            canReview.set(snapshot.canReview());
            inFlight.set(inFlight.get() - 1);
            outlets.setAll(snapshot.outlets().stream().filter(o -> inScope(o.id())).toList());
            riders.replaceAll(scopedRiders(snapshot.riders()));
            batches.replaceAll(scopedBatches(snapshot.batches()));
            message.set("Loaded " + snapshot.riders().size() + " riders and " + snapshot.batches().size() + " batches.");
            forgetVanishedSelection();
            selectionChanged();
        }, error -> {
            inFlight.set(inFlight.get() - 1);
            failed(error);
        });
    }

    // ---- drag and drop -------------------------------------------------------------------------------------

    /**
     * The fit hint for dragging these batches over a rider; unknown ids or rider give no hint. While nothing can be
     * changed, the hint says so instead (and the rider does not take the drop).
     */
    public FitHint hint(List<UUID> batchIds, UUID riderId) {
        if (!canChange.get()) {
            return new FitHint(false, CANNOT_CHANGE);
        }
        RiderRow rider = riders.get(riderId);
        List<BatchRow> rows = rows(batchIds);
        return rider == null || rows.isEmpty() ? null : FitHint.evaluate(rows, rider);
    }

    /** The batches as the screen shows them now; take it before asking anything, and act on it afterwards. */
    public SeenRows see(List<UUID> batchIds) {
        return new SeenRows(batchIds, known(batchIds));
    }

    public SeenRows seeSelection() {
        return see(selectedBatches.stream().map(BatchRow::id).toList());
    }

    /** True when the drop would take a batch away from another rider, which needs a reason. */
    public boolean dropNeedsReason(List<UUID> batchIds, UUID riderId) {
        return dropNeedsReason(see(batchIds), riderId);
    }

    public boolean dropNeedsReason(SeenRows seen, UUID riderId) {
        return seen.rows().values().stream()
                .anyMatch(b -> b.status() == BatchStatus.ASSIGNED && !riderId.equals(b.riderId()));
    }

    /** Assigns CREATED batches and reassigns ASSIGNED ones (with the reason) to the rider they were dropped on. */
    public void dropOnRider(List<UUID> batchIds, UUID riderId, String reason) {
        dropOnRider(see(batchIds), riderId, reason);
    }

    /** As above, from the rows the screen showed when the dispatcher decided; a batch that moved since is refused. */
    public void dropOnRider(SeenRows seen, UUID riderId, String reason) {
        RiderRow rider = riders.get(riderId);
        String name = rider == null ? "rider " + ShortId.of(riderId) : rider.name();
        change("given to " + name, seen, List.of(riderId), id -> {
            BatchRow row = seen.row(id);
            if (row != null && row.status() != BatchStatus.CREATED && row.status() != BatchStatus.ASSIGNED) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(id) + " is "
                        + row.status() + "; only created or assigned batches can be given to a rider.");
            }
            if (row != null && riderId.equals(row.riderId())) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                        "Batch " + ShortId.of(id) + " is already with " + name + ".");
            }
            if (row != null && row.status() == BatchStatus.ASSIGNED) {
                return services.assignments().reassign(id, riderId, seen.expected(id), operator, reason);
            }
            return services.assignments().assign(id, riderId, seen.expected(id), operator);
        });
    }

    /** Assigns the selected batches to the rider selected in the riders table (the keyboard twin of a drop). */
    public boolean canAssignSelectionToSelectedRider() {
        return canChange.get() && selectedRider.get() != null && !selectedBatches.isEmpty();
    }

    /**
     * Whether anything can be changed now; if not, says why. Asked before a gesture opens a dialog, so nobody
     * types a reason for a change that cannot be made.
     */
    public boolean checkCanChange() {
        if (!canChange.get()) {
            notify(Notice.Level.WARNING, CANNOT_CHANGE);
        }
        return canChange.get();
    }

    public void unassign(List<UUID> batchIds) {
        perform(LifecycleAction.UNASSIGN, see(batchIds), null);
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------

    /** Applies a lifecycle move to the selected batches as they are on screen now. */
    public void perform(LifecycleAction action, String reason) {
        perform(action, seeSelection(), reason);
    }

    /** Applies a lifecycle move to the batches as the screen showed them when the dispatcher decided. */
    public void perform(LifecycleAction action, SeenRows seen, String reason) {
        change(action.label().replace("…", "").toLowerCase(), seen, List.of(), id -> {
            BatchRow row = seen.row(id);
            if (row != null) {
                // Refuse from the rows on screen before touching the database; the service checks again under lock.
                BatchTransitions.require(id, row.status(), action.target());
            }
            return services.assignments().transition(id, action.target(), seen.expected(id), operator, reason);
        });
    }

    /** Says why a move is not possible for the selection, from the rows on screen, without asking the database. */
    public void explainRefusal(LifecycleAction action) {
        if (!checkCanChange()) {
            return;
        }
        if (selectedBatches.isEmpty()) {
            notify(Notice.Level.WARNING, "Select a batch first.");
            return;
        }
        for (BatchRow row : selectedBatches) {
            try {
                BatchTransitions.require(row.id(), row.status(), action.target());
            } catch (DispatchException refusal) {
                notify(Notice.Level.ERROR, refusal.sentence());
            }
        }
    }

    /** @param outcomeVersionSeen the outcome version the detail pane showed for the order (0: none yet) */
    public void recordOutcome(UUID batchId, UUID orderId, int outcomeVersionSeen, OrderOutcome outcome, String reason) {
        if (!checkCanChange()) {
            return;
        }
        inFlight.set(inFlight.get() + 1);
        ui.submit(() -> {
            services.batches().recordOutcome(batchId, orderId, Expected.version(outcomeVersionSeen), outcome, reason,
                    null, operator);
            return services.queries().batch(batchId);
        }, row -> {
            inFlight.set(inFlight.get() - 1);
            batches.upsert(List.of(row));
            detail.show(row);
            notify(Notice.Level.SUCCESS, "Order " + ShortId.of(orderId) + " marked " + outcome.name().toLowerCase() + ".");
        }, error -> {
            inFlight.set(inFlight.get() - 1);
            failed(error);
        });
    }

    public void setAvailability(UUID riderId, Availability availability) {
        if (!checkCanChange()) {
            return;
        }
        inFlight.set(inFlight.get() + 1);
        RiderRow shown = riders.get(riderId);
        Expected seen = shown == null ? Expected.ANY : Expected.version(shown.version());
        ui.submit(() -> services.fleet().setAvailability(riderId, availability, seen, operator), row -> {
            inFlight.set(inFlight.get() - 1);
            riders.upsert(List.of(row));
            notify(Notice.Level.SUCCESS, row.name() + " is now " + Labels.of(availability).toLowerCase() + ".");
        }, error -> {
            inFlight.set(inFlight.get() - 1);
            failed(error);
            refreshRiders(List.of(riderId));
        });
    }

    // ---- the one path every batch change takes -------------------------------------------------------------

    private void change(String verb, SeenRows seen, Collection<UUID> alsoRefreshRiders, Function<UUID, BatchRow> call) {
        List<UUID> batchIds = seen.ids();
        if (batchIds.isEmpty() || !checkCanChange()) {
            return;
        }
        Map<UUID, BatchRow> known = seen.rows();
        Set<UUID> ridersToRefresh = new LinkedHashSet<>(alsoRefreshRiders);
        known.values().stream().map(BatchRow::riderId).filter(Objects::nonNull).forEach(ridersToRefresh::add);
        inFlight.set(inFlight.get() + 1);
        message.set("Working: " + batchIds.size() + " batch" + (batchIds.size() == 1 ? "" : "es") + " " + verb + "…");
        ui.submit(() -> ChangeResult.collect(services.queries(), batchIds, known, ridersToRefresh, call), result -> {
            inFlight.set(inFlight.get() - 1);
            applyChange(verb, result);
        }, error -> {
            inFlight.set(inFlight.get() - 1);
            failed(error);
        });
    }

    private void applyChange(String verb, ChangeResult result) {
        if (result.fatal != null) {
            failed(result.fatal);
            return;
        }
        batches.upsert(result.freshBatches);
        riders.upsert(result.freshRiders);
        result.freshBatches.forEach(detail::refreshIfShowing);
        selectionChanged();
        String success = result.successText(verb);
        if (success != null) {
            notify(Notice.Level.SUCCESS, success);
        }
        result.refused.forEach(refusal -> notify(Notice.Level.ERROR, refusal.text()));
        message.set(result.summary());
    }

    private void refreshRiders(Collection<UUID> ids) {
        ui.submit(() -> services.queries().riders(ids), riders::upsert, error -> { });
    }

    // ---- changes made elsewhere (the live feed) --------------------------------------------------------------

    /** Applies rows re-read after other consoles' changes, in place, keeping selection and sort order. */
    public void applyRemote(List<BatchRow> changedBatches, List<RiderRow> changedRiders, Collection<UUID> ordersChanged) {
        batches.upsert(scopedBatches(changedBatches));
        riders.upsert(scopedRiders(changedRiders));
        changedBatches.forEach(detail::refreshIfShowing);
        ordersChanged.forEach(detail::reloadIfShowing);
        if (!ordersChanged.isEmpty()) {
            podChanges.set(podChanges.get() + 1);
        }
    }

    /**
     * After the feed was away: every row read again. From the same database, the screen becomes exactly those rows
     * (changed ones replaced in place; deleted ones, and ones that left this console's outlets, removed). From
     * another database, nothing of the old one may stay: the screen is emptied, says so, and loads from scratch.
     */
    public void applyResync(AllRows all) {
        Optional<String> replaced = shownDatabase.arrived(all.identity());
        if (replaced.isPresent()) {
            replacedBy(replaced.get());
            load();
            return;
        }
        batches.sync(scopedBatches(all.batches()));
        riders.sync(scopedRiders(all.riders()));
        forgetVanishedSelection();
        selectionChanged();
        all.batches().forEach(detail::refreshIfShowing);
        message.set("Back in sync with the database.");
    }

    /**
     * Another database answers: every table, selection and outlet filter is emptied at once, so not one row of the
     * old database shows while the new one loads, and the dispatcher is told.
     */
    private void replacedBy(String text) {
        selectedBatches.clear();
        selectedRider.set(null);
        filter.outletProperty().set(null);
        detail.show(null);
        batches.replaceAll(List.of());
        riders.replaceAll(List.of());
        outlets.clear();
        notify(Notice.Level.WARNING, text);
        message.set("Reloading everything from a different database…");
    }

    /** A selected row that is no longer on screen (deleted, out of scope, another database) is not selected. */
    private void forgetVanishedSelection() {
        selectedBatches.removeIf(b -> batches.get(b.id()) == null);
        if (selectedRider.get() != null && riders.get(selectedRider.get().id()) == null) {
            selectedRider.set(null);
        }
    }

    // ---- failures ------------------------------------------------------------------------------------------

    private void failed(DispatchException error) {
        message.set(error.sentence());
        if (error.code() == ErrorCode.DATABASE_UNAVAILABLE) {
            banner.raise();
        } else {
            notify(Notice.Level.ERROR, error.sentence());
        }
    }

    private void databaseBack() {
        notify(Notice.Level.INFO, "The database is back; the screen has been reloaded.");
        load();
    }

    private void notify(Notice.Level level, String text) {
        notices.add(new Notice(level, text));
        if (notices.size() > 50) {
            notices.remove(0);
        }
    }

    // ---- selection and filters ------------------------------------------------------------------------------

    private void selectionChanged() {
        List<BatchRow> current = selectedBatches.stream().map(b -> Objects.requireNonNullElse(batches.get(b.id()), b)).toList();
        // While the database cannot be reached no move is offered: it could only end in a spinner and a failure.
        allowedActions.set(canChange.get() ? LifecycleAction.allowedFor(current) : EnumSet.noneOf(LifecycleAction.class));
        detail.show(current.size() == 1 ? current.get(0) : null);
    }

    private void applyFilter() {
        visibleBatches.setPredicate(filter.predicate());
        updateVisibleCount();
    }

    private void updateVisibleCount() {
        visibleCount.set(visibleBatches.size() + " of " + batches.rows().size() + " batches");
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

    private List<BatchRow> rows(List<UUID> ids) {
        return ids.stream().map(batches::get).filter(Objects::nonNull).toList();
    }

    private Map<UUID, BatchRow> known(List<UUID> ids) {
        Map<UUID, BatchRow> known = new HashMap<>();
        ids.forEach(id -> {
            BatchRow row = batches.get(id);
            if (row != null) {
                known.put(id, row);
            }
        });
        return known;
    }

    // ---- what the view binds to -----------------------------------------------------------------------------

    public ObservableList<RiderRow> riders() {
        return riders.rows();
    }

    public ObservableList<BatchRow> allBatches() {
        return batches.rows();
    }

    public FilteredList<BatchRow> visibleBatches() {
        return visibleBatches;
    }

    public ObservableList<OutletRow> outlets() {
        return outlets;
    }

    public BatchFilter filter() {
        return filter;
    }

    /** The view keeps this in step with the batch table's selection. */
    public ObservableList<BatchRow> selectedBatches() {
        return selectedBatches;
    }

    public ObjectProperty<RiderRow> selectedRiderProperty() {
        return selectedRider;
    }

    public ObjectProperty<Set<LifecycleAction>> allowedActionsProperty() {
        return allowedActions;
    }

    public BatchDetailModel detail() {
        return detail;
    }

    public ObservableList<Notice> notices() {
        return notices;
    }

    public IntegerProperty inFlightProperty() {
        return inFlight;
    }

    public BooleanProperty databaseDownProperty() {
        return banner.downProperty();
    }

    /** False while the database cannot be reached (a failed call, or the live feed OFFLINE): changes are refused. */
    public ReadOnlyBooleanProperty canChangeProperty() {
        return canChange.getReadOnlyProperty();
    }

    /** Non-empty after the console found a different database than its rows came from; stays until dismissed. */
    public StringProperty databaseReplacedProperty() {
        return shownDatabase.replacedProperty();
    }

    public void dismissDatabaseReplaced() {
        shownDatabase.dismiss();
    }

    public StringProperty bannerProperty() {
        return banner.textProperty();
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty statusCountsProperty() {
        return tally.textProperty();
    }

    public StringProperty visibleCountProperty() {
        return visibleCount;
    }

    /** "user (role)" of the database session: the operator's real identity and what it may do. */
    public StringProperty sessionRoleProperty() {
        return sessionRole;
    }

    /** Whether this operator's role may review PoDs; review actions are hidden otherwise. */
    public javafx.beans.property.BooleanProperty canReviewProperty() {
        return canReview;
    }

    /** Counts bursts in which order lines (outcomes, PoDs, reviews) changed; open PoD windows reload on it. */
    public IntegerProperty podChangesProperty() {
        return podChanges;
    }

    public com.dispatchconsole.ui.review.ReviewQueueViewModel reviewQueue() {
        return new com.dispatchconsole.ui.review.ReviewQueueViewModel(services.pods(), ui);
    }

    /** A view model for the PoD viewer of one order line. */
    public com.dispatchconsole.ui.pod.PodViewModel podViewer(UUID batchOrderId) {
        return new com.dispatchconsole.ui.pod.PodViewModel(services.pods(), ui, batchOrderId);
    }

    public ObjectProperty<LiveState> liveStateProperty() {
        return liveState;
    }

    public String operator() {
        return operator;
    }

    public String databaseLabel() {
        return databaseLabel;
    }

    public List<BatchRow> batchesOf(List<UUID> ids) {
        return new ArrayList<>(rows(ids));
    }
}
