package org.nvmehil.protocol.wire;

/**
 * Sequential little-endian reader with explicit unsigned widening. It never throws on short
 * input: reads past the end return 0 and set {@link #overrun()}, so decoders can report a
 * truncated structure as a violation instead of an exception.
 */
public final class LeReader {
    private final Bytes bytes;
    private int pos;
    private boolean overrun;

    public LeReader(Bytes bytes) {
        this(bytes, 0);
    }

    public LeReader(Bytes bytes, int start) {
        this.bytes = bytes;
        this.pos = start;
    }

    public int u8() {
        if (pos >= bytes.length()) {
            overrun = true;
            pos++;
            return 0;
        }
        return bytes.u8(pos++);
    }

    public int u16() {
        return u8() | u8() << 8;
    }

    public long u32() {
        return Integer.toUnsignedLong(u16() | u16() << 16);
    }

    /** Unsigned 64-bit value as a signed long (bit pattern preserved). */
    public long u64() {
        return u32() | u32() << 32;
    }

    /** The next {@code n} bytes; missing bytes are not invented (the result may be shorter). */
    public Bytes take(int n) {
        int from = Math.min(pos, bytes.length());
        int to = Math.min(pos + n, bytes.length());
        if (pos + n > bytes.length()) {
            overrun = true;
        }
        pos += n;
        return bytes.slice(from, to);
    }

    public LeReader skip(int n) {
        if (pos + n > bytes.length()) {
            overrun = true;
        }
        pos += n;
        return this;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return Math.max(0, bytes.length() - pos);
    }

    /** True once any read went past the end of the input. */
    public boolean overrun() {
        return overrun;
    }
}
