package org.linli.community;

import org.linli.common.Problem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns an uploaded roster into text. Excel on Chinese Windows saves CSV as GBK, newer versions offer UTF-8 with a
 * byte-order mark, other tools UTF-8 without one. UTF-8 is tried first and strictly: GBK text is almost never valid
 * UTF-8, while UTF-8 text often happens to be valid GBK.
 */
final class RosterEncoding {

    private static final Charset GBK = Charset.forName("GBK");

    private RosterEncoding() {
    }

    static String decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
        ByteBuffer body = bom ? ByteBuffer.wrap(bytes, 3, bytes.length - 3) : ByteBuffer.wrap(bytes);
        Optional<String> text = strictly(StandardCharsets.UTF_8, body.duplicate());
        if (text.isEmpty() && !bom) {
            text = strictly(GBK, body.duplicate());
        }
        return text.filter(RosterEncoding::looksLikeText)
                .orElseThrow(() -> Problem.badRequest("ROSTER_ENCODING"));
    }

    private static Optional<String> strictly(Charset charset, ByteBuffer bytes) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Binary files (a spreadsheet saved as .xlsx, random bytes) can decode cleanly but hold control characters. */
    private static boolean looksLikeText(String text) {
        return text.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F || c == 0xFFFD);
    }
}
