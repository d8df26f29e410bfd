package com.dispatchconsole.ui.review;

import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.service.PodService;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** PoDs awaiting a supervisor's verdict, with their flags, filterable by flag, outlet, rider and date. */
public final class ReviewQueueViewModel {

    /**
     * One queue entry: the PoD and what a supervisor should look at twice; {@code problem} is why the document
     * cannot be read (null when it can); {@code lateAfter} the control room's threshold the flags were raised with.
     */
    public record Entry(PodRow pod, List<PodFlags.Flag> flags, String deliveryType, String problem,
                        Duration lateAfter) {

        public boolean unreadable() {
            return flags.contains(PodFlags.Flag.UNREADABLE);
        }

        /** The flags as the queue shows them; an unreadable document also says which field is wrong. */
        public String flagsText() {
            String text = flags.stream().map(f -> "⚑ " + f.shortLabel()).collect(Collectors.joining("  "));
            return problem == null ? text : text + ": " + problem;
        }

        /** What each flag means, one per line, e.g. "Delivered more than 45 min after the batch went out". */
        public String flagSentences() {
            return flags.stream().map(f -> f.sentence(lateAfter)).collect(Collectors.joining("\n"));
        }
    }

    /** One read of the queue: the PoDs and the settings they are flagged with, both read in the background. */
    private record Loaded(List<PodRow> rows, ReviewSettings settings) {
    }

    /** The flag filter: any entry, entries with some flag, or entries with one flag. */
    public enum FlagFilter {
        ALL("Any", null),
        FLAGGED("Any flag", null),
        FAR_FROM_ADDRESS(null, PodFlags.Flag.FAR_FROM_ADDRESS),
        NO_PHOTO(null, PodFlags.Flag.NO_PHOTO),
        LATE(null, PodFlags.Flag.LATE),
        UNREADABLE(null, PodFlags.Flag.UNREADABLE);

        private final String words;
        private final PodFlags.Flag flag;

        FlagFilter(String words, PodFlags.Flag flag) {
            this.words = words;
            this.flag = flag;
        }

        /** How the filter reads: a flag's own short label ("Far away", "No photo"), else "Any" / "Any flag". */
        public String label() {
            return flag == null ? words : flag.shortLabel();
        }

        boolean admits(Entry entry) {
            return switch (this) {
                case ALL -> true;
                case FLAGGED -> !entry.flags().isEmpty();
                default -> entry.flags().contains(flag);
            };
        }
    }

    /** The queue reloads whenever orders change elsewhere; only the latest read is shown. */
    private static final String LOADING = "load";

    private final PodService pods;
    private final QueryService queries;
    private final UiExecutor ui;
    private final BackgroundTasks tasks;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final FilteredList<Entry> visible = new FilteredList<>(entries);
    // Outward the filtered entries as a plain read-only list: the filter is the inputs', not the view's to set.
    private final ObservableList<Entry> visibleView = FXCollections.unmodifiableObservableList(visible);
    private final ObjectProperty<FlagFilter> flag = new SimpleObjectProperty<>(FlagFilter.ALL);
    private final StringProperty outlet = new SimpleStringProperty("");
    private final StringProperty rider = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    // The queue's own channel: a refusal shows in the queue's window, where the supervisor is looking.
    private final Notices notices = new Notices();
    private boolean reloadPending;

    public ReviewQueueViewModel(PodService pods, QueryService queries, UiExecutor ui) {
        this.pods = pods;
        this.queries = queries;
        this.ui = ui;
        this.tasks = new BackgroundTasks(ui);
        flag.addListener((o, a, b) -> refilter());
        outlet.addListener((o, a, b) -> refilter());
        rider.addListener((o, a, b) -> refilter());
        date.addListener((o, a, b) -> refilter());
    }

    public void load() {
        // The threshold is read with every load, so a change an admin made shows at the next reload.
        tasks.task(() -> new Loaded(pods.awaitingReview(), queries.reviewSettings())).latestFor(LOADING).onSuccess(loaded -> {
            List<PodRow> rows = loaded.rows();
            Duration lateAfter = loaded.settings().lateAfter();
            List<Entry> read = rows.stream().map(row -> entry(row, lateAfter)).toList();
            entries.setAll(read);
            long unreadable = read.stream().filter(Entry::unreadable).count();
            message.set(rows.size() + " awaiting review" + (unreadable == 0 ? "" : " (" + unreadable + " unreadable)"));
        }).onFailure(error -> {
            message.set(error.sentence());
            notices.failed(error);
        }).start();
    }

    /** Orders changed elsewhere (a PoD recorded, a verdict given): reload once, at most every half second. */
    public void changedElsewhere() {
        if (!reloadPending) {
            reloadPending = true;
            ui.schedule(Duration.ofMillis(500), () -> {
                reloadPending = false;
                load();
            });
        }
    }

    /** Each row on its own: a document that cannot be read is one unreadable entry, never a failed list. */
    private static Entry entry(PodRow row, Duration lateAfter) {
        PodDocument document = PodDocument.read(row.document());
        return new Entry(row, PodFlags.of(document, row.completedAt(), row.outForDeliveryAt(), row.addressLat(),
                row.addressLon(), lateAfter), document.deliveryType() == null ? "" : document.deliveryType(),
                document.problem(), lateAfter);
    }

    private void refilter() {
        String outletText = outlet.get() == null ? "" : outlet.get().strip().toLowerCase(Locale.ROOT);
        String riderText = rider.get() == null ? "" : rider.get().strip().toLowerCase(Locale.ROOT);
        LocalDate day = date.get();
        FlagFilter wanted = flag.get();
        visible.setPredicate(e -> wanted.admits(e) && (outletText.isEmpty() || e.pod().outletName().toLowerCase(Locale.ROOT).contains(outletText))
                && (riderText.isEmpty() || (e.pod().riderName() != null
                && e.pod().riderName().toLowerCase(Locale.ROOT).contains(riderText)))
                && (day == null || (e.pod().completedAt() != null
                && e.pod().completedAt().atZone(ZoneId.systemDefault()).toLocalDate().equals(day))));
    }

    /** True while the queue is being read. */
    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** The entries the filters let through, in queue order; read-only. */
    public ObservableList<Entry> visible() {
        return visibleView;
    }

    public ObjectProperty<FlagFilter> flagProperty() {
        return flag;
    }

    public StringProperty outletProperty() {
        return outlet;
    }

    public StringProperty riderProperty() {
        return rider;
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the queue could not be read, as toasts in the queue's window. */
    public Notices notices() {
        return notices;
    }
}
