package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `token issue | list | revoke` as an admin runs them against a shared database, and as others are refused. */
@DatabaseTest
class TokenCommandTest {

    private static DatabaseConfig owner;
    private static Database db;
    private static DispatchServices services;
    private static Sql sql;
    private static Fixtures given;

    private record Run(int exit, List<String> out, List<String> err) {
        String last() {
            return out.get(out.size() - 1);
        }
    }

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        db = Database.open(owner);
        services = new DispatchServices(db);
        sql = new Sql(db.dataSource());
        given = new Fixtures(services);
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

    @Test
    void anAdminIssuesATokenPrintedOnceAloneOnTheLastLineListsWithoutItAndRevokesIt() {
        DatabaseConfig admin = Logins.create(owner, "dispatch_admin");
        RiderRow rider = given.rider("Ana", 5, "20", 1);

        Run issued = run(admin, "token", "issue", "--rider", rider.id().toString());

        assertThat(issued.exit()).as(String.join("\n", issued.err())).isZero();
        String token = issued.last();
        assertThat(token).matches("dct_[A-Za-z0-9_-]{43}");
        assertThat(issued.out()).hasSize(2);
        assertThat(issued.out().get(0)).startsWith("Issued RIDER token ").contains("for rider " + rider.id().toString().substring(0, 8))
                .doesNotContain(token);
        assertThat(services.tokens().authenticate(token).map(ApiPrincipal::scope)).contains(ApiTokenScope.rider(rider.id()));
        UUID id = (UUID) sql.value("SELECT id FROM api_tokens WHERE token_prefix = ?", token.substring(0, 12));

        Run listed = run(admin, "token", "list");
        assertThat(listed.exit()).isZero();
        assertThat(String.join("\n", listed.out())).contains(id.toString()).contains("RIDER")
                .contains(rider.id().toString()).contains(token.substring(0, 12) + "...")
                .doesNotContain(token).doesNotContain(token.substring(12));

        Run revoked = run(admin, "token", "revoke", id.toString());
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).singleElement().asString().startsWith("Revoked RIDER token " + id);
        assertThat(services.tokens().authenticate(token)).isEmpty();

        Run again = run(admin, "token", "revoke", id.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).singleElement().asString().startsWith("ALREADY_CHANGED: Token " + id.toString().substring(0, 8)
                + " was already revoked");
    }

    @Test
    void aSystemTokenAndATrackingToken() {
        UUID batch = given.batch(1, "2").id();

        Run system = run(owner, "token", "issue", "--system", "billing");
        Run tracking = run(owner, "token", "issue", "--tracking", batch.toString());

        assertThat(services.tokens().authenticate(system.last()).map(ApiPrincipal::scope)).contains(ApiTokenScope.system("billing"));
        assertThat(services.tokens().authenticate(tracking.last()).map(ApiPrincipal::scope)).contains(ApiTokenScope.tracking(batch));
    }

    @Test
    void noneOrTwoScopesAreOneInvalidArgumentLineWithExitTwo() {
        long before = sql.count("SELECT count(*) FROM api_tokens");
        String rider = UUID.randomUUID().toString();

        for (Run bad : List.of(run(owner, "token", "issue"),
                run(owner, "token", "issue", "--rider", rider, "--system", "billing"),
                run(owner, "token", "issue", "--system", " "))) {
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).singleElement().asString().startsWith("INVALID_ARGUMENT: ");
            assertThat(bad.out()).isEmpty();
        }
        Run unknown = run(owner, "token", "issue", "--outlet", rider);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).singleElement().asString().startsWith("OUTLET_NOT_FOUND: Outlet " + rider.substring(0, 8));
        assertThat(sql.count("SELECT count(*) FROM api_tokens")).isEqualTo(before);
    }

    @Test
    void aDispatcherLoginGetsOnePermissionDeniedLineAndNothingIsWritten() {
        DatabaseConfig dispatcher = Logins.create(owner, "dispatch_dispatcher");
        long before = sql.count("SELECT count(*) FROM api_tokens");

        Run issue = run(dispatcher, "token", "issue", "--system", "mine");
        Run list = run(dispatcher, "token", "list");

        for (Run refused : List.of(issue, list)) {
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).singleElement().asString().startsWith("PERMISSION_DENIED: ");
            assertThat(refused.out()).isEmpty();
        }
        assertThat(sql.count("SELECT count(*) FROM api_tokens")).isEqualTo(before);
    }
}
