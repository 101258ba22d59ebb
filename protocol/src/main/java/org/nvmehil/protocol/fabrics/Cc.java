package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

/**
 * Controller Configuration, 4 bytes at property 14h (Base 2.2 Fig. 41): EN 0, CSS 6:4, MPS 10:7, AMS 13:11, SHN
 * 15:14 (01b normal, 10b abrupt), IOSQES 19:16, IOCQES 23:20, CRIME 24.
 */
public record Cc(long value) {

    public static final int SHN_NONE = 0;
    public static final int SHN_NORMAL = 1;
    public static final int SHN_ABRUPT = 2;
    /** CSS values. */
    public static final int CSS_NVM = 0;
    public static final int CSS_ALL_IO = 6;
    public static final int CSS_ADMIN_ONLY = 7;

    public Cc {
        checkBits("value", value, 32);
    }

    /** IOSQES 6 and IOCQES 4 (64-byte SQEs, 16-byte CQEs: what nvmet requires before an I/O Connect). */
    public static Cc enable(int css) {
        return of(true, css, 0, 0, SHN_NONE, 6, 4);
    }

    public static Cc of(boolean en, int css, int mps, int ams, int shn, int iosqes, int iocqes) {
        checkBits("css", css, 3);
        checkBits("mps", mps, 4);
        checkBits("ams", ams, 3);
        checkBits("shn", shn, 2);
        checkBits("iosqes", iosqes, 4);
        checkBits("iocqes", iocqes, 4);
        return new Cc((en ? 1 : 0) | css << 4 | mps << 7 | ams << 11 | shn << 14 | iosqes << 16 | (long) iocqes << 20);
    }

    private int bits(int lo, int n) {
        return (int) (value >>> lo & ((1L << n) - 1));
    }

    public boolean en() {
        return bits(0, 1) != 0;
    }

    public int css() {
        return bits(4, 3);
    }

    public int mps() {
        return bits(7, 4);
    }

    public int ams() {
        return bits(11, 3);
    }

    public int shn() {
        return bits(14, 2);
    }

    public int iosqes() {
        return bits(16, 4);
    }

    public int iocqes() {
        return bits(20, 4);
    }

    public boolean crime() {
        return bits(24, 1) != 0;
    }

    public Cc withEn(boolean v) {
        return new Cc(value & ~1L | (v ? 1 : 0));
    }

    public Cc withShn(int shn) {
        checkBits("shn", shn, 2);
        return new Cc(value & ~(3L << 14) | (long) shn << 14);
    }
}
