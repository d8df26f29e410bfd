package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.report.HistoryLine;
import com.dispatchconsole.domain.report.ReviewLine;
import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The columns of each export and how one row becomes its cells: one home per file layout. */
public final class ReportColumns {

    /** The open statuses the summary times, in column order. */
    public static final List<BatchStatus> TIMED = List.of(BatchStatus.CREATED, BatchStatus.ASSIGNED,
            BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY);

    public static final List<String> HISTORY = List.of("At", "Batch", "Outlet", "Kind", "What", "From status",
            "To status", "From rider", "To rider", "Operator", "Database user", "Reason");

    public static final List<String> REVIEWS = List.of("Reviewed at", "Reviewer", "Verdict", "Note", "Batch",
            "Order", "Outlet", "Customer", "Rider", "PoD version", "PoD recorded at", "Flags");

    public static final List<String> SUMMARY;

    static {
        List<String> summary = new ArrayList<>(Arrays.asList("Scope", "Name", "Created", "Assigned", "Completed",
                "Failed", "Cancelled"));
        for (BatchStatus status : TIMED) {
            summary.add("Avg min " + status.label());
        }
        summary.add("SLA breaches");
        SUMMARY = List.copyOf(summary);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private ReportColumns() {
    }

    /** An instant as ISO-8601 with the offset of {@code zone}, e.g. 2026-11-28T09:15:02+01:00; empty for null. */
    public static String time(Instant at, ZoneId zone) {
        return at == null ? "" : OffsetDateTime.ofInstant(at, zone).withNano(0).format(TIME);
    }

    /** Minutes with one decimal (12.5); empty when there is no figure. */
    public static String minutes(Duration duration) {
        return duration == null ? "" : BigDecimal.valueOf(duration.toMillis())
                .divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_UP).toPlainString();
    }

    public static List<Object> history(HistoryLine line, ZoneId zone) {
        HistoryEntry e = line.entry();
        return Arrays.asList(time(e.at(), zone), line.batchId().toString(), line.outletName(), e.kind().name(),
                e.describe(), e.fromStatus() == null ? null : e.fromStatus().name(),
                e.toStatus() == null ? null : e.toStatus().name(), e.fromRider(), e.toRider(), e.actor(),
                e.databaseUser(), e.reason());
    }

    /** A verdict's row; its flags are those of the version judged, raised with {@code lateAfter} as the queue does. */
    public static List<Object> review(ReviewLine line, Duration lateAfter, ZoneId zone) {
        String flags = "";
        if (line.document() != null) {
            flags = PodFlags.of(PodDocument.read(line.document()), line.recordedAt(), line.outForDeliveryAt(),
                    line.addressLat(), line.addressLon(), lateAfter).stream().map(PodFlags.Flag::shortLabel)
                    .collect(Collectors.joining("; "));
        }
        return Arrays.asList(time(line.reviewedAt(), zone), line.reviewer(), line.verdict().name(), line.note(),
                ShortId.of(line.batchId()), line.sequence(), line.outletName(), line.customerName(), line.riderName(),
                line.podVersion(), time(line.recordedAt(), zone), flags);
    }

    public static List<Object> summary(ShiftSummaryRow row) {
        List<Object> cells = new ArrayList<>(Arrays.asList(row.scope() == ShiftSummaryRow.Scope.OUTLET ? "Outlet"
                : "Rider", row.name(), row.created(), row.assigned(), row.completed(), row.failed(), row.cancelled()));
        for (BatchStatus status : TIMED) {
            cells.add(minutes(row.averageIn(status)));
        }
        cells.add(row.slaBreaches());
        return cells;
    }
}
