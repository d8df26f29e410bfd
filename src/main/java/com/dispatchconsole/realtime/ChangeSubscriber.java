package com.dispatchconsole.realtime;

import java.util.List;

/**
 * Something that wants to know about committed changes (the console's tables, alerts, a review queue, a map).
 * Callbacks run on the listener thread and must return quickly: hand the work to another thread.
 */
public interface ChangeSubscriber {

    /** Changes received together, in commit order, already filtered to the feed's outlets. */
    void onChanges(List<ChangeEvent> events);

    /**
     * The feed was away (connection lost) and is listening again. Notifications sent meanwhile are lost by
     * design, so everything a subscriber shows must be read again.
     */
    default void onResync() {
    }

    /** The feed's connection state changed. */
    default void onLiveState(LiveState state) {
    }
}
