package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.rows.BatchRow;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batches as the screen showed them when the dispatcher decided to act: taken before any dialog opens, so a
 * batch that changes while the dialog asks for a reason is refused, not changed on top of someone else's change.
 */
public record SeenRows(List<UUID> ids, Map<UUID, BatchRow> rows) {

    public SeenRows {
        ids = List.copyOf(ids);
        rows = Map.copyOf(rows);
    }

    BatchRow row(UUID id) {
        return rows.get(id);
    }

    /** The version the screen showed, or no expectation for a batch this screen never showed. */
    Expected expected(UUID id) {
        BatchRow row = rows.get(id);
        return row == null ? Expected.ANY : Expected.version(row.version());
    }
}
