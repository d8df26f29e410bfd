package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A rider's position fix commits without waiting for the disk (it would otherwise hold PostgreSQL's one NOTIFY
 * commit lock through its flush and queue every assignment behind it); an assignment still commits durably. Seen in
 * the statements each transaction sends.
 */
@DatabaseTest
class PositionCommitTest {

    private static final String ASYNC = "synchronous_commit";

    @Test
    void aFixCommitsWithoutWaitingForTheDiskAndAnAssignmentStillWaits() {
        List<String> sent = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(TestDatabases.fresh(), sent::add)) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana Fix", 10, "20", 1);
            BatchRow batch = given.batch(1, "1");

            sent.clear();
            services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, Instant.now());
            assertThat(sent).anyMatch(sql -> sql.contains(ASYNC) && sql.contains("'off'"));
            assertThat(sent).anyMatch(sql -> sql.contains("INSERT INTO rider_locations"));

            sent.clear();
            services.assignments().assign(batch.id(), ana.id(), "olga");
            assertThat(sent).isNotEmpty().noneMatch(sql -> sql.contains(ASYNC));
        }
    }
}
