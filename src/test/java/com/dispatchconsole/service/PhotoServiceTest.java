package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PhotoContent;
import com.dispatchconsole.domain.rows.StoredPhoto;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Photos as the gateway will store them and the viewer read them: the bytes decide the type, the database stamps
 * who, when and the hash, a refused upload stores nothing, and a PoD may name only a photo that is stored.
 */
@DatabaseTest
class PhotoServiceTest {

    private static Database ownerDb;
    private static Database dispatcherDb;
    private static Database supervisorDb;
    private static DispatchServices services;
    private static PhotoService photos;
    private static DatabaseConfig dispatcher;
    private static Sql sql;
    private static Fixtures given;
    private static byte[] door;

    @BeforeAll
    static void open() throws IOException {
        DatabaseConfig owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        sql = new Sql(ownerDb.dataSource());
        given = new Fixtures(services);
        dispatcher = Logins.create(owner, "dispatch_dispatcher");
        dispatcherDb = Database.open(dispatcher);
        supervisorDb = Database.open(Logins.create(owner, "dispatch_supervisor"));
        photos = new DispatchServices(dispatcherDb).photos();
        try (InputStream in = PhotoServiceTest.class.getResourceAsStream("/com/dispatchconsole/demo/door.png")) {
            door = in.readAllBytes();
        }
    }

    @AfterAll
    static void close() {
        supervisorDb.close();
        dispatcherDb.close();
        ownerDb.close();
    }

    @Test
    void aStoredPngComesBackByteForByteWithWhatTheDatabaseStamped() throws Exception {
        StoredPhoto stored = photos.store(door, "Rider app (Ana)");

        assertThat(stored.type()).isEqualTo(PhotoType.PNG);
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.sizeBytes()).isEqualTo(door.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(door)));
        assertThat(stored.uploadedBy()).as("the operator the session declared").isEqualTo("Rider app (Ana)");
        assertThat(Duration.between(stored.uploadedAt(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(10));
        assertThat(stored.reference()).isEqualTo("photo:" + stored.id());

        PhotoContent read = services.photos().get(stored.id());
        assertThat(read.bytes()).isEqualTo(door);
        assertThat(read.contentType()).isEqualTo("image/png");
        assertThat(read.photo()).isEqualTo(stored);
        assertThat(read.toString()).as("no bytes in logs").doesNotContain("[B@").hasSizeLessThan(400);
    }

    @Test
    void jpegAndWebpAreToldByTheirBytes() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
        byte[] webp = "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(photos.store(jpeg, "rider").contentType()).isEqualTo("image/jpeg");
        assertThat(photos.get(photos.store(webp, "rider").id()).contentType()).isEqualTo("image/webp");
    }

    @Test
    void anUnknownPhotoIsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThat(photos.find(unknown)).isEmpty();
        assertThatThrownBy(() -> photos.get(unknown))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PHOTO_NOT_FOUND);
                    assertThat(e.sentence()).isEqualTo("Photo " + unknown.toString().substring(0, 8)
                            + " is not stored in this database.");
                });
    }

    @Test
    void aRefusedUploadStoresNothing() {
        byte[] gif = "GIF89a\1\0\1\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] tooLarge = Arrays.copyOf(door, PhotoType.MAX_BYTES + 1);
        byte[] withoutSignature = Arrays.copyOfRange(door, 1, door.length);

        refused(() -> photos.store(new byte[0], "rider"), ErrorCode.INVALID_PHOTO, "The photo is empty");
        refused(() -> photos.store(null, "rider"), ErrorCode.INVALID_PHOTO, "The photo is empty");
        refused(() -> photos.store(gif, "rider"), ErrorCode.INVALID_PHOTO, "is not a PNG, JPEG or WebP image");
        refused(() -> photos.store(withoutSignature, "rider"), ErrorCode.INVALID_PHOTO, "is not a PNG, JPEG or WebP image");
        refused(() -> photos.store(tooLarge, "rider"), ErrorCode.TOO_LARGE, "at most 5242880 (5 MiB)");
        refused(() -> photos.store(door, " "), ErrorCode.INVALID_ARGUMENT, "the operator's name");
    }

    @Test
    void aSupervisorMayLookButNotUpload() {
        PhotoService asSupervisor = new DispatchServices(supervisorDb).photos();
        StoredPhoto stored = photos.store(door, "rider");

        assertThat(asSupervisor.get(stored.id()).bytes()).isEqualTo(door);
        refused(() -> asSupervisor.store(door, "Sam"), ErrorCode.PERMISSION_DENIED, "does not allow");
    }

    @Test
    void aPodNamesAStoredPhotoAndOnlyOneThatIsStored() {
        BatchRow batch = given.batch(1, "1");
        given.outForDelivery(batch, given.rider("Ana " + UUID.randomUUID().toString().substring(0, 4), 10, "20", 1));
        BatchOrderRow line = services.queries().orders(batch.id()).get(0);
        BatchService batches = new DispatchServices(dispatcherDb).batches();
        StoredPhoto stored = photos.store(door, "rider");
        UUID unknown = UUID.randomUUID();
        String before = sql.fingerprint();

        assertThatThrownBy(() -> batches.recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [{\"url\": \"" + stored.reference() + "\"}, "
                        + "{\"url\": \"photo:" + unknown + "\"}]}", "rider"))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD);
                    assertThat(e.sentence()).isEqualTo("photos[1].url names photo " + unknown.toString().substring(0, 8)
                            + ", which is not stored in this database; upload the photo first. Nothing was saved.");
                });
        assertThat(sql.fingerprint()).isEqualTo(before);

        batches.recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [{\"url\": \"" + stored.reference() + "\"}]}", "rider");
        assertThat(services.pods().get(line.id()).document()).contains(stored.reference());
    }

    private static void refused(Runnable call, ErrorCode code, String sentencePart) {
        long before = sql.count("SELECT count(*) FROM pod_photos");
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DispatchException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.sentence()).contains(sentencePart);
        });
        assertThat(sql.count("SELECT count(*) FROM pod_photos")).as("nothing stored").isEqualTo(before);
    }
}
