package org.nvmehil.protocol.wire;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.spec.Req;

/**
 * Collects violations while a decoder walks device bytes, then wraps them with the value (or its
 * absence) in a {@link Decoded}. What an offset counts from is up to the decoder; protocol packages
 * extend this with their own checks.
 */
public class Findings {
    private final List<Violation> list = new ArrayList<>();

    public Findings() {
    }

    /** Starts with {@code earlier}, e.g. what the decoder of an enclosing layer found. */
    public Findings(List<Violation> earlier) {
        list.addAll(earlier);
    }

    public Findings add(Req req, String field, int offset, String detail) {
        list.add(Violation.at(req, field, offset, detail));
        return this;
    }

    public Findings addAll(List<Violation> vs) {
        list.addAll(vs);
        return this;
    }

    /** The violations so far (a copy). */
    public List<Violation> list() {
        return List.copyOf(list);
    }

    public <T> Decoded<T> result(T value, Bytes raw) {
        return Decoded.of(value, list, raw);
    }

    public <T> Decoded<T> rejected(Bytes raw) {
        return Decoded.rejected(list, raw);
    }

    /** A byte in hex, e.g. {@code 0Ah}. */
    public static String hex8(int v) {
        return String.format("%02Xh", v & 0xFF);
    }

    /** 16 bits in hex, e.g. {@code 0FFFh}. */
    public static String hex16(long v) {
        return String.format("%04Xh", v & 0xFFFF);
    }

    /** 32 bits in hex, e.g. {@code 0000FFFFh}. */
    public static String hex32(long v) {
        return String.format("%08Xh", v & 0xFFFF_FFFFL);
    }

    /** Reports {@code value & mask} when non-zero. */
    public Findings reservedBits(Req req, long value, long mask, int offset, String field) {
        if ((value & mask) != 0) {
            add(req, field, offset, "reserved bits (mask " + Long.toHexString(mask).toUpperCase() + "h) hold "
                    + Long.toHexString(value & mask).toUpperCase() + "h, expected 0");
        }
        return this;
    }

    /** Reports the non-zero bytes of {@code [from, to)} of {@code b} once, at the lowest one. */
    public Findings reservedRange(Req req, Bytes b, int from, int to, String field) {
        int first = -1;
        int count = 0;
        for (int i = from; i < Math.min(to, b.length()); i++) {
            if (b.u8(i) != 0) {
                first = first < 0 ? i : first;
                count++;
            }
        }
        if (first >= 0) {
            add(req, field, first, "reserved bytes " + from + "-" + (to - 1) + " must be 00h: byte " + first + " is "
                    + hex8(b.u8(first)) + (count > 1 ? " (" + count + " non-zero bytes)" : ""));
        }
        return this;
    }

    /**
     * For constructors of encodable values (not for decoders): throws
     * {@link IllegalArgumentException} unless {@code 0 <= value < 2^bits}.
     */
    public static void checkBits(String name, long value, int bits) {
        if (value < 0 || (bits < 64 && value >>> bits != 0)) {
            throw new IllegalArgumentException(name + " = " + value + " does not fit " + bits + " bits");
        }
    }
}
