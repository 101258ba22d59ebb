package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Host to controller data, type 06h (NVMe/TCP 1.0 Fig. 26): HLEN 24; CCCID at 8, TTAG at 10 (copied from the
 * R2T), DATAO at 12, DATAL at 16, 20-23 reserved; FLAGS LAST_PDU (plus the digest flags); PDO a multiple of the
 * CPDA alignment. DATAL is kept as its own field so a PDU whose DATAL disagrees with its DATA can be built.
 */
public record H2CData(int cccid, int ttag, long datao, long datal, boolean lastPdu, Bytes data) implements Pdu {

    public static final int OFFSET_CCCID = 8;
    public static final int OFFSET_TTAG = 10;
    public static final int OFFSET_DATAO = 12;
    public static final int OFFSET_DATAL = 16;

    public H2CData {
        checkBits("cccid", cccid, 16);
        checkBits("ttag", ttag, 16);
        checkBits("datao", datao, 32);
        checkBits("datal", datal, 32);
        if (data == null) {
            throw new IllegalArgumentException("data is required");
        }
    }

    /** DATAL = the length of {@code data}. */
    public static H2CData of(int cccid, int ttag, long datao, Bytes data, boolean lastPdu) {
        return new H2CData(cccid, ttag, datao, data.length(), lastPdu, data);
    }

    @Override
    public int pduType() {
        return PduType.H2C_DATA.code;
    }

    @Override
    public PduFrame frame(TcpParams p) {
        Bytes psh = new LeWriter().u16(cccid).u16(ttag).u32(datao).u32(datal).zeros(4).build();
        return PduFrame.build(PduType.H2C_DATA, lastPdu ? CommonHeader.LAST_PDU : 0, psh, data, p);
    }

    public static Decoded<H2CData> decode(Bytes b, TcpParams p) {
        return PduDecoder.decodeAs(H2CData.class, b, p, Direction.H2C);
    }
}
