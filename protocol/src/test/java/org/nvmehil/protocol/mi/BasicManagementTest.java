package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/** NVMe Basic Management Command (MI 1.2 Appendix A; facts §10). */
class BasicManagementTest {
    static final BasicManagement.StatusBlock V7 = new BasicManagement.StatusBlock(0xBB, 0xFF, 37, 0);

    @Test
    @DisplayName("V7 block 0: SFLGS BBh, SW FFh, 37 °C, PDLU 0 → 06 BB FF 25 00 00 00, PEC FCh (facts §11 V7)")
    void v7StatusBlock() {
        assertEquals(Bytes.hex("06 BB FF 25 00 00 00 FC"), V7.encode());
        Decoded<BasicManagement.StatusBlock> d = BasicManagement.StatusBlock.decode(Bytes.hex("06 BB FF 25 00 00 00 FC"));
        assertTrue(d.isClean());
        assertEquals(V7, d.get());
        assertEquals(java.util.OptionalInt.of(37), d.get().ctempReading().celsius());
        assertFalse(d.get().driveNotReady());
        assertEquals(0xFC, BasicManagement.pec(0, Bytes.hex("06 BB FF 25 00 00 00")));
        assertEquals(0xD4, BasicManagement.WRITE_BYTE);
        assertEquals(0xD5, BasicManagement.READ_BYTE);
    }

    static Stream<Arguments> statusFaults() {
        return Stream.of(
                argumentSet("count 07h", BasicManagement.withPec(0, Bytes.hex("07 BB FF 25 00 00 00")), "count", 0),
                argumentSet("SFLGS bits 1:0 = 10b", BasicManagement.withPec(0, Bytes.hex("06 BA FF 25 00 00 00")), "sflgs", 1),
                argumentSet("SFLGS bits 1:0 = 00b", BasicManagement.withPec(0, Bytes.hex("06 B8 FF 25 00 00 00")), "sflgs", 1),
                argumentSet("reserved byte 5", BasicManagement.withPec(0, Bytes.hex("06 BB FF 25 00 01 00")), "reserved", 5),
                argumentSet("reserved byte 6", BasicManagement.withPec(0, Bytes.hex("06 BB FF 25 00 00 80")), "reserved", 6),
                argumentSet("PEC off by one", Bytes.hex("06 BB FF 25 00 00 00 FD"), "pec", 7),
                argumentSet("PEC computed without the D4h/cmd/D5h prefix", Bytes.hex("06 BB FF 25 00 00 00")
                        .concat(Bytes.ofUnsigned(org.nvmehil.protocol.integrity.Crc.smbusPec(Bytes.hex("06 BB FF 25 00 00 00")))), "pec", 7));
    }

    @ParameterizedTest
    @MethodSource("statusFaults")
    @DisplayName("status block faults → MI_BASIC_MANAGEMENT at their offset (facts §10)")
    void statusFaultReported(Bytes returned, String field, int offset) {
        Decoded<BasicManagement.StatusBlock> d = BasicManagement.StatusBlock.decode(returned);
        assertTrue(d.isPresent());
        assertEquals(1, d.violations().size(), d.violations()::toString);
        Violation v = d.violations().get(0);
        assertEquals(Req.MI_BASIC_MANAGEMENT, v.req());
        assertEquals(field, v.field());
        assertEquals(offset, v.offset());
    }

    @Test
    @DisplayName("a block read shorter than count + data + PEC is rejected")
    void shortBlockRejected() {
        Decoded<BasicManagement.StatusBlock> d = BasicManagement.StatusBlock.decode(Bytes.hex("06 BB FF 25 00 00 00"));
        assertFalse(d.isPresent());
        assertTrue(d.violates(Req.MI_BASIC_MANAGEMENT));
    }

    @Test
    @DisplayName("block 8: count 16h, VID most significant byte first, 20-byte SN, PEC over D4 08 D5 + data (facts §10)")
    void vendorBlock() {
        BasicManagement.VendorBlock v = new BasicManagement.VendorBlock(0x144D, "AZ123456");
        Bytes b = v.encode();
        assertEquals(24, b.length());
        assertEquals(Bytes.hex("16 14 4D 41 5A 31 32 33 34 35 36"), b.head(11));
        assertEquals(Bytes.hex("20 20 20 20 20 20 20 20 20 20 20 20"), b.slice(11, 23));
        assertEquals(BasicManagement.pec(8, b.head(23)), b.u8(23));
        Decoded<BasicManagement.VendorBlock> d = BasicManagement.VendorBlock.decode(b);
        assertTrue(d.isClean());
        assertEquals(v, d.get());
        assertEquals("AZ123456            ", d.get().sn());
        assertTrue(BasicManagement.VendorBlock.decode(b.withByte(23, b.u8(23) ^ 1)).violates(Req.MI_BASIC_MANAGEMENT));
        assertTrue(BasicManagement.VendorBlock.decode(BasicManagement.withPec(8, b.head(23).withByte(0, 0x15)))
                .violates(Req.MI_BASIC_MANAGEMENT));
    }

    @Test
    @DisplayName("the same data under command code 0 and 8 has different PECs (the command code is covered)")
    void commandCodeCovered() {
        Bytes data = Bytes.hex("06 BB FF 25 00 00 00");
        assertFalse(BasicManagement.pec(0, data) == BasicManagement.pec(8, data));
    }
}
