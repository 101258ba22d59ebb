package org.nvmehil.protocol.wire;

import java.io.ByteArrayOutputStream;

/**
 * Little-endian builder. It accepts any value the bit width can carry, including values the spec
 * forbids, so negative tests can build illegal structures; only the width truncates.
 */
public final class LeWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public LeWriter u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public LeWriter u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    public LeWriter u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    public LeWriter u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    /** Big-endian 16-bit value (serial FCS, Basic Management VID); say so at the call site. */
    public LeWriter u16be(int v) {
        return u8(v >>> 8).u8(v);
    }

    public LeWriter bytes(Bytes b) {
        out.writeBytes(b.toArray());
        return this;
    }

    public LeWriter zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    /** ASCII text padded with spaces (or truncated) to exactly {@code n} bytes: NVMe SN/MN/FR style. */
    public LeWriter asciiPadded(String s, int n) {
        for (int i = 0; i < n; i++) {
            out.write(i < s.length() ? s.charAt(i) & 0x7F : ' ');
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public Bytes build() {
        return Bytes.wrap(out.toByteArray());
    }
}
