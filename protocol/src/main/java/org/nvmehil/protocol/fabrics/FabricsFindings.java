package org.nvmehil.protocol.fabrics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** Violations found while decoding a Fabrics structure; offsets count from the start of the structure. */
final class FabricsFindings extends org.nvmehil.protocol.wire.Findings {

    /**
     * A NUL-terminated UTF-8 string in {@code [from, from+len)}: the text before the first NUL. A field without
     * NUL, or with bytes that are not UTF-8, is reported against {@code req}; the text is then read as far as it
     * goes, invalid bytes replaced.
     */
    String nulTerminated(Bytes b, int from, int len, Req req, String field) {
        int end = Math.min(from + len, b.length());
        int nul = -1;
        for (int i = from; i < end; i++) {
            if (b.u8(i) == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            add(req, field, from, field.toUpperCase() + " has no NUL terminator within its " + len + " bytes");
            nul = end;
        }
        byte[] raw = b.slice(Math.min(from, end), nul).toArray();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            add(req, field, from, field.toUpperCase() + " is not valid UTF-8");
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** ASCII text in a fixed field padded with NULs or spaces (TRSVCID, TRADDR): trailing padding removed. */
    static String padded(Bytes b, int from, int len) {
        int end = Math.min(from + len, b.length());
        int e = end;
        int nul = -1;
        for (int i = from; i < end; i++) {
            if (b.u8(i) == 0) {
                nul = i;
                break;
            }
        }
        e = nul >= 0 ? nul : e;
        while (e > from && b.u8(e - 1) == ' ') {
            e--;
        }
        return new String(b.slice(Math.min(from, e), e).toArray(), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code s} cut to at most {@code n} UTF-8 bytes: a decoded text can outgrow its field (no NUL, or invalid bytes
     * replaced by U+FFFD, three bytes each), and the records check their text fits.
     */
    static String fitUtf8(String s, int n) {
        while (s.getBytes(StandardCharsets.UTF_8).length > n) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** {@code s} as UTF-8, NUL padded to {@code n} bytes (no terminator if it fills the field). */
    static Bytes nulPadded(String s, int n) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        return Bytes.of(u).concat(Bytes.zeros(n - u.length));
    }

    /** {@code s} one byte per char (ISO 8859-1), NUL padded to {@code n} bytes: the ASCII fields TRSVCID and TRADDR. */
    static Bytes latin1Padded(String s, int n) {
        byte[] u = s.getBytes(StandardCharsets.ISO_8859_1);
        return Bytes.of(u).concat(Bytes.zeros(n - u.length));
    }

    /** For one-byte-per-char fields: at most {@code n} chars, each at most FFh. */
    static void checkLatin1(String name, String s, int n) {
        if (s == null || s.length() > n || s.chars().anyMatch(c -> c > 0xFF)) {
            throw new IllegalArgumentException(name + " does not fit " + n + " bytes, one per char");
        }
    }

    static void checkText(String name, String s, int n) {
        if (s == null || s.getBytes(StandardCharsets.UTF_8).length > n) {
            throw new IllegalArgumentException(name + " does not fit " + n + " bytes");
        }
    }
}
