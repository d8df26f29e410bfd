package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

/** Conversions between JDBC and the domain's values that every query class needs. */
final class JdbcValues {

    private JdbcValues() {
    }

    static Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    /**
     * A {@code timestamptz} column as an instant. Read as an {@link OffsetDateTime} (JDBC 4.2's mapping for it), which
     * pgjdbc decodes directly; {@code getTimestamp} goes through a {@code Calendar} for every value (issue 15's
     * profile). Every timestamp column of the schema is a {@code timestamptz}.
     *
     * <p>pgjdbc gives {@code 'infinity'} and {@code '-infinity'} as {@link OffsetDateTime#MAX} and {@code MIN}, whose
     * instants lie beyond the last local date-time Java has, so every place that shows one in a zone would throw.
     * Those two (a position fix stored before migration V25 bounded fix times, or an owner's write) are read as
     * before, through {@code getTimestamp}: pgjdbc's infinity timestamps, far-off times a clock can still show.
     */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            return null;
        }
        if (value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
            return rs.getTimestamp(column).toInstant();
        }
        return value.toInstant();
    }

    static BatchStatus status(String value) {
        return value == null ? null : BatchStatus.valueOf(value);
    }
}
