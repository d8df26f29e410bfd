package com.dispatchconsole.ui.pod;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.pod.PhotoAddress;
import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.domain.rows.PhotoContent;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.domain.rows.StoredPhoto;
import com.dispatchconsole.service.PhotoService;
import com.dispatchconsole.service.PodService;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Failures;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * One proof of delivery as the viewer shows it: the document, its flags, its reviews, and the review actions. A
 * document that cannot be read is shown as unreadable, with why and its raw JSON, and can still be reviewed.
 */
public final class PodViewModel {

    /** An image the document points at; {@link #safe()} decides whether the viewer may fetch it at all. */
    public record Photo(String url, OffsetDateTime takenAt) {

        /**
         * Whether the address may be fetched. A stored document can predate the rule (or come around the
         * validator), so the viewer asks again rather than trusting what is in the database.
         */
        public boolean safe() {
            return PhotoAddress.isSafe(url);
        }

        /**
         * The id of a photo stored in the database ({@code photo:<uuid>}): shown from {@link #storedImages()},
         * read through PhotoService, never fetched over the network. Empty for any other address.
         */
        public Optional<UUID> stored() {
            return PhotoAddress.storedPhoto(url);
        }
    }

    /** A stored photo as the viewer shows it, once read from the database. */
    public sealed interface StoredImage {
    }

    /** Read from the database, in a type the console can draw (PNG or JPEG): the view draws these bytes. */
    public record Shown(PhotoContent content) implements StoredImage {

        public StoredPhoto photo() {
            return content.photo();
        }
    }

    /**
     * Not shown, and why in words: no photo with that id here ({@code missing}), or it could not be read or is of
     * a type the console cannot draw.
     */
    public record NotShown(String sentence, boolean missing) implements StoredImage {
    }

    /** Photos are drawn at most this big: the size of a tile. */
    public static final double TILE_WIDTH = 220;
    public static final double TILE_HEIGHT = 160;

    /** Reloads (the viewer reloads whenever orders change elsewhere) answer in turn: only the latest is shown. */
    private static final String LOADING = "load";

    private final PodService pods;
    private final PhotoService photoStore;
    private final QueryService queries;
    private final BackgroundTasks tasks;
    private final UUID batchOrderId;
    private final ReadOnlyObjectWrapper<PodRow> row = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PodDocument> document = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> lateAfter = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Photo> photos = FXCollections.observableArrayList();
    private final ObservableList<PodFlags.Flag> flags = FXCollections.observableArrayList();
    private final ObservableList<PodReview> reviews = FXCollections.observableArrayList();
    private final ObservableList<Photo> photosView = FXCollections.unmodifiableObservableList(photos);
    private final ObservableList<PodFlags.Flag> flagsView = FXCollections.unmodifiableObservableList(flags);
    private final ObservableList<PodReview> reviewsView = FXCollections.unmodifiableObservableList(reviews);
    private final ObservableMap<UUID, StoredImage> storedImages = FXCollections.observableHashMap();
    private final ObservableMap<UUID, StoredImage> storedImagesView =
            FXCollections.unmodifiableObservableMap(storedImages);
    private final ReadOnlyBooleanWrapper canReview = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Loading…");
    private final ReadOnlyBooleanWrapper readable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper unreadable = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rawDocument = new ReadOnlyStringWrapper("");
    // The viewer's own channel: a refusal shows in the viewer's window, where the supervisor clicked.
    private final Notices notices = new Notices();

    public PodViewModel(PodService pods, PhotoService photos, QueryService queries, UiExecutor ui, UUID batchOrderId) {
        this.pods = pods;
        this.photoStore = photos;
        this.queries = queries;
        this.tasks = new BackgroundTasks(ui);
        this.batchOrderId = batchOrderId;
    }

    private record Loaded(PodRow row, List<PodReview> reviews, boolean canReview, String login,
                          ReviewSettings settings) {

        /** Recorded under this session's own login: the database would refuse a verdict, so none is offered. */
        boolean ownRecording() {
            return row.recordedBy() != null && row.recordedBy().equals(login);
        }
    }

    public void load() {
        tasks.task(() -> new Loaded(pods.get(batchOrderId), pods.reviews(batchOrderId), pods.canReview(),
                pods.sessionLogin(), queries.reviewSettings())).latestFor(LOADING).onFailure(this::failed).onSuccess(loaded -> {
            PodDocument read = PodDocument.read(loaded.row().document());
            // The unreadable state first: the view decides what to draw when the row arrives.
            readable.set(read.readable());
            unreadable.set(read.readable() ? "" : "Unreadable proof of delivery: " + read.problem());
            rawDocument.set(read.readable() ? "" : read.rawForDisplay());
            document.set(read);
            row.set(loaded.row());
            photos.setAll(read.photos().stream().map(p -> new Photo(p.url(), p.takenAt())).toList());
            loadStoredPhotos();
            // The threshold before the flags: the view words each flag with it when the flags arrive.
            Duration lateAfter = loaded.settings().lateAfter();
            this.lateAfter.set(lateAfter);
            flags.setAll(PodFlags.of(read, loaded.row().completedAt(), loaded.row().outForDeliveryAt(),
                    loaded.row().addressLat(), loaded.row().addressLon(), lateAfter));
            reviews.setAll(loaded.reviews());
            canReview.set(loaded.canReview() && !loaded.ownRecording());
            message.set(loaded.row().document() == null ? "No proof of delivery was recorded for this order."
                    : loaded.canReview() && loaded.ownRecording()
                    ? "You recorded this version (" + loaded.login() + "); another supervisor must judge it." : "");
        }).start();
    }

