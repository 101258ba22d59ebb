package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * One Error Information log entry (log identifier 01h, 64 bytes each; NVMe Base 2.0): ERRCNT 0-7,
 * SQID 8-9, CMDID 10-11, SF 12-13 (bit 0 phase tag, 15:1 status field), PEL 14-15 (byte 7:0, bit
 * 10:8), LBA 16-23, NSID 24-27, VSIA 28, TRTYPE 29, reserved 30-31, CSI (command specific
 * information) 32-39, TTSI 40-41, reserved 42-63.
 */
public record ErrorLogEntry(long errcnt, int sqid, int cmdid, int sf, int pel, long lba, long nsid, int vsia,
                            int trtype, long csi, int ttsi) {

    public static final int LID = 0x01;
    public static final int SIZE = 64;

    public ErrorLogEntry {
        checkBits("sqid", sqid, 16);
        checkBits("cmdid", cmdid, 16);
        checkBits("sf", sf, 16);
        checkBits("pel", pel, 16);
        checkBits("nsid", nsid, 32);
        checkBits("vsia", vsia, 8);
        checkBits("trtype", trtype, 8);
        checkBits("ttsi", ttsi, 16);
    }

    /** The 15-bit status field (SF bits 15:1), same layout as CQE DW3 31:17. */
    public int status() {
        return sf >>> 1;
    }

    public int pelByte() {
        return pel & 0xFF;
    }

    public int pelBit() {
        return pel >> 8 & 7;
    }

    public Bytes encode() {
        return new LeWriter().u64(errcnt).u16(sqid).u16(cmdid).u16(sf).u16(pel).u64(lba).u32(nsid).u8(vsia)
                .u8(trtype).zeros(2).u64(csi).u16(ttsi).zeros(22).build();
    }

    public static Decoded<ErrorLogEntry> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "Error Information log entry")) {
            return f.rejected(b);
        }
        LeReader r = new LeReader(b);
        long errcnt = r.u64();
        int sqid = r.u16();
        int cmdid = r.u16();
        int sf = r.u16();
        int pel = r.u16();
        long lba = r.u64();
        long nsid = r.u32();
        int vsia = r.u8();
        int trtype = r.u8();
        r.skip(2);
        return f.result(new ErrorLogEntry(errcnt, sqid, cmdid, sf, pel, lba, nsid, vsia, trtype, r.u64(), r.u16()), b);
    }
}
