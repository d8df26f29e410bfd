package com.dispatchconsole.realtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console's ear on the database: a dedicated connection outside the pool, in autocommit and never inside a
 * transaction (the driver delivers nothing while one is open), that LISTENs and hands each batch of
 * notifications to the subscribers. A round trip every {@code healthEvery} bounded by {@code healthTimeout}
 * notices a dead or hung server; the feed then reconnects with back-off, LISTENs again and tells subscribers to
 * resync, because notifications sent while it was away are gone.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int MAX_WAIT_MS = 250;

    private final FeedSettings settings;
    private final List<ChangeSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<SideChannel> sideChannels = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile int backendPid;
    private volatile LiveState state = LiveState.of(LiveState.Status.CONNECTING);

    public ChangeFeed(FeedSettings settings) {
        this.settings = settings;
        this.thread = new Thread(this::run, "change-feed");
        this.thread.setDaemon(true);
    }

    public void subscribe(ChangeSubscriber subscriber) {
        subscribers.add(subscriber);
        subscriber.onLiveState(state);
    }

    /** Carries {@code side} on this connection too (presence); call before {@link #start()}. */
    public void attach(SideChannel side) {
        if (!side.name().matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("not a plain channel name: " + side.name());
        }
        sideChannels.add(side);
    }

    public ChangeFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean first = true;
        Instant failingSince = null;
        long backoffMs = 100;
        while (running) {
            Connection c = null;
            try {
                c = connect();
                connection = c;
                if (!first) {
                    reconnects.incrementAndGet();
                    subscribers.forEach(ChangeSubscriber::onResync);
                }
                first = false;
                failingSince = null;
                backoffMs = 100;
                setState(LiveState.of(LiveState.Status.LIVE));
                int pid = backendPid;
                sideChannels.forEach(side -> side.connected(pid));
                pump(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.debug("Change feed connection failed: {}", e.getMessage());
                Instant now = Instant.now();
                if (failingSince == null) {
                    failingSince = now;
                    log.warn("Lost the change feed connection ({}); reconnecting", e.getMessage());
                    sideChannels.forEach(SideChannel::disconnected);
                    setState(new LiveState(LiveState.Status.RECONNECTING, now));
                } else if (Duration.between(failingSince, now).compareTo(settings.offlineAfter()) > 0
                        && state.status() != LiveState.Status.OFFLINE) {
                    setState(new LiveState(LiveState.Status.OFFLINE, failingSince));
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 2000);
            } finally {
                abortQuietly(c);
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "dispatch-listener");
        properties.setProperty("requireAuth", com.dispatchconsole.persistence.DatabaseConfig.REQUIRE_AUTH);
        String seconds = String.valueOf(Math.max(1, settings.healthTimeout().toSeconds()));
        // Bounded at every step, including the login: a hung server must never stall the reconnect loop.
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(settings.url(), properties);
        try {
            c.setAutoCommit(true);
            c.setNetworkTimeout(Runnable::run, (int) settings.healthTimeout().toMillis());
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN " + FeedSettings.CHANNEL);
                for (SideChannel side : sideChannels) {
                    st.execute("LISTEN " + side.name());
                }
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    backendPid = rs.getInt(1);
                }
            }
            return c;
        } catch (SQLException e) {
            abortQuietly(c);
            throw e;
        }
    }

    private void pump(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long healthEveryNanos = settings.healthEvery().toNanos();
        long lastCheck = System.nanoTime();
        int waitMs = (int) Math.min(MAX_WAIT_MS, settings.healthEvery().toMillis());
        while (running) {
            PGNotification[] notifications = pg.getNotifications(waitMs);
            if (notifications != null && notifications.length > 0) {
                dispatch(notifications);
            }
            sendSideChannels(c);
            if (System.nanoTime() - lastCheck >= healthEveryNanos) {
                try (Statement st = c.createStatement()) {
                    // Bounded by the network timeout: a server that hangs with the socket open fails here.
                    st.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** One payload per side channel if it has one, each bounded by the network timeout like the health check. */
    private void sendSideChannels(Connection c) throws SQLException {
        for (SideChannel side : sideChannels) {
            String payload;
            try {
                payload = side.outgoing(System.nanoTime());
            } catch (RuntimeException e) {
                log.warn("A side channel failed: {}", e.getMessage());
                continue;
            }
            if (payload != null) {
                try (java.sql.PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    st.setString(1, side.name());
                    st.setString(2, payload);
                    st.execute();
                }
            }
        }
    }

    private void dispatch(PGNotification[] notifications) {
        long now = System.nanoTime();
        List<ChangeEvent> events = new ArrayList<>(notifications.length);
        for (PGNotification notification : notifications) {
            SideChannel side = sideChannel(notification.getName());
            if (side != null) {
                try {
                    side.received(notification.getParameter(), notification.getPID(), now);
                } catch (RuntimeException e) {
                    log.warn("A side channel failed on a notification: {}", e.getMessage());
                }
                continue;
            }
            if (!FeedSettings.CHANNEL.equals(notification.getName())) {
                continue;
            }
            received.incrementAndGet();
            ChangeEvent event;
            try {
                event = ChangeEvent.parse(notification.getParameter(), now);
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring a malformed notification: {}", e.getMessage());
                continue;
            }
            // Scoped consoles drop other outlets' events here, without a database round trip.
            if (!settings.outlets().isEmpty() && event.outletId() != null
                    && !settings.outlets().contains(event.outletId())) {
                skipped.incrementAndGet();
                continue;
            }
            events.add(event);
        }
        if (!events.isEmpty()) {
            for (ChangeSubscriber subscriber : subscribers) {
                try {
                    subscriber.onChanges(events);
                } catch (RuntimeException e) {
                    log.error("A change subscriber failed", e);
                }
            }
        }
    }

    private SideChannel sideChannel(String name) {
        for (SideChannel side : sideChannels) {
            if (side.name().equals(name)) {
                return side;
            }
        }
        return null;
    }

    private void setState(LiveState next) {
        state = next;
        subscribers.forEach(s -> s.onLiveState(next));
    }

    private static void abortQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // already broken; nothing more to release
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public LiveState state() {
        return state;
    }

    /** The server process of the listening connection (for operators and tests). */
    public int backendPid() {
        return backendPid;
    }

    public long received() {
        return received.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() {
        running = false;
        abortQuietly(connection);
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
