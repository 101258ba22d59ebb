package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * 16-byte completion queue entry (NVMe Base 2.0, common completion format). DW0 and DW1 command
 * specific; DW2: SQHD 15:0, SQID 31:16; DW3: CID 15:0, phase tag P 16, status field 31:17 (SC 24:17,
 * SCT 27:25, CRD 29:28, M 30, DNR 31).
 */
public record Cqe(long dw0, long dw1, int sqhd, int sqid, int cid, boolean p, int sc, int sct, int crd,
                  boolean m, boolean dnr) {

    public static final int SIZE = 16;

    /** Status code types. */
    public static final int SCT_GENERIC = 0;
    public static final int SCT_COMMAND_SPECIFIC = 1;
    public static final int SCT_MEDIA = 2;
    public static final int SCT_PATH = 3;
    public static final int SCT_VENDOR = 7;

    /** A few generic status codes suites check. */
    public static final int SC_SUCCESS = 0x00;
    public static final int SC_INVALID_OPCODE = 0x01;
    public static final int SC_INVALID_FIELD = 0x02;
    public static final int SC_INTERNAL_ERROR = 0x06;
    public static final int SC_INVALID_NAMESPACE = 0x0B;

    public Cqe {
        checkBits("dw0", dw0, 32);
        checkBits("dw1", dw1, 32);
        checkBits("sqhd", sqhd, 16);
        checkBits("sqid", sqid, 16);
        checkBits("cid", cid, 16);
        checkBits("sc", sc, 8);
        checkBits("sct", sct, 3);
        checkBits("crd", crd, 2);
    }

    public static Cqe success(long dw0) {
        return new Cqe(dw0, 0, 0, 0, 0, false, SC_SUCCESS, SCT_GENERIC, 0, false, false);
    }

    /** A completion with the given status type/code and DNR set, everything else zero. */
    public static Cqe error(int sct, int sc) {
        return new Cqe(0, 0, 0, 0, 0, false, sc, sct, 0, false, true);
    }

    /** From the four dwords. */
    public static Cqe of(long dw0, long dw1, long dw2, long dw3) {
        return new Cqe(dw0 & 0xFFFF_FFFFL, dw1 & 0xFFFF_FFFFL, (int) (dw2 & 0xFFFF), (int) (dw2 >>> 16 & 0xFFFF),
                (int) (dw3 & 0xFFFF), (dw3 >>> 16 & 1) != 0, (int) (dw3 >>> 17 & 0xFF), (int) (dw3 >>> 25 & 7),
                (int) (dw3 >>> 28 & 3), (dw3 >>> 30 & 1) != 0, (dw3 >>> 31 & 1) != 0);
    }

    /** The 15-bit status field (DW3 31:17). */
    public int status() {
        return sc | sct << 8 | crd << 11 | (m ? 1 << 13 : 0) | (dnr ? 1 << 14 : 0);
    }

    public boolean isSuccess() {
        return sc == SC_SUCCESS && sct == SCT_GENERIC;
    }

    public long dw2() {
        return sqhd | (long) sqid << 16;
    }

    public long dw3() {
        return cid | (p ? 1L << 16 : 0) | (long) status() << 17;
    }

    public Cqe withCid(int v) {
        return new Cqe(dw0, dw1, sqhd, sqid, v, p, sc, sct, crd, m, dnr);
    }

    public Cqe withPhase(boolean v) {
        return new Cqe(dw0, dw1, sqhd, sqid, cid, v, sc, sct, crd, m, dnr);
    }

    public Bytes encode() {
        return new LeWriter().u32(dw0).u32(dw1).u32(dw2()).u32(dw3()).build();
    }

    public static Decoded<Cqe> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "completion queue entry")) {
            return f.rejected(b);
        }
        LeReader r = new LeReader(b);
        return f.result(of(r.u32(), r.u32(), r.u32(), r.u32()), b);
    }
}
