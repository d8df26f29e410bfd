package com.dispatchconsole.domain.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored photos in the domain: the type told by the bytes (PNG, JPEG, WebP), the 5 MiB limit, and the reference a
 * PoD document holds ({@code photo:<uuid>}), accepted in {@code photos[i].url} only and only well-formed.
 */
@UnitTest
class StoredPhotoRulesTest {

    static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R');
    static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F');
    static final byte[] WEBP = ascii("RIFF\u0024\0\0\0WEBPVP8 ");
    private static final UUID ID = UUID.fromString("3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f");

    @Test
    void theTypeIsToldByTheFirstBytes() {
        assertThat(PhotoType.sniff(PNG)).contains(PhotoType.PNG);
        assertThat(PhotoType.sniff(JPEG)).contains(PhotoType.JPEG);
        assertThat(PhotoType.sniff(WEBP)).contains(PhotoType.WEBP);
        assertThat(PhotoType.PNG.contentType()).isEqualTo("image/png");
        assertThat(PhotoType.ofContentType("image/webp")).contains(PhotoType.WEBP);
        assertThat(PhotoType.ofContentType("image/gif")).isEmpty();
    }

    @Test
    void anythingElseIsNoPhoto() {
        assertThat(PhotoType.sniff(ascii("GIF89a\1\0\1\0"))).as("GIF").isEmpty();
        assertThat(PhotoType.sniff(ascii("RIFF\u0024\0\0\0WAVEfmt "))).as("a RIFF that is no WebP").isEmpty();
        assertThat(PhotoType.sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).as("SVG").isEmpty();
        assertThat(PhotoType.sniff(Arrays.copyOf(PNG, 7))).as("PNG's signature cut short").isEmpty();
        assertThat(PhotoType.sniff(Arrays.copyOf(WEBP, 11))).as("RIFF and WEB, no P").isEmpty();
        assertThat(PhotoType.sniff(bytes(0xFF, 0xD8))).as("two bytes of JPEG").isEmpty();
        assertThat(PhotoType.sniff(new byte[0])).isEmpty();
        assertThat(PhotoType.sniff(null)).isEmpty();
    }

    @Test
    void anUploadIsRefusedWhenEmptyTooLargeOrNoPhoto() {
        assertRefused(new byte[0], ErrorCode.INVALID_PHOTO, "The photo is empty; nothing was stored.");
        assertRefused(null, ErrorCode.INVALID_PHOTO, "The photo is empty; nothing was stored.");
        assertRefused(ascii("GIF89a"), ErrorCode.INVALID_PHOTO,
                "The photo is not a PNG, JPEG or WebP image (its first bytes say otherwise); nothing was stored.");
        byte[] tooLarge = Arrays.copyOf(PNG, PhotoType.MAX_BYTES + 1);
        assertRefused(tooLarge, ErrorCode.TOO_LARGE,
                "The photo is 5242881 bytes; at most 5242880 (5 MiB) are allowed. Nothing was stored.");
        assertThat(PhotoType.require(Arrays.copyOf(JPEG, PhotoType.MAX_BYTES))).as("exactly 5 MiB")
                .isEqualTo(PhotoType.JPEG);
    }

    @Test
    void aReferenceIsPhotoColonAndACanonicalUuid() {
        assertThat(PhotoReference.of(ID)).isEqualTo("photo:3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f");
        assertThat(PhotoReference.parse(PhotoReference.of(ID))).contains(ID);
        assertThat(PhotoReference.parse("photo:3F2B9C1E-8A4D-4C1B-9E2F-0A1B2C3D4E5F")).contains(ID);
        assertThat(PhotoReference.parse("PHOTO:" + ID)).isEmpty();
        assertThat(PhotoReference.parse("photo:1-1-1-1-1")).as("UUID.fromString would take it").isEmpty();
        assertThat(PhotoReference.parse("photo:" + ID + " ")).isEmpty();
        assertThat(PhotoReference.parse(" photo:" + ID)).isEmpty();
        assertThat(PhotoReference.parse("photo:" + ID + "/../x")).isEmpty();
        assertThat(PhotoReference.parse(null)).isEmpty();
        assertThat(PhotoAddress.storedPhoto("photo:" + ID)).contains(ID);
        assertThat(PhotoAddress.isSafe("photo:" + ID)).as("read from the database, nothing fetched").isTrue();
        assertThat(PhotoAddress.unsafeBecause("photo:nope")).contains("is not a photo reference of the form photo:<uuid>");
    }

    @Test
    void aDocumentMayNameStoredPhotosAndReadsThemBack() {
        PodDocument pod = PodValidator.validate("{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [{\"url\": \"photo:"
                + ID + "\", \"takenAt\": \"2026-11-27T14:02:11Z\"}, {\"url\": \"https://pod.example/p/1.jpg\"}]}");

        assertThat(pod.photos()).extracting(PodDocument.Photo::url)
                .containsExactly("photo:" + ID, "https://pod.example/p/1.jpg");
        PodDocument stored = PodDocument.read(pod.toJson());
        assertThat(stored.readable()).isTrue();
        assertThat(stored.photos().get(0).url()).isEqualTo("photo:" + ID);
        assertThat(PodFlags.of(stored, null, null, java.time.Duration.ofMinutes(90))).as("a stored photo is a photo").doesNotContain(PodFlags.Flag.NO_PHOTO);
        assertThat(PodFlags.of(PodDocument.read("{\"deliveryType\": \"LEFT_AT_DOOR\"}"), null, null,
                java.time.Duration.ofMinutes(90)))
                .as("the control: without it").contains(PodFlags.Flag.NO_PHOTO);
        assertThat(PodDocument.builder().photos(java.util.List.of(new PodDocument.Photo("photo:" + ID, null))).build()
                .photos()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo:", "photo:nope", "photo:1-1-1-1-1", "PHOTO:3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f",
        "Photo:3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f", "photo:3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f?x=1",
        "photo://3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f"})
    void aMalformedReferenceIsRefusedNamingTheFieldAndStaysUnreadableWhenStored(String url) {
        String document = "{\"photos\": [{\"url\": \"" + url + "\"}]}";
        assertThatThrownBy(() -> PodValidator.validate(document))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining("photos[0].url is not a stored photo's reference photo:<uuid> (got \"" + url + "\").");
        assertThat(PodDocument.read(document).readable()).isFalse();
    }

    @Test
    void aSignatureImageCannotBeAStoredPhotoAsBefore() {
        String document = "{\"signature\": {\"imageUrl\": \"photo:" + ID + "\"}}";
        assertThatThrownBy(() -> PodValidator.validate(document))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining("signature.imageUrl is not a well-formed http(s) URL");
        assertThat(PodDocument.read(document).readable()).isFalse();
    }

    @Test
    void whatWasRefusedBeforeStaysRefused() {
        for (String url : new String[] {"door.jpg", "ftp://pod.example/1.jpg", "photos:" + ID, "urn:uuid:" + ID}) {
            assertThat(PodDocument.read("{\"photos\": [{\"url\": \"" + url + "\"}]}").readable()).as(url).isFalse();
        }
        for (String url : new String[] {"file:///etc/passwd", "http://pod.example/1.jpg", "https://127.0.0.1/x.png"}) {
            assertThatThrownBy(() -> PodValidator.validate("{\"photos\": [{\"url\": \"" + url + "\"}]}")).as(url)
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD));
        }
    }

    private static void assertRefused(byte[] bytes, ErrorCode code, String sentence) {
        assertThatThrownBy(() -> PhotoType.require(bytes))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.sentence()).isEqualTo(sentence);
                });
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
