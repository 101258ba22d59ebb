package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
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

/** Generic responses, status values and error formats (MI 1.2 §4.1.2, Figs. 26-29; facts §5.3-5.5). */
class MiResponseTest {
    static final MiHeader H = MiHeader.response(Nmimt.MI_COMMAND, 0);

    static List<Req> reqs(Decoded<?> d) {
        return d.violations().stream().map(Violation::req).toList();
    }

    @Test
    @DisplayName("status names follow MI 1.2 Fig. 26; reserved and vendor codes stay describable")
    void statusNames() {
        assertEquals(Optional.of(MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE), MiStatus.of(6));
        assertEquals("2Ah Sanitize In Progress", MiStatus.describe(0x2A));
        assertEquals("30h reserved", MiStatus.describe(0x30));
        assertEquals("E5h vendor specific", MiStatus.describe(0xE5));
        assertTrue(MiStatus.isReservedInMi12(0x08));
        assertFalse(MiStatus.isReservedInMi12(0x20));
        assertEquals(Optional.empty(), MiStatus.of(0x1F));
    }

    @Test
    @DisplayName("PEL: bit in byte 5 bits 2:0, byte offset LE16 in bytes 6-7, saturating at 65535 (facts §5.5)")
    void pelLayout() {
        MiResponse r = MiResponse.invalidParameter(H, ParameterErrorLocation.at(0x1234, 5));
        assertEquals(Bytes.hex("84 88 00 00 04 05 34 12"), r.content());
        assertEquals(Optional.of(new ParameterErrorLocation(0x1234, 5)), MiResponse.decode(r.seal().toWire()).get().pel());
        assertEquals(0xFFFF, ParameterErrorLocation.at(70000, 0).byteOffset());
        assertThrows(IllegalArgumentException.class, () -> new ParameterErrorLocation(0, 8));
        assertEquals(Optional.empty(), MiResponse.success(H).pel());
    }

    @Test
    @DisplayName("MPR: MPRT LE16 in bytes 6-7 in 100 ms units; FFFFh is 6553.5 s (facts §5.5, §12 item 2)")
    void mprTime() {
        MiResponse r = MiResponse.moreProcessingRequired(H, 50);
        assertEquals(Bytes.hex("84 88 00 00 01 00 32 00"), r.content());
        assertEquals(Optional.of(Duration.ofSeconds(5)), MiResponse.decode(r.seal().toWire()).get().mprtDuration());
        assertEquals(Duration.ofMillis(6_553_500), MiResponse.mprtToDuration(0xFFFF));
        assertEquals(MiResponse.MPRT_MAX, MiResponse.mprtToDuration(0xFFFF));
        assertEquals(2, MiResponse.durationToMprt(Duration.ofMillis(101)));
        assertEquals(1, MiResponse.durationToMprt(Duration.ofMillis(100)));
        assertEquals(0xFFFF, MiResponse.durationToMprt(Duration.ofHours(3)));
        assertTrue(MiResponse.success(H).mprt().isEmpty());
    }

    static Stream<Arguments> errorFormatViolations() {
        return Stream.of(
                argumentSet("Invalid Parameter with PEL reserved bit 3 set", "84 88 00 00 04 08 08 00", Req.MI_RESERVED_ZERO, 5),
                argumentSet("MPR with byte 5 set", "84 88 00 00 01 01 0a 00", Req.MI_RESERVED_ZERO, 5),
                argumentSet("Internal Error with byte 6 set", "84 88 00 00 02 00 01 00", Req.MI_RESERVED_ZERO, 6),
                argumentSet("Invalid Command Size with byte 7 set", "84 88 00 00 05 00 00 80", Req.MI_RESERVED_ZERO, 7),
                argumentSet("Access Denied followed by data", "84 88 00 00 07 00 00 00 01 02", Req.MI_RESPONSE_FORMAT, 8),
                argumentSet("response with ROR clear", "84 08 00 00 00 00 00 00", Req.MI_RESPONSE_HEADER, 1),
                argumentSet("response with a reserved header bit", "84 88 00 01 00 00 00 00", Req.MI_RESERVED_ZERO, 3));
    }

    @ParameterizedTest
    @MethodSource("errorFormatViolations")
    @DisplayName("error-format and header faults are reported with their offsets (facts §5.5)")
    void errorFormatFaultsReported(String content, Req req, int offset) {
        Decoded<MiResponse> d = MiResponse.decode(MiMessage.seal(Bytes.hex(content)).toWire());
        assertTrue(d.isPresent());
        assertEquals(1, d.violations().size(), d.violations()::toString);
        assertEquals(req, d.violations().get(0).req());
        assertEquals(offset, d.violations().get(0).offset());
    }

    @Test
    @DisplayName("a response shorter than status + NMRESP → rejected (MI_RESPONSE_FORMAT)")
    void shortResponseRejected() {
        Decoded<MiResponse> d = MiResponse.decode(MiMessage.seal(Bytes.hex("84 88 00 00 00 00 00")).toWire());
        assertFalse(d.isPresent());
        assertEquals(List.of(Req.MI_RESPONSE_FORMAT), reqs(d));
    }

    @Test
    @DisplayName("a bad MIC is reported while the response is still read")
    void badMicStillDecodes() {
        Decoded<MiResponse> d = MiResponse.decode(Bytes.hex("84 88 00 00 00 00 00 00 00 00 00 00"));
        assertEquals(List.of(Req.MI_MIC), reqs(d));
        assertTrue(d.get().isSuccess());
    }

    @Test
    @DisplayName("control primitive responses are not judged by the command error format")
    void controlPrimitiveSkipsErrorFormat() {
        Decoded<MiResponse> d = MiResponse.decode(MiMessage.seal(Bytes.hex("84 80 00 00 04 5a 00 00")).toWire());
        assertTrue(d.isClean());
    }

    @Test
    @DisplayName("generic response round trip with data and NMRESP")
    void roundTrip() {
        MiResponse r = MiResponse.success(H, 0xABCDEF, Bytes.hex("01 02 03"));
        assertEquals(Bytes.hex("84 88 00 00 00 ef cd ab 01 02 03"), r.content());
        assertEquals(r, MiResponse.decode(r.seal()).get());
        assertThrows(IllegalArgumentException.class, () -> new MiResponse(H, 0, 1 << 24, Bytes.EMPTY));
    }
}
