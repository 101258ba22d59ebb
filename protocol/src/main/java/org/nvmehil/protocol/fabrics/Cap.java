package org.nvmehil.protocol.fabrics;

import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Violation;

/**
 * Controller Capabilities, 8 bytes at property 00h (Base 2.2 Fig. 36): MQES 15:0 (0's based), CQR 16, AMS 18:17,
 * TO 31:24 (500 ms units), DSTRD 35:32, NSSRS 36, CSS 44:37 (bit 0 NCSS, 6 IOCSS, 7 NOIOCSS), BPS 45, CPS 47:46,
 * MPSMIN 51:48, MPSMAX 55:52, PMRS 56, CMBS 57, NSSS 58, CRMS 60:59, NSSES 61.
 */
public record Cap(long value) {

    public static final int CSS_NCSS = 0x01;
    public static final int CSS_IOCSS = 0x40;
    public static final int CSS_NOIOCSS = 0x80;

    private int bits(int lo, int n) {
        return (int) (value >>> lo & ((1L << n) - 1));
    }

    public int mqes() {
        return bits(0, 16);
    }

    public boolean cqr() {
        return bits(16, 1) != 0;
    }

    public int ams() {
        return bits(17, 2);
    }

    /** Worst-case ready time in 500 ms units. */
    public int to() {
        return bits(24, 8);
    }

    public long timeoutMillis() {
        return to() * 500L;
    }

    public int dstrd() {
        return bits(32, 4);
    }

    public boolean nssrs() {
        return bits(36, 1) != 0;
    }

    public int css() {
        return bits(37, 8);
    }

    public boolean bps() {
        return bits(45, 1) != 0;
    }

    public int cps() {
        return bits(46, 2);
    }

    public int mpsmin() {
        return bits(48, 4);
    }

    public int mpsmax() {
        return bits(52, 4);
    }

    public boolean pmrs() {
        return bits(56, 1) != 0;
    }

    public boolean cmbs() {
        return bits(57, 1) != 0;
    }

    public boolean nsss() {
        return bits(58, 1) != 0;
    }

    public int crms() {
        return bits(59, 2);
    }

    public boolean nsses() {
        return bits(61, 1) != 0;
    }

    /**
     * Fabrics checks: CQR 1 (NVMEOF_CAP_CQR), MQES at least 1 (NVMEOF_CAP_MQES), and on a discovery controller CSS
     * with only NCSS (NVMEOF_DISCOVERY_CAP_CSS, a should). Offsets are byte offsets within the 8-byte property.
     */
    public List<Violation> check(boolean discovery) {
        FabricsFindings f = new FabricsFindings();
        if (!cqr()) {
            f.add(Req.NVMEOF_CAP_CQR, "cqr", 2, "CAP.CQR is 0, expected 1 on a message-based controller");
        }
        if (mqes() < 1) {
            f.add(Req.NVMEOF_CAP_MQES, "mqes", 0, "CAP.MQES is 0, expected at least 1 (0's based)");
        }
        if (discovery && css() != CSS_NCSS) {
            f.add(Req.NVMEOF_DISCOVERY_CAP_CSS, "css", 4, "CAP.CSS is " + FabricsFindings.hex8(css())
                    + " on a discovery controller, expected only NCSS (01h)");
        }
        return f.list();
    }
}
