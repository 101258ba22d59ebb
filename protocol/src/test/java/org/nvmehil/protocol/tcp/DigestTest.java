package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/** The CRC32C reference values of facts §13 (verified there against three implementations and Linux nvmet 6.1). */
class DigestTest {

    static Stream<Arguments> table() {
        return Stream.of(
                argumentSet("ASCII 123456789 (facts §3/§13 table)", TcpVectors.ascii("123456789"), 0xE3069283L, "83 92 06 e3"),
                argumentSet("512 bytes i mod 256 (facts §13 table, Linux nvmet 6.1)", TcpVectors.PAYLOAD_512, 0xAE10EE5AL, "5a ee 10 ae"),
                argumentSet("C2HData header of §13.5 (facts §13 table, Linux nvmet 6.1)",
                        Bytes.hex("07 07 18 1c 20 02 00 00 03 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00"), 0x152D93EFL, "ef 93 2d 15"),
                argumentSet("R2T header of §13.6 (facts §13 table, Linux nvmet 6.1)",
                        Bytes.hex("09 01 18 00 1c 00 00 00 04 00 02 00 00 00 00 00 00 80 00 00 00 00 00 00"), 0x30A34497L, "97 44 a3 30"),
                argumentSet("CapsuleResp of §13.5 (facts §13 table, Linux nvmet 6.1)",
                        Bytes.hex("05 01 18 00 1c 00 00 00 00 00 00 00 00 00 00 00 03 00 01 00 03 00 00 00"), 0xDF5577D2L, "d2 77 55 df"),
                argumentSet("Connect CH+SQE with flags 03h, PDO 4Ch, PLEN 450h (facts §13 table, Linux nvmet 6.1)",
                        TcpVectors.CONNECT_DGST.head(72), 0x073F111CL, "1c 11 3f 07"),
                argumentSet("Connect data, 1024 bytes (facts §13 table, Linux nvmet 6.1)", TcpVectors.CONNECT_DATA, 0x24438531L, "31 85 43 24"),
                argumentSet("Identify C2HData header with digests (facts §13.4, Linux nvmet 6.1)",
                        TcpVectors.IDENTIFY_C2H_HEADER_DGST.head(24), 0x5A0D91E6L, "e6 91 0d 5a"),
                argumentSet("32 KiB (7i+3) mod 256 payload (facts §13.6, Linux nvmet 6.1)", TcpVectors.PAYLOAD_32K, 0x42B1C633L, "33 c6 b1 42"));
    }

    @ParameterizedTest
    @MethodSource("table")
    @DisplayName("CRC32C value and its little-endian wire bytes (TCP_HEADER_DIGEST / TCP_DATA_DIGEST)")
    void crc32cAndWireOrder(Bytes input, long crc, String wire) {
        assertEquals(crc, Crc.crc32c(input));
        assertEquals(Bytes.hex(wire), new LeWriter().u32(crc).build());
    }

    @Test
    @DisplayName("HDGST covers CH+PSH only and DDGST the data only: PAD changes neither (facts §3)")
    void padIsUnprotected() {
        TcpParams p = new TcpParams(true, true, 0, 3);
        PduFrame f = C2HData.of(3, 0, TcpVectors.PAYLOAD_512, true, false).frame(p);
        PduFrame odd = f.withPad(Bytes.hex("01 02 03 04"));
        assertEquals(f.headerDigest(), odd.headerDigest());
        assertEquals(f.dataDigest(), odd.dataDigest());
        assertEquals(0x152D93EFL, C2HData.of(3, 0, TcpVectors.PAYLOAD_512, true, false).frame(TcpParams.DIGESTS).headerDigest());
    }
}
