package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * NVMe Admin command tunnelled over NVMe-MI (NMIMT 2; MI 1.2 §6, Figs. 115-116; facts §8.1). Bytes
 * 4-67 mirror a submission queue entry: opcode (4), CFLGS (5; DLENV bit 0, DOFSTV bit 1, ignored by
 * an MI 1.2 ME), CTLID (6-7), NSID = SQE DW1 (8-11), CDW2-CDW5 (12-27), DOFST = DW6 (28-31), DLEN =
 * DW7 (32-35), reserved DW8-9 (36-43, kept as cdw8/cdw9), CDW10-15 (44-67), then request data.
 * DLEN and the data length are independent so mismatches can be built.
 */
public record AdminRequest(MiHeader header, int opcode, int cflgs, int ctlid, long nsid, long cdw2, long cdw3,
                           long cdw4, long cdw5, long dofst, long dlen, long cdw8, long cdw9, long cdw10,
                           long cdw11, long cdw12, long cdw13, long cdw14, long cdw15, Bytes data)
        implements MiRequest {

    /** Request size before data and MIC. */
    public static final int HEADER_SIZE = 68;
    public static final int OPCODE_OFFSET = 4;
    public static final int CTLID_OFFSET = 6;
    public static final int DOFST_OFFSET = 28;
    public static final int DLEN_OFFSET = 32;
    /** Largest DLEN a requester should use. */
    public static final int MAX_DLEN = 4096;
    public static final int CFLGS_DLENV = 1;
    public static final int CFLGS_DOFSTV = 2;

    public static final MiHeader REQUEST = MiHeader.request(Nmimt.ADMIN, 0);

    public AdminRequest {
        if (header == null || data == null) {
            throw new NullPointerException("header/data");
        }
        checkBits("opcode", opcode, 8);
        checkBits("cflgs", cflgs, 8);
        checkBits("ctlid", ctlid, 16);
        for (long v : new long[] {nsid, cdw2, cdw3, cdw4, cdw5, dofst, dlen, cdw8, cdw9, cdw10, cdw11, cdw12,
                cdw13, cdw14, cdw15}) {
            checkBits("dword", v, 32);
        }
    }

    /** Identify (06h) of CNS {@code cns} on controller {@code ctlid}, returning DLEN bytes from DOFST. */
    public static AdminRequest identify(int ctlid, int cns, long nsid, long dofst, long dlen) {
        return builder(AdminOpcode.IDENTIFY.code).ctlid(ctlid).nsid(nsid).dofst(dofst).dlen(dlen).cdw10(cns).build();
    }

    /**
     * Get Log Page (02h): CDW10 LID 7:0 and NUMDL 31:16, CDW11 NUMDU 15:0, CDW12/13 LPOL/LPOU. Reads
     * {@code numd} dwords (0-based in the command) from log offset {@code lpo}; DLEN covers them.
     */
    public static AdminRequest getLogPage(int ctlid, int lid, long nsid, int bytes, long lpo) {
        long numd = bytes / 4 - 1;
        return builder(AdminOpcode.GET_LOG_PAGE.code).ctlid(ctlid).nsid(nsid).dlen(bytes)
                .cdw10(lid | (numd & 0xFFFF) << 16).cdw11(numd >>> 16 & 0xFFFF)
                .cdw12(lpo & 0xFFFF_FFFFL).cdw13(lpo >>> 32).build();
    }

    /** Get Features (0Ah) of feature {@code fid}, select 0 (current). */
    public static AdminRequest getFeatures(int ctlid, int fid, long nsid) {
        return builder(AdminOpcode.GET_FEATURES.code).ctlid(ctlid).nsid(nsid).cdw10(fid).build();
    }

    public static Builder builder(int opcode) {
        return new Builder(opcode);
    }

    public Builder toBuilder() {
        Builder b = new Builder(opcode);
        b.header = header;
        b.cflgs = cflgs;
        b.ctlid = ctlid;
        b.data = data;
        long[] d = dwords();
        System.arraycopy(d, 0, b.dw, 0, d.length);
        return b;
    }

    /** SQE dwords 1-15 in order (DW6 = DOFST, DW7 = DLEN). */
    public long[] dwords() {
        return new long[] {nsid, cdw2, cdw3, cdw4, cdw5, dofst, dlen, cdw8, cdw9, cdw10, cdw11, cdw12, cdw13,
                cdw14, cdw15};
    }

    /** SQE dword {@code n} (1-15). */
    public long cdw(int n) {
        return dwords()[n - 1];
    }

    public AdminRequest withHeader(MiHeader h) {
        return toBuilder().header(h).build();
    }

    public AdminOpcode.Direction direction() {
        return AdminOpcode.direction(opcode);
    }

    @Override
    public Bytes content() {
        LeWriter w = new LeWriter().bytes(header.encode()).u8(opcode).u8(cflgs).u16(ctlid);
        for (long d : dwords()) {
            w.u32(d);
        }
        return w.bytes(data).build();
    }

    /** Maps any message onto this layout without judging it (missing bytes read as zero). */
    public static AdminRequest fromMessage(MiMessage m) {
        Bytes c = m.content();
        LeReader r = new LeReader(c, 4);
        Builder b = builder(r.u8()).header(m.header()).cflgs(r.u8()).ctlid(r.u16());
        for (int i = 0; i < 15; i++) {
            b.dw[i] = r.u32();
        }
        return b.data(c.length() > HEADER_SIZE ? c.slice(HEADER_SIZE) : Bytes.EMPTY).build();
    }

    /** Starts from a slot-0 header, CFLGS 0, everything zero. */
    public static final class Builder {
        private MiHeader header = REQUEST;
        private final int opcode;
        private int cflgs;
        private int ctlid;
        private final long[] dw = new long[15];
        private Bytes data = Bytes.EMPTY;

        private Builder(int opcode) {
            this.opcode = opcode;
        }

        public Builder header(MiHeader v) {
            header = v;
            return this;
        }

        public Builder cflgs(int v) {
            cflgs = v;
            return this;
        }

        public Builder ctlid(int v) {
            ctlid = v;
            return this;
        }

        public Builder nsid(long v) {
            return cdw(1, v);
        }

        public Builder dofst(long v) {
            return cdw(6, v);
        }

        public Builder dlen(long v) {
            return cdw(7, v);
        }

        public Builder cdw10(long v) {
            return cdw(10, v);
        }

        public Builder cdw11(long v) {
            return cdw(11, v);
        }

        public Builder cdw12(long v) {
            return cdw(12, v);
        }

        public Builder cdw13(long v) {
            return cdw(13, v);
        }

        /** SQE dword {@code n}, 1-15. */
        public Builder cdw(int n, long v) {
            dw[n - 1] = v;
            return this;
        }

        public Builder data(Bytes v) {
            data = v;
            return this;
        }

        public AdminRequest build() {
            return new AdminRequest(header, opcode, cflgs, ctlid, dw[0], dw[1], dw[2], dw[3], dw[4], dw[5], dw[6],
                    dw[7], dw[8], dw[9], dw[10], dw[11], dw[12], dw[13], dw[14], data);
        }
    }
}
