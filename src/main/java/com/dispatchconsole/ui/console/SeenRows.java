package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.rows.BatchRow;
import java.util.HashMap;
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

    /** The version the screen showed of each batch it showed; a batch it never showed is taken as it is. */
    Map<UUID, Expected> expected() {
        Map<UUID, Expected> expected = new HashMap<>();
        rows.forEach((id, row) -> expected.put(id, Expected.version(row.version())));
        return expected;
    }
}
