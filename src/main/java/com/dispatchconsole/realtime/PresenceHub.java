package com.dispatchconsole.realtime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One console's presence, carried on its change feed ({@link ChangeFeed#attach}) as the side channel
 * {@link PresenceSettings#CHANNEL}: what its operator has open or is dragging goes out (coalesced, with heartbeats,
 * again after a reconnect, "none" when the console closes); what other consoles say comes in, is checked
 * ({@link PresenceMessage#parse}), kept on a {@link PresenceBoard} until it expires, and handed to the listener at
 * most every {@link #PUBLISH_EVERY} as a {@link PresenceSnapshot}. Ephemeral by design: nothing is written to a
 * table, nothing is audited. Setters are quick and never block on the database (safe on the FX thread); the
 * listener is called on the feed's thread.
 */
public final class PresenceHub implements SideChannel {

    static final Duration PUBLISH_EVERY = Duration.ofMillis(200);

    private final PresenceSettings settings;
    private final UUID instance = UUID.randomUUID();
    private final String operator;
    private final PresenceBoard board;
    private final PresenceAnnouncer announcer;
    private final LongSupplier nanos;
    private volatile Consumer<PresenceSnapshot> listener = s -> { };
    private volatile boolean dirty;
    private volatile long publishedNanos;
    private volatile boolean everPublished;
    private long polls;
    private long goodbyeAtPoll = -1;

    public PresenceHub(String operator, PresenceSettings settings) {
        this(operator, settings, System::nanoTime);
    }

    PresenceHub(String operator, PresenceSettings settings, LongSupplier nanos) {
        String name = PresenceMessage.cleanName(operator == null ? "" : operator);
        this.operator = name.isEmpty() ? "someone" : name;
        this.settings = settings;
        this.board = new PresenceBoard(settings, instance);
        this.announcer = new PresenceAnnouncer(settings);
        this.nanos = nanos;
    }

    /** Who hears about others' presence (one listener; the console's view model). */
    public void listen(Consumer<PresenceSnapshot> onChange) {
        this.listener = onChange;
        onChange.accept(board.snapshot());
    }

    /** What this console's operator shows now: viewing one batch, dragging some, or nothing. */
    public void show(PresenceKind kind, List<UUID> batches) {
        announcer.set(kind, batches);
    }

    public UUID instance() {
        return instance;
    }

    @Override
    public String name() {
        return PresenceSettings.CHANNEL;
    }

    @Override
    public void received(String payload, int senderPid, long nowNanos) {
        PresenceMessage.parse(payload).ifPresent(message -> {
            if (board.accept(senderPid, message, nowNanos)) {
                dirty = true;
            }
        });
    }

    @Override
    public String outgoing(long nowNanos) {
        synchronized (this) {
            polls++;
            notifyAll();
        }
        if (board.expire(nowNanos)) {
            dirty = true;
        }
        if (dirty && (!everPublished || nowNanos - publishedNanos >= PUBLISH_EVERY.toNanos())) {
            publish(nowNanos);
        }
        PresenceAnnouncer.Due due = announcer.next(nowNanos);
        if (due == null) {
            return null;
        }
        if (due.kind() == PresenceKind.NONE) {
            synchronized (this) {
                goodbyeAtPoll = polls;
            }
        }
        return new PresenceMessage(instance, operator, due.kind(), due.batches()).toJson();
    }

    @Override
    public void connected(int ownPid) {
        announcer.reannounce();
    }

    @Override
    public void disconnected() {
        if (board.clear()) {
            publish(nanos.getAsLong());
        }
    }

    private void publish(long nowNanos) {
        dirty = false;
        publishedNanos = nowNanos;
        everPublished = true;
        listener.accept(board.snapshot());
    }

    /**
     * Says "none" before the console goes, so colleagues see it leave at once rather than when it expires: waits
     * (at most {@code limit}) until the feed has sent it, i.e. has come back for the next payload after handing the
     * goodbye out. A feed that is not connected never asks; the wait then just runs out and others expire us.
     */
    public void leave(Duration limit) {
        synchronized (this) {
            goodbyeAtPoll = -1;
        }
        if (!announcer.retract()) {
            return;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (!(goodbyeAtPoll >= 0 && polls > goodbyeAtPoll)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
