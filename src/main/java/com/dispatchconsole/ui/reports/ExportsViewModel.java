package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The console's CSV exports: the rows a table shows, the history of a range, the PoD verdicts of a range. Every
 * file is written off the FX thread, all or nothing ({@link CsvFile}); the outcome is one line in the console's
 * notices: "Exported 42 rows to …" or the refusal, {@code CODE: sentence}, with nothing written.
 */
public final class ExportsViewModel {

    private final QueryService queries;
    private final BackgroundTasks tasks;
    private final Notices notices;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>();

    public ExportsViewModel(QueryService queries, UiExecutor ui, Notices notices, ZoneId zone) {
        this.queries = queries;
        this.tasks = new BackgroundTasks(ui);
        this.notices = notices;
        this.zone = zone;
    }

    /** The file the latest export wrote (null until one did): what a test or a status line can point at. */
    public ReadOnlyObjectProperty<Path> lastWrittenProperty() {
        return lastWritten.getReadOnlyProperty();
    }

    /** Rows already on screen (their cells as shown), written to {@code file} under {@code header}. */
    public void exportRows(String what, Path file, List<String> header, List<List<String>> rows) {
        run(what, file, () -> CsvFile.write(file, header, sink -> rows.forEach(sink::row)));
    }

    /** The audit history of days {@code first} to {@code last} (both included), streamed from the database. */
    public void exportHistory(LocalDate first, LocalDate last, Path file) {
        ReportRange range = range(first, last);
        if (range != null) {
            run("history", file, () -> CsvFile.write(file, ReportColumns.HISTORY,
                    sink -> queries.historyBetween(range, line -> sink.row(ReportColumns.history(line, zone)))));
        }
    }

    /** The PoD verdicts given on days {@code first} to {@code last}, with the flags of the version judged. */
    public void exportReviews(LocalDate first, LocalDate last, Path file) {
        ReportRange range = range(first, last);
        if (range != null) {
            run("PoD reviews", file, () -> {
                Duration lateAfter = queries.reviewSettings().lateAfter();
                return CsvFile.write(file, ReportColumns.REVIEWS, sink -> queries.reviewsBetween(range,
                        line -> sink.row(ReportColumns.review(line, lateAfter, zone))));
            });
        }
    }

    private ReportRange range(LocalDate first, LocalDate last) {
        try {
            return ReportRange.days(first, last, zone);
        } catch (DispatchException e) {
            notices.failed(e);
            return null;
        }
    }

    private void run(String what, Path file, java.util.concurrent.Callable<Long> work) {
        if (file == null) {
            return;
        }
        tasks.task(work).onSuccess(count -> {
            lastWritten.set(file);
            notices.notify(Notice.Level.SUCCESS, "Exported " + count + " " + what + " row" + (count == 1 ? "" : "s")
                    + " to " + file + ".");
        }).onFailure(notices::failed).start();
    }
}
