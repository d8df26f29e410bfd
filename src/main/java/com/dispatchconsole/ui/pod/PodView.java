package com.dispatchconsole.ui.pod;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.ui.common.NotificationArea;
import com.dispatchconsole.domain.pod.PhotoAddress;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.PodRow;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;

/** The PoD viewer: photos (loaded in the background), signature, where and when, flags, reviews, raw document. */
public final class PodView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PodViewModel model;
    private final VBox root = new VBox(10);
    private final Map<UUID, Image> decoded = new java.util.HashMap<>();

    public PodView(PodViewModel model) {
        this.model = model;
        root.getStyleClass().add("pod-viewer");
        root.setPadding(new Insets(14));
        Label title = new Label("Proof of delivery");
        title.getStyleClass().add("detail-title");
        title.setId("pod-title");
        FlowPane photos = new FlowPane(8, 8);
        photos.setId("pod-photos");
        StackPane signature = new StackPane();
        signature.setId("pod-signature");
        signature.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        VBox flags = new VBox(4);
        flags.setId("pod-flags");
        TreeView<String> tree = new TreeView<>();
        tree.setId("pod-json");
        tree.setPrefHeight(180);
        TitledPane raw = new TitledPane("Whole document", tree);
        raw.setExpanded(false);
        Label message = new Label();
        message.setId("pod-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());
        VBox unreadable = unreadable();

        model.rowProperty().addListener((o, a, row) -> {
            title.setText("Proof of delivery · " + row.customerName() + " · " + row.deliveryAddress());
            PodDocument document = model.documentProperty().get();
            fillFacts(facts, row, document);
            tree.setRoot(treeOf("document", document.json()));
            tree.getRoot().setExpanded(true);
            fillSignature(signature, document.signature());
        });
        model.photos().addListener((ListChangeListener<PodViewModel.Photo>) c -> {
            photos.getChildren().clear();
            model.photos().forEach(p -> photos.getChildren().add(photoTile(p)));
            if (model.photos().isEmpty()) {
                photos.getChildren().add(new Label("No photos."));
            }
        });
        model.flags().addListener((ListChangeListener<PodFlags.Flag>) c -> {
            flags.getChildren().clear();
            model.flags().forEach(f -> {
                Label flag = new Label("⚑ " + model.sentence(f));
                flag.getStyleClass().addAll("notice", "notice-warning");
                flags.getChildren().add(flag);
            });
        });

        VBox photoSection = section("Photos", photos);
        VBox signatureSection = section("Signature", signature);
        VBox detailSection = section("Details", facts);
        // An unreadable document has nothing to draw; its reviews stay, so a supervisor can still dispute it.
        for (javafx.scene.Node readableOnly : new javafx.scene.Node[] {photoSection, signatureSection, detailSection,
                flags, raw}) {
            readableOnly.visibleProperty().bind(model.readableProperty());
            readableOnly.managedProperty().bind(model.readableProperty());
        }
        root.getChildren().addAll(title, message, unreadable, photoSection, signatureSection, detailSection, flags,
                reviews(), raw);
    }

    /** Why the document cannot be read, and the document itself as stored. */
    private VBox unreadable() {
        Label reason = new Label();
        reason.setId("pod-unreadable");
        reason.setWrapText(true);
        reason.getStyleClass().addAll("notice", "notice-warning");
        reason.textProperty().bind(model.unreadableProperty());
        TextArea json = new TextArea();
        json.setId("pod-raw");
        json.setEditable(false);
        json.setPrefRowCount(14);
        json.getStyleClass().add("mono");
        json.textProperty().bind(model.rawDocumentProperty());
        VBox box = new VBox(6, reason, section("Document as stored", json));
        box.visibleProperty().bind(model.readableProperty().not());
        box.managedProperty().bind(model.readableProperty().not());
        return box;
    }

    /** The viewer with its own toasts: a refusal here is shown here, not in the console behind it. */
    public Parent root() {
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        return NotificationArea.over(scroll, model.notices());
    }

    private VBox reviews() {
        ListView<PodReview> list = new ListView<>(model.reviews());
        list.setId("pod-reviews");
        list.setPrefHeight(90);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PodReview review, boolean empty) {
                super.updateItem(review, empty);
                setText(empty || review == null ? null : TIME.format(review.reviewedAt()) + "  "
                        + review.verdict().name().toLowerCase() + " by " + review.reviewer()
                        + (review.note() == null ? "" : " — " + review.note()));
            }
        });
        TextField note = new TextField();
        note.setId("review-note");
        note.setPromptText("Note (required to dispute)");
        Button accept = new Button("Accept");
        accept.setId("review-accept");
        accept.setOnAction(e -> model.review(PodReview.Verdict.ACCEPTED, note.getText()));
        Button dispute = new Button("Dispute");
        dispute.setId("review-dispute");
        dispute.getStyleClass().add("danger");
        dispute.disableProperty().bind(note.textProperty().isEmpty());
        dispute.setOnAction(e -> model.review(PodReview.Verdict.DISPUTED, note.getText()));
        HBox.setHgrow(note, javafx.scene.layout.Priority.ALWAYS);
        HBox actions = new HBox(8, note, accept, dispute);
        // Hidden for roles that may not review; the database refuses the write anyway.
        actions.visibleProperty().bind(model.canReviewProperty());
        actions.managedProperty().bind(model.canReviewProperty());
        return section("Reviews", new VBox(6, list, actions));
    }

    private static VBox section(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        return new VBox(4, label, content);
    }

    /** Shown instead of an image whose address the viewer will not fetch. */
    static final String UNSAFE = "not loaded: unsafe address";

    private StackPane photoTile(PodViewModel.Photo photo) {
        Label status = new Label("Loading photo…");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        StackPane tile = new StackPane(status);
        tile.setPrefSize(PodViewModel.TILE_WIDTH, PodViewModel.TILE_HEIGHT);
        tile.getStyleClass().add("photo-tile");
        if (photo.stored().isPresent()) {
            showStored(tile, status, photo.stored().get());
            return tile;
        }
        if (!photo.safe()) {
            // No Image is made at all: creating one starts the fetch.
            status.setText(UNSAFE);
            status.setId("photo-unsafe");
            status.setTooltip(new Tooltip(shortAddress(photo.url())));
            return tile;
        }
        ImageView view = new ImageView();
        view.setFitWidth(220);
        view.setFitHeight(160);
        view.setPreserveRatio(true);
        tile.getChildren().add(view);
        Image image = image(photo.url());
        Runnable update = () -> {
            if (image.isError()) {
                status.setText("Could not load photo\n" + shortAddress(photo.url()));
                status.setId("photo-error");
            } else if (image.getProgress() >= 1) {
                status.setText("");
            }
        };
        image.errorProperty().addListener((o, a, b) -> update.run());
        image.progressProperty().addListener((o, a, b) -> update.run());
        update.run();
        view.setImage(image);
        return tile;
    }

    /**
     * A photo stored in the database: the view model reads it in the background; the tile draws it when it
     * arrives, or says in words why not (no such photo here, it could not be read, or it cannot be drawn).
     */
    private void showStored(StackPane tile, Label status, UUID id) {
        ImageView view = new ImageView();
        view.setFitWidth(PodViewModel.TILE_WIDTH);
        view.setFitHeight(PodViewModel.TILE_HEIGHT);
        view.setPreserveRatio(true);
        tile.getChildren().add(view);
        Consumer<PodViewModel.StoredImage> show = state -> {
            if (state instanceof PodViewModel.Shown shown) {
                Image image = decoded(shown);
                if (image.isError()) {
                    status.setText("Photo " + ShortId.of(id) + " is stored (" + shown.photo().contentType()
                            + ") but cannot be drawn.");
                    status.setId("photo-error");
                    return;
                }
                view.setImage(image);
                view.setId("photo-stored");
                status.setText("");
                Tooltip.install(tile, new Tooltip(shown.photo().contentType() + ", "
                        + (shown.photo().sizeBytes() + 1023) / 1024 + " KB, uploaded by " + shown.photo().uploadedBy()
                        + " at " + TIME.format(shown.photo().uploadedAt())));
            } else if (state instanceof PodViewModel.NotShown notShown) {
                view.setImage(null);
                status.setText(notShown.sentence());
                status.setId(notShown.missing() ? "photo-missing" : "photo-error");
            }
        };
        MapChangeListener<UUID, PodViewModel.StoredImage> arrived = change -> {
            if (change.wasAdded() && change.getKey().equals(id)) {
                show.accept(change.getValueAdded());
            }
        };
        // Tiles are made again on every reload: the map holds them weakly, the tile holds its own listener.
        tile.getProperties().put(MapChangeListener.class, arrived);
        model.storedImages().addListener(new WeakMapChangeListener<>(arrived));
        PodViewModel.StoredImage already = model.storedImages().get(id);
        if (already != null) {
            show.accept(already);
        }
    }

    /**
     * A stored photo drawn at tile size, decoded once per viewer: tiles are made again on every reload, and a stored
     * photo never changes.
     */
    private Image decoded(PodViewModel.Shown shown) {
        return decoded.computeIfAbsent(shown.photo().id(), id -> new Image(
                new java.io.ByteArrayInputStream(shown.content().bytes()), PodViewModel.TILE_WIDTH,
                PodViewModel.TILE_HEIGHT, true, true));
    }

    /** A data: URL is decoded here (the picture is in the document); an https one loads in the background. */
    private static Image image(String url) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return PhotoAddress.inlineImage(url)
                    .map(bytes -> new Image(new java.io.ByteArrayInputStream(bytes), 220, 160, true, true))
                    .orElseGet(() -> new Image(new java.io.ByteArrayInputStream(new byte[0]), 220, 160, true, true));
        }
        return new Image(url, 220, 160, true, true, true);
    }

    /** A data URL is the whole picture in text; the tile shows its start. */
    private static String shortAddress(String url) {
        return url.length() <= 80 ? url : url.substring(0, 77) + "...";
    }

    private void fillSignature(StackPane pane, PodDocument.Signature signature) {
        pane.getChildren().clear();
        if (signature == null) {
            pane.getChildren().add(new Label("No signature."));
            return;
        }
        if (signature.strokes() != null) {
            pane.getChildren().add(signaturePad(signature.strokes(), 300, 110));
        } else if (signature.imageUrl() != null) {
            pane.getChildren().add(photoTile(new PodViewModel.Photo(signature.imageUrl(), null)));
        }
    }

    /**
     * The strokes as lines on a pad, scaled to fit and keeping their proportions. Paper and ink are the theme's
     * ({@code .signature-pad}, {@code .signature-stroke}), so the light theme reaches them too.
     */
    private static Pane signaturePad(List<List<PodDocument.Point>> strokes, double width, double height) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (List<PodDocument.Point> stroke : strokes) {
            for (PodDocument.Point p : stroke) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
        }
        double scale = Math.min((width - 10) / Math.max(1, maxX - minX), (height - 10) / Math.max(1, maxY - minY));
        Pane pad = new Pane();
        pad.setId("signature-canvas");
        pad.getStyleClass().add("signature-pad");
        pad.setMinSize(width, height);
        pad.setPrefSize(width, height);
        pad.setMaxSize(width, height);
        for (List<PodDocument.Point> stroke : strokes) {
            Polyline line = new Polyline();
            line.getStyleClass().add("signature-stroke");
            for (PodDocument.Point p : stroke) {
                line.getPoints().addAll(5 + (p.x() - minX) * scale, 5 + (p.y() - minY) * scale);
            }
            pad.getChildren().add(line);
        }
        return pad;
    }

    private static void fillFacts(GridPane grid, PodRow row, PodDocument document) {
        grid.getChildren().clear();
        int r = 0;
        r = fact(grid, r, "Outcome", row.outcome().name().toLowerCase()
                + (row.completedAt() == null ? "" : " at " + TIME.format(row.completedAt())));
        r = fact(grid, r, "Delivery type", Labels.of(orElse(document.deliveryType(), "")));
        r = fact(grid, r, "Recipient", orElse(document.recipientName(), "—"));
        r = fact(grid, r, "Notes", orElse(document.notes(), "—"));
        PodDocument.Coordinates coordinates = document.coordinates();
        r = fact(grid, r, "Position", coordinates == null ? "—" : String.format("%.5f, %.5f%s",
                coordinates.lat(), coordinates.lon(), coordinates.accuracyMetres() == null ? ""
                        : " ±" + number(coordinates.accuracyMetres()) + " m"));
        Double metres = PodFlags.distanceToAddress(document, row.addressLat(), row.addressLon());
        r = fact(grid, r, "Distance to address", metres == null ? "unknown (no address position)"
                : Math.round(metres) + " m");
        if (metres != null) {
            grid.add(com.dispatchconsole.ui.map.DistanceMap.create(row.addressLat(), row.addressLon(),
                    coordinates.lat(), coordinates.lon(), metres), 1, r++);
        }
        r = fact(grid, r, "Arrived / delivered", time(document.arrivedAt()) + " / " + time(document.deliveredAt()));
        fact(grid, r, "Latest verdict", row.latestVerdict() == null ? "not reviewed" : row.latestVerdict().toLowerCase());
    }

    private static String orElse(String value, String absent) {
        return value == null ? absent : value;
    }

    /** 8, not 8.0: the accuracy as a device writes it. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String time(OffsetDateTime value) {
        return value == null ? "—" : TIME.format(value.toInstant());
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("muted");
        Label text = new Label(value);
        text.setWrapText(true);
        text.setId("pod-fact-" + name.toLowerCase().replaceAll("[^a-z]+", "-"));
        grid.addRow(row, key, text);
        return row + 1;
    }

    /** A collapsible tree of any JSON, so fields the viewer does not know are still readable. */
    static TreeItem<String> treeOf(String name, JsonNode node) {
        if (node == null) {
            return new TreeItem<>(name + ": null");
        }
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(name + " {" + node.size() + "}");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                item.getChildren().add(treeOf(field.getKey(), field.getValue()));
            }
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(name + " [" + node.size() + "]");
            for (int i = 0; i < node.size(); i++) {
                item.getChildren().add(treeOf("[" + i + "]", node.get(i)));
            }
            return item;
        }
        return new TreeItem<>(name + ": " + node);
    }
}
