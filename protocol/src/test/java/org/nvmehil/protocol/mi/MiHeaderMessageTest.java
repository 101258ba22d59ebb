package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
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
import org.nvmehil.protocol.wire.Violation;

/** NVMe-MI header and message codec (MI 1.2 §3.1, §3.1.1, §3.1.1.1; facts §5.1-5.2). */
class MiHeaderMessageTest {

    static Stream<Arguments> wellFormedHeaders() {
        return Stream.of(
                argumentSet("MI command request slot 0 → 08h (facts §5.1)", MiHeader.request(Nmimt.MI_COMMAND, 0), "84 08 00 00"),
                argumentSet("MI command response slot 1 → 89h", MiHeader.response(Nmimt.MI_COMMAND, 1), "84 89 00 00"),
                argumentSet("Admin request → 10h", MiHeader.request(Nmimt.ADMIN), "84 10 00 00"),
                argumentSet("Admin response slot 1 → 91h", MiHeader.response(Nmimt.ADMIN, 1), "84 91 00 00"),
                argumentSet("control primitive request → 00h", MiHeader.request(Nmimt.CONTROL_PRIMITIVE), "84 00 00 00"),
                argumentSet("control primitive response → 80h", MiHeader.response(Nmimt.CONTROL_PRIMITIVE, 0), "84 80 00 00"),
                argumentSet("PCIe request → 20h", MiHeader.request(Nmimt.PCIE), "84 20 00 00"),
                argumentSet("MEB and CIAP set → byte 2 = 03h", MiHeader.request(Nmimt.MI_COMMAND).withMeb(true).withCiap(true), "84 08 03 00"));
    }

    @ParameterizedTest
    @MethodSource("wellFormedHeaders")
    @DisplayName("header factories encode the NMP bytes of facts §5.1 and decode back")
    void headerEncodesAndDecodes(MiHeader h, String hex) {
        assertEquals(Bytes.hex(hex), h.encode());
        assertEquals(h, MiHeader.decode(Bytes.hex(hex)));
        assertTrue(h.reservedViolations().isEmpty());
    }

    @Test
    @DisplayName("every header byte pattern round-trips (all IC/type and NMP values; all byte 2 and 3 values)")
    void everyHeaderRoundTrips() {
        for (int b0 = 0; b0 < 256; b0++) {
            for (int b1 = 0; b1 < 256; b1++) {
                Bytes b = Bytes.ofUnsigned(b0, b1, b0 ^ b1, 255 - b1);
                assertEquals(b, MiHeader.decode(b).encode());
            }
        }
    }

    @Test
    @DisplayName("reserved NMIMT codes stay representable, with an empty enum view (MI 1.2 Fig. 18)")
    void unknownNmimtRepresentable() {
        MiHeader h = MiHeader.decode(Bytes.hex("84 18 00 00"));
        assertEquals(3, h.nmimtCode());
        assertEquals(Optional.empty(), h.nmimt());
        assertEquals(Optional.of(Nmimt.AE), Nmimt.of(5));
        assertEquals(Optional.empty(), Nmimt.of(15));
        assertEquals(Bytes.hex("84 78 00 00"), MiHeader.request(Nmimt.MI_COMMAND).withNmimtCode(15).encode());
    }

    @Test
    @DisplayName("illegal but representable headers: IC clear, other type, ROR on a request")
    void illegalHeadersBuild() {
        MiHeader h = MiHeader.request(Nmimt.MI_COMMAND).withIc(false).withType(0x7F).withRor(true).withCsi(1);
        assertEquals(Bytes.hex("7F 89 00 00"), h.encode());
    }

