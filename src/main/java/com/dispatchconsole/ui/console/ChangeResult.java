package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a background change did: which batches moved, which were refused and why, and the fresh rows to show. */
final class ChangeResult {

    record Refusal(UUID batchId, DispatchException error, String meanwhile) {
    }

    final List<BatchRow> changed = new ArrayList<>();
    final List<Refusal> refused = new ArrayList<>();
    List<BatchRow> freshBatches = List.of();
    List<RiderRow> freshRiders = List.of();
    DispatchException fatal;
}
