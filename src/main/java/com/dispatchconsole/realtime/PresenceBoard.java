package com.dispatchconsole.realtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Other consoles' presence as heard: one entry per console, known by the server process that sent it and the
 * instance id it gives (so one login cannot overwrite or erase another session's presence; one session holds one
 * entry, so it cannot crowd the others out either), kept until that
 * console says "none" or stops heart-beating for {@link PresenceSettings#expireAfter()}. Never more than
 * {@link PresenceSettings#maxConsoles()} entries. Thread-safe; time is passed in (nanoTime), so tests need no clock.
 */
public final class PresenceBoard {

    private record Key(int pid, UUID instance) {
    }

    private record Entry(PresenceMessage message, long heardNanos) {
    }

    private final PresenceSettings settings;
    private final UUID self;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /** @param self this console's own instance: what it hears of itself is not shown to it */
    public PresenceBoard(PresenceSettings settings, UUID self) {
        this.settings = settings;
        this.self = self;
    }

    /** Takes a heard message; true if what the board shows changed (a heartbeat only refreshes). */
    public synchronized boolean accept(int senderPid, PresenceMessage message, long nowNanos) {
        if (self.equals(message.instance())) {
            return false;
        }
        Key key = new Key(senderPid, message.instance());
        Entry old = entries.get(key);
        if (message.kind() == PresenceKind.NONE || message.batches().isEmpty()) {
            return entries.remove(key) != null;
        }
        // One server session speaks for one console (its LISTEN connection): a new instance from the same session
        // replaces the old one, so one login cannot fill the board with made-up consoles and hide real colleagues.
        boolean replaced = entries.keySet().removeIf(k -> k.pid() == senderPid && !k.equals(key));
        if (old == null && entries.size() >= settings.maxConsoles()) {
            return replaced;
        }
        entries.put(key, new Entry(message, nowNanos));
        return replaced || old == null || !old.message().equals(message);
    }

    /** Drops consoles not heard from for too long; true if any went. */
    public synchronized boolean expire(long nowNanos) {
        long limit = settings.expireAfter().toNanos();
        boolean changed = false;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().heardNanos() > limit) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    /** Forgets everyone (the connection is lost: nothing heard can be trusted to be current). */
    public synchronized boolean clear() {
        boolean changed = !entries.isEmpty();
        entries.clear();
        return changed;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Who is on which batch now: per batch, dragging before viewing, by name, each name and kind once. */
    public synchronized PresenceSnapshot snapshot() {
        Map<UUID, LinkedHashSet<Presence>> byBatch = new HashMap<>();
        for (Entry entry : entries.values()) {
            PresenceMessage m = entry.message();
            for (UUID batch : m.batches()) {
                byBatch.computeIfAbsent(batch, b -> new LinkedHashSet<>()).add(new Presence(m.operator(), m.kind()));
            }
        }
        Map<UUID, List<Presence>> sorted = new HashMap<>();
        Comparator<Presence> order = Comparator.comparing((Presence p) -> p.kind() != PresenceKind.DRAGGING)
                .thenComparing(Presence::operator, String.CASE_INSENSITIVE_ORDER);
        byBatch.forEach((batch, set) -> {
            List<Presence> list = new ArrayList<>(set);
            list.sort(order);
            sorted.put(batch, List.copyOf(list));
        });
        return new PresenceSnapshot(sorted);
    }

    @Override
    public synchronized String toString() {
        return Objects.toString(entries.values());
    }
}
