package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.BatchRow;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batches as the screen showed them when the dispatcher decided to act: taken before any dialog opens, so a
 * batch that changes while the dialog asks for a reason is refused, not changed on top of someone else's change.
 * The service decides from these rows which way each batch goes (status, rider) and passes their versions as the
 * ones expected; a batch in {@code ids} but not in {@code rows} was not on screen and is taken as it is.
 */
public record SeenRows(List<UUID> ids, Map<UUID, BatchRow> rows) {

    public SeenRows {
        ids = List.copyOf(ids);
        rows = Map.copyOf(rows);
    }
}
