package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * One 16-byte Controller Health Data Structure of the Controller Health Status Poll response
 * (MI 1.2 §5.3; facts §6.6): CTLID (0-1), CSTS (2-3), CTEMP in kelvin (4-5), PDLU (6), SPARE (7),
 * CWARN (8), CHSC changed flags (9-10, NVMe-MI 2.0; reserved in 1.2), reserved (11-15).
 */
public record ControllerHealth(int ctlid, int csts, int ctemp, int pdlu, int spare, int cwarn, int chsc) {

    public static final int SIZE = 16;

    // CSTS bits: RDY 0, CFS 1, SHST 3:2, NSSRO 4, CECO 5, NAC 6, FA 7, TCIDA 8 (2.0).
    public static final int CSTS_RDY = 1;
    public static final int CSTS_CFS = 1 << 1;
    public static final int CSTS_SHST_MASK = 3 << 2;
    public static final int CSTS_NSSRO = 1 << 4;
    public static final int CSTS_CECO = 1 << 5;
    public static final int CSTS_NAC = 1 << 6;
    public static final int CSTS_FA = 1 << 7;
    public static final int CSTS_TCIDA = 1 << 8;
    public static final int CSTS_DEFINED = 0x1FF;

    // CWARN bits.
    public static final int CWARN_ST = 1;
    public static final int CWARN_TAUT = 1 << 1;
    public static final int CWARN_RD = 1 << 2;
    public static final int CWARN_RO = 1 << 3;
    public static final int CWARN_VMBF = 1 << 4;
    public static final int CWARN_PMRE = 1 << 5;
    public static final int CWARN_DEFINED = 0x3F;

    public ControllerHealth {
        checkBits("ctlid", ctlid, 16);
        checkBits("csts", csts, 16);
        checkBits("ctemp", ctemp, 16);
        checkBits("pdlu", pdlu, 8);
        checkBits("spare", spare, 8);
        checkBits("cwarn", cwarn, 8);
        checkBits("chsc", chsc, 16);
    }

    public boolean rdy() {
        return (csts & CSTS_RDY) != 0;
    }

    public boolean cfs() {
        return (csts & CSTS_CFS) != 0;
    }

    /** Shutdown status, CSTS bits 3:2 (as in the controller's CSTS register). */
    public int shst() {
        return csts >> 2 & 3;
    }

    public boolean nssro() {
        return (csts & CSTS_NSSRO) != 0;
    }

    public boolean ceco() {
        return (csts & CSTS_CECO) != 0;
    }

    public boolean nac() {
        return (csts & CSTS_NAC) != 0;
    }

    public boolean fa() {
        return (csts & CSTS_FA) != 0;
    }

    /** CTEMP (kelvin) in °C. */
    public int ctempCelsius() {
        return Ctemp.kelvinToCelsius(ctemp);
    }

    public Bytes encode() {
        return new LeWriter().u16(ctlid).u16(csts).u16(ctemp).u8(pdlu).u8(spare).u8(cwarn).u16(chsc).zeros(5).build();
    }

    /** Reads 16 bytes at {@code d[from]}; {@code base} is the message offset of {@code d[0]}. */
    static ControllerHealth decode(Bytes d, int from, int base, Findings f) {
        LeReader r = new LeReader(d, from);
        ControllerHealth h = new ControllerHealth(r.u16(), r.u16(), r.u16(), r.u8(), r.u8(), r.u8(), r.u16());
        int at = base + from;
        f.reservedBits(h.csts, ~CSTS_DEFINED & 0xFFFF, at + 2, "csts.reserved");
        f.reservedBits(h.cwarn, ~CWARN_DEFINED & 0xFF, at + 8, "cwarn.reserved");
        f.reservedBytes(d, from + 11, from + SIZE, base, "reserved");
        return h;
    }
}
