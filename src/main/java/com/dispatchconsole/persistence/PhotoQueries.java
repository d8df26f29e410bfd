package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.rows.PhotoContent;
import com.dispatchconsole.domain.rows.StoredPhoto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stored photos ({@code pod_photos}, migration V12). An insert names only the id, the type and the bytes: the
 * database computes the SHA-256 and stamps who and when. Metadata reads never fetch the bytes.
 */
public final class PhotoQueries {

    private static final String META = "id, content_type, octet_length(bytes), sha256, uploaded_at, uploaded_by";

    private PhotoQueries() {
    }

    public static void insert(Connection c, UUID id, PhotoType type, byte[] bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pod_photos (id, content_type, bytes) VALUES (?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, type.contentType());
            ps.setBytes(3, bytes);
            ps.executeUpdate();
        }
    }

    /** The photo without its bytes; empty when none has this id. */
    public static Optional<StoredPhoto> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + META + " FROM pod_photos WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(photo(rs)) : Optional.empty();
            }
        }
    }

    /** The photo with its bytes; empty when none has this id. */
    public static Optional<PhotoContent> content(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + META + ", bytes FROM pod_photos WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new PhotoContent(photo(rs), rs.getBytes(7))) : Optional.empty();
            }
        }
    }

    /** Those of {@code ids} that no stored photo has, in the order given. */
    public static Set<UUID> missing(Connection c, Collection<UUID> ids) throws SQLException {
        Set<UUID> missing = new LinkedHashSet<>(ids);
        if (missing.isEmpty()) {
            return missing;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pod_photos WHERE id = ANY (?)")) {
            ps.setArray(1, JdbcValues.uuidArray(c, missing));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getObject(1, UUID.class));
                }
            }
        }
        return missing;
    }

    private static StoredPhoto photo(ResultSet rs) throws SQLException {
        String contentType = rs.getString(2);
        PhotoType type = PhotoType.ofContentType(contentType).orElseThrow(() -> new SQLException(
                "pod_photos holds an unknown content type " + contentType));
        return new StoredPhoto(rs.getObject(1, UUID.class), type, rs.getInt(3), HexFormat.of().formatHex(rs.getBytes(4)),
                JdbcValues.instant(rs, 5), rs.getString(6));
    }
}
