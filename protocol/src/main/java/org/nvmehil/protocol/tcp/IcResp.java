package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Initialize Connection Response, type 01h, 128 bytes, never digested (NVMe/TCP 1.0 §3.6.2.3, Fig. 21): PFV at 8
 * (0), CPDA at 10 (0's based dwords, at most 31), DGST at 11 (digests the controller enables), MAXH2CDATA at 12
 * (bytes, dword multiple, should be at least 4096), 16-127 reserved.
 */
public record IcResp(int pfv, int cpda, int dgst, long maxh2cdata) implements Pdu {

    public static final int SIZE = 128;
    public static final int OFFSET_PFV = 8;
    public static final int OFFSET_CPDA = 10;
    public static final int OFFSET_DGST = 11;
    public static final int OFFSET_MAXH2CDATA = 12;
    /** Smallest MAXH2CDATA the spec recommends (a should). */
    public static final long MAXH2CDATA_MIN = 4096;

    public IcResp {
        checkBits("pfv", pfv, 16);
        checkBits("cpda", cpda, 8);
        checkBits("dgst", dgst, 8);
        checkBits("maxh2cdata", maxh2cdata, 32);
    }

    /** A well-formed response: PFV 0 and the given values. */
    public static IcResp of(boolean hdgst, boolean ddgst, int cpda, long maxh2cdata) {
        return new IcResp(0, cpda, (hdgst ? IcReq.HDGST_ENABLE : 0) | (ddgst ? IcReq.DDGST_ENABLE : 0), maxh2cdata);
    }

    public boolean hdgstEnable() {
        return (dgst & IcReq.HDGST_ENABLE) != 0;
    }

    public boolean ddgstEnable() {
        return (dgst & IcReq.DDGST_ENABLE) != 0;
    }

    @Override
    public int pduType() {
        return PduType.IC_RESP.code;
    }

    /** {@code p} is ignored: ICResp carries no digests. */
    @Override
    public PduFrame frame(TcpParams p) {
        Bytes psh = new LeWriter().u16(pfv).u8(cpda).u8(dgst).u32(maxh2cdata).zeros(SIZE - 16).build();
        return PduFrame.build(PduType.IC_RESP, 0, psh, Bytes.EMPTY, p);
    }

    public Bytes encode() {
        return encode(TcpParams.NONE);
    }

    public static Decoded<IcResp> decode(Bytes b) {
        return PduDecoder.decodeAs(IcResp.class, b, TcpParams.NONE, Direction.C2H);
    }
}
