package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.common.Dialogs;
import com.dispatchconsole.ui.common.NotificationArea;
import com.dispatchconsole.ui.common.Theme;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Lays out the console and turns gestures into view-model calls; every decision is the view model's. */
public final class ConsoleView {

    static final String IDLE_HINT = "Drag a batch over a rider to see whether it fits.";

    private final ConsoleViewModel model;
    private final StackPane root = new StackPane();
    /** The batches table's least room, in rows: what a dispatcher needs to pick from (see batchesSection). */
    static final int BATCH_ROWS_KEPT = 8;
    private final Label dropHint = new Label();
    private final TableView<RiderRow> riders;
    private final RiderFinder riderFinder;
    private final TableView<BatchRow> batches;
    private final com.dispatchconsole.ui.alerts.AlertsView alerts;
    private final ToggleButton mapToggle = new ToggleButton("Map");
    private javafx.scene.Node map;
    private final com.dispatchconsole.ui.common.Detachable alertsPanel;
    private final com.dispatchconsole.ui.panels.ReviewQueuePanel reviewQueue;
    private final com.dispatchconsole.ui.notices.NotificationLogView notificationLog;
    private final com.dispatchconsole.ui.palette.CommandRegistry commands = new com.dispatchconsole.ui.palette.CommandRegistry();
    private final com.dispatchconsole.ui.palette.CommandPalette palette = new com.dispatchconsole.ui.palette.CommandPalette(commands);

