package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import java.util.Collection;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Batch statuses as SQL: every statement that filters by a set of statuses is built from the domain's set, so the
 * rule has one home ({@link BatchStatus#ACTIVE}) and no SQL string spells it again.
 */
public final class Statuses {

    /** {@code ('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')}: the batches that count against a rider's load. */
    public static final String ACTIVE = inList(BatchStatus.ACTIVE);

    private Statuses() {
    }

    /**
     * A parenthesised SQL list of status literals in declaration order, for {@code status IN ...}. The values are
     * enum names (capitals and underscores), so inlining them cannot inject anything; an empty set is refused,
     * since {@code IN ()} is not SQL.
     */
    public static String inList(Collection<BatchStatus> statuses) {
        return "(" + literals(statuses) + ")";
    }

    /** The same literals as an SQL array, {@code ARRAY['ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY']}, for indexing. */
    public static String array(Collection<BatchStatus> statuses) {
        return "ARRAY[" + literals(statuses) + "]";
    }

    private static String literals(Collection<BatchStatus> statuses) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("An SQL status list needs at least one status.");
        }
        return EnumSet.copyOf(statuses).stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
