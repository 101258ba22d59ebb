package org.nvmehil.protocol.nvme;

import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * Collects violations while a decoder walks device bytes; offsets count from the start of the structure.
 * Adds the NVMe size and text-field checks to the shared
 * {@linkplain org.nvmehil.protocol.wire.Findings core}.
 */
final class Findings extends org.nvmehil.protocol.wire.Findings {
    Findings() {
    }

    Findings(List<Violation> earlier) {
        super(earlier);
    }

    /** Reports a structure whose length is not {@code expected}; false when too short to decode. */
    boolean size(Bytes b, int expected, String name) {
        if (b.length() != expected) {
            add(Req.NVME_DATA_LAYOUT, "length", Math.min(b.length(), expected),
                    name + " is " + b.length() + " bytes, expected " + expected);
        }
        return b.length() >= expected;
    }

    /** Bytes {@code [from, from+len)} as text, one char per byte (ISO 8859-1), so any byte survives a round trip. */
    static String text(Bytes b, int from, int len) {
        return new String(b.slice(from, from + len).toArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code s} padded with spaces to {@code n} chars (records keep fixed-width text in its wire form). */
    static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /** {@code s} in exactly {@code n} bytes, padded with spaces; each char is written as its low 8 bits. */
    static void text(org.nvmehil.protocol.wire.LeWriter w, String s, int n) {
        for (int i = 0; i < n; i++) {
            w.u8(i < s.length() ? s.charAt(i) : ' ');
        }
    }

    /**
     * NVMe ASCII fields (SN, MN, FR): printable ASCII (20h-7Eh), left-justified, padded with spaces.
     * NUL or other non-printable bytes and leading spaces before text are reported.
     */
    void asciiField(Bytes b, int from, int len, String field) {
        for (int i = from; i < from + len && i < b.length(); i++) {
            int c = b.u8(i);
            if (c < 0x20 || c > 0x7E) {
                add(Req.NVME_IDENTIFY_ASCII, field, i, field.toUpperCase() + " byte " + (i - from) + " is " + hex8(c)
                        + "; expected printable ASCII padded with spaces (20h)");
                return;
            }
        }
        String t = text(b, from, Math.min(len, Math.max(0, b.length() - from)));
        if (!t.isBlank() && t.charAt(0) == ' ') {
            add(Req.NVME_IDENTIFY_ASCII, field, from, field.toUpperCase() + " \"" + t + "\" is not left-justified");
        }
    }
}
