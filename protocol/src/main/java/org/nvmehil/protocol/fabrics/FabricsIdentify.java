package org.nvmehil.protocol.fabrics;

import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * The Identify Controller fields (CNS 01h, 4096 bytes) that matter over Fabrics and NVMe/TCP (facts §10.1): MDTS
 * 77, CNTLID 78, CTRATT 96 (bit 6 TBKAS), CNTRLTYPE 111 (1 I/O, 2 discovery, 3 administrative), KAS 320 (100 ms
 * units), SQES 512, CQES 513, MAXCMD 514, NN 516, SGLS 536, SUBNQN 768 (NUL-terminated), IOCCSZ 1792 and IORCSZ
 * 1796 (16-byte units), ICDOFF 1800, FCATT 1802, MSDBD 1803, OFCS 1804, DCTYPE 1806. The rest of the structure is
 * {@link org.nvmehil.protocol.nvme.IdentifyController}.
 */
public record FabricsIdentify(int mdts, int cntlid, long ctratt, int cntrltype, int kas, int sqes, int cqes, int maxcmd,
                              long nn, long sgls, String subnqn, long ioccsz, long iorcsz, int icdoff, int fcatt,
                              int msdbd, int ofcs, int dctype) {

    public static final int SIZE = 4096;
    public static final int CNTRLTYPE_IO = 1;
    public static final int CNTRLTYPE_DISCOVERY = 2;
    public static final int CNTRLTYPE_ADMIN = 3;

    /** Traffic based keep alive (CTRATT bit 6). */
    public boolean tbkas() {
        return (ctratt & 0x40) != 0;
    }

    /** Largest I/O command capsule in bytes (IOCCSZ x 16). */
    public long ioCapsuleBytes() {
        return ioccsz * 16;
    }

    /** In-capsule data an I/O capsule can carry: IOCCSZ x 16 minus the 64-byte SQE. */
    public long inCapsuleDataBytes() {
        return Math.max(0, ioCapsuleBytes() - 64);
    }

    /** Reads the fields; rejects fewer than 4096 bytes (NVME_DATA_LAYOUT). */
    public static Decoded<FabricsIdentify> decode(Bytes b) {
        FabricsFindings f = new FabricsFindings();
        if (b.length() != SIZE) {
            f.add(Req.NVME_DATA_LAYOUT, "length", Math.min(b.length(), SIZE), "Identify Controller data is " + b.length()
                    + " bytes, expected 4096");
            if (b.length() < SIZE) {
                return f.rejected(b);
            }
        }
        String subnqn = f.nulTerminated(b, 768, 256, Req.NVMEOF_IDENTIFY_SUBNQN, "subnqn");
        return f.result(new FabricsIdentify(b.u8(77), b.u16le(78), b.u32le(96), b.u8(111), b.u16le(320), b.u8(512),
                b.u8(513), b.u16le(514), b.u32le(516), b.u32le(536), subnqn, b.u32le(1792), b.u32le(1796), b.u16le(1800),
                b.u8(1802), b.u8(1803), b.u16le(1804), b.u8(1806)), b);
    }

    /**
     * Checks the data of a controller reached over NVMe/TCP. Always: SUBNQN is {@code connectedSubnqn}
     * (NVMEOF_IDENTIFY_SUBNQN). I/O controllers: ICDOFF 0 (TCP_ICDOFF_ZERO), IORCSZ 1 and IOCCSZ at least 4
     * (TCP_IORCSZ), KAS non-zero (TCP_KEEP_ALIVE_REQUIRED), and with MDTS non-zero the in-capsule data within
     * 2^MDTS x 2^(12+MPSMIN) bytes (NVMEOF_IDENTIFY_MDTS_IOCCSZ). Discovery controllers: CNTRLTYPE 2 and no
     * Disconnect support in OFCS (NVMEOF_DISCOVERY_CONTROLLER). Offsets are Identify byte offsets.
     */
    public List<Violation> checkForTcp(String connectedSubnqn, int mpsmin, boolean discovery) {
        FabricsFindings f = new FabricsFindings();
        if (!subnqn.equals(connectedSubnqn)) {
            f.add(Req.NVMEOF_IDENTIFY_SUBNQN, "subnqn", 768, "SUBNQN \"" + subnqn + "\" is not the connected \""
                    + connectedSubnqn + "\"");
        }
        if (discovery) {
            if (cntrltype != CNTRLTYPE_DISCOVERY) {
                f.add(Req.NVMEOF_DISCOVERY_CONTROLLER, "cntrltype", 111, "CNTRLTYPE is " + cntrltype + ", expected 2");
            }
            if ((ofcs & 1) != 0) {
                f.add(Req.NVMEOF_DISCOVERY_CONTROLLER, "ofcs", 1804, "OFCS reports Disconnect support on a discovery controller");
            }
            return f.list();
        }
        if (icdoff != 0) {
            f.add(Req.TCP_ICDOFF_ZERO, "icdoff", 1800, "ICDOFF is " + icdoff + ", expected 0 on NVMe/TCP");
        }
        if (iorcsz != 1) {
            f.add(Req.TCP_IORCSZ, "iorcsz", 1796, "IORCSZ is " + iorcsz + ", expected 1 (16-byte responses)");
        }
        if (ioccsz < 4) {
            f.add(Req.TCP_IORCSZ, "ioccsz", 1792, "IOCCSZ is " + ioccsz + ", below 4 (the 64-byte SQE)");
        }
        if (kas == 0) {
            f.add(Req.TCP_KEEP_ALIVE_REQUIRED, "kas", 320, "KAS is 0 (no Keep Alive) but NVMe/TCP requires keep alive");
        }
        if (mdts != 0 && mdts + 12 + mpsmin < 63) {
            long max = 1L << (mdts + 12 + mpsmin);
            if (inCapsuleDataBytes() > max) {
                f.add(Req.NVMEOF_IDENTIFY_MDTS_IOCCSZ, "ioccsz", 1792, "IOCCSZ allows " + inCapsuleDataBytes()
                        + " bytes of in-capsule data, more than the " + max + "-byte maximum transfer (MDTS " + mdts + ")");
            }
        }
        return f.list();
    }
}
