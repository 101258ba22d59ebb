package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Initialize Connection Request, type 00h, 128 bytes, never digested (NVMe/TCP 1.0 §3.6.2.2, Fig. 20): PFV at 8
 * (0), HPDA at 10 (0's based dwords, at most 31), DGST at 11 (bit 0 HDGST_ENABLE, bit 1 DDGST_ENABLE, 7:2
 * reserved), MAXR2T at 12 (0's based), 16-127 reserved. Byte-wide fields hold any value so illegal requests
 * can be built.
 */
public record IcReq(int pfv, int hpda, int dgst, long maxr2t) implements Pdu {

    public static final int SIZE = 128;
    public static final int OFFSET_PFV = 8;
    public static final int OFFSET_HPDA = 10;
    public static final int OFFSET_DGST = 11;
    public static final int OFFSET_MAXR2T = 12;
    public static final int HDGST_ENABLE = 0x01;
    public static final int DDGST_ENABLE = 0x02;

    public IcReq {
        checkBits("pfv", pfv, 16);
        checkBits("hpda", hpda, 8);
        checkBits("dgst", dgst, 8);
        checkBits("maxr2t", maxr2t, 32);
    }

    /** A well-formed request: PFV 0, the digests asked for, HPDA and MAXR2T as given. */
    public static IcReq of(boolean hdgst, boolean ddgst, int hpda, long maxr2t) {
        return new IcReq(0, hpda, (hdgst ? HDGST_ENABLE : 0) | (ddgst ? DDGST_ENABLE : 0), maxr2t);
    }

    public boolean hdgstEnable() {
        return (dgst & HDGST_ENABLE) != 0;
    }

    public boolean ddgstEnable() {
        return (dgst & DDGST_ENABLE) != 0;
    }

    @Override
    public int pduType() {
        return PduType.IC_REQ.code;
    }

    /** {@code p} is ignored: ICReq carries no digests. */
    @Override
    public PduFrame frame(TcpParams p) {
        Bytes psh = new LeWriter().u16(pfv).u8(hpda).u8(dgst).u32(maxr2t).zeros(SIZE - 16).build();
        return PduFrame.build(PduType.IC_REQ, 0, psh, Bytes.EMPTY, p);
    }

    public Bytes encode() {
        return encode(TcpParams.NONE);
    }

    public static Decoded<IcReq> decode(Bytes b) {
        return PduDecoder.decodeAs(IcReq.class, b, TcpParams.NONE, Direction.H2C);
    }
}
