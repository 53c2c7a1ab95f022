package io.parley.knowledge.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Bytes of a text file as a string. Text files carry no declared encoding, and the ones businesses upload are mostly
 * UTF-8 with a sprinkling of Windows-1252 exports from older tools; guessing wrong turns every "é" and "’" into
 * garbage that no search matches. So: a byte-order mark decides; else strict UTF-8 if the bytes are valid UTF-8
 * (statistical detectors misjudge short UTF-8 texts); else Tika's detector; else Windows-1252, which decodes
 * anything.
 */
final class TextDecoding {

    private TextDecoding() {}

    static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, detected(bytes));
        }
    }

    private static Charset detected(byte[] bytes) {
        CharsetMatch match = new CharsetDetector().setText(bytes).detect();
        if (match != null && match.getConfidence() >= 50 && Charset.isSupported(match.getName())) {
            return Charset.forName(match.getName());
        }
        return Charset.forName("windows-1252");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
