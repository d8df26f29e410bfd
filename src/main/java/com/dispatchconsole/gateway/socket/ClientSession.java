package com.dispatchconsole.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.dispatchconsole.domain.ApiTokenScope;
import java.time.Instant;
import java.util.Optional;

/**
 * One accepted connection: who it speaks for, and whether it kept up. Every send goes through here, on the rooms'
 * one fan-out thread, so the flags need no lock.
 *
 * <p>netty-socketio buffers without a bound: each send is added to the client's packet queue (a
 * ConcurrentLinkedQueue) and, over WebSocket, written into netty's outbound buffer whether or not the client reads.
 * So a client that is behind gets nothing more: over WebSocket once its channel is no longer writable (more than the
 * write buffer's high-water mark is waiting) and on any transport once {@code maxQueued} packets wait in its queue
 * (over long-polling they wait there for the next poll).
 * What it missed is dropped, and the first time it is caught up again it gets {@code resync} before anything else.
 */
final class ClientSession {

    private final SocketIOClient client;
    private final ApiTokenScope scope;
    private final java.util.UUID tokenId;
    private final int maxQueued;
    private boolean missed;
    private volatile long dropped; // written on the fan-out thread only; read by whoever asks

    ClientSession(SocketIOClient client, ApiTokenScope scope, java.util.UUID tokenId, int maxQueued) {
        this.client = client;
        this.scope = scope;
        this.tokenId = tokenId;
        this.maxQueued = maxQueued;
    }

    SocketIOClient client() {
        return client;
    }

    ApiTokenScope scope() {
        return scope;
    }

    /** The API token the client connected with: its connection closes when that token is revoked. */
    java.util.UUID tokenId() {
        return tokenId;
    }

    /** The room the token's connection is in by itself; none for a system token. */
    Optional<Room> ownRoom() {
        return Room.of(scope);
    }

    /** Sends an event, or drops it (and owes a resync) while the client is behind. */
    void send(String event, Object payload) {
        if (behind()) {
            missed = true;
            dropped++;
            return;
        }
        if (missed) {
            client.sendEvent(Payloads.RESYNC, Payloads.resync(Instant.now()));
            missed = false;
        }
        client.sendEvent(event, payload);
    }

    /** Tells the client to read its state again: now, or as soon as it has caught up. */
    void resync(Instant at) {
        if (behind()) {
            missed = true;
            return;
        }
        client.sendEvent(Payloads.RESYNC, Payloads.resync(at));
        missed = false;
    }

    /** Events may have been lost on the way (the fan-out queue overflowed): a resync is owed. */
    void owesResync() {
        missed = true;
    }

    /** Pays a resync owed to a client that has caught up meanwhile (run every second). */
    void settle() {
        if (missed && !behind()) {
            resync(Instant.now());
        }
    }

    long dropped() {
        return dropped;
    }

    private boolean behind() {
        Transport transport = client.getTransport();
        // Packets waiting for the client's next poll (long-polling), or not yet handed to its channel (WebSocket);
        // the queue is short by this very rule, so counting it is cheap.
        if (client instanceof NamespaceClient namespaced
                && namespaced.getBaseClient().getPacketsQueue(transport).size() >= maxQueued) {
            return true;
        }
        return transport == Transport.WEBSOCKET && !client.isWritable();
    }
}
