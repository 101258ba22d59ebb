package org.nvmehil.protocol.fabrics;

import org.nvmehil.protocol.nvme.Sqe;

/** A Fabrics command with a reserved or vendor specific FCTYPE, kept as received. */
public record OtherFabricsCommand(Sqe sqe) implements FabricsCommand {

    public OtherFabricsCommand {
        if (sqe == null) {
            throw new IllegalArgumentException("sqe is required");
        }
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
