package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pod_photos} (V12) attacked with plain SQL by every role: each check refuses (SQLSTATE DC000 "CODE:
 * sentence" from the guard, 23514 from a CHECK when the guard is switched off, 42501 from the GRANTs) and nothing
 * changes; a photo that passes is stamped by the database (who, when, SHA-256), whatever the client sent.
 */
@DatabaseTest
class PodPhotosGuardsTest {

    private static final String GUARD = "DC000";
    private static final String DENIED = "42501";
    private static final String CHECK = "23514";

    private static final String PNG = "89504e470d0a1a0a0000000d49484452";
    private static final String JPEG = "ffd8ffe000104a464946";
    private static final String WEBP = "524946462400000057454250565038200000";      // RIFF, size, WEBP, "VP8 "
    private static final String WAVE = "524946462400000057415645666d7420";          // RIFF, size, WAVE, "fmt "
    private static final String GIF = "474946383961010001000000";

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static DispatchServices services;
    private static Fixtures given;
    private static Sql sql;
    private static String dispatcher;
    private static String supervisor;
    private static String admin;
    private static String riderSystem;
    private static UUID seeded;

    @BeforeAll
    static void createDatabaseAndLogins() throws SQLException {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        given = new Fixtures(services);
        sql = new Sql(ownerDb.dataSource());
        dispatcher = Logins.create(owner, "dispatch_dispatcher").user();
        supervisor = Logins.create(owner, "dispatch_supervisor").user();
        admin = Logins.create(owner, "dispatch_admin").user();
        riderSystem = Logins.create(owner, "dispatch_rider_system").user();
        // A photo in the table, so UPDATE and DELETE have a row to act on.
        seeded = UUID.randomUUID();
        run(dispatcher, insert(seeded, "image/png", PNG));
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    // ---- storing -----------------------------------------------------------------------------------------------

    @Test
    void aDispatcherStoresEachTypeAndTheDatabaseStampsWhoWhenAndTheHash() throws Exception {
        UUID png = UUID.randomUUID();
        UUID jpeg = UUID.randomUUID();
        UUID webp = UUID.randomUUID();
        run(dispatcher, "SELECT set_config('dispatch.operator', 'Olga', true)", insert(png, "image/png", PNG));
        run(dispatcher, insert(jpeg, "image/jpeg", JPEG), insert(webp, "image/webp", WEBP));

        assertThat(sql.value("SELECT uploaded_by FROM pod_photos WHERE id = ?", png)).as("the declared operator")
                .isEqualTo("Olga");
        assertThat(sql.value("SELECT uploaded_by FROM pod_photos WHERE id = ?", jpeg)).as("else the login")
                .isEqualTo(dispatcher);
        for (UUID id : List.of(png, jpeg, webp)) {
            assertThat(sql.count("SELECT count(*) FROM pod_photos WHERE id = ? AND uploaded_at BETWEEN now() - "
                    + "interval '10 minutes' AND now()", id)).as("the server's clock").isEqualTo(1);
        }
        assertThat(sql.value("SELECT encode(sha256, 'hex') FROM pod_photos WHERE id = ?", webp))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hex(WEBP))));
    }

    @Test
    void evenTheOwnerCannotBackDateForgeTheUploaderOrTheHash() throws SQLException {
        UUID id = UUID.randomUUID();
        run(owner.user(), "INSERT INTO pod_photos (id, content_type, bytes, sha256, uploaded_at, uploaded_by) VALUES ("
                + q(id) + ", 'image/png', " + bytes(PNG) + ", " + bytes("00".repeat(32)) + ", '2019-01-01', 'someone else')");

        assertThat(sql.value("SELECT uploaded_by FROM pod_photos WHERE id = ?", id)).isEqualTo(owner.user());
        assertThat(sql.count("SELECT count(*) FROM pod_photos WHERE id = ? AND uploaded_at > now() - interval '10 minutes' "
                + "AND sha256 = sha256(bytes)", id)).isEqualTo(1);
    }

    @Test
    void aClientNamesOnlyTheColumnsItProvides() {
        for (String column : new String[] {"sha256", "uploaded_at", "uploaded_by"}) {
            String value = column.equals("sha256") ? bytes("00".repeat(32)) : column.equals("uploaded_at") ? "now()" : "'x'";
            refused(dispatcher, DENIED, "permission denied", "INSERT INTO pod_photos (id, content_type, bytes, "
                    + column + ") VALUES (" + q(UUID.randomUUID()) + ", 'image/png', " + bytes(PNG) + ", " + value + ")");
        }
    }

    // ---- each check refuses, and nothing changes ----------------------------------------------------------------

    @Test
    void anUnknownContentTypeIsRefused() {
        refused(dispatcher, GUARD, "INVALID_PHOTO: A photo is image/png, image/jpeg or image/webp, not 'image/gif'.",
                insert(UUID.randomUUID(), "image/gif", GIF));
        refused(dispatcher, GUARD, "INVALID_PHOTO: A photo is image/png, image/jpeg or image/webp, not none.",
                "INSERT INTO pod_photos (id, bytes) VALUES (" + q(UUID.randomUUID()) + ", " + bytes(PNG) + ")");
    }

    @Test
    void anEmptyPhotoIsRefused() {
        refused(dispatcher, GUARD, "INVALID_PHOTO: The photo is empty.", insert(UUID.randomUUID(), "image/png", ""));
        refused(dispatcher, GUARD, "INVALID_PHOTO: The photo is empty.",
                "INSERT INTO pod_photos (id, content_type) VALUES (" + q(UUID.randomUUID()) + ", 'image/png')");
    }

    @Test
    void aPhotoOverFiveMebibytesIsRefused() {
        String tooLarge = bytes(PNG) + " || convert_to(repeat('x', " + (PhotoType.MAX_BYTES + 1 - PNG.length() / 2)
                + "), 'UTF8')";
        refused(dispatcher, GUARD, "TOO_LARGE: The photo is 5242881 bytes; at most 5242880 (5 MiB) are allowed.",
                "INSERT INTO pod_photos (id, content_type, bytes) VALUES (" + q(UUID.randomUUID()) + ", 'image/png', "
                        + tooLarge + ")");
    }

    @Test
    void bytesThatAreNotTheDeclaredTypeAreRefused() {
        refused(dispatcher, GUARD, "INVALID_PHOTO: The photo's first bytes are not those of image/png, its declared type.",
                insert(UUID.randomUUID(), "image/png", JPEG));
        refused(dispatcher, GUARD, "INVALID_PHOTO: The photo's first bytes are not those of image/jpeg, its declared type.",
                insert(UUID.randomUUID(), "image/jpeg", GIF));
        refused(dispatcher, GUARD, "INVALID_PHOTO: The photo's first bytes are not those of image/webp, its declared type.",
                insert(UUID.randomUUID(), "image/webp", WAVE));
    }

    /** The CHECKs are there for a writer that gets past the guard (the owner switching it off): each refuses alone. */
    @Test
    void withTheGuardSwitchedOffEachCheckStillRefuses() {
        String off = "ALTER TABLE pod_photos DISABLE TRIGGER pod_photos_guard";
        String hash = bytes("00".repeat(32));
        String columns = "INSERT INTO pod_photos (id, content_type, bytes, sha256, uploaded_at, uploaded_by) VALUES (";
        refused(owner.user(), CHECK, "pod_photos_content_type_check", off,
                columns + q(UUID.randomUUID()) + ", 'image/gif', " + bytes(GIF) + ", " + hash + ", now(), 'x')");
        refused(owner.user(), CHECK, "pod_photos_bytes_check", off,
                columns + q(UUID.randomUUID()) + ", 'image/png', " + bytes("") + ", " + hash + ", now(), 'x')");
        refused(owner.user(), CHECK, "pod_photos_bytes_check", off, columns + q(UUID.randomUUID()) + ", 'image/png', "
                + bytes(PNG) + " || convert_to(repeat('x', 5242880), 'UTF8'), " + hash + ", now(), 'x')");
        refused(owner.user(), CHECK, "pod_photos_magic", off,
                columns + q(UUID.randomUUID()) + ", 'image/webp', " + bytes(WAVE) + ", " + hash + ", now(), 'x')");
        refused(owner.user(), CHECK, "pod_photos_sha256_check", off,
                columns + q(UUID.randomUUID()) + ", 'image/png', " + bytes(PNG) + ", " + bytes("00") + ", now(), 'x')");
        assertThat(sql.count("SELECT count(*) FROM pg_trigger WHERE tgname = 'pod_photos_guard' AND tgenabled = 'O'"))
                .as("switched off only inside the refused transactions").isEqualTo(1);
    }

    @Test
    void javaAndTheDatabaseTellTheSameTypesFromTheSameBytes() throws SQLException {
        List<String> samples = List.of(PNG, JPEG, WEBP, WAVE, GIF, PNG.substring(0, 14), "ffd8", "524946460000000057454250",
                "5249464600000000574542", "", "00" + PNG);
        try (Connection c = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
             PreparedStatement ps = c.prepareStatement("SELECT photo_magic_ok(?, ?)")) {
            for (String sample : samples) {
                for (PhotoType type : PhotoType.values()) {
                    ps.setString(1, type.contentType());
                    ps.setBytes(2, hex(sample));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).as("%s as %s", sample, type)
                                .isEqualTo(PhotoType.sniff(hex(sample)).equals(Optional.of(type)));
                    }
                }
            }
        }
    }

    // ---- append-only, and who may do what ---------------------------------------------------------------------

    @Test
    void aStoredPhotoNeverChangesNotEvenForTheOwner() {
        for (String login : List.of(dispatcher, supervisor, admin)) {
            refused(login, DENIED, "permission denied", "UPDATE pod_photos SET bytes = " + bytes(JPEG)
                    + ", content_type = 'image/jpeg' WHERE id = " + q(seeded));
        }
        refused(owner.user(), GUARD, "INVALID_ARGUMENT: Photo " + seeded.toString().substring(0, 8)
                        + " is evidence and never changes; upload a new photo instead.",
                "UPDATE pod_photos SET uploaded_by = 'someone else' WHERE id = " + q(seeded));
    }

    @Test
    void onlyTheOwnerDeletesOrTruncates() throws SQLException {
        for (String login : List.of(dispatcher, supervisor, admin, riderSystem)) {
            refused(login, DENIED, "permission denied", "DELETE FROM pod_photos WHERE id = " + q(seeded));
            refused(login, DENIED, "permission denied", "TRUNCATE pod_photos");
        }
        UUID expiring = UUID.randomUUID();
        run(dispatcher, insert(expiring, "image/jpeg", JPEG));
        run(owner.user(), "DELETE FROM pod_photos WHERE id = " + q(expiring));
        assertThat(sql.count("SELECT count(*) FROM pod_photos WHERE id = ?", expiring)).as("retention").isZero();
    }

    @Test
    void onlyDispatchersUploadAndEveryOperatorRoleLooks() throws SQLException {
        for (String login : List.of(supervisor, admin, riderSystem)) {
            refused(login, DENIED, "permission denied", insert(UUID.randomUUID(), "image/png", PNG));
        }
        for (String login : List.of(dispatcher, supervisor, admin)) {
            run(login, "SELECT bytes FROM pod_photos WHERE id = " + q(seeded));
        }
        refused(riderSystem, DENIED, "permission denied", "SELECT bytes FROM pod_photos WHERE id = " + q(seeded));
    }

    // ---- a PoD names a stored photo --------------------------------------------------------------------------

    @Test
    void aPodNamingAStoredPhotoPassesTheDatabasesCheckAndItsOtherRulesStillHold() throws SQLException {
        BatchRow batch = given.batch(1, "1");
        given.outForDelivery(batch, given.rider("Ana " + UUID.randomUUID().toString().substring(0, 4), 10, "20", 1));
        BatchOrderRow line = services.queries().orders(batch.id()).get(0);
        String photo = "{\"url\": \"photo:" + seeded + "\"}";
        String set = "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = ";

        refused(dispatcher, GUARD, "INVALID_POD: The proof of delivery must be a JSON object",
                set + q("{\"photos\": [" + photo + "], \"coordinates\": {\"lat\": 91, \"lon\": 0}}") + " WHERE id = "
                        + q(line.id()));
        run(dispatcher, set + q("{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [" + photo + "]}") + " WHERE id = "
                + q(line.id()));

        assertThat(sql.value("SELECT proof_of_delivery->'photos'->0->>'url' FROM pod_versions WHERE batch_order_id = ?",
                line.id())).isEqualTo("photo:" + seeded);
        assertThat(services.pods().get(line.id()).document()).contains("photo:" + seeded);
        assertThat(com.dispatchconsole.domain.pod.PodDocument.read(services.pods().get(line.id()).document()).readable())
                .as("and Java reads it").isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Connection connect(String login) throws SQLException {
        return Logins.connect(owner, login);
    }

    /** Runs the statements as one transaction of {@code login}; the first failure rolls it back and is thrown. */
    private static void run(String login, String... statements) throws SQLException {
        Logins.run(owner, login, statements);
    }

    /** The statements fail with {@code sqlState} and a message containing {@code messagePart}; nothing changed. */
    private static void refused(String login, String sqlState, String messagePart, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> run(login, statements));
        assertThat(thrown).as("refused for %s: %s", login, String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(messagePart);
        assertThat(everything()).as("a refused statement changes nothing").isEqualTo(before);
    }

    /** Every stored photo with its stamps and hash, and everything a PoD write could change. */
    private static String everything() {
        return sql.fingerprint() + "|" + sql.value("""
                SELECT concat_ws('|', count(*), string_agg(id::text || content_type || md5(bytes) || encode(sha256, 'hex')
                                                           || uploaded_at || uploaded_by, ',' ORDER BY id))
                FROM pod_photos""") + "|" + sql.value("""
                SELECT string_agg(id::text || outcome_version || coalesce(md5(proof_of_delivery::text), '-'), ','
                                  ORDER BY id) FROM delivery_batch_orders""");
    }

    private static String insert(UUID id, String contentType, String hexBytes) {
        return "INSERT INTO pod_photos (id, content_type, bytes) VALUES (" + q(id) + ", " + q(contentType) + ", "
                + bytes(hexBytes) + ")";
    }

    private static String bytes(String hexBytes) {
        return "'\\x" + hexBytes + "'::bytea";
    }

    private static byte[] hex(String hexBytes) {
        return HexFormat.of().parseHex(hexBytes);
    }

    private static String q(Object value) {
        return "'" + value + "'";
    }
}
