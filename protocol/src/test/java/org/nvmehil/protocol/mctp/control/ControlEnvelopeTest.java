package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.mctp.FactsVectors;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** The control header, {@link ControlRequest} and {@link ControlResponse}: DSP0236 §11 and R33. */
class ControlEnvelopeTest {

    @Test
    @DisplayName("facts §11 V7: Get EID request header encodes as 00 80 02; its response header as 00 00 02")
    void v7Headers_encode() {
        ControlHeader rq = ControlHeader.request(0x02, 0);
        assertEquals(FactsVectors.smbusMessage(FactsVectors.V7_GET_EID_REQ_FRAME), rq.encode());
        assertEquals(Bytes.hex("00 00 02"), rq.toResponse().encode());
        assertEquals(Bytes.hex("00 C0 02"), ControlHeader.datagram(0x02, 0).encode());
    }

    @Test
    @DisplayName("facts §11 V8: request header with instance ID 1 → 00 81 05; bit positions of byte 1")
    void v8Header_andBitPositions() {
        assertEquals(FactsVectors.smbusMessage(FactsVectors.V8_GET_TYPES_REQ_FRAME),
                ControlHeader.request(0x05, 1).encode());
        ControlHeader h = ControlHeader.response(0, 0);
        assertEquals(0x80, h.withRq(true).flagsByte());
        assertEquals(0x40, h.withD(true).flagsByte());
        assertEquals(0x20, h.withRsvd(0x20).flagsByte());
        assertEquals(0x1F, h.withInstanceId(31).flagsByte());
        assertEquals(0x80, h.withIc(true).typeByte());
        assertEquals(0x7F, h.withMsgType(0x7F).typeByte());
        assertEquals(Bytes.hex("FF FF FF"), h.withIc(true).withMsgType(0x7F).withRq(true).withD(true)
                .withRsvd(0x20).withInstanceId(31).withCommandCode(0xFF).encode());
    }

    @Test
    @DisplayName("every header byte 1 and command code round-trips through parse")
    void header_roundTrip() {
        for (int b1 = 0; b1 < 256; b1++) {
            Bytes raw = Bytes.ofUnsigned(0x00, b1, b1 ^ 0x5A);
            assertEquals(raw, ControlHeader.parse(raw).orElseThrow().encode());
        }
        assertEquals(Optional.empty(), ControlHeader.parse(Bytes.hex("00 80")));
    }

