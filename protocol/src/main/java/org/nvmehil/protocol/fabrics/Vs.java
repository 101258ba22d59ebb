package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

/** Version, 4 bytes at property 08h (Base 2.2 Fig. 37): MJR 31:16, MNR 15:8, TER 7:0 (1.3.0 = 00010300h). */
public record Vs(long value) {

    public Vs {
        checkBits("value", value, 32);
    }

    public static Vs of(int mjr, int mnr, int ter) {
        return new Vs((long) mjr << 16 | mnr << 8 | ter);
    }

    public int mjr() {
        return (int) (value >>> 16 & 0xFFFF);
    }

    public int mnr() {
        return (int) (value >>> 8 & 0xFF);
    }

    public int ter() {
        return (int) (value & 0xFF);
    }

    @Override
    public String toString() {
        return mjr() + "." + mnr() + "." + ter();
    }
}
