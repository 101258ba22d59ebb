package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The 8-byte common header that starts every PDU (NVMe/TCP 1.0 §3.6.2.1, Fig. 19): PDU-Type, FLAGS, HLEN,
 * PDO, PLEN (LE). Any value the widths carry is representable.
 *
 * @param pduType type code; bit 0 is the direction
 * @param flags   FLAGS byte (meaning per type: {@link #HDGSTF}, {@link #DDGSTF}, {@link #LAST_PDU}, {@link #SUCCESS})
 * @param hlen    header length without HDGST
 * @param pdo     PDU data offset
 * @param plen    total PDU length
 */
public record CommonHeader(int pduType, int flags, int hlen, int pdo, long plen) {

    public static final int SIZE = 8;
    public static final int HDGSTF = 0x01;
    public static final int DDGSTF = 0x02;
    public static final int LAST_PDU = 0x04;
    public static final int SUCCESS = 0x08;

    /** Byte offsets of the fields, for violations. */
    public static final int OFFSET_TYPE = 0;
    public static final int OFFSET_FLAGS = 1;
    public static final int OFFSET_HLEN = 2;
    public static final int OFFSET_PDO = 3;
    public static final int OFFSET_PLEN = 4;

    public CommonHeader {
        checkBits("pduType", pduType, 8);
        checkBits("flags", flags, 8);
        checkBits("hlen", hlen, 8);
        checkBits("pdo", pdo, 8);
        checkBits("plen", plen, 32);
    }

    public Optional<PduType> type() {
        return PduType.of(pduType);
    }

    public Direction direction() {
        return Direction.ofType(pduType);
    }

    public boolean hdgstf() {
        return (flags & HDGSTF) != 0;
    }

    public boolean ddgstf() {
        return (flags & DDGSTF) != 0;
    }

    public boolean lastPdu() {
        return (flags & LAST_PDU) != 0;
    }

    public boolean success() {
        return (flags & SUCCESS) != 0;
    }

    public Bytes encode() {
        return new LeWriter().u8(pduType).u8(flags).u8(hlen).u8(pdo).u32(plen).build();
    }

    /** The first 8 bytes of {@code b}; missing bytes read as 0 (never throws). */
    public static CommonHeader decode(Bytes b) {
        LeReader r = new LeReader(b);
        return new CommonHeader(r.u8(), r.u8(), r.u8(), r.u8(), r.u32());
    }
}
