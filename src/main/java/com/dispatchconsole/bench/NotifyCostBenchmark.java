package com.dispatchconsole.bench;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What NOTIFY costs the assignment path: no triggers, triggers with 0, 1, 10 and 50 listening connections. */
public final class NotifyCostBenchmark {

    private static final String[] TRIGGERS = {"delivery_batches.delivery_batches_notify",
        "delivery_riders.delivery_riders_notify", "delivery_batch_orders.delivery_batch_orders_notify",
        "rider_locations.rider_locations_notify"};

    private NotifyCostBenchmark() {
    }

    public static List<Map<String, Object>> run(Database database, int clients, double seconds, int[] listenerCounts)
            throws Exception {
        return run(database, clients, seconds, listenerCounts, false);
    }

    /**
     * As {@link #run(Database, int, double, int[])}; {@code watchLock} adds to each row what {@link NotifyLockSampler}
     * saw of the NOTIFY commit lock during its measurement.
     */
    public static List<Map<String, Object>> run(Database database, int clients, double seconds, int[] listenerCounts,
                                                boolean watchLock) throws Exception {
        AssignBenchmark bench = new AssignBenchmark(new DispatchServices(database)).prepare(clients);
        var config = database.config();
        FeedSettings feedSettings = FeedSettings.of(config.url(), config.user(), config.password());
        List<Map<String, Object>> rows = new ArrayList<>();
        bench.serviceThroughput(clients, false, 3);
        setTriggers(database, false);
        NotifyLockSampler sampler = watchLock ? NotifyLockSampler.start(config.url(), config.user(), config.password())
                : null;
        double baseline = bench.serviceThroughput(clients, false, seconds);
        rows.add(withLock(row("no triggers", 0, baseline, baseline, 0), sampler));
        setTriggers(database, true);
        for (int listeners : listenerCounts) {
            List<ChangeFeed> feeds = new ArrayList<>();
            AtomicLong received = new AtomicLong();
            try {
                for (int i = 0; i < listeners; i++) {
                    ChangeFeed feed = new ChangeFeed(feedSettings);
                    feed.subscribe((List<ChangeEvent> events) -> received.addAndGet(events.size()));
                    feeds.add(feed.start());
                }
                // Bounded: a feed whose database went away reconnects forever, and the benchmark must stop instead.
                long deadline = System.nanoTime() + 30_000_000_000L;
                for (ChangeFeed feed : feeds) {
                    while (feed.state().status() != LiveState.Status.LIVE) {
                        if (System.nanoTime() > deadline) {
                            throw new com.dispatchconsole.domain.DispatchException(
                                    com.dispatchconsole.domain.ErrorCode.DATABASE_UNAVAILABLE,
                                    "A listening connection did not come up within 30 s; the benchmark stopped.");
                        }
                        Thread.sleep(20);
                    }
                }
                sampler = watchLock ? NotifyLockSampler.start(config.url(), config.user(), config.password()) : null;
                double rate = bench.serviceThroughput(clients, false, seconds);
                rows.add(withLock(row("triggers", listeners, rate, baseline, received.get()), sampler));
            } finally {
                feeds.forEach(ChangeFeed::close);
            }
        }
        return rows;
    }

    private static Map<String, Object> withLock(Map<String, Object> row, NotifyLockSampler sampler) throws Exception {
        if (sampler != null) {
            try (sampler) {
                row.put("notifyLock", sampler.stop());
            }
        }
        return row;
    }

    private static Map<String, Object> row(String setup, int listeners, double rate, double baseline, long received) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("setup", setup);
        row.put("listeners", listeners);
        row.put("serviceTxPerSec", Math.round(rate * 10) / 10.0);
        row.put("vsNoTriggers", Math.round(rate / baseline * 100) / 100.0);
        row.put("notificationsReceived", received);
        return row;
    }

    private static void setTriggers(Database database, boolean enabled) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String qualified : TRIGGERS) {
                String[] parts = qualified.split("\\.");
                st.execute("ALTER TABLE " + parts[0] + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER " + parts[1]);
            }
            c.commit();
        }
    }
}
