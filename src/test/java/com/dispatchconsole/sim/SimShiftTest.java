package com.dispatchconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.app.DatabaseTarget;
import com.dispatchconsole.app.SimLauncher;
import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.persistence.InvariantChecker;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short seeded shift on a scratch database, played only through a real gateway (HTTP and Socket.IO) with the
 * simulator's own tokens: afterwards the database itself is asked whether every guarantee held, whether each
 * exception of the review mix happened, and whether everything the shift did was done by an API principal.
 */
@SlowTest
class SimShiftTest {

    private static DatabaseConfig owner;
    private static Database db;
    private static DispatchServices services;
    private static Sql sql;
    private static int exit;
    private static JsonNode report;
    private static String printed;
    private static DatabaseConfig gateway;

    @BeforeAll
    static void playShift() throws Exception {
        owner = TestDatabases.fresh();
        db = Database.open(owner);
        services = new DispatchServices(db);
        sql = new Sql(db.dataSource());
        DemoData.seedIfEmptyWithPhoto(db.dataSource());
        // A control room promising fast deliveries: late after 6 s, so a short run can play a late one.
        services.pods().setLateAfter(Duration.ofSeconds(6), "test-admin");
        gateway = Logins.create(owner, "dispatch_gateway");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exit = SimLauncher.run(new DatabaseTarget(owner.url(), owner.user(), owner.password()), null,
                new SimLauncher.Options(null, null, false, gateway.user(), gateway.password()),
                new SimSettings(12, 90, 0.75, 7, true, 120), new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
        String[] lines = printed.strip().split("\n");
        report = new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theRunReportsNoErrorAndNoBrokenGuarantee() {
        assertThat(exit).as(printed).isZero();
        assertThat(report.path("errors").asLong()).as(report.path("errorSamples").toString()).isZero();
        assertThat(report.path("invariants").path("violations").asInt()).isZero();
        assertThat(report.path("riderEvents").path("delivered").asLong()).isPositive();
        assertThat(report.path("positionsWritten").asLong()).isPositive();
        assertThat(report.path("calls").path("outlet.create").path("count").asLong()).isPositive();
    }

    @Test
    void theDatabaseHoldsEveryGuaranteeAfterTheShift() throws Exception {
        for (OutletRow outlet : services.queries().outlets()) {
            assertThat(InvariantChecker.check(db.dataSource(), outlet.id())).as(outlet.name()).isEmpty();
        }
        // The shift really happened, through the API: created by outlet systems, dispatched by the bot, delivered
        // by riders' apps.
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE new_status = 'CREATED' "
                + "AND actor LIKE 'api outlet %'")).isPositive();
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE new_status = 'ASSIGNED' "
                + "AND actor LIKE 'api system simulator dispatch bot%'")).isPositive();
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE new_status = 'COMPLETED' "
                + "AND actor LIKE 'api rider %'")).isPositive();
        assertThat(sql.count("SELECT count(*) FROM pod_photos")).as("photos uploaded besides the demo's")
                .isGreaterThan(1);
    }

    @Test
    void nothingButTheApiChangedAnythingDuringTheShift() {
        long seedRows = sql.count("SELECT count(*) FROM batch_status_history WHERE actor = ?", DemoData.ACTOR);
        long all = sql.count("SELECT count(*) FROM batch_status_history");
        long api = sql.count("SELECT count(*) FROM batch_status_history WHERE actor LIKE 'api %'");
        assertThat(seedRows + api).isEqualTo(all);
        assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"))
                .as("the simulator revokes every token it issued").isZero();
    }

    @Test
    void everyExceptionOfTheMixHappenedAndTheReviewFlagsIt() {
        Duration lateAfter = services.queries().reviewSettings().lateAfter();
        Set<PodFlags.Flag> flags = EnumSet.noneOf(PodFlags.Flag.class);
        List<PodRow> awaiting = services.pods().awaitingReview();
        for (PodRow row : awaiting) {
            // Recorded through the gateway's login, i.e. by a rider's app during the shift (not the demo seed).
            if (gateway.user().equals(row.recordedBy())) {
                flags.addAll(PodFlags.of(PodDocument.read(row.document()), row.completedAt(), row.outForDeliveryAt(),
                        row.addressLat(), row.addressLon(), lateAfter));
            }
        }
        assertThat(flags).contains(PodFlags.Flag.FAR_FROM_ADDRESS, PodFlags.Flag.NO_PHOTO, PodFlags.Flag.LATE);
        assertThat(sql.count("SELECT count(*) FROM pod_versions WHERE outcome = 'FAILED' AND actor LIKE 'api rider %'"))
                .as("failed deliveries").isPositive();
        assertThat(sql.count("SELECT count(*) FROM rider_history WHERE change = 'AVAILABILITY' "
                + "AND new_value::text LIKE '%ON_BREAK%' AND actor LIKE 'api rider %'")).as("breaks").isPositive();
        assertThat(sql.count("SELECT count(*) FROM rider_history WHERE change = 'AVAILABILITY' "
                + "AND new_value::text LIKE '%OFF_DUTY%' AND actor LIKE 'api system %'")).as("sent off duty; the run reported " + report)
                .isPositive();
        JsonNode played = report.path("played");
        for (String kind : List.of("farFromAddress", "noPhoto", "late", "failedOrder", "break", "offDuty")) {
            assertThat(played.path(kind).asLong()).as(kind).isPositive();
        }
    }
}
