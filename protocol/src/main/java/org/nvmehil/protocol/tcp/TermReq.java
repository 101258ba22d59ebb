package org.nvmehil.protocol.tcp;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * H2CTermReq (02h) and C2HTermReq (03h), same layout (NVMe/TCP 1.0 §3.6.2.4-5, Figs. 22-23): HLEN 24, PDO
 * reserved, FES at 8, FEI at 10, 14-23 reserved, then DATA = the header of the PDU being processed when the error
 * was found (at most 128 bytes, so PLEN 24..152). Never digested, FLAGS reserved.
 */
public sealed interface TermReq extends Pdu permits H2CTermReq, C2HTermReq {

    int OFFSET_FES = 8;
    int OFFSET_FEI = 10;

    /** Fatal Error Status code (16 bits). */
    int fes();

    /** Fatal Error Information: a field offset (FES 01h/06h), the received HDGST (03h), else reserved. */
    long fei();

    /** The copied header. */
    Bytes data();

    Direction direction();

    /** The FES meaning in this direction, empty if reserved. */
    default Optional<Fes> fesValue() {
        return Fes.of(fes(), direction());
    }

    /**
     * The part of {@code offendingPdu} a TermReq copies: its header (the fixed HLEN of its type, else its HLEN
     * field), at most 128 bytes and at most what is there.
     */
    static Bytes headerCopy(Bytes offendingPdu) {
        CommonHeader ch = CommonHeader.decode(offendingPdu);
        int hlen = ch.type().map(t -> t.hlen).orElse(ch.hlen());
        int n = Math.min(Math.min(hlen, PduType.TERM_REQ_MAX_DATA), offendingPdu.length());
        return offendingPdu.slice(0, Math.max(n, Math.min(CommonHeader.SIZE, offendingPdu.length())));
    }

    static PduFrame frame(PduType t, int fes, long fei, Bytes data, TcpParams p) {
        Bytes psh = new LeWriter().u16(fes).u32(fei).zeros(10).build();
        return PduFrame.build(t, 0, psh, data, p);
    }
}
