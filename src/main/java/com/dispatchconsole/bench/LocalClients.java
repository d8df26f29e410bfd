package com.dispatchconsole.bench;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The Socket.IO clients in this JVM, on one shared OkHttp client. io.socket gives each client an OkHttp reader
 * thread, a writer thread and a heartbeat thread, and runs every client's events on one shared event thread.
 */
final class LocalClients implements GatewayClients {

    /** Connection attempts in flight at once: the gateway checks tokens on two threads with a short queue. */
    private static final int CONNECTING_AT_ONCE = 32;
    private static final int CONNECT_ROUNDS = 5;

    private final PrintStream progress;
    private final List<GatewayListener> listeners = new ArrayList<>();
    private final ExecutorService okHttpThreads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "bench-okhttp");
        thread.setDaemon(true);
        return thread;
    });
    private final Dispatcher dispatcher = new Dispatcher(okHttpThreads);
    private final ConnectionPool pool = new ConnectionPool(5, 1, TimeUnit.MINUTES);

    LocalClients(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public int connect(List<Spec> specs, int socketPort) throws InterruptedException {
        for (Spec spec : specs) {
            listeners.add(new GatewayListener(spec.kind(), spec.subject(), spec.trackedBatchId()));
        }
        // Each WebSocket holds a dispatcher slot for its whole life; the defaults (64, 5 per host) would queue
        // every client after the fifth.
        dispatcher.setMaxRequests(specs.size() + 64);
        dispatcher.setMaxRequestsPerHost(specs.size() + 64);
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).connectionPool(pool)
                .readTimeout(0, TimeUnit.MILLISECONDS).connectTimeout(30, TimeUnit.SECONDS).build();
        URI uri = URI.create("http://127.0.0.1:" + socketPort);
        int connected = connectAll(specs, uri, http);
        settle();
        return connected;
    }

    /**
     * Connects every client, a few at a time; a client refused because the gateway was busy (its token checks
     * have a short queue) tries again in a later round.
     */
    private int connectAll(List<Spec> specs, URI uri, OkHttpClient http) throws InterruptedException {
        Semaphore permits = new Semaphore(CONNECTING_AT_ONCE);
        for (int round = 1; round <= CONNECT_ROUNDS; round++) {
            int attempts = 0;
            for (int i = 0; i < listeners.size(); i++) {
                GatewayListener listener = listeners.get(i);
                if (listener.connected()) {
                    continue;
                }
                listener.close();
                if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Socket.IO clients got no answer to connecting within 60 s");
                }
                attempts++;
                listener.connect(uri, http, specs.get(i).token(), answered -> permits.release());
                if (attempts % 250 == 0) {
                    progress.printf("  connecting: %d attempted%n", attempts);
                }
            }
            if (!permits.tryAcquire(CONNECTING_AT_ONCE, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Socket.IO clients got no answer to connecting within 60 s");
            }
            permits.release(CONNECTING_AT_ONCE);
            Map<String, Integer> refusals = new LinkedHashMap<>();
            for (GatewayListener listener : listeners) {
                if (!listener.connected() && listener.refusal() != null) {
                    refusals.merge(listener.refusal(), 1, Integer::sum);
                }
            }
            if (refusals.isEmpty()) {
                break;
            }
            progress.println("  refused in round " + round + ": " + refusals + (round < CONNECT_ROUNDS ? "; retrying" : ""));
            Thread.sleep(1000);
        }
        return (int) listeners.stream().filter(GatewayListener::connected).count();
    }

    /** Waits until the state sent on connect has arrived (a tracking page's batch, an outlet's resync hint). */
    private void settle() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !listeners.stream().allMatch(l -> !l.connected()
                || switch (l.kind) {
                    case TRACKING -> l.events() > 0;
                    case OUTLET -> l.resyncs() > 0;
                    case RIDER -> true;
                })) {
            Thread.sleep(50);
        }
        Thread.sleep(1000);
    }

    @Override
    public long heard() {
        return listeners.stream().mapToLong(GatewayListener::heardCount).sum();
    }

    @Override
    public long events() {
        return listeners.stream().mapToLong(GatewayListener::events).sum();
    }

    @Override
    public List<Receipts> receipts() {
        return listeners.stream().map(GatewayListener::receipts).toList();
    }

    @Override
    public void close() {
        listeners.forEach(GatewayListener::close);
        dispatcher.cancelAll();
        pool.evictAll();
        okHttpThreads.shutdownNow();
    }
}
