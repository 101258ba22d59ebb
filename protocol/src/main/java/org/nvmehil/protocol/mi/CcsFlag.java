package org.nvmehil.protocol.mi;

import java.util.EnumSet;
import java.util.Set;

/**
 * Composite Controller Status flags and their two bit layouts. In the CCS word of the NVM Subsystem
 * Health Status Poll (MI 1.2 §5.6) bit 3 is reserved; the Health Status Change mask of
 * Configuration Set CID 02h (MI 1.2 §5.2) packs the same flags without that hole, so NSSRO and
 * everything above it sit one bit lower (facts §6.5; nvme-mi-dev, aardvark and Wireshark agree).
 */
public enum CcsFlag {
    RDY(0, 0),
    CFS(1, 1),
    SHST(2, 2),
    NSSRO(4, 3),
    CECO(5, 4),
    NAC(6, 5),
    FA(7, 6),
    CSTS(8, 7),
    CTEMP(9, 8),
    PDLU(10, 9),
    SPARE(11, 10),
    CWARN(12, 11),
    /** Telemetry Controller-Initiated Data Available, NVMe-MI 2.0. */
    TCIDA(13, 12);

    /** Bit in the CCS word (health poll). */
    public final int ccsBit;
    /** Bit in the packed Health Status Change mask (Configuration Set NMD1). */
    public final int hscBit;

    CcsFlag(int ccsBit, int hscBit) {
        this.ccsBit = ccsBit;
        this.hscBit = hscBit;
    }

    /** CCS bits MI 1.2 defines (TCIDA excluded). */
    public static final int CCS_DEFINED_MI12 = 0x1FF7;
    /** CCS bits defined by MI 2.0 (adds TCIDA). */
    public static final int CCS_DEFINED = 0x3FF7;

    public static Set<CcsFlag> fromCcs(int ccs) {
        Set<CcsFlag> s = EnumSet.noneOf(CcsFlag.class);
        for (CcsFlag f : values()) {
            if ((ccs >> f.ccsBit & 1) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public static Set<CcsFlag> fromHsc(long mask) {
        Set<CcsFlag> s = EnumSet.noneOf(CcsFlag.class);
        for (CcsFlag f : values()) {
            if ((mask >> f.hscBit & 1) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public static int ccs(Set<CcsFlag> flags) {
        int v = 0;
        for (CcsFlag f : flags) {
            v |= 1 << f.ccsBit;
        }
        return v;
    }

    public static int hsc(Set<CcsFlag> flags) {
        int v = 0;
        for (CcsFlag f : flags) {
            v |= 1 << f.hscBit;
        }
        return v;
    }

    /** The packed Health Status Change mask that clears exactly the flags set in {@code ccs}. */
    public static int ccsToHsc(int ccs) {
        return hsc(fromCcs(ccs));
    }

    /** The CCS bits a packed Health Status Change mask selects. */
    public static int hscToCcs(long mask) {
        return ccs(fromHsc(mask));
    }
}
