package org.nvmehil.protocol.fabrics;

import org.nvmehil.protocol.nvme.Sqe;

/**
 * Authentication Send (FCTYPE 05h) or Authentication Receive (06h) (Base 2.2 §6, Fig. 541): recognised, not
 * interpreted; the SQE is kept as received (in-band authentication is outside this codec).
 */
public record Authentication(Sqe sqe) implements FabricsCommand {

    public Authentication {
        if (sqe == null) {
            throw new IllegalArgumentException("sqe is required");
        }
    }

    /** True for Authentication Send, false for Authentication Receive. */
    public boolean send() {
        return fctype() == FabricsType.AUTHENTICATION_SEND.code;
    }

    @Override
    public int cid() {
        return sqe.cid();
    }

    /** FCTYPE (SQE byte 4, the low byte of NSID in {@link Sqe}). */
    @Override
    public int fctype() {
        return (int) (sqe.nsid() & 0xFF);
    }

    @Override
    public Sqe toSqe() {
        return sqe;
    }
}