    public ConsoleView(ConsoleViewModel model) {
        this.model = model;
        dropHint.setId("drop-hint");
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setMaxWidth(Double.MAX_VALUE);
        dropHint.setText(IDLE_HINT);
        riderFinder = new RiderFinder(model);
        riders = RidersTable.create(model, riderFinder, dropHint, this::dropped);
        batches = BatchesTable.create(model, this::act, this::assignSelectionToSelectedRider);
        batches.getColumns().add(1, com.dispatchconsole.ui.presence.PresenceView.column(model.presence()));
        LoadingPlaceholders.install(model.rows().loadingProperty(), riders, batches);
        alerts = new com.dispatchconsole.ui.alerts.AlertsView(model.alerts(),
                alert -> com.dispatchconsole.ui.alerts.AlertsView.reveal(alert, batches, riders));
        // Alerts and the review queue may leave for windows of their own (see ui.common.Detachable).
        alertsPanel = new com.dispatchconsole.ui.common.Detachable("alerts", "Alerts", alerts.panel())
                .shownBy(alerts.shownProperty()).labels("Window", com.dispatchconsole.ui.common.Detachable.DOCK);
        javafx.scene.Node alertsHide = alerts.panel().lookup("#alerts-hide");
        ((javafx.scene.layout.Pane) alertsHide.getParent()).getChildren().add(
                ((javafx.scene.layout.Pane) alertsHide.getParent()).getChildren().indexOf(alertsHide), alertsPanel.button());
        reviewQueue = new com.dispatchconsole.ui.panels.ReviewQueuePanel(model::reviewQueue, this::openPod,
                model.rows().podChangesProperty());
        notificationLog = new com.dispatchconsole.ui.notices.NotificationLogView(model.status().notificationLog());
        // The one timer of this window: every time on screen (Age, In status, Seen, Late by, alerts) redraws on it.
        com.dispatchconsole.ui.common.Ticker.whileShowing(root, model.clock()::tick);
        model.clock().start();

        BorderPane layout = new BorderPane();
        layout.getStyleClass().add("console");
        layout.setTop(new VBox(header(), banner(), toolbar()));
        SplitPane left = new SplitPane(ridersSection());
        // The map (issue 14): under the riders while the header's "Map" is pressed; made when first shown.
        left.setOrientation(Orientation.VERTICAL);
        mapToggle.setId("map-toggle");
        VBox detail = DetailPane.create(model.selection(), model.status(), this::act, this::recordOutcome, this::openPod);
        ((javafx.scene.layout.Pane) detail.lookup("#detail-actions")).getChildren().add(
                com.dispatchconsole.ui.followup.FollowUpView.redispatchButton(model.redispatch(), this::window));
        detail.getChildren().add(2, com.dispatchconsole.ui.presence.PresenceView.detailLine(model.presence(),
                model.selection().detail().batchProperty()));
        // The detail pane scrolls when the split leaves it less than it needs (a docked review queue, a short
        // window) rather than pushing the window's content past its edges: the batches table keeps its rows.
        javafx.scene.control.ScrollPane detailScroll = new javafx.scene.control.ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setFitToHeight(true);
        detailScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        detailScroll.setMinHeight(0);
        SplitPane right = new SplitPane(batchesSection(), detailScroll);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.52);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.52);
        VBox center = new VBox(split, reviewQueue.detachable().dock());
        mapPanel(left, center);
        VBox.setVgrow(split, Priority.ALWAYS);
        layout.setCenter(center);
        layout.setRight(alertsPanel.dock());
        layout.setBottom(statusBar());
        VBox notifications = NotificationArea.create(model.status().channel());
        // Top right under the header and filter bar, narrow: the detail pane's history below stays readable.
        notifications.setAlignment(Pos.TOP_RIGHT);
        notifications.getStyleClass().add("notifications-top");
        StackPane.setAlignment(notifications, Pos.TOP_RIGHT);
        StackPane.setMargin(notifications, new Insets(104, 16, 0, 0));
        root.getChildren().addAll(layout, notifications);
        com.dispatchconsole.ui.presence.PresenceView.trackDrags(root, model.presence(), DragIds::read);
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
        registerCommands();
    }

    /** The command palette's registry: add a command with {@code commands().add(title, shortcut, action)}. */
    public com.dispatchconsole.ui.palette.CommandRegistry commands() {
        return commands;
    }

    public Parent root() {
        return root;
    }

    /** Gives the console's scene its theme (dark until the dispatcher switches). */
    public static void style(Scene scene) {
        Theme.apply(scene);
    }

    // ---- layout --------------------------------------------------------------------------------------------

    private HBox header() {
        Label title = new Label("Dispatch Console");
        title.getStyleClass().add("title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label operator = new Label();
        operator.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Operator: " + model.operator()
                + (model.rows().sessionRoleProperty().get().isEmpty() ? "" : " · " + model.rows().sessionRoleProperty().get()),
                model.rows().sessionRoleProperty()));
        operator.getStyleClass().add("header-info");
        operator.setId("operator-label");
        Label database = new Label("Database: " + model.databaseLabel());
        database.getStyleClass().add("header-info");
        database.setId("database-label");
        ToggleButton light = new ToggleButton("Light theme");
        light.setId("theme-toggle");
        light.selectedProperty().addListener((o, was, isLight) -> {
            Scene scene = root.getScene();
            if (scene != null) {
                Theme.light(scene, isLight);
            }
        });
        Label live = new Label();
        live.setId("live-state");
        live.getStyleClass().add("live-state");
        model.status().liveStateProperty().addListener((o, was, state) -> showLiveState(live, state));
        showLiveState(live, model.status().liveStateProperty().get());
        javafx.scene.control.Button queue = new javafx.scene.control.Button("Review queue");
        queue.setId("open-review-queue");
        queue.visibleProperty().bind(model.rows().canReviewProperty());
        queue.managedProperty().bind(model.rows().canReviewProperty());
        queue.setOnAction(e -> openReviewQueue());
        javafx.scene.control.Button followUp = com.dispatchconsole.ui.followup.FollowUpView.headerButton(model.followUp(),
                this::openFollowUp);
        model.rows().podChangesProperty().addListener((o, a, b) -> model.followUp().changedElsewhere());
        model.followUp().load();
        HBox header = new HBox(14, title, live, alerts.badge(), spacer, operator, database, followUp, queue, light);
        header.getChildren().add(header.getChildren().indexOf(light), mapToggle);
        header.getChildren().add(header.getChildren().indexOf(light),
                notificationLog.button(this::window));
        javafx.scene.control.MenuButton reports = com.dispatchconsole.ui.reports.ReportsMenu.button(
                model.exports(), model::shiftSummary, batches, riders);
        header.getChildren().add(header.getChildren().indexOf(light), reports);
        // The palette runs the menu's own items (one home for each action).
        for (javafx.scene.control.MenuItem item : reports.getItems()) {
            if (item.getText() != null) {
                commands.add("Reports: " + item.getText(), "", item::fire);
            }
        }
        commands.add("Map: show / hide", "", () -> mapToggle.setSelected(!mapToggle.isSelected()));
        commands.add("Undo the latest change (while its notice offers Undo)", "Ctrl+Z", () -> model.undo().undoLatest());
        // Only who and where may shrink (to "…", the whole text in a tooltip): the title, the live state, the
        // alert count and every button keep their width however many buttons the header carries.
        for (javafx.scene.Node child : header.getChildren()) {
            if (child instanceof Region region && child != operator && child != database && child != spacer) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        operator.setMinWidth(60);
        database.setMinWidth(60);
        operator.setTooltip(new javafx.scene.control.Tooltip());
        operator.getTooltip().textProperty().bind(operator.textProperty());
        database.setTooltip(new javafx.scene.control.Tooltip(database.getText()));
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 16, 10, 16));
        return header;
    }

    private static void showLiveState(Label label, com.dispatchconsole.realtime.LiveState state) {
        label.getStyleClass().removeIf(c -> c.startsWith("live-") && !c.equals("live-state"));
        label.getStyleClass().add("live-" + state.status().name().toLowerCase());
        label.setText(switch (state.status()) {
            case LIVE -> "● Live";
            case CONNECTING -> "● Connecting…";
            case RECONNECTING -> "● Reconnecting since " + Formats.clock(state.since());
            case OFFLINE -> "● Offline since " + Formats.clock(state.since());
            case CATCHING_UP -> "● Catching up…";
        });
    }

    private VBox banner() {
        Label banner = new Label();
        banner.setId("database-banner");
        banner.getStyleClass().add("banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(model.status().bannerProperty());
        banner.visibleProperty().bind(model.status().databaseDownProperty());
        banner.managedProperty().bind(model.status().databaseDownProperty());
        Label replaced = new Label();
        replaced.setId("database-replaced");
        replaced.getStyleClass().addAll("banner", "banner-warning");
        replaced.setMaxWidth(Double.MAX_VALUE);
        replaced.setWrapText(true);
        replaced.setTooltip(new javafx.scene.control.Tooltip("Click to dismiss"));
        replaced.textProperty().bind(model.rows().databaseReplacedProperty());
        replaced.visibleProperty().bind(model.rows().databaseReplacedProperty().isNotEmpty());
        replaced.managedProperty().bind(replaced.visibleProperty());
        replaced.setOnMouseClicked(e -> model.rows().dismissDatabaseReplaced());
        return new VBox(banner, replaced);
    }

    private HBox toolbar() {
        HBox bar = FilterBar.create(model.rows());
        bar.setPadding(new Insets(8, 16, 8, 16));
        return bar;
    }

    private VBox ridersSection() {
        Label title = new Label("Riders");
        title.getStyleClass().add("section-title");
        Label help = new Label("Drag batches onto a rider to assign or reassign. Right-click a rider to change availability.");
        help.getStyleClass().add("muted");
        Label unassign = new Label("⇦  Drop batches here to unassign them");
        unassign.setId("unassign-zone");
        unassign.getStyleClass().add("unassign-zone");
        unassign.setMaxWidth(Double.MAX_VALUE);
        // Lit while batches are over it, once (drag-over events repeat), and plain again however the drag ends:
        // left, dropped here or elsewhere (the map), or cancelled with Esc (the drag's end reaches its source's
        // window, this one).
        Runnable plain = () -> unassign.getStyleClass().removeAll("drag-over");
        unassign.setOnDragOver(e -> {
            if (DragIds.carriesBatches(e.getDragboard()) && model.status().canChangeProperty().get()) {
                e.acceptTransferModes(TransferMode.MOVE);
                if (!unassign.getStyleClass().contains("drag-over")) {
                    unassign.getStyleClass().add("drag-over");
                }
            }
            e.consume();
        });
        unassign.setOnDragExited(e -> plain.run());
        root.addEventFilter(javafx.scene.input.DragEvent.DRAG_DONE, e -> plain.run());
        root.addEventFilter(javafx.scene.input.DragEvent.DRAG_DROPPED, e -> plain.run());
        unassign.setOnDragDropped(e -> {
            List<UUID> ids = DragIds.read(e.getDragboard());
            plain.run();
            e.setDropCompleted(!ids.isEmpty());
            e.consume();
            if (!ids.isEmpty()) {
                javafx.application.Platform.runLater(() -> {
                    if (goAheadThoughOthersDrag(ids, "Unassign")) {
                        model.commands().unassign(ids);
                    }
                });
            }
        });
        VBox box = new VBox(6, title, help, riderFinder.bar(), dropHint, riders, unassign);
        box.setPadding(new Insets(8));
        VBox.setVgrow(riders, Priority.ALWAYS);
        return box;
    }

    private VBox batchesSection() {
        Label title = new Label("Batches");
        title.getStyleClass().add("section-title");
        Label help = new Label("Select one or more (Shift/Ctrl); right-click or use the shortcuts for lifecycle actions.");
        help.getStyleClass().add("muted");
        VBox box = new VBox(6, title, help, batches);
        box.setPadding(new Insets(8));
        VBox.setVgrow(batches, Priority.ALWAYS);
        // Never fewer than eight rows (30 px each, console.css's cell size, under their ~28 px of column headers):
        // the split with the detail pane, a docked review queue or a remembered divider cannot squeeze it smaller.
        batches.setMinHeight(28 + BATCH_ROWS_KEPT * 30 + 2);
        return box;
    }

    private HBox statusBar() {
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("busy-indicator");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.status().busyProperty());
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(model.status().messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(model.rows().statusCountsProperty());
        HBox bar = new HBox(10, busy, message, spacer, counts);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 16, 6, 16));
        return bar;
    }

    // ---- gestures ------------------------------------------------------------------------------------------

    private void dropped(List<UUID> ids, UUID riderId) {
        if (!model.commands().checkCanChange()) {
            return;
        }
        // What the screen shows now is what the dispatcher decided on; the dialog below may take a while.
        SeenRows seen = model.rows().see(ids);
        String reason = null;
        // Another console drags it too: one question before the drop, or one line more in the reason dialog.
        String othersDrag = model.presence().dragWarning(ids);
        if (model.commands().dropNeedsReason(seen, riderId)) {
            RiderRow rider = model.rows().rider(riderId);
            Optional<String> answer = Dialogs.askReason(window(), "Reassign", (othersDrag == null ? "" : othersDrag + ". ")
                    + "Reassign " + describe(ids) + " to " + (rider == null ? "this rider" : rider.name()) + "?", "Reassign");
            if (answer.isEmpty()) {
                return;
            }
            reason = answer.get();
        } else if (!goAheadThoughOthersDrag(ids, "Assign")) {
            return;
        }
        model.commands().dropOnRider(seen, riderId, reason);
    }

    /** True unless another console drags one of {@code ids} and the dispatcher, asked once, leaves it to them. */
    private boolean goAheadThoughOthersDrag(List<UUID> ids, String verb) {
        String othersDrag = model.presence().dragWarning(ids);
        return othersDrag == null || com.dispatchconsole.ui.presence.PresenceView.confirmDrop(window(), othersDrag, verb);
    }

    private void act(LifecycleAction action) {
        if (!model.selection().allowedActionsProperty().get().contains(action)) {
            model.commands().explainRefusal(action);
            return;
        }
        SeenRows seen = model.selection().seeSelection();
        String reason = null;
        if (action.needsReason()) {
            List<UUID> ids = seen.ids();
            String verb = action.label().replace("…", "");
            // "Cancel batch" / "Keep batch": the buttons say what they do, and never both "Cancel".
            String what = ids.size() == 1 ? "batch" : ids.size() + " batches";
            Optional<String> answer = Dialogs.askReason(window(), verb,
                    verb + " " + describe(ids) + "? This cannot be undone.",
                    verb + " " + what, ids.size() == 1 ? "Keep batch" : "Keep batches");
            if (answer.isEmpty()) {
                return;
            }
            reason = answer.get();
        }
        model.commands().perform(action, seen, reason);
    }

    private void assignSelectionToSelectedRider() {
        RiderRow rider = model.selection().selectedRiderProperty().get();
        if (rider != null && !model.selection().selectedBatches().isEmpty()) {
            dropped(model.selection().selectedBatches().stream().map(BatchRow::id).toList(), rider.id());
        }
    }

    private void recordOutcome(BatchOrderRow order, OrderOutcome outcome) {
        BatchRow batch = model.selection().detail().batchProperty().get();
        if (batch == null || order == null) {
            return;
        }
        String reason = null;
        if (outcome == OrderOutcome.FAILED) {
            Optional<String> answer = Dialogs.askReason(window(), "Failed delivery",
                    "Mark the order for " + order.customerName() + " as failed?", "Mark failed");
            if (answer.isEmpty()) {
                return;
            }
            reason = answer.get();
        }
        model.commands().recordOutcome(batch.id(), order.orderId(), order.outcomeVersion(), outcome, reason);
    }

    private void openPod(BatchOrderRow order) {
        openPod(order.id());
    }

    private void openPod(UUID batchOrderId) {
        com.dispatchconsole.ui.pod.PodViewModel pod = model.podViewer(batchOrderId);
        openWindow("Proof of delivery", new com.dispatchconsole.ui.pod.PodView(pod).root(), 760, 820, pod::load);
    }

    private void openReviewQueue() {
        reviewQueue.open();
    }

    /** A second window styled like this one that reloads while it is open whenever orders change elsewhere. */
    private void openWindow(String title, Parent content, double width, double height, Runnable load) {
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.initOwner(window());
        stage.setTitle(title);
        Scene scene = new Scene(content, width, height);
        if (root.getScene() != null) {
            Theme.follow(root.getScene(), scene);
        } else {
            Theme.apply(scene);
        }
        stage.setScene(scene);
        com.dispatchconsole.ui.common.EscapeCloses.install(stage);
        javafx.beans.value.ChangeListener<Number> live = (o, a, b) -> load.run();
        model.rows().podChangesProperty().addListener(live);
        stage.setOnHidden(e -> model.rows().podChangesProperty().removeListener(live));
        stage.show();
        load.run();
    }

    private void openFollowUp() {
        com.dispatchconsole.ui.followup.FollowUpViewModel list = model.followUp();
        openWindow("Disputed deliveries", new com.dispatchconsole.ui.followup.FollowUpView(list, this::openPod).root(),
                1000, 560, list::load);
    }

    private void installShortcuts(Scene scene) {
        for (LifecycleAction action : LifecycleAction.values()) {
            scene.getAccelerators().put(KeyCombination.keyCombination(action.shortcut()), () -> act(action));
        }
        scene.getAccelerators().put(KeyCombination.keyCombination("Ctrl+R"), this::assignSelectionToSelectedRider);
        scene.getAccelerators().put(KeyCombination.keyCombination("F5"), model::reload);
        scene.getAccelerators().put(KeyCombination.keyCombination("Ctrl+Z"), model.undo()::undoLatest);
        scene.getAccelerators().put(KeyCombination.keyCombination(com.dispatchconsole.ui.followup.FollowUpView.REDISPATCH_SHORTCUT),
                () -> com.dispatchconsole.ui.followup.FollowUpView.askAndRedispatch(model.redispatch(), this::window));
        scene.getAccelerators().put(KeyCombination.keyCombination("Ctrl+F"), this::focusSearch);
        scene.getAccelerators().put(KeyCombination.keyCombination(com.dispatchconsole.ui.palette.CommandPalette.SHORTCUT),
                () -> palette.open(window()));
    }

    private void focusSearch() {
        Optional.ofNullable(root.lookup("#search-field")).ifPresent(javafx.scene.Node::requestFocus);
    }

    /**
     * Every console action in the command palette (Ctrl+K), each calling the same method its button, menu or
     * shortcut calls; the commands made from what was typed (go to batch, go to rider, outlet) come from
     * {@link ConsoleCommands}.
     */
    private void registerCommands() {
        commands.add("Assign / reassign the selected batches to the selected rider", "Ctrl+R",
                () -> ConsoleCommands.whyNotAssign(model), this::assignSelectionToSelectedRider);
        for (LifecycleAction action : LifecycleAction.values()) {
            commands.add(action.label(), action.shortcut(), () -> ConsoleCommands.whyNot(model, action), () -> act(action));
        }
        commands.add("Re-dispatch…", com.dispatchconsole.ui.followup.FollowUpView.REDISPATCH_SHORTCUT,
                () -> model.redispatch().possibleProperty().get() ? null
                        : "select one failed batch with undelivered orders first",
                () -> com.dispatchconsole.ui.followup.FollowUpView.askAndRedispatch(model.redispatch(), this::window));
        for (BatchView view : BatchView.values()) {
            commands.add("View: " + view.label(), "", () -> model.rows().filter().show(view));
        }
        for (com.dispatchconsole.domain.BatchStatus status : com.dispatchconsole.domain.BatchStatus.values()) {
            commands.add("Status filter: " + com.dispatchconsole.ui.common.Labels.of(status) + " (tick / untick)", "", () -> {
                if (!model.rows().filter().statuses().remove(status)) {
                    model.rows().filter().statuses().add(status);
                }
            });
        }
        commands.add("Search batches", "Ctrl+F", this::focusSearch);
        commands.add("Find a rider", "",
                () -> Optional.ofNullable(root.lookup("#rider-search")).ifPresent(javafx.scene.Node::requestFocus));
        commands.add("Reload everything from the database", "F5", model::reload);
        commands.add("Alerts panel: show / hide", "", () -> alerts.shownProperty().set(!alerts.shownProperty().get()));
        commands.add("Alerts: open in window / dock", "", () -> alertsPanel.button().fire());
        commands.add("Alert thresholds…", "", () -> ((javafx.scene.control.Button) alerts.panel()
                .lookup("#alerts-thresholds")).fire());
        commands.add("Review queue", "", model.rows().canReviewProperty(), "only a supervisor reviews deliveries",
                this::openReviewQueue);
        commands.add("Review queue: open in window / dock", "", model.rows().canReviewProperty(),
                "only a supervisor reviews deliveries", () -> {
                    reviewQueue.open();
                    reviewQueue.detachable().button().fire();
                });
        commands.add("Disputed deliveries", "", this::openFollowUp);
        commands.add("Notification log", "", () -> notificationLog.open(window()));
        commands.add("Theme: light / dark", "", () -> Optional.ofNullable(root.lookup("#theme-toggle"))
                .map(javafx.scene.control.ToggleButton.class::cast).ifPresent(t -> t.setSelected(!t.isSelected())));
        commands.addSource(ConsoleCommands.goToBatch(model, batches));
        commands.addSource(ConsoleCommands.goToRider(model, riders));
        commands.addSource(ConsoleCommands.outletFilters(model));
    }

    /**
     * The map (issue 14) as a panel that may leave for a window of its own: shown under the riders while the header's
     * "Map" is pressed and it is docked; its dock waits, empty and taking no room, under the tables otherwise (where
     * the panel layout finds it to put a remembered window back). The map itself is made when first shown.
     */
    private com.dispatchconsole.ui.common.Detachable mapPanel(SplitPane left, VBox waiting) {
        StackPane holder = new StackPane();
        holder.visibleProperty().bind(mapToggle.selectedProperty());
        com.dispatchconsole.ui.common.Detachable panel = new com.dispatchconsole.ui.common.Detachable("map", "Map", holder)
                .shownBy(mapToggle.selectedProperty());
        Runnable place = () -> {
            if (mapToggle.isSelected() && map == null) {
                map = com.dispatchconsole.ui.map.MapPanel.create(model.map(),
                        new MapActions(model, riders, batches, this::dropped));
                Optional.ofNullable(map.lookup(".map-bar")).map(javafx.scene.layout.Pane.class::cast)
                        .ifPresent(bar -> bar.getChildren().add(panel.button()));
                holder.getChildren().add(map);
            }
            boolean inSplit = mapToggle.isSelected() && !panel.isDetached();
            if (inSplit && !left.getItems().contains(panel.dock())) {
                waiting.getChildren().remove(panel.dock());
                left.getItems().add(panel.dock());
                left.setDividerPositions(0.4);
            } else if (!inSplit && left.getItems().contains(panel.dock())) {
                left.getItems().remove(panel.dock());
                waiting.getChildren().add(panel.dock());
            }
        };
        mapToggle.selectedProperty().addListener((o, was, now) -> place.run());
        panel.detachedProperty().addListener((o, was, now) -> place.run());
        waiting.getChildren().add(panel.dock());
        return panel;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static String describe(List<UUID> ids) {
        return ids.size() == 1 ? "batch " + ShortId.of(ids.get(0)) : ids.size() + " batches";
    }
}
