package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.ApiTokenRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API tokens as an admin issues them and a gateway will check them: stored only as a hash, valid until revoked,
 * each scope tied to a subject that exists, and issued or revoked by admins only.
 */
@DatabaseTest
class ApiTokenServiceTest {

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static Database adminDb;
    private static DispatchServices services;
    private static ApiTokenService admin;
    private static Sql sql;
    private static Fixtures given;

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        sql = new Sql(ownerDb.dataSource());
        given = new Fixtures(services);
        adminDb = Database.open(Logins.create(owner, "dispatch_admin"));
        admin = new DispatchServices(adminDb).tokens();
    }

    @AfterAll
    static void close() {
        adminDb.close();
        ownerDb.close();
    }

    @Test
    void anIssuedTokenIsStoredOnlyAsItsHashAndAuthenticatesToItsScope() {
        RiderRow rider = given.rider("Ana", 5, "20", 1);

        IssuedToken issued = admin.issue(ApiTokenScope.rider(rider.id()), "Fleet Admin");

        String token = issued.token();
        assertThat(token).startsWith("dct_").hasSize(47);
        assertThat(issued.row().scope()).isEqualTo(ApiTokenScope.rider(rider.id()));
        assertThat(issued.row().prefix()).isEqualTo(token.substring(0, 12));
        assertThat(issued.row().createdBy()).as("the real login, not the declared name").startsWith("admin_");
        assertThat(issued.row().createdAt()).isNotNull();
        assertThat(issued.row().revoked()).isFalse();
        assertThat(sql.value("SELECT encode(token_hash, 'hex') FROM api_tokens WHERE id = ?", issued.row().id()))
                .isEqualTo(HexFormat.of().formatHex(sha256(token)));
        String wholeRow = (String) sql.value("SELECT t::text || encode(token_hash, 'escape') FROM api_tokens t WHERE id = ?",
                issued.row().id());
        assertThat(wholeRow).as("no column holds the token").doesNotContain(token).doesNotContain(token.substring(4));
        assertThat(admin.authenticate(token).map(ApiPrincipal::scope)).contains(ApiTokenScope.rider(rider.id()));
        assertThat(services.tokens().authenticate(token).map(ApiPrincipal::scope)).contains(ApiTokenScope.rider(rider.id()));
    }

    @Test
    void everyKindOfScopeIsIssuedListedAndAuthenticated() {
        RiderRow rider = given.rider("Ben", 5, "20", 1);
        BatchRow batch = given.batch(1, "1");
        List<ApiTokenScope> scopes = List.of(ApiTokenScope.rider(rider.id()), ApiTokenScope.outlet(given.outletId()),
                ApiTokenScope.tracking(batch.id()), ApiTokenScope.system("billing"));

        for (ApiTokenScope scope : scopes) {
            IssuedToken issued = admin.issue(scope, "admin");
            assertThat(admin.authenticate(issued.token()).map(ApiPrincipal::scope)).contains(scope);
            assertThat(admin.list()).filteredOn(row -> row.id().equals(issued.row().id()))
                    .singleElement().satisfies(row -> {
                        assertThat(row.scope()).isEqualTo(scope);
                        assertThat(row.prefix()).isEqualTo(issued.token().substring(0, 12));
                    });
            assertThat(sql.value("SELECT kind FROM api_tokens WHERE id = ?", issued.row().id())).isEqualTo(scope.kind().name());
        }
    }

    @Test
    void aRevokedUnknownTamperedOrMalformedTokenDoesNotAuthenticate() {
        IssuedToken revoked = admin.issue(ApiTokenScope.system("old-importer"), "admin");
        IssuedToken kept = admin.issue(ApiTokenScope.system("importer"), "admin");
        admin.revoke(revoked.row().id(), "admin");

        String token = kept.token();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(admin.authenticate(revoked.token())).isEmpty();
        assertThat(admin.authenticate(tampered)).isEmpty();
        assertThat(admin.authenticate("dct_" + "x".repeat(43))).isEmpty();
        assertThat(admin.authenticate(token.substring(4))).isEmpty();
        assertThat(admin.authenticate("")).isEmpty();
        assertThat(admin.authenticate(null)).isEmpty();
        assertThat(admin.authenticate(token).map(ApiPrincipal::scope)).contains(ApiTokenScope.system("importer"));
    }

    @Test
    void revokingStampsTheServerAndLoginOnceAndASecondRevocationOrAnUnknownIdIsRefused() {
        IssuedToken issued = admin.issue(ApiTokenScope.system("pos"), "admin");

        ApiTokenRow revoked = admin.revoke(issued.row().id(), "admin");
        Object revokedAt = sql.value("SELECT revoked_at FROM api_tokens WHERE id = ?", issued.row().id());

        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedBy()).startsWith("admin_");
        assertThatThrownBy(() -> admin.revoke(issued.row().id(), "admin"))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
                    assertThat(e.sentence()).startsWith("Token " + issued.row().id().toString().substring(0, 8)
                            + " was already revoked by " + revoked.revokedBy()).endsWith("nothing was changed.");
                });
        assertThat(sql.value("SELECT revoked_at FROM api_tokens WHERE id = ?", issued.row().id())).isEqualTo(revokedAt);
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> admin.revoke(unknown, "admin")).isInstanceOfSatisfying(DispatchException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_NOT_FOUND));
    }

    @Test
    void aSubjectThatDoesNotExistIsRefusedAndNothingIsStored() {
        long before = sql.count("SELECT count(*) FROM api_tokens");

        assertRefused(() -> admin.issue(ApiTokenScope.rider(UUID.randomUUID()), "admin"), ErrorCode.RIDER_NOT_FOUND);
        assertRefused(() -> admin.issue(ApiTokenScope.outlet(UUID.randomUUID()), "admin"), ErrorCode.OUTLET_NOT_FOUND);
        assertRefused(() -> admin.issue(ApiTokenScope.tracking(UUID.randomUUID()), "admin"), ErrorCode.BATCH_NOT_FOUND);

        assertThat(sql.count("SELECT count(*) FROM api_tokens")).isEqualTo(before);
    }

    @Test
    void theDatabaseRefusesAnUnknownSubjectToAnAdminsPlainInsert() {
        Sql asAdmin = new Sql(adminDb.dataSource());
        long before = sql.count("SELECT count(*) FROM api_tokens");

        for (String[] c : new String[][] {{"RIDER", "RIDER_NOT_FOUND: Rider "}, {"OUTLET", "OUTLET_NOT_FOUND: Outlet "},
            {"TRACKING", "BATCH_NOT_FOUND: Batch "}}) {
            assertThatThrownBy(() -> asAdmin.update("INSERT INTO api_tokens (id, kind, subject_id, token_hash, token_prefix) "
                    + "VALUES (gen_random_uuid(), ?, gen_random_uuid(), sha256(random()::text::bytea), 'dct_x')", c[0]))
                    .rootCause().isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("DC000");
                        assertThat(e.getMessage()).contains(c[1]);
                    });
        }
        assertThat(sql.count("SELECT count(*) FROM api_tokens")).isEqualTo(before);
    }

    @Test
    void theDatabaseStampsIssuerAndTimeAndNeverClearsARevocation() throws Exception {
        Sql asAdmin = new Sql(adminDb.dataSource());
        UUID id = UUID.randomUUID();
        asAdmin.update("INSERT INTO api_tokens (id, kind, system_name, token_hash, token_prefix, created_at, created_by, "
                + "revoked_at, revoked_by) VALUES (?, 'SYSTEM', 'forged', sha256('x'::bytea), 'dct_x', "
                + "'2001-01-01', 'someone_else', '2001-01-02', 'someone_else')", id);
        assertThat(sql.value("SELECT created_by FROM api_tokens WHERE id = ?", id)).isNotEqualTo("someone_else");
        assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE id = ? AND created_at > now() - interval '1 hour' "
                + "AND revoked_at IS NULL", id)).isEqualTo(1);

        asAdmin.update("UPDATE api_tokens SET revoked_at = '2001-01-01', revoked_by = 'someone_else' WHERE id = ?", id);
        Object revokedAt = sql.value("SELECT revoked_at FROM api_tokens WHERE id = ?", id);
        assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE id = ? AND revoked_at > now() - interval '1 hour' "
                + "AND revoked_by <> 'someone_else'", id)).isEqualTo(1);

        for (String change : List.of("revoked_at = NULL, revoked_by = NULL", "revoked_at = now()")) {
            assertThatThrownBy(() -> asAdmin.update("UPDATE api_tokens SET " + change + " WHERE id = ?", id))
                    .rootCause().isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getMessage()).contains("ALREADY_CHANGED: Token "));
        }
        assertThatThrownBy(() -> sql.update("UPDATE api_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = ?", id))
                .as("not even the owner").rootCause().isInstanceOf(SQLException.class);
        assertThat(sql.value("SELECT revoked_at FROM api_tokens WHERE id = ?", id)).isEqualTo(revokedAt);

        UUID other = admin.issue(ApiTokenScope.system("renamed"), "admin").row().id();
        assertThatThrownBy(() -> sql.update("UPDATE api_tokens SET system_name = 'other' WHERE id = ?", other))
                .rootCause().isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getMessage()).contains("INVALID_ARGUMENT: A token can only be revoked"));
        assertThatThrownBy(() -> asAdmin.update("DELETE FROM api_tokens WHERE id = ?", other))
                .rootCause().isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        assertThat(sql.value("SELECT system_name FROM api_tokens WHERE id = ?", other)).isEqualTo("renamed");
    }

    @Test
    void dispatchersAndSupervisorsCannotIssueListRevokeAuthenticateOrTouchTheTable() throws Exception {
        IssuedToken kept = admin.issue(ApiTokenScope.system("kept"), "admin");
        UUID existing = kept.row().id();
        RiderRow rider = given.rider("Cai", 5, "20", 1);

        for (String group : List.of("dispatch_dispatcher", "dispatch_supervisor")) {
            try (Database db = Database.open(Logins.create(owner, group))) {
                ApiTokenService tokens = new DispatchServices(db).tokens();
                String before = tokensFingerprint();

                assertRefused(() -> tokens.issue(ApiTokenScope.rider(rider.id()), "olga"), ErrorCode.PERMISSION_DENIED);
                assertRefused(() -> tokens.issue(ApiTokenScope.system("mine"), "olga"), ErrorCode.PERMISSION_DENIED);
                assertRefused(() -> tokens.revoke(existing, "olga"), ErrorCode.PERMISSION_DENIED);
                assertRefused(tokens::list, ErrorCode.PERMISSION_DENIED);
                assertRefused(() -> tokens.authenticate(kept.token()), ErrorCode.PERMISSION_DENIED);
                assertPlainSqlRefused(new Sql(db.dataSource()), group);
                assertThat(tokensFingerprint()).as(group + " changed nothing").isEqualTo(before);
            }
        }
        // The riders' devices' system may not even open the console's database (no Flyway history to read).
        DatabaseConfig riders = Logins.create(owner, "dispatch_rider_system");
        org.postgresql.ds.PGSimpleDataSource plain = new org.postgresql.ds.PGSimpleDataSource();
        plain.setUrl(riders.url());
        plain.setUser(riders.user());
        plain.setPassword(riders.password());
        String before = tokensFingerprint();
        assertPlainSqlRefused(new Sql(plain), "dispatch_rider_system");
        assertThat(tokensFingerprint()).isEqualTo(before);
    }

    private static void assertPlainSqlRefused(Sql plain, String group) {
        for (String statement : List.of(
                "INSERT INTO api_tokens (id, kind, system_name, token_hash, token_prefix) "
                        + "VALUES (gen_random_uuid(), 'SYSTEM', 'mine', sha256('y'::bytea), 'dct_y')",
                "UPDATE api_tokens SET revoked_at = now(), revoked_by = 'x'",
                "DELETE FROM api_tokens",
                "SELECT count(*) FROM api_tokens")) {
            assertThatThrownBy(() -> plain.execute(statement)).as(group + ": " + statement)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    private static String tokensFingerprint() {
        return (String) sql.value("SELECT count(*) || '|' || coalesce(string_agg(id || coalesce(revoked_at::text, '-'), ',' "
                + "ORDER BY id), '') FROM api_tokens");
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static byte[] sha256(String token) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
