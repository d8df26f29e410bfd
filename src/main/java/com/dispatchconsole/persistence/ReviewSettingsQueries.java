package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.pod.ReviewSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The control room's review settings: one row (migration V18). The database stamps who changed it and when and
 * writes the history; only admins may update the threshold (GRANT UPDATE (late_after)), which the database enforces.
 */
public final class ReviewSettingsQueries {

    /** Microseconds: what an interval holds, exactly, without Java parsing PostgreSQL's interval text. */
    private static final String READ = """
            SELECT (extract(epoch FROM late_after) * 1000000)::bigint, updated_at, updated_by, updated_db_user
            FROM review_settings""";

    private ReviewSettingsQueries() {
    }

    /** The settings row; null if the row is missing (only an owner with the triggers off could remove it). */
    public static ReviewSettings read(Connection c) throws SQLException {
        return one(c, READ);
    }

    /** The row locked against a concurrent change, so the caller can say what the threshold was before. */
    public static ReviewSettings lock(Connection c) throws SQLException {
        return one(c, READ + " FOR UPDATE");
    }

    /** Whether this session's login may change the threshold (an admin's, or the owner's). */
    public static boolean mayChange(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT has_column_privilege('review_settings', 'late_after', 'UPDATE')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Sets the threshold (whole microseconds); the triggers stamp the row and write the history. */
    public static void setLateAfter(Connection c, Duration lateAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE review_settings SET late_after = ?::bigint * interval '1 microsecond'")) {
            ps.setLong(1, lateAfter.getSeconds() * 1_000_000 + lateAfter.getNano() / 1000);
            ps.executeUpdate();
        }
    }

    private static ReviewSettings one(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long micros = rs.getLong(1);
            return new ReviewSettings(Duration.ofSeconds(micros / 1_000_000, (micros % 1_000_000) * 1000),
                    JdbcValues.instant(rs, 2), rs.getString(3), rs.getString(4));
        }
    }
}
