package com.dispatchconsole.stress;

import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.service.DispatchServices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The riders and batches a stress run works on: everything belongs to one outlet named after the scenario, so
 * several stress processes on one database share (and fight over) the same rows, and the final check can cover
 * everything in the scenario whoever changed it. Creation is guarded by an advisory lock so two processes
 * started together create the scenario once.
 */
public record StressScenario(UUID outletId, List<UUID> riderIds, List<UUID> batchIds) {

    static final String SETUP_ACTOR = "stress-setup";

    public static String outletName(String scenario) {
        return com.dispatchconsole.domain.Outlet.STRESS_PREFIX + scenario;
    }

    public static StressScenario openOrCreate(DispatchServices services, DataSource dataSource,
                                              StressSettings settings) throws SQLException {
        String name = outletName(settings.scenario());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, name);
                lock.execute();
            }
            try {
                UUID outletId = findOutlet(c, name);
                if (outletId == null) {
                    create(services, settings, name);
                    outletId = findOutlet(c, name);
                }
                return new StressScenario(outletId, ids(c, "SELECT id FROM delivery_riders WHERE home_outlet_id = ? ORDER BY name", outletId),
                        ids(c, "SELECT id FROM delivery_batches WHERE outlet_id = ? ORDER BY created_at, id", outletId));
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    unlock.setString(1, name);
                    unlock.execute();
                }
            }
        }
    }

    private static void create(DispatchServices services, StressSettings settings, String name) {
        Random random = new Random(settings.seed());
        UUID outletId = services.fleet().createOutlet(name, "stress scenario");
        for (int i = 0; i < settings.riders(); i++) {
            // Small limits, so that capacity, weight and batch-count refusals all happen often.
            RiderLimits limits = new RiderLimits(4 + random.nextInt(7),
                    BigDecimal.valueOf(8 + random.nextInt(18)), 1 + random.nextInt(3));
            services.fleet().createRider(String.format("Stress rider %03d", i), null,
                    VehicleType.values()[random.nextInt(VehicleType.values().length)], outletId, limits);
        }
        List<List<NewOrder>> pending = new ArrayList<>();
        for (int b = 0; b < settings.batches(); b++) {
            List<NewOrder> orders = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int o = 0; o < count; o++) {
                orders.add(new NewOrder("Stress customer " + b + "-" + o, b + " Stress Lane",
                        BigDecimal.valueOf(50 + random.nextInt(350)).divide(BigDecimal.valueOf(100), 2, RoundingMode.UNNECESSARY)));
            }
            pending.add(orders);
            if (pending.size() == 200 || b == settings.batches() - 1) {
                services.batches().createBatches(outletId, pending, SETUP_ACTOR);
                pending = new ArrayList<>();
            }
        }
    }

    private static UUID findOutlet(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outlets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    private static List<UUID> ids(Connection c, String sql, UUID outletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, outletId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
