package org.nvmehil.protocol.nvme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Submission and completion queue entries (NVMe Base 2.0 common command/completion formats). */
class QueueEntryTest {

    @Test
    @DisplayName("SQE: CDW0 = OPC 7:0, FUSE 9:8, PSDT 15:14, CID 31:16; dwords in order; round trip")
    void sqeLayout() {
        Sqe s = new Sqe(0x06, 1, 2, 0xBEEF, 1, 2, 3, 0x0000000500000004L, 0x0000000700000006L, 0x0000000900000008L,
                10, 11, 12, 13, 14, 15);
        Bytes b = s.encode();
        assertEquals(64, b.length());
        assertEquals(0xBEEF8106L, b.u32le(0));
        for (int dw = 1; dw < 16; dw++) {
            assertEquals(dw, b.u32le(4 * dw), "dword " + dw);
        }
        Decoded<Sqe> d = Sqe.decode(b);
        assertTrue(d.isClean());
        assertEquals(s, d.get());
        assertEquals(Sqe.of(0x06, 0, 0, 1).encode().u32le(40), 1);
    }

    @Test
    @DisplayName("CQE DW3 80050000h (facts §8.2): DNR 1, M 0, CRD 0, SCT 0, SC 02h, P 1, CID 0")
    void cqeVector() {
        Cqe c = Cqe.decode(Bytes.hex("00 00 00 00 00 00 00 00 00 00 00 00 00 00 05 80")).get();
        assertEquals(new Cqe(0, 0, 0, 0, 0, true, 0x02, 0, 0, false, true), c);
        assertEquals(0x4002, c.status());
        assertEquals(0x80050000L, c.dw3());
        assertFalse(c.isSuccess());
    }

    static Stream<Arguments> statusBits() {
        return Stream.of(
                argumentSet("SC FFh → DW3 bits 24:17", new Cqe(0, 0, 0, 0, 0, false, 0xFF, 0, 0, false, false), 0x01FE0000L),
                argumentSet("SCT 7 → bits 27:25", new Cqe(0, 0, 0, 0, 0, false, 0, 7, 0, false, false), 0x0E000000L),
                argumentSet("CRD 3 → bits 29:28", new Cqe(0, 0, 0, 0, 0, false, 0, 0, 3, false, false), 0x30000000L),
                argumentSet("M → bit 30", new Cqe(0, 0, 0, 0, 0, false, 0, 0, 0, true, false), 0x40000000L),
                argumentSet("DNR → bit 31", new Cqe(0, 0, 0, 0, 0, false, 0, 0, 0, false, true), 0x80000000L),
                argumentSet("P → bit 16", new Cqe(0, 0, 0, 0, 0, true, 0, 0, 0, false, false), 0x00010000L),
                argumentSet("CID → bits 15:0", new Cqe(0, 0, 0, 0, 0xABCD, false, 0, 0, 0, false, false), 0x0000ABCDL));
    }

    @ParameterizedTest
    @MethodSource("statusBits")
    @DisplayName("CQE status field bit positions and their round trip")
    void cqeStatusBits(Cqe c, long dw3) {
        assertEquals(dw3, c.dw3());
        assertEquals(c, Cqe.decode(c.encode()).get());
        assertEquals(c, Cqe.of(c.dw0(), c.dw1(), c.dw2(), dw3));
    }

    @Test
    @DisplayName("CQE DW2 = SQHD 15:0, SQID 31:16")
    void cqeDw2() {
        Cqe c = new Cqe(1, 2, 0x1111, 0x2222, 0, false, 0, 0, 0, false, false);
        assertEquals(Bytes.hex("01 00 00 00 02 00 00 00 11 11 22 22 00 00 00 00"), c.encode());
        assertTrue(Cqe.success(0).isSuccess());
        assertEquals(Cqe.SC_INVALID_OPCODE, Cqe.error(Cqe.SCT_GENERIC, Cqe.SC_INVALID_OPCODE).sc());
    }

    @Test
    @DisplayName("short entries are rejected, long ones reported (NVME_DATA_LAYOUT); widths are checked")
    void sizes() {
        assertFalse(Sqe.decode(Bytes.zeros(63)).isPresent());
        assertTrue(Sqe.decode(Bytes.zeros(65)).violates(Req.NVME_DATA_LAYOUT));
        assertTrue(Sqe.decode(Bytes.zeros(65)).isPresent());
        assertFalse(Cqe.decode(Bytes.zeros(15)).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new Cqe(0, 0, 0, 0, 0, false, 0, 8, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> Sqe.of(0x100, 0, 0, 0));
    }

    @Test
    @DisplayName("admin opcodes: names, vendor range and data direction (bits 1:0)")
    void adminOpcodes() {
        assertEquals(Optional.of(AdminOpcode.IDENTIFY), AdminOpcode.of(0x06));
        assertEquals(Optional.empty(), AdminOpcode.of(0x03));
        assertEquals(AdminOpcode.Direction.CONTROLLER_TO_HOST, AdminOpcode.direction(AdminOpcode.GET_LOG_PAGE.code));
        assertEquals(AdminOpcode.Direction.HOST_TO_CONTROLLER, AdminOpcode.direction(AdminOpcode.FIRMWARE_IMAGE_DOWNLOAD.code));
        assertEquals(AdminOpcode.Direction.NONE, AdminOpcode.direction(AdminOpcode.SANITIZE.code));
        assertTrue(AdminOpcode.isVendorSpecific(0xC0));
    }
}
