package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Controller to host data, type 07h (NVMe/TCP 1.0 Fig. 27): HLEN 24; CCCID at 8, 10-11 reserved, DATAO at 12,
 * DATAL at 16, 20-23 reserved; FLAGS LAST_PDU and SUCCESS (plus the digest flags); PDO a multiple of the HPDA
 * alignment. SUCCESS is only legal with LAST_PDU (§3.3.2.1); the record accepts any combination.
 */
public record C2HData(int cccid, long datao, long datal, boolean lastPdu, boolean success, Bytes data) implements Pdu {

    public static final int OFFSET_CCCID = 8;
    public static final int OFFSET_DATAO = 12;
    public static final int OFFSET_DATAL = 16;

    public C2HData {
        checkBits("cccid", cccid, 16);
        checkBits("datao", datao, 32);
        checkBits("datal", datal, 32);
        if (data == null) {
            throw new IllegalArgumentException("data is required");
        }
    }

    /** DATAL = the length of {@code data}. */
    public static C2HData of(int cccid, long datao, Bytes data, boolean lastPdu, boolean success) {
        return new C2HData(cccid, datao, data.length(), lastPdu, success, data);
    }

    @Override
    public int pduType() {
        return PduType.C2H_DATA.code;
    }

    @Override
    public PduFrame frame(TcpParams p) {
        Bytes psh = new LeWriter().u16(cccid).u16(0).u32(datao).u32(datal).zeros(4).build();
        int flags = (lastPdu ? CommonHeader.LAST_PDU : 0) | (success ? CommonHeader.SUCCESS : 0);
        return PduFrame.build(PduType.C2H_DATA, flags, psh, data, p);
    }

    public static Decoded<C2HData> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(C2HData.class, b, p, Direction.C2H);
    }
}
