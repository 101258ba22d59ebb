package org.nvmehil.protocol.fabrics;

import org.nvmehil.protocol.nvme.Sqe;

/**
 * AuthenticationSend, FCTYPE 05h (Base 2.2 §6, Fig. 541): recognised, not interpreted; the SQE is kept as received
 * (in-band authentication is outside this codec).
 */
public record AuthenticationSend(Sqe sqe) implements FabricsCommand {

    public AuthenticationSend {
        if (sqe == null) {
            throw new IllegalArgumentException("sqe is required");
        }
    }

    @Override
    public int cid() {
        return sqe.cid();
    }

    @Override
    public int fctype() {
        return FabricsType.AUTHENTICATION_SEND.code;
    }

    @Override
    public Sqe toSqe() {
        return sqe;
    }
}
