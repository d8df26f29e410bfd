package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.UiExecutor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The shift summary of a range of days: the outlets' and riders' lines as the database counted them
 * ({@link QueryService#shiftSummary}), read off the FX thread, and their CSV export. Breaches are judged against the
 * operator's SLA thresholds, the same ones the alerts use.
 */
public final class ShiftSummaryViewModel {

    private static final String LOADING = "summary";

    private final QueryService queries;
    private final BackgroundTasks tasks;
    private final Supplier<SlaThresholds> thresholds;
    private final ZoneId zone;
    /** The outlets the console is scoped to (empty: all): only their batches count. */
    private final Set<UUID> scope;
    private final ObjectProperty<LocalDate> first = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> last = new SimpleObjectProperty<>();
    private final ObservableList<ShiftSummaryRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ShiftSummaryRow> outlets = FXCollections.observableArrayList();
    private final ObservableList<ShiftSummaryRow> riders = FXCollections.observableArrayList();
    // Handed out once each: a view's listener on a wrapper made per call would go with the wrapper.
    private final ObservableList<ShiftSummaryRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<ShiftSummaryRow> outletsView = FXCollections.unmodifiableObservableList(outlets);
    private final ObservableList<ShiftSummaryRow> ridersView = FXCollections.unmodifiableObservableList(riders);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>();

    public ShiftSummaryViewModel(QueryService queries, UiExecutor ui, Supplier<SlaThresholds> thresholds, ZoneId zone,
                                 LocalDate today) {
        this(queries, ui, thresholds, zone, today, Set.of());
    }

    /** As above, for a console scoped to {@code outlets} (empty: all): only those outlets' batches are counted. */
    public ShiftSummaryViewModel(QueryService queries, UiExecutor ui, Supplier<SlaThresholds> thresholds, ZoneId zone,
                                 LocalDate today, Set<UUID> outlets) {
        this.scope = Set.copyOf(outlets);
        this.queries = queries;
        this.tasks = new BackgroundTasks(ui);
        this.thresholds = thresholds;
        this.zone = zone;
        first.set(today);
        last.set(today);
    }

    public ObjectProperty<LocalDate> firstDayProperty() {
        return first;
    }

    public ObjectProperty<LocalDate> lastDayProperty() {
        return last;
    }

    /** Every line: the outlets' (by name), then the riders' (by name). */
    public ObservableList<ShiftSummaryRow> rows() {
        return rowsView;
    }

    public ObservableList<ShiftSummaryRow> outlets() {
        return outletsView;
    }

    public ObservableList<ShiftSummaryRow> riders() {
        return ridersView;
    }

    /** One line: what was read ("3 outlets, 12 riders, 9 SLA breaches"), or why not, in one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastWrittenProperty() {
        return lastWritten.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** Reads the summary of the chosen days; a range that ends before it starts is refused and reads nothing. */
    public void load() {
        ReportRange range;
        try {
            range = ReportRange.days(first.get(), last.get(), zone);
        } catch (DispatchException e) {
            message.set(com.dispatchconsole.ui.common.Failures.shown(e));
            return;
        }
        SlaThresholds judgedBy = thresholds.get();
        tasks.task(() -> queries.shiftSummary(range, judgedBy, scope)).latestFor(LOADING).onSuccess(read -> {
            rows.setAll(read);
            outlets.setAll(read.stream().filter(r -> r.scope() == ShiftSummaryRow.Scope.OUTLET).toList());
            riders.setAll(read.stream().filter(r -> r.scope() == ShiftSummaryRow.Scope.RIDER).toList());
            long breaches = outlets.stream().mapToLong(ShiftSummaryRow::slaBreaches).sum();
            message.set(outlets.size() + " outlet" + (outlets.size() == 1 ? "" : "s") + ", " + riders.size()
                    + " rider" + (riders.size() == 1 ? "" : "s") + ", " + breaches + " SLA breach"
                    + (breaches == 1 ? "" : "es") + " (" + first.get() + " to " + last.get()
                    + (scope.isEmpty() ? "" : "; this console's outlets only") + ")");
        }).onFailure(e -> message.set(com.dispatchconsole.ui.common.Failures.shown(e))).start();
    }

    /** The lines shown, as CSV, to {@code file} (all or nothing, off the FX thread). */
    public void exportCsv(Path file) {
        if (file == null) {
            return;
        }
        List<ShiftSummaryRow> shown = List.copyOf(rows);
        tasks.task(() -> CsvFile.write(file, ReportColumns.SUMMARY,
                sink -> shown.forEach(row -> sink.row(ReportColumns.summary(row))))).onSuccess(count -> {
                    lastWritten.set(file);
                    message.set("Exported " + count + " summary rows to " + file + ".");
                }).onFailure(e -> message.set(com.dispatchconsole.ui.common.Failures.shown(e))).start();
    }

    /** Where a view reports a PNG it wrote, or why it could not (the view owns the snapshot; this the one line). */
    public void pngWritten(Path file, DispatchException failure) {
        if (failure != null) {
            message.set(com.dispatchconsole.ui.common.Failures.shown(failure));
        } else {
            lastWritten.set(file);
            message.set("Saved the charts to " + file + ".");
        }
    }
}
