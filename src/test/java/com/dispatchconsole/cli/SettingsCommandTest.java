package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `settings show | late-after` as an admin runs them against a shared database, and as others are refused. */
@DatabaseTest
class SettingsCommandTest {

    private static DatabaseConfig owner;
    private static Database db;
    private static Sql sql;

    private record Run(int exit, List<String> out, List<String> err) {
    }

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        db = Database.open(owner);
        sql = new Sql(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Run run(DatabaseConfig login, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", login.url(), "--db-user", login.user(), "--db-password", login.password()));
        CommandLine command = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    private static String threshold() {
        return sql.value("SELECT late_after::text FROM review_settings").toString();
    }

    @Test
    void anAdminSetsItInOneLineAndEveryRoleSeesIt() {
        DatabaseConfig admin = Logins.create(owner, "dispatch_admin");
        DatabaseConfig dispatcher = Logins.create(owner, "dispatch_dispatcher");
        run(owner, "settings", "late-after", "90m");

        Run set = run(admin, "settings", "late-after", "1h30m", "--operator", "Olga Petrova");
        assertThat(set.exit()).as(String.join("\n", set.err())).isZero();
        assertThat(set.out()).singleElement().asString()
                .matches("Unchanged: Late after 90 min; set by .* at .*\\.");

        set = run(admin, "settings", "late-after", "45m", "--operator", "Olga Petrova");
        assertThat(set.exit()).as(String.join("\n", set.err())).isZero();
        assertThat(set.out()).singleElement().asString()
                .startsWith("Late after 45 min; set by Olga Petrova (" + admin.user() + ") at ")
                .endsWith(". It was 90 min.");
        assertThat(threshold()).isEqualTo("00:45:00");
        assertThat(sql.value("SELECT concat_ws(' ', new_late_after, actor, db_user) FROM review_settings_history "
                + "ORDER BY id DESC LIMIT 1")).isEqualTo("00:45:00 Olga Petrova " + admin.user());

        Run shown = run(dispatcher, "settings", "show");
        assertThat(shown.exit()).isZero();
        assertThat(shown.err()).isEmpty();
        assertThat(shown.out()).singleElement().asString()
                .startsWith("Late after 45 min; set by Olga Petrova (" + admin.user() + ") at ");
    }

    @Test
    void aDispatcherOrSupervisorGetsOnePermissionDeniedLineAndNothingChanges() {
        String before = threshold();
        for (String group : List.of("dispatch_dispatcher", "dispatch_supervisor")) {
            Run refused = run(Logins.create(owner, group), "settings", "late-after", "20m");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).singleElement().asString()
                    .startsWith("PERMISSION_DENIED: Only an admin (dispatch_admin) may change when a proof of delivery "
                            + "counts as late");
        }
        assertThat(threshold()).isEqualTo(before);
    }

    @Test
    void aBadOrOutOfRangeDurationIsOneInvalidArgumentLineWithExitTwo() {
        String before = threshold();
        for (String bad : List.of("45", "45 minutes", "0m", "8d", "-5m")) {
            Run refused = run(owner, "settings", "late-after", bad);
            assertThat(refused.exit()).as(bad).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).as(bad).singleElement().asString().startsWith("INVALID_ARGUMENT: ");
        }
        assertThat(run(owner, "settings", "late-after", "45").err()).singleElement().asString()
                .contains("A duration is written like 45m, 2h, 90s or 1h30m (got \"45\")");
        assertThat(run(owner, "settings", "late-after", "8d").err()).singleElement().asString()
                .contains("at most 7 days (got 8 days)");
        assertThat(threshold()).isEqualTo(before);
    }
}