    /**
     * Reads the document's stored photos from the database, each in its own background call (a photo can be 5 MiB;
     * the JavaFX thread never waits for one). A photo already read is not read again on a reload: a stored photo
     * never changes.
     */
    private void loadStoredPhotos() {
        for (UUID id : photos.stream().flatMap(p -> p.stored().stream()).distinct().toList()) {
            if (storedImages.get(id) instanceof Shown) {
                continue;
            }
            tasks.task(() -> storedImage(id)).latestFor(id).onSuccess(image -> storedImages.put(id, image))
                    .onFailure(error -> {
                        Failures.log(error);
                        storedImages.put(id, new NotShown("Could not load photo " + ShortId.of(id) + ": "
                                + Failures.shown(error), false));
                    }).start();
        }
    }

    /** Runs off the JavaFX thread. */
    private StoredImage storedImage(UUID id) {
        Optional<PhotoContent> content = photoStore.find(id);
        if (content.isEmpty()) {
            return new NotShown("Photo " + ShortId.of(id) + " is not stored in this database.", true);
        }
        if (content.get().photo().type() == PhotoType.WEBP) {
            // JavaFX reads PNG and JPEG (and BMP, GIF), not WebP; the photo is kept and served as uploaded.
            return new NotShown("Photo " + ShortId.of(id) + " is stored as a WebP image, which the console cannot "
                    + "draw.", false);
        }
        return new Shown(content.get());
    }

    /**
     * Accept or dispute the version on screen; a dispute needs a note. The database refuses it for roles that may
     * not review, for the supervisor who recorded it, and when a newer version was recorded meanwhile.
     */
    public void review(PodReview.Verdict verdict, String note) {
        PodRow shown = row.get();
        if (shown == null) {
            return;
        }
        tasks.task(() -> pods.review(batchOrderId, shown.version(), verdict, note)).onSuccess(fresh -> {
            reviews.setAll(fresh);
            message.set("Review saved: " + verdict.name().toLowerCase() + ".");
            notices.notify(Notice.Level.SUCCESS, message.get());
        }).onFailure(this::failed).start();
    }

    private void failed(DispatchException error) {
        message.set(error.sentence());
        notices.failed(error);
    }

    /** What the viewer tells the supervisor: review saved, or why a load or a review was refused. */
    public Notices notices() {
        return notices;
    }

    /** True while the viewer is loading or saving. */
    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public ReadOnlyObjectProperty<PodRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** The document on screen; unreadable ones have no typed fields and an empty {@link PodDocument#json()}. */
    public ReadOnlyObjectProperty<PodDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ObservableList<Photo> photos() {
        return photosView;
    }

    /**
     * The stored photos read so far, by id: {@link Shown} or {@link NotShown}; a photo not in it yet is still
     * loading.
     */
    public ObservableMap<UUID, StoredImage> storedImages() {
        return storedImagesView;
    }

    public ObservableList<PodFlags.Flag> flags() {
        return flagsView;
    }

    /** The control room's late-after threshold the flags on screen were raised with; null before the first load. */
    public ReadOnlyObjectProperty<Duration> lateAfterProperty() {
        return lateAfter.getReadOnlyProperty();
    }

    /** What a flag on screen means, in words, with the threshold it was raised with. */
    public String sentence(PodFlags.Flag flag) {
        return flag.sentence(lateAfter.get());
    }

    public ObservableList<PodReview> reviews() {
        return reviewsView;
    }

    public ReadOnlyBooleanProperty canReviewProperty() {
        return canReview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** False when the stored document cannot be read; photos, signature and details are then not drawn. */
    public ReadOnlyBooleanProperty readableProperty() {
        return readable.getReadOnlyProperty();
    }

    /** "Unreadable proof of delivery: " and the sentence naming the field; empty when the document reads. */
    public ReadOnlyStringProperty unreadableProperty() {
        return unreadable.getReadOnlyProperty();
    }

    /** The unreadable document as stored, pretty-printed when it parses; empty when the document reads. */
    public ReadOnlyStringProperty rawDocumentProperty() {
        return rawDocument.getReadOnlyProperty();
    }
}
