package org.nvmehil.protocol.tcp;

import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Response capsule PDU, type 05h (NVMe/TCP 1.0 §3.6.2.7, Fig. 25): HLEN 24, the 16-byte CQE at 8, HDGST when on;
 * PDO reserved, no data.
 */
public record CapsuleResp(Cqe cqe) implements Pdu {

    public static final int OFFSET_CQE = 8;

    public CapsuleResp {
        if (cqe == null) {
            throw new IllegalArgumentException("cqe is required");
        }
    }

    @Override
    public int pduType() {
        return PduType.CAPSULE_RESP.code;
    }

    @Override
    public PduFrame frame(TcpParams p) {
        return PduFrame.build(PduType.CAPSULE_RESP, 0, cqe.encode(), Bytes.EMPTY, p);
    }

    public static Decoded<CapsuleResp> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(CapsuleResp.class, b, p, Direction.C2H);
    }
}
