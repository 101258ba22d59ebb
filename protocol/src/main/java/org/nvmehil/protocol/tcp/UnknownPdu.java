package org.nvmehil.protocol.tcp;

import java.util.OptionalLong;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A PDU with a reserved type code (08h, 0Ah-FFh; NVMe/TCP 1.0 Fig. 10 note 2): its common header and the bytes
 * after it, kept as received and written back verbatim.
 */
public record UnknownPdu(CommonHeader ch, Bytes rest) implements Pdu {

    public UnknownPdu {
        if (ch == null || rest == null) {
            throw new IllegalArgumentException("ch and rest are required");
        }
    }

    @Override
    public int pduType() {
        return ch.pduType();
    }

    /** The bytes as held; {@code p} is ignored. */
    @Override
    public PduFrame frame(TcpParams p) {
        return new PduFrame(ch, rest, false, OptionalLong.empty(), Bytes.EMPTY, Bytes.EMPTY, false, OptionalLong.empty());
    }
}
