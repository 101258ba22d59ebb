package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.nvme.Sqe;

/**
 * Connect command, FCTYPE 01h (Base 2.2 §6.3, Fig. 546): RECFMT at SQE 40, QID 42 (0 = admin), SQSIZE 44 (0's
 * based), CATTR 46 (1:0 PRIOCLASS, 2 DISSQFC, 3 INDIVIOQDELS, 4 CONNENT), KATO 48 (ms, admin only), NVMSETID 52.
 * The 1024 bytes of {@link ConnectData} travel as in-capsule data (SGL1 01h, length 1024) on NVMe/TCP.
 */
public record Connect(int cid, int psdt, SglDescriptor sgl1, int recfmt, int qid, int sqsize, int cattr, long kato,
                      int nvmsetid) implements FabricsCommand {

    public static final int OFFSET_RECFMT = 40;
    public static final int OFFSET_QID = 42;
    public static final int OFFSET_SQSIZE = 44;
    public static final int OFFSET_CATTR = 46;
    public static final int OFFSET_KATO = 48;
    public static final int OFFSET_NVMSETID = 52;
    public static final int CATTR_DISSQFC = 0x04;
    public static final int CATTR_INDIVIOQDELS = 0x08;
    public static final int CATTR_CONNENT = 0x10;

    public Connect {
        checkBits("cid", cid, 16);
        checkBits("psdt", psdt, 2);
        checkBits("recfmt", recfmt, 16);
        checkBits("qid", qid, 16);
        checkBits("sqsize", sqsize, 16);
        checkBits("cattr", cattr, 8);
        checkBits("kato", kato, 32);
        checkBits("nvmsetid", nvmsetid, 16);
        if (sgl1 == null) {
            throw new IllegalArgumentException("sgl1 is required");
        }
    }

    /** Admin queue Connect: QID 0, {@code sqsize} 0's based, KATO in ms, data in-capsule. */
    public static Connect admin(int cid, int sqsize, long kato) {
        return new Connect(cid, PSDT_SGL, SglDescriptor.inCapsule(0, ConnectData.SIZE), 0, 0, sqsize, 0, kato, 0);
    }

    /** I/O queue Connect (KATO reserved, 0). */
    public static Connect io(int cid, int qid, int sqsize, int cattr) {
        return new Connect(cid, PSDT_SGL, SglDescriptor.inCapsule(0, ConnectData.SIZE), 0, qid, sqsize, cattr, 0, 0);
    }

    @Override
    public int fctype() {
        return FabricsType.CONNECT.code;
    }

    /** Number of SQ entries asked for (SQSIZE + 1). */
    public int sqEntries() {
        return sqsize + 1;
    }

    public int prioclass() {
        return cattr & 3;
    }

    public boolean dissqfc() {
        return (cattr & CATTR_DISSQFC) != 0;
    }

    public boolean indivioqdels() {
        return (cattr & CATTR_INDIVIOQDELS) != 0;
    }

    public boolean connent() {
        return (cattr & CATTR_CONNENT) != 0;
    }

    public boolean isAdmin() {
        return qid == 0;
    }

    @Override
    public Sqe toSqe() {
        return FabricsCommand.sqe(cid, psdt, fctype(), sgl1, recfmt | (long) qid << 16, sqsize | (long) cattr << 16, kato,
                nvmsetid, 0, 0);
    }
}
