package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review settings (migration V18) against plain SQL: only an admin changes the threshold, only it, within range;
 * the database stamps who and when and keeps every change in a history nobody can rewrite.
 */
@DatabaseTest
class ReviewSettingsGuardsTest {

    private static final String DENIED = "42501";

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static Sql sql;
    private static String dispatcher;
    private static String supervisor;
    private static String admin;
    private static String gateway;

    @BeforeAll
    static void createLogins() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        sql = new Sql(ownerDb.dataSource());
        dispatcher = Logins.create(owner, "dispatch_dispatcher").user();
        supervisor = Logins.create(owner, "dispatch_supervisor").user();
        admin = Logins.create(owner, "dispatch_admin").user();
        gateway = Logins.create(owner, "dispatch_gateway").user();
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    @BeforeEach
    void ninetyMinutesWithSomeHistory() throws SQLException {
        // A change and back, so the history has rows for the row-level triggers to fire on.
        Logins.run(owner, owner.user(), "UPDATE review_settings SET late_after = '91 minutes'",
                "UPDATE review_settings SET late_after = '90 minutes'");
    }

    private static String everything() {
        return (String) sql.value("SELECT concat_ws('|', (SELECT concat_ws(',', late_after, updated_at, "
                + "updated_by, updated_db_user) FROM review_settings), (SELECT string_agg(concat_ws(',', id, old_late_after, new_late_after, actor, "
                + "db_user, changed_at), ';' ORDER BY id) FROM review_settings_history))");
    }

    /** The statements fail with {@code sqlState} and a message containing {@code messagePart}; nothing changed. */
    private static void refused(String login, String sqlState, String messagePart, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> Logins.run(owner, login, statements));
        assertThat(thrown).as("refused for %s: %s", login, String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(messagePart);
        assertThat(everything()).as("a refused statement changes nothing").isEqualTo(before);
    }

    @Test
    void everyOperatorRoleReadsIt() throws SQLException {
        for (String login : new String[] {dispatcher, supervisor, admin, gateway}) {
            Logins.run(owner, login, "SELECT late_after FROM review_settings", "SELECT count(*) FROM review_settings_history");
        }
    }

    @Test
    void aDispatcherSupervisorOrGatewayCannotChangeIt() {
        for (String login : new String[] {dispatcher, supervisor, gateway}) {
            refused(login, DENIED, "permission denied for table review_settings",
                    "UPDATE review_settings SET late_after = '20 minutes'");
            refused(login, DENIED, "permission denied", "DELETE FROM review_settings");
            refused(login, DENIED, "permission denied", "INSERT INTO review_settings (id) VALUES (false)");
        }
    }

    @Test
    void anAdminChangesOnlyTheThresholdAndTheDatabaseSaysWhoAndWhen() throws SQLException {
        refused(admin, DENIED, "permission denied", "UPDATE review_settings SET updated_by = 'someone else'");
        refused(admin, DENIED, "permission denied",
                "UPDATE review_settings SET late_after = '20 minutes', updated_at = '2000-01-01'");
        refused(admin, DENIED, "permission denied", "DELETE FROM review_settings");
        refused(admin, DENIED, "permission denied", "TRUNCATE review_settings");
        refused(admin, DENIED, "permission denied", "INSERT INTO review_settings (id) VALUES (true) ON CONFLICT DO NOTHING");

        long history = sql.count("SELECT count(*) FROM review_settings_history");
        Logins.run(owner, admin, "SET LOCAL dispatch.operator = 'Olga Petrova'",
                "UPDATE review_settings SET late_after = '20 minutes'");

        assertThat(sql.value("SELECT concat_ws(' ', late_after, updated_by, updated_db_user, "
                + "(updated_at > now() - interval '1 hour')::text) FROM review_settings"))
                .isEqualTo("00:20:00 Olga Petrova " + admin + " true");
        assertThat(sql.count("SELECT count(*) FROM review_settings_history")).isEqualTo(history + 1);
        assertThat(sql.value("SELECT concat_ws(' ', old_late_after, new_late_after, actor, db_user) "
                + "FROM review_settings_history ORDER BY id DESC LIMIT 1"))
                .isEqualTo("01:30:00 00:20:00 Olga Petrova " + admin);
    }

    @Test
    void theCheckRefusesZeroNegativeAndMoreThanSevenDays() {
        for (String bad : new String[] {"0", "-5 minutes", "7 days 1 second", "1 month"}) {
            refused(admin, "23514", "review_settings_late_after_range",
                    "UPDATE review_settings SET late_after = '" + bad + "'");
        }
    }

    @Test
    void evenTheOwnerCannotBackdateItOrRemoveIt() throws SQLException {
        Logins.run(owner, owner.user(), "UPDATE review_settings SET late_after = '30 minutes', updated_at = '2000-01-01', "
                + "updated_by = 'Backdated Boss', updated_db_user = 'nobody'");
        assertThat(sql.value("SELECT concat_ws(' ', updated_by, updated_db_user, (updated_at > '2020-01-01')::text) "
                + "FROM review_settings")).isEqualTo(owner.user() + " " + owner.user() + " true");

        refused(owner.user(), "DC000", "INVALID_ARGUMENT: The review settings are one row", "DELETE FROM review_settings");
        refused(owner.user(), "DC000", "INVALID_ARGUMENT: The review settings are one row", "TRUNCATE review_settings");
        refused(owner.user(), "23505", "review_settings_pkey", "INSERT INTO review_settings (id) VALUES (true)");
        refused(owner.user(), "23514", "review_settings_id_check", "INSERT INTO review_settings (id) VALUES (false)");
    }

    @Test
    void nobodyCanWriteRewriteOrEraseTheHistory() {
        for (String login : new String[] {dispatcher, supervisor, admin, gateway}) {
            refused(login, DENIED, "permission denied", "UPDATE review_settings_history SET actor = 'rewritten'");
            refused(login, DENIED, "permission denied", "DELETE FROM review_settings_history");
            refused(login, DENIED, "permission denied", "TRUNCATE review_settings_history");
            refused(login, DENIED, "permission denied", "INSERT INTO review_settings_history (old_late_after, "
                    + "new_late_after, actor, db_user, changed_at) VALUES ('1 minute', '2 minutes', 'x', 'x', now())");
        }
        // The owner is refused by the append-only triggers (SQLSTATE 42501 as well).
        refused(owner.user(), DENIED, "is append-only", "UPDATE review_settings_history SET actor = 'rewritten'");
        refused(owner.user(), DENIED, "is append-only", "DELETE FROM review_settings_history");
        refused(owner.user(), DENIED, "is append-only", "TRUNCATE review_settings_history");
    }
}
