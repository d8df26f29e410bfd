package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import java.util.UUID;

/** What an unlocked read saw of a batch: enough to decide which rider to lock before locking the batch. */
public record BatchState(BatchStatus status, UUID riderId, long version) {
}
