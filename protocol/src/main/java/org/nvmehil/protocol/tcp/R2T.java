package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Ready to Transfer, type 09h (NVMe/TCP 1.0 Fig. 28): HLEN 24; CCCID at 8, TTAG at 10 (the controller's choice),
 * R2TO at 12, R2TL at 16, 20-23 reserved; PDO reserved; no data.
 */
public record R2T(int cccid, int ttag, long r2to, long r2tl) implements Pdu {

    public static final int OFFSET_CCCID = 8;
    public static final int OFFSET_TTAG = 10;
    public static final int OFFSET_R2TO = 12;
    public static final int OFFSET_R2TL = 16;

    public R2T {
        checkBits("cccid", cccid, 16);
        checkBits("ttag", ttag, 16);
        checkBits("r2to", r2to, 32);
        checkBits("r2tl", r2tl, 32);
    }

    @Override
    public int pduType() {
        return PduType.R2T.code;
    }

    @Override
    public PduFrame frame(TcpParams p) {
        Bytes psh = new LeWriter().u16(cccid).u16(ttag).u32(r2to).u32(r2tl).zeros(4).build();
        return PduFrame.build(PduType.R2T, 0, psh, Bytes.EMPTY, p);
    }

    public static Decoded<R2T> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(R2T.class, b, p, Direction.C2H);
    }
}
