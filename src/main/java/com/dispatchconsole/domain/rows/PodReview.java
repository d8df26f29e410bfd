package com.dispatchconsole.domain.rows;

import java.time.Instant;
import java.util.UUID;

/** One supervisor verdict on one version of a proof of delivery; every verdict is kept. */
public record PodReview(long id, UUID batchOrderId, int podVersion, Verdict verdict, String note, String reviewer,
                        Instant reviewedAt) {

    public enum Verdict { ACCEPTED, DISPUTED }
}
