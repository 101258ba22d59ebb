package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

/**
 * Controller Status, 4 bytes at property 1Ch (Base 2.2 Fig. 42): RDY 0, CFS 1, SHST 3:2 (00b normal, 01b
 * occurring, 10b complete), NSSRO 4, PP 5, ST 6.
 */
public record Csts(long value) {

    public static final int SHST_NORMAL = 0;
    public static final int SHST_OCCURRING = 1;
    public static final int SHST_COMPLETE = 2;

    public Csts {
        checkBits("value", value, 32);
    }

    public static Csts of(boolean rdy, boolean cfs, int shst) {
        checkBits("shst", shst, 2);
        return new Csts((rdy ? 1 : 0) | (cfs ? 2 : 0) | shst << 2);
    }

    public boolean rdy() {
        return (value & 1) != 0;
    }

    public boolean cfs() {
        return (value & 2) != 0;
    }

    public int shst() {
        return (int) (value >>> 2 & 3);
    }

    public boolean nssro() {
        return (value & 0x10) != 0;
    }

    public boolean pp() {
        return (value & 0x20) != 0;
    }

    public boolean st() {
        return (value & 0x40) != 0;
    }
}
