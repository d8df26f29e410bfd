package com.dispatchconsole.ui.map;

import com.dispatchconsole.domain.geo.BaseMap;
import com.dispatchconsole.domain.geo.MapViewport;
import com.dispatchconsole.domain.rows.MapStop;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The map itself: a Web-Mercator pane drawn from the scene graph (no tiles, no internet). A plain base (grid and the
 * bundled base map) under the outlets, the riders at their last position (coloured by state, faded when the position
 * is stale, marked when they carry a late batch) and the selected batch's numbered stops with its rider's trail.
 *
 * <p>Live changes touch only the markers of the rows that changed: the rows' list changes mark ids, and one
 * hand-off after the burst updates those markers. Panning moves the drawn world as a whole; only a zoom or a new
 * size lays every marker out again.
 */
final class MapPane extends Pane {

    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass LATE = PseudoClass.getPseudoClass("late");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FITS = PseudoClass.getPseudoClass("drop-fits");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("drop-refused");
    private static final double PAN_STEP = 80;
    private static final double MAX_FIT_ZOOM = 16;

    private final MapViewModel model;
    private final MapPanel.Actions actions;
    private final Label hint;
    private final Label scale = new Label();
    private final Label message = new Label();
    private final BaseMap base = BaseMaps.demoCity();
    private final Group grid = new Group();
    private final Group world = new Group();
    private final Group baseLayer = new Group();
    private final Group routeLayer = new Group();
    private final Group outletLayer = new Group();
    private final Group riderLayer = new Group();
    private final Map<UUID, RiderRow> riders = new LinkedHashMap<>();
    private final Map<UUID, RiderMarker> riderMarkers = new HashMap<>();
    private final Map<UUID, OutletMarker> outletMarkers = new HashMap<>();
    private final Set<UUID> dirtyRiders = new HashSet<>();
    private boolean rebuildRiders;
    private boolean flushScheduled;
    private MapViewModel.LateMarks late = new MapViewModel.LateMarks(Map.of(), Map.of(), Set.of());
    private MapViewport viewport = new MapViewport(51.51, -0.12, 13, 0, 0);
    /** The viewport the world was last laid out for; a pan at the same zoom only moves the world. */
    private MapViewport laidOut;
    /** Until the dispatcher pans or zooms, the map fits what it shows as rows arrive. */
    private boolean autoFit = true;
    private double pressX;
    private double pressY;
    private UUID selectedRider;
    /** Counts how many times markers were laid out one by one (a whole layout counts as one): for tests. */
    private long markerUpdates;

    /** A route selected while the mouse was held on the batches: shown once that turns out to be a click. */
    private MapViewModel.Route revealAfterClick;

    MapPane(MapViewModel model, MapPanel.Actions actions, Label hint) {
        this.model = model;
        this.actions = actions;
        this.hint = hint;
        setId("map-pane");
        getStyleClass().add("map-pane");
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(600, 400);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        grid.setMouseTransparent(true);
        baseLayer.setMouseTransparent(true);
        // Stops on top: a rider's name never covers the stop a dispatcher clicks.
        world.getChildren().addAll(baseLayer, outletLayer, riderLayer, routeLayer);
        getChildren().addAll(grid, world);
        scale.setId("map-scale");
        scale.getStyleClass().add("map-scale");
        scale.setMouseTransparent(true);
        message.setId("map-message");
        message.getStyleClass().add("map-message");
        message.setMouseTransparent(true);

        model.riders().forEach(r -> riders.put(r.id(), r));
        model.riders().addListener((ListChangeListener<RiderRow>) this::ridersChanged);
        model.outlets().addListener((ListChangeListener<OutletRow>) c -> {
            drawOutlets();
            fitIfAuto();
        });
        model.lateChangesProperty().addListener((o, a, b) -> schedule(() -> { }));
        model.nowProperty().addListener((o, a, now) -> judgeAll(now));
        model.thresholds().addListener(o -> judgeAll(model.nowProperty().get()));
        model.routeProperty().addListener((o, was, route) -> {
            if (route != null && (was == null || !was.batch().id().equals(route.batch().id()))) {
                if (actions.holdingBatches().get()) {
                    // Perhaps the start of a drag onto a rider here: move the map only if it was just a click.
                    revealAfterClick = route;
                } else {
                    revealRoute(route);
                }
            }
            drawRoute();
        });
        actions.holdingBatches().addListener((o, was, holding) -> {
            MapViewModel.Route pending = revealAfterClick;
            revealAfterClick = null;
            if (!holding && pending != null && !actions.lastPressDragged() && pending == model.routeProperty().get()) {
                revealRoute(pending);
            }
        });
        model.selectedRiderProperty().addListener((o, was, rider) -> select(rider == null ? null : rider.id()));
        widthProperty().addListener((o, a, b) -> resized());
        heightProperty().addListener((o, a, b) -> resized());
        installGestures();
        drawOutlets();
        rebuildRiders = true;
        flush();
    }

