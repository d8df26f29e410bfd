package com.dispatchconsole.sim;

import com.dispatchconsole.demo.City;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An outlet's ordering system: customers' orders arrive at random (a Poisson stream at the outlet's share of the
 * run's rate), grouped into batches of one to four, each created through {@code POST /api/batches} with its
 * addresses and their positions in the city. Now and then a customer cancels a batch still waiting.
 */
final class OutletSystem {

    private static final String[] CUSTOMERS = {"M. Brown", "J. Nguyen", "A. Schmidt", "K. Mensah", "L. Romano",
        "S. Kowalski", "P. Fernandes", "R. O'Neill", "T. Yilmaz", "D. Ivanova", "H. Kim", "C. Costa", "E. Walsh",
        "F. Osei", "G. Lindqvist", "I. Haddad"};

    private final UUID outletId;
    private final String token;
    private final SimContext ctx;
    private final Random random;
    private final double ordersPerMinute;
    private final long endAt;
    private volatile boolean stopped;

    OutletSystem(UUID outletId, String token, SimContext ctx, Random random, double ordersPerMinute, long endAt) {
        this.outletId = outletId;
        this.token = token;
        this.ctx = ctx;
        this.random = random;
        this.ordersPerMinute = ordersPerMinute;
        this.endAt = endAt;
    }

    void start() {
        if (ordersPerMinute > 0) {
            scheduleNext();
        }
    }

    void stop() {
        stopped = true;
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        // Batches hold 2.5 orders on average.
        double meanMillis = 60_000 * 2.5 / ordersPerMinute;
        long delay = (long) (-Math.log(1 - random.nextDouble()) * meanMillis);
        if (System.currentTimeMillis() + delay > endAt) {
            return;
        }
        ctx.pool().schedule(this::create, delay, TimeUnit.MILLISECONDS);
    }

    private void create() {
        if (stopped) {
            return;
        }
        try {
            List<Map<String, Object>> orders = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                String address = City.randomAddress(random);
                City.Point p = City.positionOf(address);
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("customerName", CUSTOMERS[random.nextInt(CUSTOMERS.length)]);
                order.put("deliveryAddress", address);
                order.put("weightKg", BigDecimal.valueOf(30 + random.nextInt(420), 2));
                order.put("lat", p.lat());
                order.put("lon", p.lon());
                orders.add(order);
            }
            ApiClient.Answer created = ctx.api().post("outlet.create", token, "/api/batches",
                    Map.of("outletId", outletId.toString(), "orders", orders));
            if (created.ok() && random.nextInt(50) == 0) {
                String batchId = created.body().path("batchId").asText();
                // The customer changes their mind a couple of minutes later; refused if the batch went out.
                ctx.pool().schedule(() -> cancel(batchId), ctx.realMillis(60 + random.nextInt(120)),
                        TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            ctx.metrics().error("outlet", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        scheduleNext();
    }

    private void cancel(String batchId) {
        if (stopped) {
            return;
        }
        ApiClient.Answer answer = ctx.api().post("outlet.cancel", token, "/api/batches/" + batchId + "/cancel",
                Map.of("reason", "Customer cancelled"));
        if (answer.ok()) {
            ctx.metrics().played("cancelledByCustomer");
        }
    }
}
