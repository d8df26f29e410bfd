package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Conversions between JDBC and the domain's values that every query class needs. */
final class JdbcValues {

    private JdbcValues() {
    }

    static Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static BatchStatus status(String value) {
        return value == null ? null : BatchStatus.valueOf(value);
    }
}
