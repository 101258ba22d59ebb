package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * 64-byte submission queue entry (NVMe Base 2.0, common command format). CDW0: OPC 7:0, FUSE 9:8,
 * PSDT 15:14 (13:10 reserved), CID 31:16; CDW1 NSID; CDW2-3; MPTR (CDW4-5); DPTR (CDW6-9, kept as
 * PRP entry 1 and 2, which also hold an SGL descriptor's two halves); CDW10-15.
 */
public record Sqe(int opc, int fuse, int psdt, int cid, long nsid, long cdw2, long cdw3, long mptr, long prp1,
                  long prp2, long cdw10, long cdw11, long cdw12, long cdw13, long cdw14, long cdw15) {

    public static final int SIZE = 64;

    public Sqe {
        checkBits("opc", opc, 8);
        checkBits("fuse", fuse, 2);
        checkBits("psdt", psdt, 2);
        checkBits("cid", cid, 16);
        checkBits("nsid", nsid, 32);
        checkBits("cdw2", cdw2, 32);
        checkBits("cdw3", cdw3, 32);
        checkBits("cdw10", cdw10, 32);
        checkBits("cdw11", cdw11, 32);
        checkBits("cdw12", cdw12, 32);
        checkBits("cdw13", cdw13, 32);
        checkBits("cdw14", cdw14, 32);
        checkBits("cdw15", cdw15, 32);
    }

    /** An entry with only opcode, CID, NSID and CDW10 set. */
    public static Sqe of(int opc, int cid, long nsid, long cdw10) {
        return new Sqe(opc, 0, 0, cid, nsid, 0, 0, 0, 0, 0, cdw10, 0, 0, 0, 0, 0);
    }

    public long cdw0() {
        return opc | fuse << 8 | psdt << 14 | (long) cid << 16;
    }

    public Bytes encode() {
        return new LeWriter().u32(cdw0()).u32(nsid).u32(cdw2).u32(cdw3).u64(mptr).u64(prp1).u64(prp2)
                .u32(cdw10).u32(cdw11).u32(cdw12).u32(cdw13).u32(cdw14).u32(cdw15).build();
    }

    /** Rejected when shorter than 64 bytes; longer input is reported and its first 64 bytes read. */
    public static Decoded<Sqe> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "submission queue entry")) {
            return f.rejected(b);
        }
        LeReader r = new LeReader(b);
        long cdw0 = r.u32();
        return f.result(new Sqe((int) (cdw0 & 0xFF), (int) (cdw0 >> 8 & 3), (int) (cdw0 >> 14 & 3),
                (int) (cdw0 >>> 16), r.u32(), r.u32(), r.u32(), r.u64(), r.u64(), r.u64(), r.u32(), r.u32(),
                r.u32(), r.u32(), r.u32(), r.u32()), b);
    }
}
