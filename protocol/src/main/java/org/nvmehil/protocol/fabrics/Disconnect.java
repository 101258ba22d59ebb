package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.nvme.Sqe;

/**
 * Disconnect, FCTYPE 08h (Base 2.2 §6, Fig. 541): RECFMT at SQE 40; deletes the I/O queue it is sent on. On the
 * admin queue it fails with Invalid Queue Type (SCT 1, 85h).
 */
public record Disconnect(int cid, int psdt, SglDescriptor sgl1, int recfmt) implements FabricsCommand {

    public Disconnect {
        checkBits("cid", cid, 16);
        checkBits("psdt", psdt, 2);
        checkBits("recfmt", recfmt, 16);
        if (sgl1 == null) {
            throw new IllegalArgumentException("sgl1 is required");
        }
    }

    public static Disconnect of(int cid) {
        return new Disconnect(cid, PSDT_SGL, SglDescriptor.transport(0), 0);
    }

    @Override
    public int fctype() {
        return FabricsType.DISCONNECT.code;
    }

    @Override
    public Sqe toSqe() {
        return FabricsCommand.sqe(cid, psdt, fctype(), sgl1, recfmt, 0, 0, 0, 0, 0);
    }
}
