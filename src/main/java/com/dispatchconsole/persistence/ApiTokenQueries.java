package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.rows.ApiTokenRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API tokens: issue, revoke, list, and authenticate by hash. No statement reads {@code token_hash} back out; the
 * database stamps who issued or revoked and when (migration V9), so those columns are never sent.
 */
public final class ApiTokenQueries {

    private static final String COLUMNS =
            "id, kind, subject_id, system_name, token_prefix, created_at, created_by, revoked_at, revoked_by";

    private ApiTokenQueries() {
    }

    public static void insert(Connection c, UUID id, ApiTokenScope scope, byte[] hash, String prefix)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_tokens (id, kind, subject_id, system_name, token_hash, token_prefix) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, scope.kind().name());
            ps.setObject(3, scope.subjectId());
            ps.setString(4, scope.systemName());
            ps.setBytes(5, hash);
            ps.setString(6, prefix);
            ps.executeUpdate();
        }
    }

    /** Whether the rider, outlet or batch a scope names exists (a SYSTEM scope names no row). */
    public static boolean subjectExists(Connection c, ApiTokenScope scope) throws SQLException {
        String table = switch (scope.kind()) {
            case RIDER -> "delivery_riders";
            case OUTLET -> "outlets";
            case TRACKING -> "delivery_batches";
            case SYSTEM -> null;
        };
        if (table == null) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
            ps.setObject(1, scope.subjectId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The token, locked against a concurrent revocation; empty if there is none with this id. */
    public static Optional<ApiTokenRow> lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ? FOR UPDATE")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    public static Optional<ApiTokenRow> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    /** Sets the revocation; the database writes its own clock and the login into both columns. */
    public static void revoke(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_tokens SET revoked_at = now(), revoked_by = session_user WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    public static List<ApiTokenRow> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            List<ApiTokenRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        }
    }

    /**
     * The valid (not revoked) token with this SHA-256, through {@code api_token_principal} (migration V10): an index
     * lookup by the hash, the only comparison made, and all a gateway's login may ask of the tokens table.
     */
    public static Optional<ApiPrincipal> principal(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, subject_id, system_name, token_prefix, "
                        + "api_subject_name(kind, subject_id, system_name) AS subject_name FROM api_token_principal(?)")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ApiPrincipal(rs.getObject("id", UUID.class), scope(rs),
                        rs.getString("token_prefix"), HexFormat.of().formatHex(hash), rs.getString("subject_name")));
            }
        }
    }

    private static Optional<ApiTokenRow> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static ApiTokenRow row(ResultSet rs) throws SQLException {
        return new ApiTokenRow(rs.getObject("id", UUID.class), scope(rs), rs.getString("token_prefix"),
                JdbcValues.instant(rs, 6), rs.getString("created_by"), JdbcValues.instant(rs, 8),
                rs.getString("revoked_by"));
    }

    private static ApiTokenScope scope(ResultSet rs) throws SQLException {
        return new ApiTokenScope(ApiTokenScope.Kind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
                rs.getString("system_name"));
    }
}
