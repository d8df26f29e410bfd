package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a PoD file as text. Strict: a byte that is not UTF-8 is refused with its position instead of being
 * replaced by U+FFFD, which would change the evidence without anyone noticing.
 */
public final class PodText {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private PodText() {
    }

    /** The document as text; a leading UTF-8 byte order mark (some editors write one) is dropped. */
    public static String decodeUtf8(byte[] bytes) {
        int start = startsWithBom(bytes) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new DispatchException(ErrorCode.INVALID_POD, "The proof of delivery is not valid UTF-8: byte "
                    + (at + 1) + String.format(" (0x%02X, line %d)", bytes[at] & 0xFF, lineOf(bytes, at))
                    + " is not part of a UTF-8 character. Save the file as UTF-8. Nothing was saved.");
        }
        out.flip();
        return out.toString();
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
