package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;
import static org.nvmehil.protocol.wire.Findings.hex8;

import java.util.OptionalInt;
import java.util.Set;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * One 1024-byte discovery log entry (libnvme {@code nvmf_disc_log_entry}; Base 2.1 Fig. 294): TRTYPE 0, ADRFAM 1,
 * SUBTYPE 2, TREQ 3 (1:0 TSC, 2 SQ flow control disable supported, 3 ZHIDS, 5:4 TASC), PORTID 4, CNTLID 6, ASQSZ 8,
 * EFLAGS 10, 12-31 reserved, TRSVCID 32-63 (ASCII; decimal port for TCP), 64-255 reserved, SUBNQN 256-511, TRADDR
 * 512-767 (ASCII), TSAS 768-1023 (TCP: byte 768 SECTYPE). Text fields are NUL padded on encode; decode also
 * accepts space padding for TRSVCID and TRADDR, which are kept one char per byte so any device byte survives.
 */
public record DiscoveryLogEntry(int trtype, int adrfam, int subtype, int treq, int portid, int cntlid, int asqsz,
                                int eflags, String trsvcid, String subnqn, String traddr, Bytes tsas) {

    public static final int SIZE = 1024;
    public static final int TRTYPE_RDMA = 1;
    public static final int TRTYPE_FC = 2;
    public static final int TRTYPE_TCP = 3;
    public static final int TRTYPE_INTRA_HOST = 0xFE;
    public static final int ADRFAM_IPV4 = 1;
    public static final int ADRFAM_IPV6 = 2;
    public static final int ADRFAM_IB = 3;
    public static final int ADRFAM_FC = 4;
    public static final int ADRFAM_INTRA_HOST = 0xFE;
    public static final int SUBTYPE_REFERRAL = 1;
    public static final int SUBTYPE_NVM = 2;
    public static final int SUBTYPE_CURRENT_DISCOVERY = 3;
    public static final int TREQ_DISABLE_SQFLOW = 0x04;
    public static final int OFFSET_TRSVCID = 32;
    public static final int OFFSET_SUBNQN = 256;
    public static final int OFFSET_TRADDR = 512;
    public static final int OFFSET_TSAS = 768;
    private static final Set<Integer> TRTYPES = Set.of(TRTYPE_RDMA, TRTYPE_FC, TRTYPE_TCP, TRTYPE_INTRA_HOST);
    private static final Set<Integer> ADRFAMS = Set.of(ADRFAM_IPV4, ADRFAM_IPV6, ADRFAM_IB, ADRFAM_FC, ADRFAM_INTRA_HOST);

    public DiscoveryLogEntry {
        checkBits("trtype", trtype, 8);
        checkBits("adrfam", adrfam, 8);
        checkBits("subtype", subtype, 8);
        checkBits("treq", treq, 8);
        checkBits("portid", portid, 16);
        checkBits("cntlid", cntlid, 16);
        checkBits("asqsz", asqsz, 16);
        checkBits("eflags", eflags, 16);
        FabricsFindings.checkLatin1("trsvcid", trsvcid, 32);
        FabricsFindings.checkText("subnqn", subnqn, 256);
        FabricsFindings.checkLatin1("traddr", traddr, 256);
        if (tsas == null || tsas.length() != 256) {
            throw new IllegalArgumentException("tsas must be 256 bytes");
        }
    }

    /** A TCP/IPv4 entry without security (SECTYPE 0). */
    public static DiscoveryLogEntry tcp(int subtype, int treq, int portid, int cntlid, int asqsz, String trsvcid,
                                        String subnqn, String traddr) {
        return new DiscoveryLogEntry(TRTYPE_TCP, ADRFAM_IPV4, subtype, treq, portid, cntlid, asqsz, 0, trsvcid, subnqn,
                traddr, Bytes.zeros(256));
    }

    /** Secure channel requirement (TREQ 1:0). */
    public int tsc() {
        return treq & 3;
    }

    /** The controller can disable SQ flow control (TREQ bit 2). */
    public boolean sqFlowControlDisableSupported() {
        return (treq & TREQ_DISABLE_SQFLOW) != 0;
    }

    public boolean zhids() {
        return (treq & 8) != 0;
    }

    /** Explicit persistent connections supported (EFLAGS bit 1). */
    public boolean epcsd() {
        return (eflags & 2) != 0;
    }

    /** TSAS byte 0 for TCP entries. */
    public int sectype() {
        return tsas.u8(0);
    }

    /** The TCP port when TRSVCID is a decimal number in 0..65535. */
    public OptionalInt port() {
        if (!trsvcid.matches("[0-9]{1,5}")) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(trsvcid);
        return p <= 0xFFFF ? OptionalInt.of(p) : OptionalInt.empty();
    }

    public Bytes encode() {
        return new LeWriter().u8(trtype).u8(adrfam).u8(subtype).u8(treq).u16(portid).u16(cntlid).u16(asqsz).u16(eflags)
                .zeros(20).bytes(FabricsFindings.latin1Padded(trsvcid, 32)).zeros(192)
                .bytes(FabricsFindings.nulPadded(subnqn, 256)).bytes(FabricsFindings.latin1Padded(traddr, 256)).bytes(tsas)
                .build();
    }

    /**
     * Decodes one entry; offsets count from the entry's first byte plus {@code base} (its offset in the log page).
     * Reports unknown TRTYPE/ADRFAM/SUBTYPE values and an SUBNQN without NUL (NVMEOF_DISCOVERY_ENTRY), for TCP a
     * TRSVCID that is not a decimal port (TCP_TRSVCID_DECIMAL) and an undefined SECTYPE (TCP_TSAS_SECTYPE), and
     * non-zero reserved bytes and TREQ bits 7:6 (NVMEOF_RESERVED_ZERO). Rejected when shorter than 1024 bytes.
     */
    public static Decoded<DiscoveryLogEntry> decode(Bytes b, int base) {
        FabricsFindings f = new FabricsFindings();
        if (b.length() < SIZE) {
            f.add(Req.NVMEOF_DISCOVERY_ENTRY, "length", base + b.length(), "entry is " + b.length() + " bytes, expected 1024");
            return f.rejected(b);
        }
        int trtype = b.u8(0);
        int adrfam = b.u8(1);
        int subtype = b.u8(2);
        int treq = b.u8(3);
        if (!TRTYPES.contains(trtype)) {
            f.add(Req.NVMEOF_DISCOVERY_ENTRY, "trtype", base, "TRTYPE " + hex8(trtype) + " is not a defined transport");
        }
        if (!ADRFAMS.contains(adrfam)) {
            f.add(Req.NVMEOF_DISCOVERY_ENTRY, "adrfam", base + 1, "ADRFAM " + hex8(adrfam) + " is not a defined address family");
        }
        if (subtype < SUBTYPE_REFERRAL || subtype > SUBTYPE_CURRENT_DISCOVERY) {
            f.add(Req.NVMEOF_DISCOVERY_ENTRY, "subtype", base + 2, "SUBTYPE " + hex8(subtype) + " is not 1, 2 or 3");
        }
        if ((treq & 0xC0) != 0) {
            f.add(Req.NVMEOF_RESERVED_ZERO, "treq", base + 3, "TREQ " + hex8(treq) + " has reserved bits 7:6 set");
        }
        FabricsFindings local = new FabricsFindings();
        local.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 12, 32, "reserved");
        local.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 64, 256, "reserved");
        String trsvcid = FabricsFindings.padded(b, OFFSET_TRSVCID, 32);
        String subnqn = local.nulTerminated(b, OFFSET_SUBNQN, 256, Req.NVMEOF_DISCOVERY_ENTRY, "subnqn");
        String traddr = FabricsFindings.padded(b, OFFSET_TRADDR, 256);
        local.list().forEach(v -> f.add(v.req(), v.field(), base + v.offset(), v.detail()));
        DiscoveryLogEntry e = new DiscoveryLogEntry(trtype, adrfam, subtype, treq, b.u16le(4), b.u16le(6), b.u16le(8),
                b.u16le(10), trsvcid, FabricsFindings.fitUtf8(subnqn, 256), traddr, b.slice(OFFSET_TSAS, SIZE));
        if (trtype == TRTYPE_TCP) {
            if (e.port().isEmpty()) {
                f.add(Req.TCP_TRSVCID_DECIMAL, "trsvcid", base + OFFSET_TRSVCID, "TRSVCID \"" + trsvcid
                        + "\" is not a decimal port number");
            }
            if (e.sectype() > 2) {
                f.add(Req.TCP_TSAS_SECTYPE, "tsas.sectype", base + OFFSET_TSAS, "SECTYPE " + hex8(e.sectype())
                        + " is not 0, 1 or 2");
            }
        }
        return f.result(e, b);
    }
}
