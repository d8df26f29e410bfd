package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control room's late-after threshold through the services: every role reads the same one, an admin changes it
 * and the history names who, anyone else is refused with nothing changed.
 */
@DatabaseTest
class ReviewSettingsTest {

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static Database adminDb;
    private static Database dispatcherDb;
    private static Database supervisorDb;
    private static DispatchServices asOwner;
    private static Sql sql;

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        asOwner = new DispatchServices(ownerDb);
        sql = new Sql(ownerDb.dataSource());
        adminDb = Database.open(Logins.create(owner, "dispatch_admin"));
        dispatcherDb = Database.open(Logins.create(owner, "dispatch_dispatcher"));
        supervisorDb = Database.open(Logins.create(owner, "dispatch_supervisor"));
    }

    @AfterAll
    static void close() {
        for (Database db : List.of(adminDb, dispatcherDb, supervisorDb, ownerDb)) {
            db.close();
        }
    }

    @BeforeEach
    void ninetyMinutes() {
        asOwner.pods().setLateAfter(Duration.ofMinutes(90), "reset");
    }

    /** The row and the history, to prove a refused call changed nothing. */
    private static String everything() {
        return (String) sql.value("SELECT concat_ws('|', (SELECT concat_ws(',', late_after, updated_at, "
                + "updated_by, updated_db_user) FROM review_settings), (SELECT count(*) FROM review_settings_history))");
    }

    @Test
    void aFreshDatabaseFlagsLateAfterNinetyMinutesAsMigrated() {
        DatabaseConfig config = TestDatabases.fresh();
        try (Database fresh = Database.open(config)) {
            ReviewSettings settings = new DispatchServices(fresh).queries().reviewSettings();
            assertThat(settings.lateAfter()).isEqualTo(Duration.ofMinutes(90));
            assertThat(settings.updatedByLogin()).as("stamped by the migrating login").isEqualTo(config.user());
            assertThat(settings.updatedAt()).isNotNull();
        }
    }

    @Test
    void anAdminChangesItForEveryConsoleAndTheHistoryNamesWho() {
        String adminLogin = adminDb.config().user();

        ReviewSettings.Change change = new DispatchServices(adminDb).pods().setLateAfter(Duration.ofMinutes(45), "Olga Petrova");

        assertThat(change.before().lateAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(change.after().lateAfter()).isEqualTo(Duration.ofMinutes(45));
        assertThat(change.after().updatedBy()).isEqualTo("Olga Petrova");
        assertThat(change.after().updatedByLogin()).isEqualTo(adminLogin);
        assertThat(change.after().describe()).isEqualTo("Late after 45 min; set by Olga Petrova (" + adminLogin + ") at "
                + change.after().updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
        for (Database console : List.of(dispatcherDb, supervisorDb, ownerDb)) {
            assertThat(new DispatchServices(console).queries().reviewSettings()).as(console.config().user())
                    .isEqualTo(change.after());
        }
        assertThat(sql.value("SELECT concat_ws(' ', old_late_after, new_late_after, actor, db_user) "
                + "FROM review_settings_history ORDER BY id DESC LIMIT 1"))
                .isEqualTo("01:30:00 00:45:00 Olga Petrova " + adminLogin);
        assertThat(sql.value("SELECT changed_at = (SELECT updated_at FROM review_settings) "
                + "FROM review_settings_history ORDER BY id DESC LIMIT 1")).as("one server clock").isEqualTo(true);
    }

    @Test
    void settingTheSameThresholdAgainChangesNothingAndAddsNoHistory() {
        String before = everything();

        ReviewSettings.Change change = new DispatchServices(adminDb).pods().setLateAfter(Duration.ofMinutes(90), "Olga");

        assertThat(change.changed()).isFalse();
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aDispatcherOrSupervisorIsRefusedAsPermissionDeniedAndNothingChanges() {
        String before = everything();
        for (Database login : List.of(dispatcherDb, supervisorDb)) {
            assertThatThrownBy(() -> new DispatchServices(login).pods().setLateAfter(Duration.ofMinutes(20), "Olga"))
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessage("Only an admin (dispatch_admin) may change when a proof of delivery counts as late; "
                            + "your login " + login.config().user() + " may not. Nothing was changed.");
        }
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void zeroNegativeOrMoreThanSevenDaysIsInvalidArgumentAndNothingChanges() {
        String before = everything();
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMinutes(-1), Duration.ofDays(8))) {
            assertThatThrownBy(() -> new DispatchServices(adminDb).pods().setLateAfter(bad, "Olga")).as("%s", bad)
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void secondsAndDaysSurviveTheRoundTripExactly() {
        for (Duration d : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5430), Duration.ofDays(7))) {
            assertThat(new DispatchServices(adminDb).pods().setLateAfter(d, "Olga").after().lateAfter()).isEqualTo(d);
        }
    }
}
