package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import com.dispatchconsole.testing.Logins;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adversary review of issue 15's read-back (the move's {@code UPDATE … RETURNING} with per-row scalar subqueries,
 * {@link BatchQueries#ROW_COLUMNS}) and of timestamps read as {@code OffsetDateTime} ({@link JdbcValues#instant}):
 * every move, by every role that may make it, returns exactly the row a fresh whole-table read (the joined
 * statement) shows; times read back are the instants the database holds, whatever the session's time zone and
 * wire format.
 */
@DatabaseTest
class ReadBackAdversaryTest {

    private static final List<String> OPERATOR_GROUPS =
            List.of("dispatch_dispatcher", "dispatch_supervisor", "dispatch_admin");

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();
    private static final List<Database> opened = new ArrayList<>();
    private static DispatchServices gateway;

    @BeforeAll
    static void open() {
        gateway = servicesOf("dispatch_gateway");
    }

    /** The database owner's login: the fresh database's own. */
    private static com.dispatchconsole.persistence.DatabaseConfig owner() {
        return fresh.db().config();
    }

    @AfterAll
    static void close() {
        opened.forEach(Database::close);
    }

    private static DispatchServices servicesOf(String group) {
        Database db = Database.open(Logins.create(owner(), group));
        opened.add(db);
        return new DispatchServices(db);
    }

    private static DispatchServices actingFor(ApiTokenScope scope) {
        ApiPrincipal principal = gateway.tokens()
                .authenticate(fresh.services().tokens().issue(scope, "admin").token()).orElseThrow();
        return gateway.actingFor(principal);
    }

    private static RiderRow rider(String name) {
        return fresh.given().rider(name + " " + UUID.randomUUID().toString().substring(0, 4), 10, "50", 5);
    }

    /**
     * A batch whose line order is neither the order of its customers' names nor of its lines' ids: three orders,
     * one more added, the second removed (sequences 1, 3, 4: "Zoe, Mia, Bea").
     */
    private static BatchRow shuffledBatch() {
        BatchRow batch = fresh.services().batches().createBatch(fresh.given().outletId(), List.of(
                new NewOrder("Zoe", "1 A Street", new BigDecimal("1.5")),
                new NewOrder("Adam", "2 B Street", new BigDecimal("2")),
                new NewOrder("Mia", "3 C Street", new BigDecimal("1"))), "seed");
        fresh.services().batches().addOrder(batch.id(), new NewOrder("Bea", "4 D Street", new BigDecimal("0.5")), "seed");
        UUID adam = fresh.services().queries().orders(batch.id()).stream().filter(l -> l.customerName().equals("Adam"))
                .findFirst().orElseThrow().orderId();
        BatchRow shuffled = fresh.services().batches().removeOrder(batch.id(), adam, "seed");
        assertThat(shuffled.customers()).isEqualTo("Zoe, Mia, Bea");
        return shuffled;
    }

    private static BatchRow fromWholeTable(DispatchServices who, UUID batchId) {
        return who.queries().batches().stream().filter(r -> r.id().equals(batchId)).findFirst().orElseThrow();
    }

    /** What a move returned is what the whole-table read shows, to the mover and to the owner alike. */
    private static BatchRow same(DispatchServices who, BatchRow returned, String move) {
        assertThat(returned).as(move + ": the row returned = the mover's whole-table read")
                .isEqualTo(fromWholeTable(who, returned.id()));
        assertThat(returned).as(move + ": = the owner's whole-table read")
                .isEqualTo(fromWholeTable(fresh.services(), returned.id()));
        assertThat(returned).as(move + ": = the few-batches read")
                .isEqualTo(who.queries().batches(List.of(returned.id())).get(0));
        assertThat(returned.customers()).as(move + ": customers in line order").isEqualTo("Zoe, Mia, Bea");
        assertThat(returned.outletName()).isNotBlank();
        assertThat(returned.riderName() == null).as(move + ": a rider's name exactly when a rider")
                .isEqualTo(returned.riderId() == null);
        return returned;
    }

    private static void recordAllOutcomes(UUID batchId) {
        for (BatchOrderRow line : fresh.services().queries().orders(batchId)) {
            fresh.services().batches().recordOutcome(batchId, line.orderId(), OrderOutcome.DELIVERED, null,
                    "{\"notes\": \"ok\"}", "seed");
        }
    }

    /** Every move, as the owner, each operator role and a gateway acting for a SYSTEM and an OUTLET token. */
    @Test
    void everyMoveByEveryDispatchingRoleReturnsTheRowTheWholeTableReadShows() {
        Map<String, DispatchServices> roles = new LinkedHashMap<>();
        roles.put("owner", fresh.services());
        OPERATOR_GROUPS.forEach(g -> roles.put(g, servicesOf(g)));
        roles.put("gateway SYSTEM token", actingFor(ApiTokenScope.system("billing")));
        roles.put("gateway OUTLET token", actingFor(ApiTokenScope.outlet(fresh.given().outletId())));
        roles.forEach((role, who) -> {
            RiderRow ana = rider("Ana");
            RiderRow ben = rider("Ben");
            BatchRow batch = shuffledBatch();
            same(who, who.assignments().assign(batch.id(), ana.id(), "op"), role + " assign");
            BatchRow reassigned = same(who, who.assignments().reassign(batch.id(), ben.id(), "op", "swap"),
                    role + " reassign");
            assertThat(reassigned.riderName()).isEqualTo(ben.name());
            same(who, who.assignments().unassign(batch.id(), "op", "back"), role + " unassign");
            same(who, who.assignments().assign(batch.id(), ana.id(), "op"), role + " assign again");
            same(who, who.assignments().transition(batch.id(), BatchStatus.PICKED, "op", null), role + " pick");
            same(who, who.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "op", null),
                    role + " out for delivery");
            recordAllOutcomes(batch.id());
            BatchRow completed = same(who, who.assignments().transition(batch.id(), BatchStatus.COMPLETED, "op", null),
                    role + " complete");
            assertThat(completed.riderName()).as("a completed batch keeps its rider's name").isEqualTo(ana.name());

            BatchRow failing = shuffledBatch();
            who.assignments().assign(failing.id(), ben.id(), "op");
            same(who, who.assignments().transition(failing.id(), BatchStatus.PICKED, "op", null), role + " pick");
            same(who, who.assignments().transition(failing.id(), BatchStatus.FAILED, "op", "flat tyre"),
                    role + " fail");

            BatchRow cancelled = shuffledBatch();
            who.assignments().assign(cancelled.id(), ben.id(), "op");
            same(who, who.assignments().transition(cancelled.id(), BatchStatus.CANCELLED, "op", "customer left"),
                    role + " cancel");
        });
    }

    /** A rider's token makes the moves of its own batch: pick, out for delivery, complete, and fail. */
    @Test
    void aRidersTokenGetsBackTheRowTheWholeTableReadShows() {
        RiderRow cleo = rider("Cleo");
        DispatchServices acting = actingFor(ApiTokenScope.rider(cleo.id()));
        BatchRow batch = shuffledBatch();
        fresh.services().assignments().assign(batch.id(), cleo.id(), "seed");
        same(acting, acting.assignments().transition(batch.id(), BatchStatus.PICKED, "app", null), "rider pick");
        same(acting, acting.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "app", null),
                "rider out for delivery");
        recordAllOutcomes(batch.id());
        same(acting, acting.assignments().transition(batch.id(), BatchStatus.COMPLETED, "app", null),
                "rider complete");

        BatchRow failing = shuffledBatch();
        fresh.services().assignments().assign(failing.id(), cleo.id(), "seed");
        acting.assignments().transition(failing.id(), BatchStatus.PICKED, "app", null);
        same(acting, acting.assignments().transition(failing.id(), BatchStatus.FAILED, "app", "crash"), "rider fail");
    }

    /** A batch with no lines (only the owner can make one): the read-back and the whole-table read agree on null. */
    @Test
    void aBatchWithoutLinesReadsBackAsTheWholeTableShowsIt() {
        UUID empty = UUID.randomUUID();
        fresh.sql().update("INSERT INTO delivery_batches (id, outlet_id) VALUES (?, ?)", empty, fresh.given().outletId());
        RiderRow dora = rider("Dora");
        DispatchServices dispatcher = servicesOf("dispatch_dispatcher");

        BatchRow assigned = dispatcher.assignments().assign(empty, dora.id(), "op");

        assertThat(assigned).isEqualTo(fromWholeTable(dispatcher, empty));
        assertThat(assigned.customers()).isNull();
        assertThat(assigned.orderCount()).isZero();
    }

    /**
     * A line added by another transaction while the move waits for the batch's lock: the move's read-back shows the
     * line (its count, weight, customers and version agree with each other and with a fresh whole-table read).
     */
    @Test
    void aLineAddedWhileTheMoveWaitsForTheBatchIsInTheRowTheMoveReturns() throws Exception {
        RiderRow eve = rider("Eve");
        BatchRow batch = shuffledBatch();
        UUID order = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(owner().url(), owner().user(), owner().password());
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL dispatch.operator = 'other'");
            st.execute("INSERT INTO orders (id, outlet_id, customer_name, delivery_address, weight_kg) VALUES ('"
                    + order + "', '" + fresh.given().outletId() + "', 'Ann', '5 E Street', 1)");
            st.execute("INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES ('"
                    + UUID.randomUUID() + "', '" + batch.id() + "', '" + order + "', 5)");
            CompletableFuture<BatchRow> move = CompletableFuture.supplyAsync(
                    () -> fresh.services().assignments().assign(batch.id(), eve.id(), "op"));
            // The move waits on the batch's lock this transaction holds (no timing assertion: we only wait for it).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fresh.sql().count("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0 && !move.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(move).as("the move waits for the line's transaction").isNotDone();
            c.commit();
            BatchRow moved = move.get(30, TimeUnit.SECONDS);
            assertThat(moved.customers()).isEqualTo("Zoe, Mia, Bea, Ann");
            assertThat(moved.orderCount()).isEqualTo(4);
            assertThat(moved).isEqualTo(fromWholeTable(fresh.services(), batch.id()));
        }
    }

    // ---- timestamps ---------------------------------------------------------------------------------------

    /**
     * {@link JdbcValues#instant} gives the instant the database holds (seconds and microseconds from the epoch, as
     * the server computes them), as {@code getTimestamp} did before, in session time zones with odd and historical
     * offsets, over text and binary results (pgjdbc switches to binary after a few executions of one statement).
     */
    @Test
    void timesReadBackAreTheDatabasesInstantsInEveryZoneAndWireFormat() throws Exception {
        List<String> values = List.of("2026-11-28 14:00:00.123456+00", "2026-03-29 01:30:00+00",
                "2026-10-25 00:59:59.999999+00", "1999-12-31 23:59:59.5+00", "1890-06-01 12:00:00+00",
                "1970-01-01 00:00:00+00", "1969-12-31 23:59:59.000001+00");
        for (String zone : List.of("UTC", "Europe/Amsterdam", "America/St_Johns", "Pacific/Chatham", "Asia/Kolkata")) {
            try (Connection c = DriverManager.getConnection(owner().url(), owner().user(), owner().password());
                 Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE '" + zone + "'");
                try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamptz, "
                        + "floor(extract(epoch FROM ?::timestamptz))::bigint, "
                        + "(extract(microseconds FROM ?::timestamptz)::bigint % 1000000 + 1000000) % 1000000")) {
                    for (int run = 0; run < 8; run++) {
                        for (String value : values) {
                            ps.setString(1, value);
                            ps.setString(2, value);
                            ps.setString(3, value);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                Instant expected = Instant.ofEpochSecond(rs.getLong(2), rs.getLong(3) * 1000);
                                assertThat(JdbcValues.instant(rs, 1)).as(value + " in " + zone + ", run " + run)
                                        .isEqualTo(expected)
                                        .isEqualTo(rs.getTimestamp(1).toInstant());
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A position fix stored before V25 bounded fix times could be 'infinity' (V25's own words), and V25 cleaned no
     * rows up; the owner can still write one. Read through {@link JdbcValues#instant}, such a time must stay a time
     * the console can show on a clock (it did with getTimestamp: pgjdbc's infinity timestamps), not an instant
     * beyond the last local date-time Java has, which throws in every place that shows it.
     */
    @Test
    void anInfiniteFixTimeFromBeforeV25StillReadsAsATimeTheConsoleCanShow() throws Exception {
        RiderRow far = rider("Far");
        RiderRow early = rider("Early");
        fresh.sql().transaction("SET LOCAL session_replication_role = replica",
                "INSERT INTO rider_locations (rider_id, lat, lon, fix_at, received_at) VALUES ('" + far.id()
                        + "', 52.5, 13.4, 'infinity', now())",
                "INSERT INTO rider_locations (rider_id, lat, lon, fix_at, received_at) VALUES ('" + early.id()
                        + "', 52.5, 13.4, '-infinity', now())");
        for (int run = 0; run < 8; run++) { // text, then binary results
            List<RiderRow> rows = fresh.services().queries().riders(List.of(far.id(), early.id()));
            for (RiderRow row : rows) {
                Instant fixAt = row.position().fixAt();
                assertThat(fixAt).isEqualTo(oldInstant(row.id()));
                for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Niue"))) {
                    assertThatCode(() -> fixAt.atZone(zone)).as(row.name() + " run " + run + " in " + zone)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    /** The instant the code before issue 15's change read: {@code getTimestamp(...).toInstant()}. */
    private static Instant oldInstant(UUID riderId) throws Exception {
        try (Connection c = DriverManager.getConnection(owner().url(), owner().user(), owner().password());
             PreparedStatement ps = c.prepareStatement("SELECT fix_at FROM rider_locations WHERE rider_id = ?")) {
            ps.setObject(1, riderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