    @Test
    @DisplayName("records refuse only values that do not fit their bit fields")
    void recordsCheckWidthOnly() {
        MiHeader h = MiHeader.request(Nmimt.MI_COMMAND);
        assertThrows(IllegalArgumentException.class, () -> h.withCsi(2));
        assertThrows(IllegalArgumentException.class, () -> h.withNmimtCode(16));
        assertThrows(IllegalArgumentException.class, () -> h.withType(0x80));
        assertThrows(IllegalArgumentException.class, () -> h.withReserved(4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> h.withReserved(0, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> h.withReserved(0, 0, 256));
    }

    static Stream<Arguments> reservedHeaderBits() {
        return Stream.of(
                argumentSet("NMP bit 1", "84 8a 00 00", 1),
                argumentSet("NMP bit 2", "84 8c 00 00", 1),
                argumentSet("byte 2 bit 2", "84 88 04 00", 2),
                argumentSet("byte 2 bit 7", "84 88 80 00", 2),
                argumentSet("byte 3", "84 88 00 01", 3));
    }

    @ParameterizedTest
    @MethodSource("reservedHeaderBits")
    @DisplayName("set reserved header bits → MI_RESERVED_ZERO at their byte (facts §13 R04)")
    void reservedHeaderBitsReported(String hex, int offset) {
        List<Violation> v = MiHeader.decode(Bytes.hex(hex)).reservedViolations();
        assertEquals(1, v.size());
        assertEquals(Req.MI_RESERVED_ZERO, v.get(0).req());
        assertEquals(offset, v.get(0).offset());
    }

    @Test
    @DisplayName("a response header is checked against its request: ROR, NMIMT, CSI (facts §13 R03)")
    void responseHeaderCheckedAgainstRequest() {
        MiHeader req = MiHeader.request(Nmimt.MI_COMMAND, 1);
        assertTrue(MiHeader.responseTo(req).checkResponseTo(req).isEmpty());
        assertEquals(Bytes.hex("84 89 00 00"), MiHeader.responseTo(req).encode());
        List<Violation> v = MiHeader.request(Nmimt.ADMIN, 0).checkResponseTo(req);
        assertEquals(List.of(Req.MI_RESPONSE_HEADER, Req.MI_RESPONSE_HEADER, Req.MI_RESPONSE_CSI),
                v.stream().map(Violation::req).toList());
    }

    // ------------------------------------------------------------------ message

    @Test
    @DisplayName("seal, withMic, micValid and toWire agree (MIC LE in the last 4 bytes; facts §5.2)")
    void sealAndMutate() {
        MiMessage m = MiMessage.seal(Bytes.hex("84 88 00 00 00 00 00 00"));
        assertEquals(0x22775524L, m.mic());
        assertTrue(m.micValid());
        assertEquals(Bytes.hex("84 88 00 00 00 00 00 00 24 55 77 22"), m.toWire());
        MiMessage bad = m.withMic(m.mic() ^ 0x8000_0000L);
        assertFalse(bad.micValid());
        assertEquals(m.expectedMic(), bad.expectedMic());
        assertEquals(12, m.length());
        assertEquals(Bytes.hex("00 00 00 00"), m.body());
        assertEquals(MiHeader.response(Nmimt.MI_COMMAND, 0), m.header());
        assertThrows(IllegalArgumentException.class, () -> m.withMic(1L << 32));
    }

    @Test
    @DisplayName("decode splits content and MIC; every MIC position round-trips")
    void decodeRoundTrips() {
        for (int n = 4; n < 40; n++) {
            MiMessage m = MiMessage.seal(Bytes.zeros(n).withByte(0, 0x84).withByte(n - 1, n));
            Decoded<MiMessage> d = MiMessage.decode(m.toWire());
            assertTrue(d.isClean());
            assertEquals(m, d.get());
        }
    }

    @Test
    @DisplayName("bad MIC → MI_MIC at the MIC offset, showing observed and expected (facts §5.2)")
    void badMicReported() {
        Decoded<MiMessage> d = MiMessage.decode(Bytes.hex("84 88 00 00 00 00 00 00 22 77 55 24"));
        assertTrue(d.isPresent());
        Violation v = d.violations().get(0);
        assertEquals(Req.MI_MIC, v.req());
        assertEquals(8, v.offset());
        assertTrue(v.detail().contains("24557722h") && v.detail().contains("22775524h"), v.detail());
    }

    static Stream<Arguments> badTypeBytes() {
        return Stream.of(
                argumentSet("IC clear", 0x04),
                argumentSet("type 05h", 0x85),
                argumentSet("MCTP control type 00h with IC", 0x80),
                argumentSet("IC clear and type 7Fh", 0x7F));
    }

    @ParameterizedTest
    @MethodSource("badTypeBytes")
    @DisplayName("type byte other than 84h → MI_MESSAGE_TYPE at offset 0, value still present")
    void badTypeByteReported(int b0) {
        Decoded<MiMessage> d = MiMessage.decode(MiMessage.seal(Bytes.hex("84 08 00 00").withByte(0, b0)).toWire());
        assertTrue(d.isPresent());
        assertEquals(List.of(Req.MI_MESSAGE_TYPE), d.violations().stream().map(Violation::req).toList());
        assertEquals(0, d.violations().get(0).offset());
    }

    @Test
    @DisplayName("shorter than header + MIC → rejected (MI_MESSAGE_TYPE)")
    void tooShortRejected() {
        for (int n = 0; n < 8; n++) {
            Decoded<MiMessage> d = MiMessage.decode(Bytes.hex("84 08 00 00 04 00 00").head(n));
            assertFalse(d.isPresent());
            assertTrue(d.violates(Req.MI_MESSAGE_TYPE));
        }
    }

    @Test
    @DisplayName("4224 bytes is the largest valid message; 4225 → MI_MESSAGE_MAX_SIZE (MI 1.2 §3.1)")
    void maxSize() {
        MiMessage ok = MiMessage.seal(Bytes.zeros(4220).withByte(0, 0x84));
        assertTrue(MiMessage.decode(ok.toWire()).isClean());
        MiMessage big = MiMessage.seal(Bytes.zeros(4221).withByte(0, 0x84));
        Decoded<MiMessage> d = MiMessage.decode(big.toWire());
        assertEquals(List.of(Req.MI_MESSAGE_MAX_SIZE), d.violations().stream().map(Violation::req).toList());
        assertTrue(MeRequestParser.parse(big.toWire()).isDiscarded());
    }
}
