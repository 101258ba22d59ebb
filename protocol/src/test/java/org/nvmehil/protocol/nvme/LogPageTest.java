package org.nvmehil.protocol.nvme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** SMART / Health (02h), Firmware Slot Information (03h) and Error Information (01h) log pages (NVMe Base 2.0). */
class LogPageTest {

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    static final SmartLog SMART = new SmartLog(SmartLog.CW_TEMPERATURE, 310, 95, 10, 3, 0, big(1), big(2), big(3),
            big(4), big(5), big(6), big(7), big(8), big(9), BigInteger.ONE.shiftLeft(127), 11, 12,
            List.of(300, 301, 0, 0, 0, 0, 0, 305), 13, 14, 15, 16);

    @Test
    @DisplayName("SMART log offsets: CW 0, CTEMP 1-2, AVSP 3, PUSED 5, DUR 32 ... NEILE 176, WCTT 192, TSEN 200, TTFTMT2 228")
    void smartOffsets() {
        Bytes b = SMART.encode();
        assertEquals(512, b.length());
        assertEquals(Bytes.hex("02 36 01 5f 0a 03 00"), b.slice(0, 7));
        for (int i = 0; i < 9; i++) {
            assertEquals(i + 1, b.u32le(32 + 16 * i), "counter " + i);
        }
        assertEquals(0x80, b.u8(191), "bit 127 of NEILE is the last byte of its 16");
        assertEquals(11, b.u32le(192));
        assertEquals(12, b.u32le(196));
        assertEquals(300, b.u16le(200));
        assertEquals(305, b.u16le(214));
        assertEquals(Bytes.hex("0d 00 00 00 0e 00 00 00 0f 00 00 00 10 00 00 00"), b.slice(216, 232));
        assertEquals(Bytes.zeros(280), b.slice(232));
    }

    @Test
    @DisplayName("SMART log round trip, 128-bit counters included; short page rejected")
    void smartRoundTrip() {
        Decoded<SmartLog> d = SmartLog.decode(SMART.encode());
        assertTrue(d.isClean());
        assertEquals(SMART, d.get());
        SmartLog h = SmartLog.healthy(300, 1);
        assertEquals(h, SmartLog.decode(h.encode()).get());
        Decoded<SmartLog> s = SmartLog.decode(Bytes.zeros(511));
        assertFalse(s.isPresent());
        assertTrue(s.violates(Req.NVME_DATA_LAYOUT));
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        SmartLog m = new SmartLog(0, 0, 0, 0, 0, 0, max, max, max, max, max, max, max, max, max, max, 0, 0,
                List.of(0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0);
        assertEquals(m, SmartLog.decode(m.encode()).get());
    }

    @Test
    @DisplayName("Firmware Slot log: AFI bits 2:0 active, 6:4 next reset; FRS1 at byte 8, 8 bytes per slot; empty slots zero")
    void firmwareSlots() {
        FirmwareSlotLog f = new FirmwareSlotLog(0x21, List.of("1.0", "2.0B", "", "", "", "", "VENDOR77"));
        Bytes b = f.encode();
        assertEquals(512, b.length());
        assertEquals(0x21, b.u8(0));
        assertEquals(Bytes.hex("31 2e 30 20 20 20 20 20"), b.slice(8, 16));
        assertEquals(Bytes.zeros(8), b.slice(24, 32));
        assertEquals(Bytes.hex("56 45 4e 44 4f 52 37 37"), b.slice(56, 64));
        assertEquals(1, f.activeSlot());
        assertEquals(2, f.nextResetSlot());
        FirmwareSlotLog d = FirmwareSlotLog.decode(b).get();
        assertEquals("1.0     ", d.frs(1));
        assertEquals("", d.frs(3));
        assertEquals(b, d.encode());
    }

    @Test
    @DisplayName("Error Information entry: 64 bytes, SQID 8, CMDID 10, SF 12, PEL 14, LBA 16, NSID 24, TRTYPE 29, CSI 32, TTSI 40")
    void errorEntry() {
        ErrorLogEntry e = new ErrorLogEntry(7, 0, 0x1234, 0x4002 << 1 | 1, 0x0304, 0x1122334455L, 1, 1, 3,
                0xAABBCCDDL, 0x0506);
        Bytes b = e.encode();
        assertEquals(64, b.length());
        assertEquals(7, b.u32le(0));
        assertEquals(0x1234, b.u16le(10));
        assertEquals(0x8005, b.u16le(12));
        assertEquals(0x0304, b.u16le(14));
        assertEquals(0x1122334455L, b.le().getLong(16));
        assertEquals(1, b.u32le(24));
        assertEquals(Bytes.hex("01 03 00 00"), b.slice(28, 32));
        assertEquals(0xAABBCCDDL, b.u32le(32));
        assertEquals(0x0506, b.u16le(40));
        assertEquals(0x4002, e.status());
        assertEquals(4, e.pelByte());
        assertEquals(3, e.pelBit());
        Decoded<ErrorLogEntry> d = ErrorLogEntry.decode(b);
        assertTrue(d.isClean());
        assertEquals(e, d.get());
        assertFalse(ErrorLogEntry.decode(b.head(63)).isPresent());
    }
}
