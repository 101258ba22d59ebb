package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * H2CTermReq, type 02h: the host ends the connection after a fatal error (NVMe/TCP 1.0 §3.6.2.4,
 * Fig. 22). See {@link TermReq} for the layout. Any FES, FEI and amount of data is representable.
 *
 * @param fes  Fatal Error Status (16 bits)
 * @param fei  Fatal Error Information (32 bits)
 * @param data the copied header (at most 128 bytes in a correct PDU)
 */
public record H2CTermReq(int fes, long fei, Bytes data) implements TermReq {

    public H2CTermReq {
        checkBits("fes", fes, 16);
        checkBits("fei", fei, 32);
    }

    /** A TermReq for {@code fes} that copies the header of {@code offendingPdu} (see {@link TermReq#headerCopy}). */
    public static H2CTermReq of(Fes fes, long fei, Bytes offendingPdu) {
        return new H2CTermReq(fes.code, fei, TermReq.headerCopy(offendingPdu));
    }

    @Override
    public Direction direction() {
        return Direction.H2C;
    }

    @Override
    public int pduType() {
        return PduType.H2C_TERM_REQ.code;
    }

    /** TermReqs carry no digests whatever {@code p} says. */
    @Override
    public PduFrame frame(TcpParams p) {
        return TermReq.frame(PduType.H2C_TERM_REQ, fes, fei, data, p);
    }

    public static Decoded<H2CTermReq> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(H2CTermReq.class, b, p, Direction.H2C);
    }
}
