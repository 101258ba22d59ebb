package org.nvmehil.model.mi;

import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.nvme.Cqe;

/**
 * Get Features and Set Features (NVMe Base 2.0 §5.27/§5.21; CDW10: FID 7:0, SEL 10:8 for Get, SV bit 31
 * for Set; value in CDW11 and in completion DW0). The model implements two features MI allows out of
 * band (MI 1.2 Fig. 125, optional for a storage device):
 *
 * <ul>
 *   <li>02h Power Management: PS (4:0) must not exceed NPSS (0); WH (7:5) 0-2.</li>
 *   <li>04h Temperature Threshold: TMPTH (15:0, kelvin), TMPSEL (19:16), THSEL (21:20, 0 over, 1 under).
 *       Only the composite temperature (TMPSEL 0, or 15 = all on Set) exists; default over threshold
 *       WCTEMP, under 0 K. Crossing a threshold sets SMART critical warning bit 1.</li>
 * </ul>
 * Prohibited features (01h, 03h, 05h-0Bh, 0Dh, 0Fh, 12h-16h, 18h), optional ones not implemented and
 * reserved FIDs get Invalid Field in Command, as do reserved SEL values (4-7) and out-of-range values.
 * Nothing is saveable: SEL 2 (saved) returns the default, SEL 3 reports "changeable" only, and Set with
 * SV gets Feature Identifier Not Saveable.
 */
final class Features {
    static final int POWER_MANAGEMENT = 0x02;
    static final int TEMPERATURE_THRESHOLD = 0x04;
    static final int SEL_CURRENT = 0;
    static final int SEL_DEFAULT = 1;
    static final int SEL_SAVED = 2;
    static final int SEL_CAPABILITIES = 3;
    /** Supported capabilities: changeable (bit 2), neither saveable nor namespace specific. */
    static final int CAP_CHANGEABLE = 1 << 2;
    static final int TMPSEL_ALL = 0xF;

    private Features() {
    }

    static AdminResult get(Controller c, AdminRequest a) {
        int fid = (int) (a.cdw10() & 0xFF);
        int sel = (int) (a.cdw10() >>> 8 & 7);
        if (fid != POWER_MANAGEMENT && fid != TEMPERATURE_THRESHOLD || sel > SEL_CAPABILITIES) {
            return AdminResult.invalidField();
        }
        if (sel == SEL_CAPABILITIES) {
            return AdminResult.ok(CAP_CHANGEABLE);
        }
        boolean current = sel == SEL_CURRENT;
        if (fid == POWER_MANAGEMENT) {
            return AdminResult.ok(current ? c.powerManagement() : 0);
        }
        int tmpsel = (int) (a.cdw11() >>> 16 & 0xF);
        int thsel = (int) (a.cdw11() >>> 20 & 3);
        if (tmpsel != 0 || thsel > 1) {
            return AdminResult.invalidField();
        }
        int kelvin = current ? c.temperatureThreshold(thsel == 1) : defaultThreshold(c, thsel == 1);
        return AdminResult.ok(kelvin & 0xFFFF | (long) thsel << 20);
    }

    static AdminResult set(Controller c, AdminRequest a) {
        int fid = (int) (a.cdw10() & 0xFF);
        boolean sv = (a.cdw10() >>> 31 & 1) != 0;
        if (fid != POWER_MANAGEMENT && fid != TEMPERATURE_THRESHOLD) {
            return AdminResult.invalidField();
        }
        if (sv) {
            return AdminResult.status(Cqe.SCT_COMMAND_SPECIFIC, AdminResult.SC_FEATURE_NOT_SAVEABLE);
        }
        long v = a.cdw11();
        if (fid == POWER_MANAGEMENT) {
            int ps = (int) (v & 0x1F);
            int wh = (int) (v >>> 5 & 7);
            if (ps > 0 || wh > 2) {
                return AdminResult.invalidField();
            }
            c.setPowerManagement(v & 0xFF);
            return AdminResult.ok(0);
        }
        int tmpth = (int) (v & 0xFFFF);
        int tmpsel = (int) (v >>> 16 & 0xF);
        int thsel = (int) (v >>> 20 & 3);
        if (tmpsel != 0 && tmpsel != TMPSEL_ALL || thsel > 1) {
            return AdminResult.invalidField();
        }
        c.setTemperatureThreshold(thsel == 1, tmpth);
        return AdminResult.ok(0);
    }

    private static int defaultThreshold(Controller c, boolean under) {
        return under ? 0 : c.defaultOverTemperatureThreshold();
    }
}