    Label scaleLabel() {
        return scale;
    }

    Label messageLabel() {
        return message;
    }

    long markerUpdates() {
        return markerUpdates;
    }

    // ---- the viewport ---------------------------------------------------------------------------------------

    private void resized() {
        viewport = viewport.resized(getWidth(), getHeight());
        if (!fitIfAuto()) {
            show(viewport);
        }
    }

    /** Zooms one step about the middle (the buttons and the keys). */
    void zoom(double steps) {
        autoFit = false;
        show(viewport.zoomAbout(steps, getWidth() / 2, getHeight() / 2));
    }

    /** Shows every outlet and rider with a position (the base map when there are none). */
    void fitAll() {
        show(viewport.fit(everything(), 40, MAX_FIT_ZOOM));
    }

    /**
     * Fits everything while the map has not shown any row yet and the dispatcher has not moved it; once rows are
     * shown, live changes never move the map under the dispatcher's eyes.
     */
    private boolean fitIfAuto() {
        if (!autoFit || getWidth() <= 0 || getHeight() <= 0) {
            return false;
        }
        fitAll();
        if (!riderMarkers.isEmpty() || !outletMarkers.isEmpty()) {
            autoFit = false;
        }
        return true;
    }

    private List<MapViewport.LatLon> everything() {
        List<MapViewport.LatLon> points = new ArrayList<>();
        for (OutletRow outlet : model.outlets()) {
            if (outlet.hasPosition()) {
                points.add(new MapViewport.LatLon(outlet.lat(), outlet.lon()));
            }
        }
        for (RiderRow rider : riders.values()) {
            if (rider.position() != null) {
                points.add(new MapViewport.LatLon(rider.position().lat(), rider.position().lon()));
            }
        }
        if (points.isEmpty()) {
            base.features().forEach(f -> points.addAll(f.points()));
        }
        return points;
    }

    private void show(MapViewport next) {
        viewport = next;
        if (laidOut != null && laidOut.zoom() == next.zoom() && laidOut.width() == next.width()
                && laidOut.height() == next.height()) {
            // A pan: the drawn world moves as a whole.
            MapViewport.Point origin = next.toScreen(laidOut.centreLat(), laidOut.centreLon());
            world.setTranslateX(origin.x() - next.width() / 2);
            world.setTranslateY(origin.y() - next.height() / 2);
        } else {
            laidOut = next;
            world.setTranslateX(0);
            world.setTranslateY(0);
            drawBase();
            outletMarkers.values().forEach(OutletMarker::place);
            riderMarkers.values().forEach(RiderMarker::place);
            drawRoute();
            markerUpdates++;
        }
        drawGrid();
        drawScale();
    }

    /** Where a position falls in the world group (laid out for {@link #laidOut}). */
    private MapViewport.Point at(double lat, double lon) {
        return (laidOut == null ? viewport : laidOut).toScreen(lat, lon);
    }

    // ---- gestures -------------------------------------------------------------------------------------------

