package com.dispatchconsole.domain.rows;

import java.util.List;

/**
 * Everything a console shows after a full load, read in one transaction on one connection: so the identity it
 * checks is the identity of the database the rows came from. {@code role} is "user (role)" of the session;
 * {@code canReview} whether that role may review PoDs.
 */
public record ConsoleSnapshot(DatabaseIdentity identity, List<OutletRow> outlets, List<RiderRow> riders,
                              List<BatchRow> batches, String role, boolean canReview) {

    public ConsoleSnapshot {
        outlets = List.copyOf(outlets);
        riders = List.copyOf(riders);
        batches = List.copyOf(batches);
    }
}
