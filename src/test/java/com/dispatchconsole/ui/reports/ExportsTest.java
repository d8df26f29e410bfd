package com.dispatchconsole.ui.reports;

import static com.dispatchconsole.ui.reports.CsvFileTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history and PoD-review exports read from a real PostgreSQL, written and parsed back. */
@DatabaseTest
class ExportsTest {

    static final String AWKWARD = "Ana \"Speedy\", Jr.\nnights";

    private static Database db;
    private static Database supervisorDb;
    private static DispatchServices services;
    private static BatchRow delivered;
    private static BatchRow cancelled;
    private static BatchOrderRow line;
    private static String supervisorLogin;

    @TempDir
    Path dir;

    private final Notices notices = new Notices();
    private ExportsViewModel exports;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    static void story() {
        DatabaseConfig owner = TestDatabases.fresh();
        db = Database.open(owner);
        supervisorDb = Database.open(Logins.create(owner, "dispatch_supervisor"));
        services = new DispatchServices(db);
        Fixtures given = new Fixtures(services);
        RiderRow ana = given.rider(AWKWARD, 10, "50", 3);
        delivered = given.batch(1, "1");
        given.outForDelivery(delivered, ana);
        line = services.queries().orders(delivered.id()).get(0);
        services.batches().recordOutcome(delivered.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"LEFT_AT_DOOR\"}", "rider app");
        DispatchServices supervisor = new DispatchServices(supervisorDb);
        supervisorLogin = supervisor.pods().sessionLogin();
        supervisor.pods().review(line.id(), 1, PodReview.Verdict.ACCEPTED, "+1 looks fine");
        cancelled = given.batch(1, "1");
        services.assignments().transition(cancelled.id(), BatchStatus.CANCELLED, "olga", "=HYPERLINK(\"http://evil\")");
    }

    @AfterAll
    static void close() {
        supervisorDb.close();
        db.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void model() {
        exports = new ExportsViewModel(services.queries(), new SynchronousUiExecutor(), notices, ZoneOffset.UTC);
    }

    @Test
    void historyOfTheDayHasEveryMoveWithItsColumnsAndNeutralisedReasons() throws Exception {
        Path file = dir.resolve("history.csv");
        exports.exportHistory(today, today, file);
        List<List<String>> rows = parse(file);
        assertThat(rows.get(0)).isEqualTo(ReportColumns.HISTORY);
        List<List<String>> cancelledRows = rows.stream().filter(r -> r.get(1).equals(cancelled.id().toString())).toList();
        assertThat(cancelledRows).extracting(r -> r.get(4)).containsExactly("Created", "Created → Cancelled");
        assertThat(cancelledRows.get(1).get(11)).as("a formula in a reason is written as text")
                .isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(cancelledRows.get(1).get(9)).isEqualTo("olga");
        List<List<String>> deliveredRows = rows.stream().filter(r -> r.get(1).equals(delivered.id().toString())).toList();
        assertThat(deliveredRows).extracting(r -> r.get(3))
                .as("created, assigned (status, then rider, as the detail pane orders them), picked up, out, "
                        + "delivered, reviewed")
                .containsExactly("STATUS", "STATUS", "ASSIGNMENT", "STATUS", "STATUS", "OUTCOME", "REVIEW");
        assertThat(deliveredRows.get(2).get(8)).as("the rider's name, comma, quotes and line break kept")
                .isEqualTo(AWKWARD);
        assertThat(rows).hasSize(1 + 2 + 7);
        assertThat(notices.all()).extracting(Notice::text)
                .containsExactly("Exported 9 history rows to " + file + ".");
    }

    @Test
    void historyOfAnotherDayIsEmptyButHasItsHeader() throws Exception {
        Path file = dir.resolve("yesterday.csv");
        exports.exportHistory(today.minusDays(1), today.minusDays(1), file);
        assertThat(parse(file)).containsExactly(ReportColumns.HISTORY);
    }

    @Test
    void reviewsHaveTheVerdictWhoWhenAndTheFlagsOfTheVersionJudged() throws Exception {
        Path file = dir.resolve("reviews.csv");
        exports.exportReviews(today, today, file);
        List<List<String>> rows = parse(file);
        assertThat(rows.get(0)).isEqualTo(ReportColumns.REVIEWS);
        assertThat(rows).hasSize(2);
        List<String> review = rows.get(1);
        assertThat(review.get(1)).as("reviewer: the database login").isEqualTo(supervisorLogin);
        assertThat(review.subList(2, 9)).containsExactly("ACCEPTED", "'+1 looks fine", ShortId.of(delivered.id()),
                "1", services.queries().batch(delivered.id()).outletName(), line.customerName(), AWKWARD);
        assertThat(review.get(11)).as("left at the door without a photo").isEqualTo("No photo");
        assertThat(review.get(0)).startsWith(today.toString());
    }

    @Test
    void aRangeThatEndsBeforeItStartsWritesNothingAndSaysSoInOneLine() {
        Path file = dir.resolve("never.csv");
        exports.exportHistory(today, today.minusDays(1), file);
        assertThat(file).doesNotExist();
        assertThat(notices.all()).extracting(Notice::text).singleElement().asString()
                .isEqualTo("The range ends (" + today.minusDays(1) + ") before it starts (" + today + "); nothing was written.");
    }

    @Test
    void anUnwritableFileWritesNothingAndSaysSo() {
        Path file = dir.resolve("missing-folder").resolve("reviews.csv");
        exports.exportReviews(today, today, file);
        assertThat(Files.exists(file)).isFalse();
        assertThat(notices.all()).extracting(Notice::level).containsExactly(Notice.Level.ERROR);
    }
}
