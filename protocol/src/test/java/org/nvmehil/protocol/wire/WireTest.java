package org.nvmehil.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void bytesCompareByContentAndPrintAsHex() {
        Bytes a = Bytes.hex("84 08 | 00 00");
        assertEquals(Bytes.ofUnsigned(0x84, 0x08, 0, 0), a);
        assertEquals("84 08 00 00", a.toString());
        assertEquals("84080000", a.toHexString());
        assertNotEquals(a, a.withByte(1, 0x88));
        assertEquals(0x88, a.flipBit(1, 7).u8(1));
        assertEquals(a.hashCode(), Bytes.hex("84080000").hashCode());
    }

    @Test
    void bytesAreImmutable() {
        byte[] src = {1, 2, 3};
        Bytes b = Bytes.of(src);
        src[0] = 9;
        b.toArray()[1] = 9;
        assertEquals(Bytes.hex("010203"), b);
    }

    @Test
    void unsignedWideningAtEveryWidth() {
        Bytes b = Bytes.hex("FF FE FD FC FB FA F9 F8");
        LeReader r = new LeReader(b);
        assertEquals(0xFF, r.u8());
        assertEquals(0xFDFE, r.u16());
        assertEquals(0xF9FAFBFCL, r.u32());
        assertFalse(r.overrun());
        assertEquals(0xFEFF, b.u16le(0));
        assertEquals(0xFCFDFEFFL, b.u32le(0));
        assertEquals(0xFFFE, b.u16be(0));
        assertEquals(0xF8F9FAFBFCFDFEFFL, new LeReader(b).u64());
    }

    @Test
    void readerReportsOverrunInsteadOfThrowing() {
        LeReader r = new LeReader(Bytes.hex("01 02"));
        assertEquals(0x0201, r.u16());
        assertEquals(0, r.u8());
        assertTrue(r.overrun());
        assertEquals(Bytes.EMPTY, r.take(4));
        assertEquals(0, r.remaining());
    }

    @Test
    void writerRoundTripsThroughReader() {
        Bytes b = new LeWriter().u8(0x1FF).u16(0xBEEF).u32(0xDEADBEEFL).u64(-2L).u16be(0x1234)
                .asciiPadded("AZ", 4).zeros(1).build();
        assertEquals(Bytes.hex("FF EF BE EF BE AD DE FE FF FF FF FF FF FF FF 12 34 41 5A 20 20 00"), b);
        LeReader r = new LeReader(b);
        assertEquals(0xFF, r.u8());
        assertEquals(0xBEEF, r.u16());
        assertEquals(0xDEADBEEFL, r.u32());
        assertEquals(-2L, r.u64());
    }
}