    @Test
    @DisplayName("value that does not fit its bit field → IllegalArgumentException")
    void header_bitWidths() {
        assertThrows(IllegalArgumentException.class, () -> ControlHeader.request(0x02, 32));
        assertThrows(IllegalArgumentException.class, () -> ControlHeader.request(0x100, 0));
        assertThrows(IllegalArgumentException.class, () -> ControlHeader.request(0x02, 0).withRsvd(0x10));
        assertThrows(IllegalArgumentException.class, () -> ControlHeader.request(0x02, 0).withMsgType(0x80));
        assertThrows(IllegalArgumentException.class,
                () -> new ControlResponse(ControlHeader.response(2, 0), 0x100, Bytes.EMPTY));
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                argumentSet("well-formed request (facts §11 V7)", "00 80 02", new String[] {}),
                argumentSet("datagram (Rq 1, D 1) is legal", "00 C0 02", new String[] {}),
                argumentSet("Rq 0 (a response) → responder discards", "00 00 02",
                        new String[] {"MCTP_CONTROL_FLAGS_DISCARD:rq"}),
                argumentSet("Rq 0, D 1 → responder discards", "00 40 02",
                        new String[] {"MCTP_CONTROL_FLAGS_DISCARD:rq"}),
                argumentSet("IC set on a control message", "80 80 02",
                        new String[] {"MCTP_CONTROL_REQUEST_HEADER:ic"}),
                argumentSet("reserved bit 5 of byte 1 set", "00 A0 02",
                        new String[] {"MCTP_CONTROL_REQUEST_HEADER:rsvd"}),
                argumentSet("IC, Rq 0 and reserved bit together", "80 20 02",
                        new String[] {"MCTP_CONTROL_REQUEST_HEADER:ic", "MCTP_CONTROL_FLAGS_DISCARD:rq",
                                "MCTP_CONTROL_REQUEST_HEADER:rsvd"}));
    }

    @DisplayName("control request header → decoded with exactly the expected violations")
    @ParameterizedTest
    @MethodSource("requests")
    void request_decode(String hex, String[] expected) {
        Decoded<ControlRequest> d = ControlRequest.decode(Bytes.hex(hex + " AA"));
        assertTrue(d.isPresent());
        assertCited(d, expected);
        assertEquals(Bytes.hex("AA"), d.get().data());
        assertEquals(Bytes.hex(hex + " AA"), d.get().encode());
    }

    @Test
    @DisplayName("datagram → isDatagram; request → not")
    void request_datagram() {
        assertTrue(ControlRequest.decode(Bytes.hex("00 C0 02")).get().isDatagram());
        assertFalse(ControlRequest.decode(Bytes.hex("00 80 02")).get().isDatagram());
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                argumentSet("empty", "", "length"),
                argumentSet("two bytes", "00 80", "length"),
                argumentSet("NVMe-MI type byte 84h", "84 08 00 00", "msgType"),
                argumentSet("PLDM type 01h", "01 80 02", "msgType"));
    }

    @DisplayName("too short or not a control message → request and response decoders reject, no exception")
    @ParameterizedTest
    @MethodSource("unreadable")
    void notControl_rejected(String hex, String field) {
        Decoded<ControlRequest> rq = ControlRequest.decode(Bytes.hex(hex));
        assertFalse(rq.isPresent());
        assertCited(rq, "MCTP_CONTROL_REQUEST_HEADER:" + field);
        Decoded<ControlResponse> rs = ControlResponse.decode(Bytes.hex(hex));
        assertFalse(rs.isPresent());
        assertCited(rs, "MCTP_CONTROL_RESPONSE_HEADER:" + field);
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                argumentSet("well-formed response (facts §11 V7)", "00 00 02 00", new String[] {}),
                argumentSet("R33: Rq 1 on a response", "00 80 02 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:rq"}),
                argumentSet("R33: D 1 on a response", "00 40 02 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:d"}),
                argumentSet("R33: Rq 1 and D 1 on a response", "00 C0 02 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:rq", "MCTP_CONTROL_RESPONSE_HEADER:d"}),
                argumentSet("IC set", "80 00 02 00", new String[] {"MCTP_CONTROL_RESPONSE_HEADER:ic"}),
                argumentSet("reserved bit set", "00 20 02 00", new String[] {"MCTP_CONTROL_RESPONSE_HEADER:rsvd"}));
    }

    @DisplayName("control response header → decoded with exactly the expected violations")
    @ParameterizedTest
    @MethodSource("responses")
    void response_decode(String hex, String[] expected) {
        Decoded<ControlResponse> d = ControlResponse.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertCited(d, expected);
        assertEquals(Bytes.hex(hex), d.get().encode());
    }

    @Test
    @DisplayName("response without a completion code → rejected, header violations still listed")
    void response_missingCompletionCode() {
        Decoded<ControlResponse> d = ControlResponse.decode(Bytes.hex("00 80 02"));
        assertFalse(d.isPresent());
        assertCited(d, "MCTP_CONTROL_RESPONSE_HEADER:rq", "MCTP_CONTROL_RESPONSE_HEADER:completionCode");
    }

    @Test
    @DisplayName("error response to a request → echoed header, completion code only (e.g. 05h unsupported)")
    void errorResponse_echoesRequest() {
        ControlHeader rq = ControlHeader.request(0x0B, 17);
        ControlResponse r = ControlResponse.error(rq, CompletionCode.ERROR_UNSUPPORTED_CMD);
        assertEquals(Bytes.hex("00 11 0B 05"), r.encode());
        assertFalse(r.isSuccess());
        assertEquals(List.of(), ControlHeader.echoViolations(rq, r.header()));
        assertEquals(Bytes.hex("00 11 0B 00 01 02"), ControlResponse.to(rq, 0, Bytes.hex("01 02")).encode());
    }

    @Test
    @DisplayName("response with another instance ID or command code → echo violations")
    void echo_mismatchReported() {
        ControlHeader rq = ControlHeader.request(0x02, 3);
        assertEquals(List.of("instanceId", "commandCode"),
                ControlHeader.echoViolations(rq, ControlHeader.response(0x05, 4)).stream()
                        .map(v -> v.field()).toList());
        assertTrue(ControlHeader.echoViolations(rq, ControlHeader.response(0x02, 3)).isEmpty());
    }

    static Stream<Arguments> tagOwners() {
        return Stream.of(
                argumentSet("request with TO 1", false, true, null),
                argumentSet("response with TO 0", true, false, null),
                argumentSet("R33: request with TO 0 → discard", false, false, Req.MCTP_CONTROL_FLAGS_DISCARD),
                argumentSet("response with TO 1", true, true, Req.MCTP_RESPONSE_TAG));
    }

    @DisplayName("tag owner bit of the carrying packets → violation only when it does not fit the direction")
    @ParameterizedTest
    @MethodSource("tagOwners")
    void tagOwner_checked(boolean isResponse, boolean to, Req expected) {
        var v = ControlHeader.tagOwnerViolations(isResponse, to);
        assertEquals(expected == null ? List.of() : List.of(expected), v.stream().map(x -> x.req()).toList());
    }

    @Test
    @DisplayName("command and completion code names for traces")
    void names() {
        assertEquals(Optional.of(ControlCommand.PREPARE_FOR_ENDPOINT_DISCOVERY), ControlCommand.of(0x0B));
        assertEquals(Optional.empty(), ControlCommand.of(0xF0));
        assertEquals("GET_ENDPOINT_ID", ControlCommand.describe(2));
        assertEquals("F3h", ControlCommand.describe(0xF3));
        assertEquals("ERROR_UNSUPPORTED_CMD (05h)", CompletionCode.describe(5));
        assertEquals("command-specific (80h)", CompletionCode.describe(0x80));
        assertEquals("reserved (06h)", CompletionCode.describe(6));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), List.of(CompletionCode.SUCCESS, CompletionCode.ERROR,
                CompletionCode.ERROR_INVALID_DATA, CompletionCode.ERROR_INVALID_LENGTH,
                CompletionCode.ERROR_NOT_READY, CompletionCode.ERROR_UNSUPPORTED_CMD));
    }
}
