package com.dispatchconsole.domain.rows;

import java.time.Instant;
import java.util.UUID;

/** One supervisor verdict on a proof of delivery; every verdict is kept. */
public record PodReview(long id, UUID batchOrderId, Verdict verdict, String note, String reviewer, Instant reviewedAt) {

    public enum Verdict { ACCEPTED, DISPUTED }
}
