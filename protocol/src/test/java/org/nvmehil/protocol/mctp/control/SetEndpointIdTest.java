package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Set Endpoint ID (01h), DSP0236 §12.3, facts §2.4 and R34. */
class SetEndpointIdTest {

    @Test
    @DisplayName("request Set EID 09h, instance 2 → 00 82 01 00 09, and back")
    void request_roundTrip() {
        SetEndpointId.Request r = SetEndpointId.Request.of(2, SetEndpointId.OP_SET, 0x09);
        assertEquals(Bytes.hex("00 82 01 00 09"), r.encode());
        Decoded<SetEndpointId.Request> d = SetEndpointId.Request.decode(r.encode());
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(r, d.get());
        assertEquals(Bytes.hex("00 82 01 01 0A"),
                SetEndpointId.Request.of(2, SetEndpointId.OP_FORCE, 0x0A).encode());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                argumentSet("R34: Set to EID 00h", "00 80 01 00 00", new String[] {"MCTP_SET_EID:eid"}),
                argumentSet("R34: Force to broadcast FFh", "00 80 01 01 FF", new String[] {"MCTP_SET_EID:eid"}),
                argumentSet("reserved bits 7:2 of the operation byte", "00 80 01 04 09",
                        new String[] {"MCTP_SET_EID:rsvd"}),
                argumentSet("EID byte missing", "00 80 01 00", new String[] {"MCTP_SET_EID:length"}),
                argumentSet("no data at all", "00 80 01", new String[] {"MCTP_SET_EID:length"}),
                argumentSet("extra byte after the EID", "00 80 01 00 09 00", new String[] {"MCTP_SET_EID:trailing"}),
                argumentSet("Rq 0 on the request", "00 00 01 00 09",
                        new String[] {"MCTP_CONTROL_FLAGS_DISCARD:rq"}),
                argumentSet("wrong command code", "00 80 02 00 09",
                        new String[] {"MCTP_CONTROL_REQUEST_HEADER:commandCode"}));
    }

    @DisplayName("malformed Set EID request → decoded, violations name the field")
    @ParameterizedTest
    @MethodSource("badRequests")
    void request_violations(String hex, String[] expected) {
        Decoded<SetEndpointId.Request> d = SetEndpointId.Request.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertCited(d, expected);
    }

    static Stream<Arguments> legalOddEids() {
        return Stream.of(
                argumentSet("reset static EID with EID 00h", SetEndpointId.OP_RESET_STATIC, 0x00),
                argumentSet("set discovered flag with EID FFh", SetEndpointId.OP_SET_DISCOVERED, 0xFF));
    }

    @DisplayName("EID 00h/FFh with an operation that does not assign → not a violation")
    @ParameterizedTest
    @MethodSource("legalOddEids")
    void request_nonAssigningOperations(int op, int eid) {
        assertTrue(SetEndpointId.Request.decode(SetEndpointId.Request.of(0, op, eid).encode()).isClean());
    }

    @Test
    @DisplayName("response accepted, no pool, EID 09h → 00 02 01 00 00 09 00, and back")
    void response_roundTrip() {
        SetEndpointId.Response r = SetEndpointId.Response.of(2, SetEndpointId.ASSIGNMENT_ACCEPTED,
                SetEndpointId.ALLOCATION_NO_POOL, 0x09, 0);
        assertEquals(Bytes.hex("00 02 01 00 00 09 00"), r.encode());
        Decoded<SetEndpointId.Response> d = SetEndpointId.Response.decode(r.encode());
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(r, d.get());
    }

    @Test
    @DisplayName("status bits: rejection is 10h (bits 5:4), pool allocated is 02h (bits 1:0), not libmctp's 01h")
    void response_statusBitPositions() {
        SetEndpointId.Response r = SetEndpointId.Response.of(0, SetEndpointId.ASSIGNMENT_REJECTED,
                SetEndpointId.ALLOCATION_POOL_ALLOCATED, 0x20, 4);
        assertEquals(0x12, r.statusByte());
        assertEquals(Bytes.hex("00 00 01 00 12 20 04"), r.encode());
        SetEndpointId.Response d = SetEndpointId.Response.decode(Bytes.hex("00 00 01 00 10 20 00")).get();
        assertEquals(SetEndpointId.ASSIGNMENT_REJECTED, d.assignmentStatus());
        assertEquals(SetEndpointId.ALLOCATION_NO_POOL, d.allocationStatus());
        assertEquals(SetEndpointId.ALLOCATION_POOL_REQUIRED,
                SetEndpointId.Response.decode(Bytes.hex("00 00 01 00 01 20 01")).get().allocationStatus());
    }

    static Stream<Arguments> badResponses() {
        return Stream.of(
                argumentSet("reserved bit 7 of the status byte", "00 00 01 00 80 09 00",
                        new String[] {"MCTP_SET_EID:rsvd"}),
                argumentSet("reserved bits 3:2 of the status byte", "00 00 01 00 0C 09 00",
                        new String[] {"MCTP_SET_EID:rsvd"}),
                argumentSet("assignment status 10b (reserved)", "00 00 01 00 20 09 00",
                        new String[] {"MCTP_SET_EID:assignmentStatus"}),
                argumentSet("allocation status 11b (reserved)", "00 00 01 00 03 09 00",
                        new String[] {"MCTP_SET_EID:allocationStatus"}),
                argumentSet("pool size missing", "00 00 01 00 00 09", new String[] {"MCTP_SET_EID:length"}),
                argumentSet("extra byte", "00 00 01 00 00 09 00 00", new String[] {"MCTP_SET_EID:trailing"}),
                argumentSet("R33: Rq set on the response", "00 80 01 00 00 09 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:rq"}));
    }

    @DisplayName("malformed Set EID response → decoded, violations name the field")
    @ParameterizedTest
    @MethodSource("badResponses")
    void response_violations(String hex, String[] expected) {
        Decoded<SetEndpointId.Response> d = SetEndpointId.Response.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertCited(d, expected);
    }

    @Test
    @DisplayName("R34: response 02h Invalid Data with bytes after it → the bytes are ignored, not a violation")
    void response_errorIgnoresData() {
        Decoded<SetEndpointId.Response> d = SetEndpointId.Response.decode(Bytes.hex("00 00 01 02 10 09 00"));
        assertTrue(d.isClean());
        assertFalse(d.get().isSuccess());
        assertEquals(CompletionCode.ERROR_INVALID_DATA, d.get().completionCode());
        assertEquals(0, d.get().eidSetting());
        assertEquals(Bytes.hex("10 09 00"), d.get().trailing());
        assertEquals(Bytes.hex("00 00 01 02 10 09 00"), d.get().encode());
        assertEquals(Bytes.hex("00 05 01 02"),
                SetEndpointId.Response.error(5, CompletionCode.ERROR_INVALID_DATA).encode());
    }

    @Test
    @DisplayName("value that does not fit its field → IllegalArgumentException")
    void bitWidths() {
        assertThrows(IllegalArgumentException.class, () -> SetEndpointId.Request.of(0, 4, 9));
        assertThrows(IllegalArgumentException.class, () -> SetEndpointId.Request.of(0, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> SetEndpointId.Response.of(0, 4, 0, 9, 0));
    }
}
