package com.dispatchconsole.realtime;

/** One colleague's presence on a batch, as another console announced it: a label, never trusted for more. */
public record Presence(String operator, PresenceKind kind) {
}
