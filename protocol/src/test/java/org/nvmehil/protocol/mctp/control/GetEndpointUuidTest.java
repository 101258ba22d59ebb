package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Get Endpoint UUID (03h), DSP0236 §12.5. */
class GetEndpointUuidTest {

    private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    @Test
    @DisplayName("request, instance 7 → 00 87 03, and back; request data → violation")
    void request_roundTrip() {
        assertEquals(Bytes.hex("00 87 03"), GetEndpointUuid.request(7).encode());
        assertTrue(GetEndpointUuid.decodeRequest(Bytes.hex("00 87 03")).isClean());
        assertCited(GetEndpointUuid.decodeRequest(Bytes.hex("00 87 03 01")), "MCTP_GET_UUID:trailing");
    }

    @Test
    @DisplayName("response carries the UUID in RFC 4122 order (most significant byte first), and back")
    void response_rfc4122Order() {
        GetEndpointUuid.Response r = GetEndpointUuid.Response.of(7, ID);
        Bytes wire = Bytes.hex("00 07 03 00 | 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
        assertEquals(wire, r.encode());
        Decoded<GetEndpointUuid.Response> d = GetEndpointUuid.Response.decode(wire);
        assertTrue(d.isClean());
        assertEquals(r, d.get());
        assertEquals(Optional.of(ID), d.get().toUuid());
    }

    @Test
    @DisplayName("UUID cut short to 15 bytes → length violation, no UUID value")
    void shortUuid_reported() {
        Decoded<GetEndpointUuid.Response> d = GetEndpointUuid.Response.decode(
                Bytes.hex("00 07 03 00 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE"));
        assertCited(d, "MCTP_GET_UUID:length");
        assertEquals(15, d.get().uuid().length());
        assertEquals(Optional.empty(), d.get().toUuid());
    }

    @Test
    @DisplayName("17 bytes after the completion code → trailing violation, UUID still read")
    void longResponse_reported() {
        Bytes wire = GetEndpointUuid.Response.of(7, ID).encode().concat(Bytes.hex("00"));
        Decoded<GetEndpointUuid.Response> d = GetEndpointUuid.Response.decode(wire);
        assertCited(d, "MCTP_GET_UUID:trailing");
        assertEquals(Optional.of(ID), d.get().toUuid());
        assertEquals(wire, d.get().encode());
    }

    @Test
    @DisplayName("error response 01h → no UUID, clean")
    void errorResponse() {
        Decoded<GetEndpointUuid.Response> d = GetEndpointUuid.Response.decode(Bytes.hex("00 07 03 01"));
        assertTrue(d.isClean());
        assertEquals(Bytes.EMPTY, d.get().uuid());
        assertEquals(Bytes.hex("00 07 03 01"), GetEndpointUuid.Response.error(7, CompletionCode.ERROR).encode());
    }
}
