package org.nvmehil.protocol.mctp.control;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version number as Get MCTP Version Support reports it (DSP0236 §12.6): four bytes, major,
 * minor, update, alpha, most significant first. Major, minor and update are BCD with {@code F} in
 * the upper nibble of a one-digit value; update {@code FFh} means "no update number"; alpha is an
 * ASCII letter or 00h. So 1.3.1 is {@code F1F3F100h}, 1.0a is {@code F1F0FF61h}, 10.11.7 is
 * {@code 1011F700h}.
 *
 * @param major  0..99
 * @param minor  0..99
 * @param update 0..99, or {@link #NO_UPDATE}
 * @param alpha  00h (none) or an ASCII character code, e.g. {@code 'a'}
 */
public record MctpVersion(int major, int minor, int update, int alpha) {

    /** No update number: encoded as {@code FFh}. */
    public static final int NO_UPDATE = -1;

    private static final Pattern TEXT = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,2}))?([A-Za-z])?");

    public MctpVersion {
        range("major", major, 0);
        range("minor", minor, 0);
        range("update", update, NO_UPDATE);
        if (alpha < 0 || alpha > 0xFF) {
            throw new IllegalArgumentException("alpha " + alpha);
        }
    }

    private static void range(String field, int v, int min) {
        if (v < min || v > 99) {
            throw new IllegalArgumentException(field + " " + v + " is not a two-digit BCD value");
        }
    }

    public static MctpVersion of(int major, int minor, int update) {
        return new MctpVersion(major, minor, update, 0);
    }

    /** Parses {@code 1.3.1}, {@code 1.0a}, {@code 3.7.10a}; a missing update means {@link #NO_UPDATE}. */
    public static MctpVersion parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        return new MctpVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? NO_UPDATE : Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : m.group(4).charAt(0));
    }

    /** The 32-bit entry, major in bits 31:24 (sent first). */
    public long encode() {
        return (long) bcd(major) << 24 | bcd(minor) << 16 | (update == NO_UPDATE ? 0xFF : bcd(update)) << 8 | alpha;
    }

    /**
     * Reads an entry; empty unless every field is canonical BCD (so {@code decode(e).encode() == e}
     * whenever the result is present).
     */
    public static Optional<MctpVersion> decode(long entry) {
        if ((entry & ~0xFFFFFFFFL) != 0) {
            return Optional.empty();
        }
        int ma = unbcd((int) (entry >>> 24) & 0xFF);
        int mi = unbcd((int) (entry >>> 16) & 0xFF);
        int upByte = (int) (entry >>> 8) & 0xFF;
        int up = upByte == 0xFF ? NO_UPDATE : unbcd(upByte);
        if (ma < 0 || mi < 0 || up == -2) {
            return Optional.empty();
        }
        return Optional.of(new MctpVersion(ma, mi, up, (int) entry & 0xFF));
    }

    private static int bcd(int v) {
        return v < 10 ? 0xF0 | v : (v / 10) << 4 | v % 10;
    }

    /** BCD byte to value; -2 when not canonical (also used as the "invalid" marker for update). */
    private static int unbcd(int b) {
        int hi = b >> 4;
        int lo = b & 0x0F;
        if (lo > 9) {
            return -2;
        }
        if (hi == 0x0F) {
            return lo;
        }
        return hi >= 1 && hi <= 9 ? hi * 10 + lo : -2;
    }

    /** {@code 1.3.1}, {@code 1.0a}, {@code 3.7.10a}. */
    @Override
    public String toString() {
        return major + "." + minor + (update == NO_UPDATE ? "" : "." + update) + (alpha == 0 ? "" : (char) alpha);
    }
}
