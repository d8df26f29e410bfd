package com.dispatchconsole.bench;

import java.util.List;
import java.util.Map;

/**
 * The benchmark's Socket.IO clients, wherever they run: in the benchmark's own JVM ({@link LocalClients}) or in a
 * JVM of their own ({@link ClientProcess}), so that their threads (about three per io.socket client) and their
 * garbage do not stretch the gateway's GC pauses.
 */
interface GatewayClients extends AutoCloseable {

    /** One client to connect: who its token speaks for, and the token. */
    record Spec(GatewayListener.Kind kind, int subject, String trackedBatchId, String token) {
    }

    /**
     * What one client heard: when it first heard of each change on the wire and in its listener (keys as
     * {@link GatewayListener#key}), wall-clock microseconds.
     */
    record Receipts(boolean connected, int events, int resyncs, int disconnects, Map<String, Long> heard,
                    Map<String, Long> onWire) {
    }

    /** Connects every client and waits until the state sent on connect has arrived; returns how many connected. */
    int connect(List<Spec> specs, int socketPort) throws Exception;

    /** Changes heard so far, all clients together (each change counted once per client). */
    long heard() throws Exception;

    /** Events of any kind received so far, all clients together. */
    long events() throws Exception;

    /** What each client heard, in the order of the specs. */
    List<Receipts> receipts() throws Exception;

    @Override
    void close();
}
