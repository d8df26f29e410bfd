package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.DispatchException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.pod.PodText;
import com.dispatchconsole.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A PoD file's bytes: strict UTF-8, refused with the byte's position, never silently repaired. */
@UnitTest
class PodTextTest {

    @Test
    void invalidUtf8IsRefusedWithTheBytePositionAndLine() {
        byte[] latin1 = "{\"notes\":\n\"café\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> PodText.decodeUtf8(latin1))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessage("The proof of delivery is not valid UTF-8: byte 15 (0xE9, line 2) is not part of a UTF-8 "
                        + "character. Save the file as UTF-8. Nothing was saved.");
    }

    @Test
    void aTruncatedCharacterAtTheEndIsRefusedToo() {
        byte[] cut = {'{', '}', (byte) 0xE2, (byte) 0x82};

        assertThatThrownBy(() -> PodText.decodeUtf8(cut)).hasMessageContaining("byte 3 (0xE2, line 1)");
    }

    @Test
    void validUtf8ReadsAsItIsAndALeadingByteOrderMarkIsDropped() {
        byte[] text = "{\"notes\": \"café ☕ 😀\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        assertThat(PodText.decodeUtf8(text)).isEqualTo("{\"notes\": \"café ☕ 😀\"}");
        assertThat(PodText.decodeUtf8(withBom)).isEqualTo("{\"notes\": \"café ☕ 😀\"}");
    }
}
