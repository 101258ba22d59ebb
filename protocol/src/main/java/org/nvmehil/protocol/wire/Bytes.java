package org.nvmehil.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable byte string with content equality and a hex {@code toString}. Every wire record holds
 * {@code Bytes}, never {@code byte[]}, so records compare by content and print as evidence.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final byte[] b;

    private Bytes(byte[] b) {
        this.b = b;
    }

    /** Copies {@code b}. */
    public static Bytes of(byte... b) {
        return new Bytes(b.clone());
    }

    /** From int values; each is truncated to its low 8 bits (so {@code 0x84} needs no cast). */
    public static Bytes ofUnsigned(int... v) {
        byte[] o = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (byte) v[i];
        }
        return new Bytes(o);
    }

    /** Parses hex; whitespace, {@code |} and {@code :} separators are ignored ("84 08 00 00 | 01"). */
    public static Bytes hex(String s) {
        return new Bytes(HexFormat.of().parseHex(s.replaceAll("[\\s|:]", "")));
    }

    public static Bytes zeros(int n) {
        return new Bytes(new byte[n]);
    }

    /** Takes ownership of {@code b} without copying; only for arrays nobody else keeps. */
    static Bytes wrap(byte[] b) {
        return new Bytes(b);
    }

    public int length() {
        return b.length;
    }

    public boolean isEmpty() {
        return b.length == 0;
    }

    /** Unsigned byte at {@code i}. */
    public int u8(int i) {
        return Byte.toUnsignedInt(b[i]);
    }

    /** Unsigned little-endian 16-bit value at {@code i}. */
    public int u16le(int i) {
        return u8(i) | u8(i + 1) << 8;
    }

    /** Unsigned little-endian 32-bit value at {@code i}. */
    public long u32le(int i) {
        return Integer.toUnsignedLong(u8(i) | u8(i + 1) << 8 | u8(i + 2) << 16 | u8(i + 3) << 24);
    }

    /** Unsigned big-endian 16-bit value at {@code i} (serial FCS, Basic Management VID). */
    public int u16be(int i) {
        return u8(i) << 8 | u8(i + 1);
    }

    /** Bytes {@code [from, to)}. */
    public Bytes slice(int from, int to) {
        return new Bytes(Arrays.copyOfRange(b, from, to));
    }

    /** Bytes from {@code from} to the end. */
    public Bytes slice(int from) {
        return slice(from, b.length);
    }

    /** The first {@code n} bytes (or all, if shorter). */
    public Bytes head(int n) {
        return slice(0, Math.min(n, b.length));
    }

    public Bytes concat(Bytes other) {
        byte[] o = Arrays.copyOf(b, b.length + other.b.length);
        System.arraycopy(other.b, 0, o, b.length, other.b.length);
        return new Bytes(o);
    }

    /** A copy with byte {@code i} replaced: mutation vectors for negative tests. */
    public Bytes withByte(int i, int v) {
        byte[] c = b.clone();
        c[i] = (byte) v;
        return new Bytes(c);
    }

    /** A copy with bit {@code bit} of byte {@code i} flipped. */
    public Bytes flipBit(int i, int bit) {
        return withByte(i, u8(i) ^ (1 << bit));
    }

    /** A read-only little-endian view. */
    public ByteBuffer le() {
        return ByteBuffer.wrap(b).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] toArray() {
        return b.clone();
    }

    /** Hex without separators, e.g. {@code 8408}. */
    public String toHexString() {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes x && Arrays.equals(b, x.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    /** Space-separated hex, e.g. {@code 84 88 00 00}: the form every failure message shows. */
    @Override
    public String toString() {
        return HEX.formatHex(b);
    }
}
