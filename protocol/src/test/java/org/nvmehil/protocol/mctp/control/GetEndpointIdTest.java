package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.mctp.FactsVectors;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Get Endpoint ID (02h), DSP0236 §12.4, facts §2.4; UNH-IOL 1.1 / 1.1.1. */
class GetEndpointIdTest {

    private static final Bytes V7_REQ = FactsVectors.smbusMessage(FactsVectors.V7_GET_EID_REQ_FRAME);
    private static final Bytes V7_RSP = FactsVectors.smbusMessage(FactsVectors.V7_GET_EID_RSP_FRAME);

    @Test
    @DisplayName("facts §11 V7: Get EID request message 00 80 02 ↔ request(0)")
    void v7Request() {
        assertEquals(V7_REQ, GetEndpointId.request(0).encode());
        Decoded<NoDataRequest> d = GetEndpointId.decodeRequest(V7_REQ);
        assertTrue(d.isClean());
        assertEquals(GetEndpointId.request(0), d.get());
    }

    @Test
    @DisplayName("facts §11 V7: response 00 00 02 00 09 01 00 → EID 09h, simple endpoint, static EID, medium 00h")
    void v7Response() {
        Decoded<GetEndpointId.Response> d = GetEndpointId.Response.decode(V7_RSP);
        assertTrue(d.isClean(), d.violations()::toString);
        GetEndpointId.Response r = d.get();
        assertAll(
                () -> assertTrue(r.isSuccess()),
                () -> assertEquals(0x09, r.eid()),
                () -> assertEquals(GetEndpointId.ENDPOINT_SIMPLE, r.endpointType()),
                () -> assertEquals(GetEndpointId.EID_STATIC, r.eidType()),
                () -> assertEquals(0, r.rsvd()),
                () -> assertEquals(0, r.mediumSpecific()),
                () -> assertEquals(Bytes.EMPTY, r.trailing()));
        assertEquals(GetEndpointId.Response.of(0, 0x09, GetEndpointId.ENDPOINT_SIMPLE, GetEndpointId.EID_STATIC, 0), r);
        assertEquals(V7_RSP, r.encode());
    }

    @Test
    @DisplayName("bus owner/bridge with static EID differing → endpoint type byte 13h")
    void endpointTypeByte_bitPositions() {
        GetEndpointId.Response r = GetEndpointId.Response.of(1, 0x20, GetEndpointId.ENDPOINT_BUS_OWNER_BRIDGE,
                GetEndpointId.EID_STATIC_DIFFERS, 0x5A);
        assertEquals(0x13, r.endpointTypeByte());
        assertEquals(Bytes.hex("00 01 02 00 20 13 5A"), r.encode());
        assertEquals(r, GetEndpointId.Response.decode(r.encode()).get());
    }

    static Stream<Arguments> badResponses() {
        return Stream.of(
                argumentSet("UNH 1.1.1: reserved bit 7 of the endpoint type byte", "00 00 02 00 09 81 00",
                        new String[] {"MCTP_GET_EID:rsvd"}),
                argumentSet("UNH 1.1.1: reserved bit 6", "00 00 02 00 09 41 00", new String[] {"MCTP_GET_EID:rsvd"}),
                argumentSet("UNH 1.1.1: reserved bits 3:2", "00 00 02 00 09 0D 00", new String[] {"MCTP_GET_EID:rsvd"}),
                argumentSet("endpoint type 10b (reserved)", "00 00 02 00 09 21 00",
                        new String[] {"MCTP_GET_EID:endpointType"}),
                argumentSet("broadcast EID FFh", "00 00 02 00 FF 01 00", new String[] {"MCTP_GET_EID:eid"}),
                argumentSet("reserved EID 07h", "00 00 02 00 07 01 00", new String[] {"MCTP_GET_EID:eid"}),
                argumentSet("medium byte missing", "00 00 02 00 09 01", new String[] {"MCTP_GET_EID:length"}),
                argumentSet("only the completion code", "00 00 02 00", new String[] {"MCTP_GET_EID:length"}),
                argumentSet("extra bytes", "00 00 02 00 09 01 00 00 00", new String[] {"MCTP_GET_EID:trailing"}),
                argumentSet("R33: Rq 1 and D 1 on the response", "00 C0 02 00 09 01 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:rq", "MCTP_CONTROL_RESPONSE_HEADER:d"}),
                argumentSet("answer to another command", "00 00 05 00 09 01 00",
                        new String[] {"MCTP_CONTROL_RESPONSE_HEADER:commandCode"}));
    }

    @DisplayName("malformed Get EID response → decoded, violations name the field")
    @ParameterizedTest
    @MethodSource("badResponses")
    void response_violations(String hex, String[] expected) {
        Decoded<GetEndpointId.Response> d = GetEndpointId.Response.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertCited(d, expected);
    }

    @Test
    @DisplayName("EID 00h (not yet assigned) → legal")
    void unassignedEid_legal() {
        assertTrue(GetEndpointId.Response.decode(Bytes.hex("00 00 02 00 00 00 00")).isClean());
    }

    @Test
    @DisplayName("response 04h Not Ready followed by junk → ignored, clean; re-encodes byte for byte")
    void errorResponse_dataIgnored() {
        Bytes raw = Bytes.hex("00 00 02 04 FF FF");
        Decoded<GetEndpointId.Response> d = GetEndpointId.Response.decode(raw);
        assertTrue(d.isClean());
        assertEquals(CompletionCode.ERROR_NOT_READY, d.get().completionCode());
        assertEquals(raw, d.get().encode());
        assertEquals(Bytes.hex("00 03 02 04"), GetEndpointId.Response.error(3, CompletionCode.ERROR_NOT_READY).encode());
    }

    @Test
    @DisplayName("request carrying data → violation (libmctp answers 03h Invalid Length)")
    void requestWithData_reported() {
        Decoded<NoDataRequest> d = GetEndpointId.decodeRequest(Bytes.hex("00 80 02 00"));
        assertCited(d, "MCTP_GET_EID:trailing");
        assertEquals(Bytes.hex("00"), d.get().trailing());
        assertEquals(Bytes.hex("00 80 02 00"), d.get().encode());
    }
}