    private void installGestures() {
        setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
            requestFocus();
        });
        setOnMouseDragged(e -> {
            autoFit = false;
            show(viewport.panBy(e.getX() - pressX, e.getY() - pressY));
            pressX = e.getX();
            pressY = e.getY();
        });
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                autoFit = false;
                show(viewport.zoomAbout(e.getDeltaY() > 0 ? 0.5 : -0.5, e.getX(), e.getY()));
            }
            e.consume();
        });
        setOnKeyPressed(e -> {
            KeyCode code = e.getCode();
            switch (code) {
                case PLUS, ADD, EQUALS -> zoom(1);
                case MINUS, SUBTRACT -> zoom(-1);
                case LEFT -> pan(PAN_STEP, 0);
                case RIGHT -> pan(-PAN_STEP, 0);
                case UP -> pan(0, PAN_STEP);
                case DOWN -> pan(0, -PAN_STEP);
                case DIGIT0, NUMPAD0, HOME -> fitAll();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        setOnDragOver(e -> {
            if (!actions.draggedBatches(e.getDragboard()).isEmpty()) {
                hint.setText("Drop the batch on a rider's marker to assign it.");
            }
            e.consume();
        });
        setOnDragExited(e -> resetHint());
    }

    private void pan(double dx, double dy) {
        autoFit = false;
        show(viewport.panBy(dx, dy));
    }

    private void resetHint() {
        hint.setText(MapPanel.IDLE_HINT);
        hint.pseudoClassStateChanged(FITS, false);
        hint.pseudoClassStateChanged(REFUSED, false);
    }

    // ---- the base: grid, districts, streets -----------------------------------------------------------------

    private void drawBase() {
        baseLayer.getChildren().clear();
        for (BaseMap.Feature feature : base.features()) {
            double[] xy = new double[feature.points().size() * 2];
            for (int i = 0; i < feature.points().size(); i++) {
                MapViewport.Point p = at(feature.points().get(i).lat(), feature.points().get(i).lon());
                xy[2 * i] = p.x();
                xy[2 * i + 1] = p.y();
            }
            Node shape = feature.closed() ? new Polygon(xy) : new Polyline(xy);
            shape.getStyleClass().add("map-" + feature.kind().name().toLowerCase());
            baseLayer.getChildren().add(shape);
            if (feature.kind() == BaseMap.Kind.DISTRICT && laidOut.zoom() >= 12.5) {
                MapViewport.Point centre = centre(xy);
                Text name = new Text(centre.x(), centre.y(), feature.name().toUpperCase());
                name.getStyleClass().add("map-district-name");
                name.setX(centre.x() - name.getLayoutBounds().getWidth() / 2);
                baseLayer.getChildren().add(name);
            } else if (feature.kind() == BaseMap.Kind.STREET && laidOut.zoom() >= 14.5 && xy.length >= 4) {
                Text name = new Text(xy[0] + 4, xy[1] - 3, feature.name());
                name.getStyleClass().add("map-street-name");
                boolean northSouth = Math.abs(xy[2] - xy[0]) < Math.abs(xy[3] - xy[1]);
                if (northSouth) {
                    double midY = (xy[1] + xy[3]) / 2;
                    name.setX(xy[0] + 4);
                    name.setY(midY);
                } else {
                    name.setX((xy[0] + xy[2]) / 2);
                }
                baseLayer.getChildren().add(name);
            }
        }
    }

    private static MapViewport.Point centre(double[] xy) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < xy.length; i += 2) {
            x += xy[i];
            y += xy[i + 1];
        }
        return new MapViewport.Point(x / (xy.length / 2.0), y / (xy.length / 2.0));
    }

    /** Lines every round number of metres (about every 120 px), in the pane's own coordinates. */
    private void drawGrid() {
        grid.getChildren().clear();
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double step = niceMetres(viewport.metresPerPixel() * 120);
        MapViewport.LatLon topLeft = viewport.toLatLon(0, 0);
        MapViewport.LatLon bottomRight = viewport.toLatLon(w, h);
        double latStep = step / 111_320.0;
        double lonStep = step / (111_320.0 * Math.cos(Math.toRadians(viewport.centreLat())));
        for (double lat = Math.floor(bottomRight.lat() / latStep) * latStep; lat <= topLeft.lat(); lat += latStep) {
            double y = viewport.toScreen(lat, viewport.centreLon()).y();
            grid.getChildren().add(gridLine(0, y, w, y));
        }
        for (double lon = Math.floor(topLeft.lon() / lonStep) * lonStep; lon <= bottomRight.lon(); lon += lonStep) {
            double x = viewport.toScreen(viewport.centreLat(), lon).x();
            grid.getChildren().add(gridLine(x, 0, x, h));
        }
    }

    private static Line gridLine(double x1, double y1, double x2, double y2) {
        Line line = new Line(x1, y1, x2, y2);
        line.getStyleClass().add("map-grid");
        return line;
    }

    private void drawScale() {
        double metres = niceMetres(viewport.metresPerPixel() * 100);
        double pixels = metres / viewport.metresPerPixel();
        scale.setText(metres >= 1000 ? (metres / 1000 == Math.floor(metres / 1000) ? (long) (metres / 1000) + " km"
                : metres / 1000 + " km") : (long) metres + " m");
        scale.setPrefWidth(pixels);
        scale.setMinWidth(pixels);
        scale.setMaxWidth(pixels);
    }

    /** 1, 2 or 5 times a power of ten, at most {@code metres}. */
    static double niceMetres(double metres) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(1, metres))));
        for (double factor : new double[] {5, 2, 1}) {
            if (factor * power <= metres) {
                return factor * power;
            }
        }
        return power;
    }

    // ---- outlets --------------------------------------------------------------------------------------------

    private void drawOutlets() {
        outletLayer.getChildren().clear();
        outletMarkers.clear();
        for (OutletRow outlet : model.outlets()) {
            if (outlet.hasPosition()) {
                OutletMarker marker = new OutletMarker(outlet);
                outletMarkers.put(outlet.id(), marker);
                outletLayer.getChildren().add(marker.node);
                marker.place();
                marker.judge();
            }
        }
    }

    private final class OutletMarker {
        final OutletRow outlet;
        final Group node = new Group();
        final Text late = new Text();
        final Tooltip tooltip = new Tooltip();

        OutletMarker(OutletRow outlet) {
            this.outlet = outlet;
            Rectangle square = new Rectangle(-7, -7, 14, 14);
            square.getStyleClass().add("map-outlet");
            Text name = new Text(10, 4, outlet.name());
            name.getStyleClass().add("map-outlet-name");
            late.getStyleClass().add("map-late-badge");
            late.setX(-7);
            late.setY(-11);
            node.getChildren().addAll(square, name, late);
            node.setId("map-outlet-" + outlet.id());
            Tooltip.install(square, tooltip);
        }

        void place() {
            MapViewport.Point p = at(outlet.lat(), outlet.lon());
            node.setLayoutX(p.x());
            node.setLayoutY(p.y());
        }

        void judge() {
            Integer lateCount = MapPane.this.late.byOutlet().get(outlet.id());
            late.setText(lateCount == null ? "" : "⚠ " + lateCount);
            tooltip.setText(outlet.name() + (outlet.address() == null ? "" : "\n" + outlet.address())
                    + (lateCount == null ? "" : "\n" + lateCount + " late unassigned batch" + (lateCount == 1 ? "" : "es")));
            node.pseudoClassStateChanged(LATE, lateCount != null);
        }
    }

    // ---- riders: only the changed ones, once per burst ------------------------------------------------------

    private void ridersChanged(ListChangeListener.Change<? extends RiderRow> c) {
        int size = 0;
        while (c.next()) {
            if (c.wasPermutated() || c.wasUpdated()) {
                continue;
            }
            size += c.getAddedSize() + c.getRemovedSize();
            for (RiderRow removed : c.getRemoved()) {
                riders.remove(removed.id());
                dirtyRiders.add(removed.id());
            }
            for (RiderRow added : c.getAddedSubList()) {
                riders.put(added.id(), added);
                dirtyRiders.add(added.id());
            }
        }
        if (size > 500) {
            rebuildRiders = true;
        }
        schedule(this::fitIfAuto);
    }

    /** One hand-off after the burst that changed the rows: the changed markers, the late marks, and then {@code after}. */
    private void schedule(Runnable after) {
        if (flushScheduled) {
            return;
        }
        flushScheduled = true;
        Platform.runLater(() -> {
            flush();
            after.run();
        });
    }

    private void flush() {
        flushScheduled = false;
        MapViewModel.LateMarks wasLate = late;
        late = model.lateMarks();
        Instant now = model.nowProperty().get();
        if (rebuildRiders) {
            rebuildRiders = false;
            dirtyRiders.clear();
            riderLayer.getChildren().clear();
            riderMarkers.clear();
            for (RiderRow rider : riders.values()) {
                update(rider.id(), now);
            }
        } else {
            for (UUID id : dirtyRiders) {
                update(id, now);
            }
            dirtyRiders.clear();
        }
        markerUpdates++;
        // Late marks move with the alerts: when they moved, every marker is judged again (a pseudo-class each).
        if (!late.equals(wasLate)) {
            riderMarkers.values().forEach(m -> m.judge(now));
            outletMarkers.values().forEach(OutletMarker::judge);
            drawRouteLateness();
        }
    }

    private void update(UUID id, Instant now) {
        RiderRow rider = riders.get(id);
        RiderMarker marker = riderMarkers.get(id);
        if (rider == null || rider.position() == null) {
            if (marker != null) {
                riderLayer.getChildren().remove(marker.node);
                riderMarkers.remove(id);
            }
            return;
        }
        if (marker == null) {
            marker = new RiderMarker(rider);
            riderMarkers.put(id, marker);
            riderLayer.getChildren().add(marker.node);
        }
        marker.show(rider, now);
    }

    private void judgeAll(Instant now) {
        riderMarkers.values().forEach(m -> m.judge(now));
    }

    private void select(UUID riderId) {
        RiderMarker old = selectedRider == null ? null : riderMarkers.get(selectedRider);
        if (old != null) {
            old.node.pseudoClassStateChanged(SELECTED, false);
        }
        selectedRider = riderId;
        RiderMarker now = riderId == null ? null : riderMarkers.get(riderId);
        if (now != null) {
            now.node.pseudoClassStateChanged(SELECTED, true);
            now.node.toFront();
        }
    }

    /** A rider's marker: a dot in the state's colour, the name, a late badge; a drop target for batches. */
    private final class RiderMarker {
        final Group node = new Group();
        final Circle dot = new Circle(7);
        final Text name = new Text();
        final Text badge = new Text();
        final Tooltip tooltip = new Tooltip();
        RiderRow rider;
        MapViewModel.RiderState state;

        RiderMarker(RiderRow rider) {
            this.rider = rider;
            node.setId("map-rider-" + rider.id());
            node.getStyleClass().add("map-rider");
            dot.getStyleClass().add("map-rider-dot");
            name.getStyleClass().add("map-rider-name");
            name.setMouseTransparent(true);
            name.setX(10);
            name.setY(4);
            badge.getStyleClass().add("map-late-badge");
            badge.setX(-4);
            badge.setY(-10);
            node.getChildren().addAll(dot, name, badge);
            Tooltip.install(dot, tooltip);
            tooltip.setOnShowing(e -> tooltip.setText(describe()));
            node.setOnMouseClicked(e -> {
                if (!actions.selectRider(this.rider.id())) {
                    message.setText(this.rider.name() + " is not in the riders table: its filter hides them.");
                } else {
                    message.setText("");
                }
                e.consume();
            });
            installDrop();
        }

        void show(RiderRow row, Instant now) {
            rider = row;
            MapViewModel.RiderState next = MapViewModel.state(row);
            if (next != state) {
                if (state != null) {
                    node.getStyleClass().remove(state.styleClass());
                }
                node.getStyleClass().add(next.styleClass());
                state = next;
            }
            name.setText(row.name());
            place();
            judge(now);
            node.pseudoClassStateChanged(SELECTED, row.id().equals(selectedRider));
        }

        void place() {
            RiderPosition p = rider.position();
            MapViewport.Point at = at(p.lat(), p.lon());
            node.setLayoutX(at.x());
            node.setLayoutY(at.y());
        }

        void judge(Instant now) {
            boolean stale = model.stale(rider, now);
            node.pseudoClassStateChanged(STALE, stale);
            Integer lateCount = late.byRider().get(rider.id());
            node.pseudoClassStateChanged(LATE, lateCount != null);
            String badgeText = lateCount == null ? "" : "⚠" + (lateCount > 1 ? lateCount : "");
            if (!badgeText.equals(badge.getText())) {
                badge.setText(badgeText);
            }
        }

        /** The tooltip's words, made as it shows (never on a tick or a burst). */
        String describe() {
            Instant now = model.nowProperty().get();
            Integer lateCount = late.byRider().get(rider.id());
            return rider.name() + " · " + state.label() + " · " + rider.load().activeBatches() + "/"
                    + rider.limits().maxActiveBatches() + " batches"
                    + (now == null ? "" : "\nPosition " + com.dispatchconsole.domain.ShortDuration.words(
                    rider.position().age(now)) + " old" + (model.stale(rider, now) ? " (stale)" : ""))
                    + (lateCount == null ? "" : "\n" + lateCount + " late batch" + (lateCount == 1 ? "" : "es"));
        }

        private void installDrop() {
            node.setOnDragOver(e -> {
                List<UUID> ids = actions.draggedBatches(e.getDragboard());
                if (!ids.isEmpty()) {
                    if (actions.canChange()) {
                        e.acceptTransferModes(TransferMode.MOVE);
                    }
                    MapPanel.Hint fit = actions.hint(ids, rider.id());
                    if (fit != null) {
                        node.pseudoClassStateChanged(FITS, fit.fits());
                        node.pseudoClassStateChanged(REFUSED, !fit.fits());
                        hint.setText(fit.text());
                        hint.pseudoClassStateChanged(FITS, fit.fits());
                        hint.pseudoClassStateChanged(REFUSED, !fit.fits());
                    }
                }
                e.consume();
            });
            node.setOnDragExited(e -> {
                node.pseudoClassStateChanged(FITS, false);
                node.pseudoClassStateChanged(REFUSED, false);
            });
            node.setOnDragDropped(e -> {
                List<UUID> ids = actions.draggedBatches(e.getDragboard());
                boolean accepted = !ids.isEmpty() && actions.canChange();
                if (accepted) {
                    UUID riderId = rider.id();
                    // Finish the drag gesture first; any dialog opens after it.
                    Platform.runLater(() -> actions.drop(ids, riderId));
                }
                node.pseudoClassStateChanged(FITS, false);
                node.pseudoClassStateChanged(REFUSED, false);
                resetHint();
                e.setDropCompleted(accepted);
                e.consume();
            });
        }
    }

    // ---- the selected batch's route -------------------------------------------------------------------------

    private final List<Node> routeLines = new ArrayList<>();

    private void drawRoute() {
        routeLayer.getChildren().clear();
        routeLines.clear();
        MapViewModel.Route route = model.routeProperty().get();
        if (route == null || laidOut == null) {
            if (route == null) {
                message.setText("");
            }
            return;
        }
        // The trail: where the rider has been, oldest first, ending at the rider.
        if (route.trail().size() > 1) {
            double[] xy = new double[route.trail().size() * 2];
            for (int i = 0; i < route.trail().size(); i++) {
                MapViewport.Point p = at(route.trail().get(i).lat(), route.trail().get(i).lon());
                xy[2 * i] = p.x();
                xy[2 * i + 1] = p.y();
            }
            Polyline trail = new Polyline(xy);
            trail.setId("map-trail");
            trail.getStyleClass().add("map-trail");
            trail.setMouseTransparent(true);
            routeLayer.getChildren().add(trail);
            for (int i = 0; i < xy.length; i += 2) {
                Circle point = new Circle(xy[i], xy[i + 1], 2.5);
                point.getStyleClass().add("map-trail-point");
                point.setMouseTransparent(true);
                routeLayer.getChildren().add(point);
            }
        }
        // The stops in sequence, from the outlet.
        List<MapStop> placed = route.stops().stream().filter(MapStop::hasPosition).toList();
        List<Double> line = new ArrayList<>();
        OutletMarker outlet = outletMarkers.get(route.batch().outletId());
        if (outlet != null) {
            MapViewport.Point p = at(outlet.outlet.lat(), outlet.outlet.lon());
            line.add(p.x());
            line.add(p.y());
        }
        for (MapStop stop : placed) {
            MapViewport.Point p = at(stop.lat(), stop.lon());
            line.add(p.x());
            line.add(p.y());
        }
        if (line.size() >= 4) {
            Polyline path = new Polyline(line.stream().mapToDouble(Double::doubleValue).toArray());
            path.setId("map-route");
            path.getStyleClass().add("map-route");
            path.setMouseTransparent(true);
            routeLines.add(path);
            routeLayer.getChildren().add(path);
        }
        for (MapStop stop : placed) {
            routeLayer.getChildren().add(stopMarker(stop));
        }
        int missing = route.stops().size() - placed.size();
        message.setText(missing == 0 ? "" : missing + " of " + route.stops().size()
                + " stops have no known position and are not drawn.");
        drawRouteLateness();
    }

    /** A newly selected batch whose stops or rider lie off screen: the map moves to show all of them. */
    private void revealRoute(MapViewModel.Route route) {
        List<MapViewport.LatLon> points = new ArrayList<>();
        route.stops().stream().filter(MapStop::hasPosition)
                .forEach(s -> points.add(new MapViewport.LatLon(s.lat(), s.lon())));
        RiderRow rider = route.riderId() == null ? null : riders.get(route.riderId());
        if (rider != null && rider.position() != null) {
            points.add(new MapViewport.LatLon(rider.position().lat(), rider.position().lon()));
        }
        boolean offScreen = points.stream().map(p -> viewport.toScreen(p.lat(), p.lon()))
                .anyMatch(p -> p.x() < 20 || p.y() < 20 || p.x() > getWidth() - 20 || p.y() > getHeight() - 20);
        if (offScreen && getWidth() > 0) {
            autoFit = false;
            show(viewport.fit(points, 40, MAX_FIT_ZOOM));
        }
    }

    private Node stopMarker(MapStop stop) {
        MapViewport.Point p = at(stop.lat(), stop.lon());
        Circle circle = new Circle(10);
        circle.getStyleClass().add("map-stop-dot");
        Label number = new Label(Integer.toString(stop.sequence()));
        number.getStyleClass().add("map-stop-number");
        StackPane marker = new StackPane(circle, number);
        marker.setId("map-stop-" + stop.sequence());
        marker.getStyleClass().addAll("map-stop", "map-stop-" + stop.outcome().name().toLowerCase());
        marker.setPrefSize(20, 20);
        marker.setMinSize(20, 20);
        marker.setMaxSize(20, 20);
        marker.relocate(p.x() - 10, p.y() - 10);
        Tooltip.install(marker, new Tooltip(stop.sequence() + ". " + stop.customerName() + "\n" + stop.deliveryAddress()
                + "\n" + com.dispatchconsole.ui.common.Labels.of(stop.outcome())));
        marker.setOnMouseClicked(e -> {
            actions.selectStop(stop.batchId(), stop.batchOrderId());
            e.consume();
        });
        return marker;
    }

    private void drawRouteLateness() {
        MapViewModel.Route route = model.routeProperty().get();
        boolean isLate = route != null && late.batches().contains(route.batch().id());
        routeLines.forEach(n -> n.pseudoClassStateChanged(LATE, isLate));
    }

}
