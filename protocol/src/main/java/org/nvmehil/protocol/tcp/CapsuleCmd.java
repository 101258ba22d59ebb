package org.nvmehil.protocol.tcp;

import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Command capsule PDU, type 04h (NVMe/TCP 1.0 §3.6.2.6, Fig. 24): HLEN 72, the 64-byte SQE at 8, then HDGST,
 * PAD to the CPDA alignment, in-capsule data and DDGST when there is data. Without data PDO is 0 and no DDGST is
 * sent.
 *
 * @param sqe  the submission queue entry (SGL1 describes the data: 01h in-capsule, 5Ah command data buffer)
 * @param data in-capsule data, empty for none
 */
public record CapsuleCmd(Sqe sqe, Bytes data) implements Pdu {

    public static final int OFFSET_SQE = 8;

    public CapsuleCmd {
        if (sqe == null || data == null) {
            throw new IllegalArgumentException("sqe and data are required (use Bytes.EMPTY for no data)");
        }
    }

    /** A capsule without in-capsule data. */
    public static CapsuleCmd of(Sqe sqe) {
        return new CapsuleCmd(sqe, Bytes.EMPTY);
    }

    public boolean hasData() {
        return !data.isEmpty();
    }

    @Override
    public int pduType() {
        return PduType.CAPSULE_CMD.code;
    }

    @Override
    public PduFrame frame(TcpParams p) {
        return PduFrame.build(PduType.CAPSULE_CMD, 0, sqe.encode(), data, p);
    }

    public static Decoded<CapsuleCmd> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(CapsuleCmd.class, b, p, Direction.H2C);
    }
}
