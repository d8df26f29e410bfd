package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services as the gateway runs them: signed in with a login in dispatch_gateway, authenticating tokens through
 * the database, and acting for one token per call ({@link DispatchServices#actingFor}). The database holds the
 * scope; the services add no check of their own for it.
 */
@DatabaseTest
class GatewayServicesTest {

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static Database gatewayDb;
    private static DispatchServices asOwner;
    private static DispatchServices gateway;
    private static Fixtures given;
    private static Sql sql;
    private static String gatewayLogin;

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        asOwner = new DispatchServices(ownerDb);
        given = new Fixtures(asOwner);
        sql = new Sql(ownerDb.dataSource());
        DatabaseConfig login = Logins.create(owner, "dispatch_gateway");
        gatewayLogin = login.user();
        gatewayDb = Database.open(login);
        gateway = new DispatchServices(gatewayDb);
    }

    @AfterAll
    static void close() {
        gatewayDb.close();
        ownerDb.close();
    }

    private static ApiPrincipal principalOf(ApiTokenScope scope) {
        IssuedToken issued = asOwner.tokens().issue(scope, "admin");
        return gateway.tokens().authenticate(issued.token()).orElseThrow();
    }

    private static RiderRow rider(String name) {
        return given.rider(name + " " + UUID.randomUUID().toString().substring(0, 4), 10, "50", 3);
    }

    private static void assertRefused(Runnable call, ErrorCode code, String sentencePart) {
        String before = sql.fingerprint();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DispatchException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.sentence()).contains(sentencePart);
        });
        assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
    }

    // ---- authenticating ---------------------------------------------------------------------------------

    @Test
    void theGatewaysLoginAuthenticatesTokensToTheirPrincipalInTheDatabasesOwnWords() {
        RiderRow rider = rider("Ana");
        BatchRow batch = given.batch(1, "1");
        for (ApiTokenScope scope : List.of(ApiTokenScope.rider(rider.id()), ApiTokenScope.outlet(given.outletId()),
                ApiTokenScope.tracking(batch.id()), ApiTokenScope.system("billing"))) {
            IssuedToken issued = asOwner.tokens().issue(scope, "admin");

            ApiPrincipal principal = gateway.tokens().authenticate(issued.token()).orElseThrow();

            assertThat(principal.tokenId()).isEqualTo(issued.row().id());
            assertThat(principal.scope()).isEqualTo(scope);
            assertThat(principal.tokenPrefix()).isEqualTo(issued.token().substring(0, 12));
            assertThat(principal.credential()).isEqualTo(ApiTokenSecret.credential(issued.token()));
            assertThat(principal.toString()).doesNotContain(principal.credential()).doesNotContain(issued.token());
            assertThat(sql.value("SELECT api_principal_label(kind, subject_id, system_name, token_prefix) FROM api_tokens "
                    + "WHERE id = ?", issued.row().id())).isEqualTo(principal.label());
        }
        IssuedToken revoked = asOwner.tokens().issue(ApiTokenScope.system("old"), "admin");
        asOwner.tokens().revoke(revoked.row().id(), "admin");
        assertThat(gateway.tokens().authenticate(revoked.token())).isEmpty();
        assertThat(gateway.tokens().authenticate(ApiTokenSecret.generate(new java.security.SecureRandom()))).isEmpty();
        assertThat(gateway.queries().sessionRole()).isEqualTo(gatewayLogin + " (gateway)");
        assertRefused(gateway.tokens()::list, ErrorCode.PERMISSION_DENIED, "permission denied");
    }

    // ---- acting for a token -----------------------------------------------------------------------------

    @Test
    void aRiderPicksUpItsBatchAndTheHistoryNamesTheTokenWhateverTheCallSays() {
        RiderRow rider = rider("Ben");
        BatchRow batch = asOwner.assignments().assign(given.batch(2, "1").id(), rider.id(), "seed");
        ApiPrincipal principal = principalOf(ApiTokenScope.rider(rider.id()));
        DispatchServices acting = gateway.actingFor(principal);

        BatchRow picked = acting.assignments().transition(batch.id(), BatchStatus.PICKED, "Olga Petrova", null);
        acting.fleet().reportPosition(rider.id(), 52.52, 13.40, 4f, Instant.now());

        assertThat(picked.status()).isEqualTo(BatchStatus.PICKED);
        assertThat(asOwner.queries().history(batch.id())).last().satisfies(entry -> {
            assertThat(entry.toStatus()).isEqualTo(BatchStatus.PICKED);
            assertThat(entry.actor()).isEqualTo(principal.label());
            assertThat(entry.databaseUser()).isEqualTo(gatewayLogin);
        });
        assertThat(sql.value("SELECT lat FROM rider_locations WHERE rider_id = ?", rider.id())).isEqualTo(52.52);
        assertThat(acting.principal()).contains(principal);
        assertThat(gateway.principal()).isEmpty();
    }

    /**
     * The gateway read the rider's batches, then dispatch gave the batch to someone else: the pick-up the rider's
     * app sends next is the database's to refuse, with no check in Java that could go stale.
     */
    @Test
    void aPickUpOfABatchReassignedAfterTheRiderReadItIsRefusedByTheDatabase() {
        RiderRow rider = rider("Cai");
        RiderRow other = rider("Dee");
        BatchRow batch = asOwner.assignments().assign(given.batch(1, "1").id(), rider.id(), "seed");
        DispatchServices acting = gateway.actingFor(principalOf(ApiTokenScope.rider(rider.id())));
        assertThat(acting.queries().riderBatches(rider.id(), BatchStatus.ACTIVE)).extracting(BatchRow::id)
                .containsExactly(batch.id());

        asOwner.assignments().reassign(batch.id(), other.id(), "Olga", "closer to the outlet");

        assertRefused(() -> acting.assignments().transition(batch.id(), BatchStatus.PICKED, "app", null),
                ErrorCode.OUT_OF_SCOPE, "Batch " + batch.id().toString().substring(0, 8) + " is not with rider "
                        + rider.id().toString().substring(0, 8));
        BatchRow now = asOwner.queries().batch(batch.id());
        assertThat(now.status()).isEqualTo(BatchStatus.ASSIGNED);
        assertThat(now.riderId()).isEqualTo(other.id());
    }

    @Test
    void eachTokenGetsOnlyItsScopeThroughTheServices() {
        RiderRow rider = rider("Eve");
        RiderRow other = rider("Fay");
        BatchRow batch = asOwner.assignments().assign(given.batch(1, "1").id(), rider.id(), "seed");
        DispatchServices asRider = gateway.actingFor(principalOf(ApiTokenScope.rider(rider.id())));
        DispatchServices tracking = gateway.actingFor(principalOf(ApiTokenScope.tracking(batch.id())));
        DispatchServices system = gateway.actingFor(principalOf(ApiTokenScope.system("planner")));

        assertRefused(() -> asRider.assignments().reassign(batch.id(), other.id(), "app", "swap"),
                ErrorCode.OUT_OF_SCOPE, "cannot hand batch");
        assertRefused(() -> asRider.fleet().setAvailability(other.id(), Availability.ON_BREAK, "app"),
                ErrorCode.OUT_OF_SCOPE, "token changes only that rider");
        assertRefused(() -> asRider.batches().createBatch(given.outletId(), List.of(new NewOrder("X", "1 Road",
                BigDecimal.ONE)), "app"), ErrorCode.OUT_OF_SCOPE, "cannot create or delete batches");
        assertRefused(() -> tracking.assignments().transition(batch.id(), BatchStatus.PICKED, "page", null),
                ErrorCode.OUT_OF_SCOPE, "it changes nothing");
        assertRefused(() -> gateway.assignments().transition(batch.id(), BatchStatus.PICKED, "no token", null),
                ErrorCode.PERMISSION_DENIED, "without the API token it acts for");

        BatchRow reassigned = system.assignments().reassign(batch.id(), other.id(), "planner", "balance the load");
        assertThat(reassigned.riderId()).isEqualTo(other.id());
        assertThat(asRider.fleet().setAvailability(rider.id(), Availability.ON_BREAK, "app").availability())
                .isEqualTo(Availability.ON_BREAK);
    }

    // ---- the lists an API serves ------------------------------------------------------------------------

    @Test
    void anOutletsAndARidersBatchesNewestFirstInTheStatusesAskedFor() {
        RiderRow rider = rider("Gus");
        BatchRow oldest = given.batch(1, "1");
        BatchRow middle = asOwner.assignments().assign(given.batch(1, "1").id(), rider.id(), "seed");
        BatchRow newest = given.batch(1, "1");
        BatchRow cancelled = asOwner.assignments().transition(given.batch(1, "1").id(), BatchStatus.CANCELLED, "seed",
                "no longer needed");
        Set<BatchStatus> open = EnumSet.of(BatchStatus.CREATED, BatchStatus.ASSIGNED);

        List<BatchRow> outlet = gateway.queries().outletBatches(given.outletId(), open, 1000);
        assertThat(outlet).extracting(BatchRow::id).containsSubsequence(newest.id(), middle.id(), oldest.id())
                .doesNotContain(cancelled.id());
        assertThat(outlet).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
        assertThat(outlet).allSatisfy(row -> assertThat(row.outletId()).isEqualTo(given.outletId()));
        assertThat(gateway.queries().outletBatches(given.outletId(), open, 2)).hasSize(2);
        assertThat(gateway.queries().outletBatches(given.outletId(), EnumSet.of(BatchStatus.CANCELLED), 10))
                .extracting(BatchRow::id).contains(cancelled.id()).hasSize((int) sql.count(
                        "SELECT count(*) FROM delivery_batches WHERE outlet_id = ? AND status = 'CANCELLED'", given.outletId()));
        assertThat(gateway.queries().outletBatches(UUID.randomUUID(), open, 10)).isEmpty();

        assertThat(gateway.queries().riderBatches(rider.id(), BatchStatus.ACTIVE)).singleElement()
                .satisfies(row -> {
                    assertThat(row.id()).isEqualTo(middle.id());
                    assertThat(row.riderName()).isEqualTo(rider.name());
                    assertThat(row.customers()).startsWith("Customer ");
                });
        assertThat(gateway.queries().riderBatches(rider.id(), EnumSet.of(BatchStatus.COMPLETED))).isEmpty();

        assertRefused(() -> gateway.queries().outletBatches(given.outletId(), Set.of(), 10), ErrorCode.INVALID_ARGUMENT,
                "at least one batch status");
        assertRefused(() -> gateway.queries().outletBatches(given.outletId(), open, 0), ErrorCode.INVALID_ARGUMENT,
                "A limit is 1 to 1000 batches");
        assertRefused(() -> gateway.queries().riderBatches(null, open), ErrorCode.INVALID_ARGUMENT, "No rider");
    }
}
