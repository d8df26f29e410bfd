package com.dispatchconsole.demo;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.PhotoQueries;
import com.dispatchconsole.persistence.RiderQueries;
import com.dispatchconsole.persistence.SqlStates;
import com.dispatchconsole.persistence.Statuses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes the demo shift as plain SQL on one connection, as any writer of the database may: the database's own
 * guards check every move (the state map, the riders' limits and availability) and its triggers write the audit
 * history with the demo's name, exactly as for the services. A move the guards refuse is rolled back to just before
 * it and reported as false, which leaves that batch where it was (the demo's "a full rider refuses").
 *
 * <p>Why not the services: the demo shift is ~450 changes, and through the services each is a transaction of its
 * own with its reads-back (4–5 s of a first start on two cores). Here it is one statement per change, one
 * transaction per batch, and no Hibernate at all (the owner needs none to seed).
 */
final class DemoShiftWriter implements AutoCloseable {

    /** An order line of a batch, as a proof of delivery needs it. */
    record Line(UUID id, String customerName, String deliveryAddress) {
    }

    private final Connection c;
    private final boolean autoCommitBefore;

    private DemoShiftWriter(Connection c) throws SQLException {
        this.c = c;
        this.autoCommitBefore = c.getAutoCommit();
        c.setAutoCommit(false);
        begin();
    }

    static DemoShiftWriter open(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            return new DemoShiftWriter(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Commits what was written so far; the next change starts a new transaction (with the demo's name on it). */
    void commit() throws SQLException {
        c.commit();
        begin();
    }

    /** Every transaction names its writer, for the history the triggers write. */
    private void begin() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('dispatch.operator', ?, true)")) {
            ps.setString(1, DemoData.ACTOR);
            ps.execute();
        }
    }

    /** Stores the demo photo once; returns how a document names it. */
    String storePhoto(byte[] bytes) throws SQLException {
        UUID id = UUID.randomUUID();
        PhotoQueries.insert(c, id, PhotoType.require(bytes), bytes);
        return PhotoQueries.find(c, id).orElseThrow().reference();
    }

    UUID createOutlet(String name, String address, double lat, double lon) throws SQLException {
        UUID id = UUID.randomUUID();
        update("INSERT INTO outlets (id, name, address, lat, lon) VALUES (?, ?, ?, ?, ?)", id, name, address, lat, lon);
        return id;
    }

    UUID createRider(String name, String phone, VehicleType vehicle, UUID homeOutlet, RiderLimits limits)
            throws SQLException {
        UUID id = UUID.randomUUID();
        update("INSERT INTO delivery_riders (id, name, phone, vehicle_type, home_outlet_id, max_capacity, "
                        + "max_weight_kg, max_active_batches) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, name, phone,
                vehicle.name(), homeOutlet, limits.maxCapacity(), limits.maxWeightKg(), limits.maxActiveBatches());
        return id;
    }

    /** A CREATED batch with its orders; the database counts its orders and weight from the lines. */
    UUID createBatch(UUID outlet, List<NewOrder> orders) throws SQLException {
        UUID batch = UUID.randomUUID();
        update("INSERT INTO delivery_batches (id, outlet_id) VALUES (?, ?)", batch, outlet);
        int sequence = 1;
        for (NewOrder order : orders) {
            UUID orderId = UUID.randomUUID();
            update("INSERT INTO orders (id, outlet_id, customer_name, delivery_address, weight_kg, delivery_lat, "
                            + "delivery_lon, customer_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", orderId, outlet,
                    order.customerName(), order.deliveryAddress(), order.weightKg(), order.lat(), order.lon(),
                    order.customerPhone());
            update("INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES (?, ?, ?, ?)",
                    UUID.randomUUID(), batch, orderId, sequence++);
        }
        return batch;
    }

    /** Gives a CREATED batch to a rider; false when the database refuses (the rider is full or away). */
    boolean assign(UUID batch, UUID rider) throws SQLException {
        return refusable("UPDATE delivery_batches SET status = ?, rider_id = ? WHERE id = ?",
                BatchStatus.ASSIGNED.name(), rider, batch);
    }

    /** Moves a batch along the state map keeping its rider; false when the database refuses. */
    boolean move(UUID batch, BatchStatus to, String reason) throws SQLException {
        setReason(reason);
        try {
            return refusable("UPDATE delivery_batches SET status = ?, rider_id = CASE WHEN ? THEN NULL ELSE rider_id "
                    + "END WHERE id = ?", to.name(), to == BatchStatus.CANCELLED, batch);
        } finally {
            setReason(null);
        }
    }

    List<Line> lines(UUID batch) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.id, o.customer_name, o.delivery_address "
                + "FROM delivery_batch_orders l JOIN orders o ON o.id = l.order_id WHERE l.batch_id = ? "
                + "ORDER BY l.sequence")) {
            ps.setObject(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return lines;
    }

    /** Records a line delivered with its proof; the database keeps the version and its history. */
    void delivered(UUID line, PodDocument proof) throws SQLException {
        update("UPDATE delivery_batch_orders SET outcome = ?, completed_at = now(), proof_of_delivery = ?::jsonb "
                + "WHERE id = ?", OrderOutcome.DELIVERED.name(), proof.toJson(), line);
    }

    void reportPosition(UUID rider, double lat, double lon, float accuracyMetres, Instant fixAt) throws SQLException {
        RiderQueries.reportPosition(c, rider, lat, lon, accuracyMetres, fixAt);
    }

    /** The riders (of {@code riders}, in that order) who carry nothing now. */
    List<UUID> carryingNothing(List<UUID> riders) throws SQLException {
        List<UUID> busy = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT rider_id FROM delivery_batches "
                + "WHERE rider_id IS NOT NULL AND status IN " + Statuses.ACTIVE);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                busy.add(rs.getObject(1, UUID.class));
            }
        }
        return riders.stream().filter(r -> !busy.contains(r)).toList();
    }

    /** False when the database refuses (a rider who carries something cannot leave). */
    boolean setAvailability(UUID rider, Availability availability) throws SQLException {
        return refusable("UPDATE delivery_riders SET availability = ? WHERE id = ?", availability.name(), rider);
    }

    private void setReason(String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('dispatch.reason', ?, true)")) {
            ps.setString(1, reason == null ? "" : reason);
            ps.execute();
        }
    }

    /** Runs a change the guards may refuse: refused, it is undone alone and the transaction goes on. */
    private boolean refusable(String sql, Object... values) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            boolean changed = update(sql, values) == 1;
            c.releaseSavepoint(before);
            return changed;
        } catch (SQLException refused) {
            if (SqlStates.isConnectionFailure(refused.getSQLState())) {
                throw refused;
            }
            c.rollback(before);
            return false;
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            c.rollback();
            c.setAutoCommit(autoCommitBefore);
        } finally {
            c.close();
        }
    }
}
