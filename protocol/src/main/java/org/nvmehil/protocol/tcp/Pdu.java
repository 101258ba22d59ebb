package org.nvmehil.protocol.tcp;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * An NVMe/TCP PDU (NVMe/TCP 1.0 §3.6.2). Records hold the PDU specific fields; the common header, digests and
 * padding follow from the negotiated {@link TcpParams} when the PDU is {@linkplain #frame framed}. Reserved
 * types decode to {@link UnknownPdu}.
 */
public sealed interface Pdu permits IcReq, IcResp, TermReq, CapsuleCmd, CapsuleResp, H2CData, C2HData, R2T, UnknownPdu {

    /** The PDU type code (byte 0). */
    int pduType();

    /** The defined type, empty for a reserved code. */
    default Optional<PduType> type() {
        return PduType.of(pduType());
    }

    /** The correct wire layout of this PDU with {@code p}; override parts of it to build illegal PDUs. */
    PduFrame frame(TcpParams p);

    default Bytes encode(TcpParams p) {
        return frame(p).encode();
    }

    /**
     * Decodes one whole PDU received with the negotiated {@code p}, checking that it travels {@code arriving}.
     * Never throws; see {@link PduDecoder} for what is checked.
     */
    static Decoded<Pdu> decode(Bytes pdu, TcpParams p, Direction arriving) {
        return PduDecoder.decode(pdu, p, arriving);
    }

    /** As {@link #decode(Bytes, TcpParams, Direction)} without the direction check. */
    static Decoded<Pdu> decode(Bytes pdu, TcpParams p) {
        return PduDecoder.decode(pdu, p, null);
    }
}
