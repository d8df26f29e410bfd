package com.dispatchconsole.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.IsolationLevel;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The capacity guarantee under real concurrency on real PostgreSQL, and proof that the check can fail: the same
 * harness finds violations when both lines of defence are removed (the service's rider lock or READ COMMITTED,
 * and the database's guard trigger), and finds none when only the service's line is removed.
 */
@SlowTest
class StressHarnessTest {

    private static StressSettings settings(String scenario, long seed) {
        return new StressSettings(8, 12, 400, 150, 2, scenario, seed);
    }

    /** The negative controls switch off the database's own guard on their scratch database, as its owner. */
    private static DatabaseConfig withoutDatabaseGuard(DatabaseConfig config) throws Exception {
        try (Database db = Database.open(config)) {
            new com.dispatchconsole.testing.Sql(db.dataSource())
                    .execute("ALTER TABLE delivery_batches DISABLE TRIGGER delivery_batches_guard");
        }
        return config;
    }

    private static StressReport run(DatabaseConfig config, DispatchServices.Options options, StressSettings settings)
            throws Exception {
        try (Database db = Database.open(config.withPoolSize(12))) {
            return new StressHarness(new DispatchServices(db, options, Clock.systemUTC()), settings).run();
        }
    }

    @Test
    void concurrentDispatchersNeverOverloadARider() throws Exception {
        StressReport report = run(TestDatabases.fresh(), DispatchServices.Options.SAFE, settings("safe", 1));

        assertThat(report.violationDetails()).isEmpty();
        assertThat(report.attempts()).isEqualTo(8 * 150);
        assertThat(report.succeeded()).isGreaterThan(100);
        // Contention on the hot riders must actually have produced capacity refusals, or the run proved nothing.
        assertThat(report.rejected().keySet())
                .containsAnyOf("CAPACITY_EXCEEDED", "WEIGHT_EXCEEDED", "ACTIVE_BATCH_LIMIT");
    }

    @Test
    void twoStressProcessesOnOneScenarioKeepEveryInvariant() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        CompletableFuture<StressReport> first = CompletableFuture.supplyAsync(() -> runQuietly(config, 2));
        CompletableFuture<StressReport> second = CompletableFuture.supplyAsync(() -> runQuietly(config, 3));

        StressReport a = first.get();
        StressReport b = second.get();

        assertThat(a.violationDetails()).isEmpty();
        assertThat(b.violationDetails()).isEmpty();
        assertThat(a.succeeded() + b.succeeded()).isGreaterThan(100);
    }

    @Test
    void harnessFindsViolationsWhenTheRiderLockAndTheDatabaseGuardAreRemoved() throws Exception {
        StressReport report = run(withoutDatabaseGuard(TestDatabases.fresh()),
                DispatchServices.Options.withoutRiderLockForTests(), new StressSettings(8, 6, 400, 250, 2, "nolock", 4));

        assertThat(report.violations()).isPositive();
        assertThat(report.violationDetails()).anyMatch(line -> line.contains("rider "));
    }

    @Test
    void theDatabaseHoldsTheLimitsWhenTheServiceTakesNoRiderLock() throws Exception {
        StressReport report = run(TestDatabases.fresh(), DispatchServices.Options.withoutRiderLockForTests(),
                new StressSettings(8, 6, 400, 250, 2, "nolock-guarded", 4));

        assertThat(report.violationDetails()).isEmpty();
        assertThat(report.succeeded()).isGreaterThan(100);
        assertThat(report.rejected().keySet())
                .containsAnyOf("CAPACITY_EXCEEDED", "WEIGHT_EXCEEDED", "ACTIVE_BATCH_LIMIT");
    }

    @Test
    void harnessFindsViolationsUnderRepeatableReadWithoutTheDatabaseGuard() throws Exception {
        DatabaseConfig repeatableRead = withoutDatabaseGuard(TestDatabases.fresh())
                .withUnsafeIsolation(IsolationLevel.REPEATABLE_READ);

        StressReport report = run(repeatableRead, DispatchServices.Options.SAFE,
                new StressSettings(8, 6, 400, 250, 2, "rr", 5));

        assertThat(report.violations()).isPositive();
        assertThat(report.violationDetails()).anyMatch(line -> line.contains("rider "));
    }

    @Test
    void theDatabaseRefusesLoadChangesAtRepeatableRead() throws Exception {
        DatabaseConfig repeatableRead = TestDatabases.fresh().withUnsafeIsolation(IsolationLevel.REPEATABLE_READ);

        StressReport report = run(repeatableRead, DispatchServices.Options.SAFE,
                new StressSettings(8, 6, 400, 250, 2, "rr-guarded", 5));

        assertThat(report.violationDetails()).isEmpty();
        assertThat(report.rejected()).containsKey("UNSAFE_ISOLATION");
    }

    private static StressReport runQuietly(DatabaseConfig config, long seed) {
        try {
            return run(config, DispatchServices.Options.SAFE, settings("shared", seed));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
