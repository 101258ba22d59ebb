package org.nvmehil.protocol.integrity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.wire.Bytes;

/** Known-answer tests. Sources: CRC catalogue check values; facts sheet §11 V1, V7. */
class CrcTest {
    static final Bytes CHECK = Bytes.of("123456789".getBytes(US_ASCII));

    @Test
    @DisplayName("CRC-8/SMBus check value F4h (catalogue)")
    void smbusPecCheckValue() {
        assertEquals(0xF4, Crc.smbusPec(CHECK));
    }

    @Test
    @DisplayName("CRC-32C check value E3069283h (catalogue; NVMe-MI §3.1.1.1)")
    void crc32cCheckValue() {
        assertEquals(0xE3069283L, Crc.crc32c(CHECK));
    }

    @Test
    @DisplayName("CRC-16/MCRF4XX check value 6F91h (catalogue; DSP0253 FCS)")
    void fcsCheckValue() {
        assertEquals(0x6F91, Crc.fcs16(CHECK));
    }

    @Test
    @DisplayName("nvme-mi-dev RESP_SUCCESS MIC = 22775524h, sent 24 55 77 22 (facts §11 V1)")
    void miSuccessResponseMic() {
        assertEquals(0x22775524L, Crc.crc32c(Bytes.hex("84 88 00 00 00 00 00 00")));
    }

    @Test
    @DisplayName("serial Get EID frame FCS: 0EB2h with init FFFFh, 40AAh with the pre-fix Linux init 0 (facts §11 V7)")
    void serialFcsInitMatters() {
        Bytes covered = Bytes.hex("01 07 01 09 08 C8 00 80 02");
        assertEquals(0x0EB2, Crc.fcs16(covered));
        assertEquals(0x40AA, Crc.fcs16(0, covered));
    }

    @Test
    @DisplayName("Basic Management block 0 PEC over D4 00 D5 + data = FCh (facts §11 V7)")
    void basicManagementPec() {
        assertEquals(0xFC, Crc.smbusPec(Bytes.hex("D4 00 D5 06 BB FF 25 00 00 00")));
        int split = Crc.smbusPec(Crc.smbusPec(Bytes.hex("D4 00 D5")), Bytes.hex("06 BB FF 25 00 00 00"));
        assertEquals(0xFC, split);
    }
}
