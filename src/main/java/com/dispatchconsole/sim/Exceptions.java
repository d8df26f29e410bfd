package com.dispatchconsole.sim;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mix of things that go wrong at a door, as the supervisors' review sees them. The first deliveries of a run
 * play each kind once, in a fixed order, so even a short run shows every flag; after that each delivery draws
 * from the rider's own seeded generator.
 */
final class Exceptions {

    enum AtTheDoor {
        /** Recorded at the door with a photo or a signature. */
        NORMAL,
        /** The PoD is recorded 400–900 m from the address (the review flags "Far away"). */
        FAR,
        /** Left at the door without a photo (the review flags "No photo"). */
        NO_PHOTO,
        /** The rider delivers past the review's lateness threshold (the review flags "Late"). */
        LATE,
        /** Nobody home: the order's outcome is FAILED with a reason. */
        FAILED
    }

    /** The forced first ones; LATE last, as it holds its rider longest. */
    private static final List<AtTheDoor> FIRST = List.of(AtTheDoor.FAR, AtTheDoor.NO_PHOTO, AtTheDoor.FAILED,
            AtTheDoor.LATE);

    private final AtomicInteger deliveries = new AtomicInteger();

    AtTheDoor next(Random rider) {
        int n = deliveries.getAndIncrement();
        if (n < FIRST.size()) {
            return FIRST.get(n);
        }
        int roll = rider.nextInt(100);
        if (roll < 6) {
            return AtTheDoor.FAR;
        }
        if (roll < 12) {
            return AtTheDoor.NO_PHOTO;
        }
        if (roll < 17) {
            return AtTheDoor.FAILED;
        }
        if (roll < 19) {
            return AtTheDoor.LATE;
        }
        return AtTheDoor.NORMAL;
    }
}
