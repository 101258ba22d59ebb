package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * C2HTermReq, type 03h: the controller ends the connection after a fatal error (NVMe/TCP 1.0 §3.6.2.5,
 * Fig. 23). See {@link TermReq} for the layout. Any FES, FEI and amount of data is representable.
 *
 * @param fes  Fatal Error Status (16 bits)
 * @param fei  Fatal Error Information (32 bits)
 * @param data the copied header (at most 128 bytes in a correct PDU)
 */
public record C2HTermReq(int fes, long fei, Bytes data) implements TermReq {

    public C2HTermReq {
        checkBits("fes", fes, 16);
        checkBits("fei", fei, 32);
    }

    /** A TermReq for {@code fes} that copies the header of {@code offendingPdu} (see {@link TermReq#headerCopy}). */
    public static C2HTermReq of(Fes fes, long fei, Bytes offendingPdu) {
        return new C2HTermReq(fes.code, fei, TermReq.headerCopy(offendingPdu));
    }

    @Override
    public Direction direction() {
        return Direction.C2H;
    }

    @Override
    public int pduType() {
        return PduType.C2H_TERM_REQ.code;
    }

    /** TermReqs carry no digests whatever {@code p} says. */
    @Override
    public PduFrame frame(TcpParams p) {
        return TermReq.frame(PduType.C2H_TERM_REQ, fes, fei, data, p);
    }

    public static Decoded<C2HTermReq> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(C2HTermReq.class, b, p, Direction.C2H);
    }
}
