package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.Set;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * NVM Subsystem Health Status Poll response data, 8 bytes at message offset 8 (MI 1.2 §5.6; facts
 * §6.4): NSS (0), SW (1, active low), CTEMP (2, see {@link Ctemp}), PDLU (3), CCS (4-5, LE),
 * reserved (6-7). NMRESP is reserved.
 */
public record SubsystemHealthStatus(int nss, int sw, int ctemp, int pdlu, int ccs) {

    public static final int SIZE = 8;

    // NSS bits. ATF, SFM and SNFM are NVMe-MI 2.x; bit 0 is reserved.
    public static final int NSS_ATF = 1 << 7;
    public static final int NSS_SFM = 1 << 6;
    public static final int NSS_DF = 1 << 5;
    public static final int NSS_RNR = 1 << 4;
    public static final int NSS_P0LA = 1 << 3;
    public static final int NSS_P1LA = 1 << 2;
    public static final int NSS_SNFM = 1 << 1;

    // SW bits (0 = the warning is active). IPS (bit 6) is NVMe-MI 2.1.
    public static final int SW_ASCBT = 1;
    public static final int SW_TTC = 1 << 1;
    public static final int SW_NDR = 1 << 2;
    public static final int SW_AMRO = 1 << 3;
    public static final int SW_VMBF = 1 << 4;
    public static final int SW_PMRRO = 1 << 5;

    public SubsystemHealthStatus {
        checkBits("nss", nss, 8);
        checkBits("sw", sw, 8);
        checkBits("ctemp", ctemp, 8);
        checkBits("pdlu", pdlu, 8);
        checkBits("ccs", ccs, 16);
    }

    /** SW from a SMART Critical Warning byte: bits 5:0 inverted (1 = OK), bits 7:6 clear. */
    public static int swFromCriticalWarning(int criticalWarning) {
        return ~criticalWarning & 0x3F;
    }

    public boolean df() {
        return (nss & NSS_DF) != 0;
    }

    public boolean rnr() {
        return (nss & NSS_RNR) != 0;
    }

    public boolean p0la() {
        return (nss & NSS_P0LA) != 0;
    }

    public boolean p1la() {
        return (nss & NSS_P1LA) != 0;
    }

    /** True when the SW bit for {@code swBit} reports a warning (bit clear). */
    public boolean warning(int swBit) {
        return (sw & swBit) == 0;
    }

    public Ctemp.Reading ctempReading() {
        return Ctemp.decode(ctemp);
    }

    public Set<CcsFlag> ccsFlags() {
        return CcsFlag.fromCcs(ccs);
    }

    public Bytes encode() {
        return new LeWriter().u8(nss).u8(sw).u8(ctemp).u8(pdlu).u16(ccs).u16(0).build();
    }

    /** The success response carrying this status. */
    public MiResponse toResponse(MiHeader header) {
        return MiResponse.success(header, 0, encode());
    }

    public static Decoded<SubsystemHealthStatus> decode(Bytes wire) {
        return Findings.fromResponseWire(wire, SubsystemHealthStatus::decode);
    }

    /** Rejected without violations when the status is not Success. */
    public static Decoded<SubsystemHealthStatus> decode(MiResponse r) {
        return Findings.fromResponse(r, SubsystemHealthStatus::decode);
    }

    static SubsystemHealthStatus decode(MiResponse r, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        f.reservedBytes(r.nmrespBytes(), 0, 3, 5, "nmresp");
        Bytes d = r.data();
        int at = MiResponse.DATA_OFFSET;
        if (d.length() != SIZE) {
            f.add(Req.MI_NSHSP, "length", at + Math.min(d.length(), SIZE),
                    "health status data is " + d.length() + " bytes, expected 8");
        }
        if (d.length() < SIZE) {
            return null;
        }
        LeReader rd = new LeReader(d);
        SubsystemHealthStatus s = new SubsystemHealthStatus(rd.u8(), rd.u8(), rd.u8(), rd.u8(), rd.u16());
        f.reservedBits(s.nss, 0x01, at, "nss.reserved");
        f.reservedBits(s.ccs, ~CcsFlag.CCS_DEFINED & 0xFFFF, at + 4, "ccs.reserved");
        f.reservedBytes(d, 6, 8, at, "reserved");
        if (Ctemp.decode(s.ctemp).kind() == Ctemp.Kind.RESERVED) {
            f.add(Req.MI_NSHSP, "ctemp", at + 2, "CTEMP " + Findings.hex8(s.ctemp) + " is a reserved code (82h-C3h)");
        }
        return s;
    }
}
