package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Prepare for Endpoint Discovery (0Bh), facts §2.4, R36, UNH-IOL 3.4. */
class PrepareForEndpointDiscoveryTest {

    @Test
    @DisplayName("request → 00 80 0B, and back; request data → violation")
    void request() {
        assertEquals(Bytes.hex("00 80 0B"), PrepareForEndpointDiscovery.request(0).encode());
        assertTrue(PrepareForEndpointDiscovery.decodeRequest(Bytes.hex("00 80 0B")).isClean());
        assertCited(PrepareForEndpointDiscovery.decodeRequest(Bytes.hex("00 80 0B 00")),
                "MCTP_PREPARE_DISCOVERY:trailing");
    }

    @Test
    @DisplayName("R36: SMBus endpoint's answer 05h Unsupported Command → 00 00 0B 05, clean")
    void unsupportedAnswer() {
        PrepareForEndpointDiscovery.Response r = PrepareForEndpointDiscovery.Response.unsupported(0);
        assertEquals(Bytes.hex("00 00 0B 05"), r.encode());
        Decoded<PrepareForEndpointDiscovery.Response> d = PrepareForEndpointDiscovery.Response.decode(r.encode());
        assertTrue(d.isClean());
        assertEquals(r, d.get());
        assertEquals(CompletionCode.ERROR_UNSUPPORTED_CMD, d.get().completionCode());
    }

    @Test
    @DisplayName("Success with bytes after the completion code → trailing violation; after an error → ignored")
    void trailingBytes() {
        assertCited(PrepareForEndpointDiscovery.Response.decode(Bytes.hex("00 00 0B 00 00")),
                "MCTP_PREPARE_DISCOVERY:trailing");
        assertTrue(PrepareForEndpointDiscovery.Response.decode(Bytes.hex("00 00 0B 05 00")).isClean());
        assertTrue(PrepareForEndpointDiscovery.Response.decode(Bytes.hex("00 00 0B 00")).isClean());
    }

    @Test
    @DisplayName("response without a completion code → rejected, no exception")
    void missingCompletionCode() {
        Decoded<PrepareForEndpointDiscovery.Response> d = PrepareForEndpointDiscovery.Response.decode(
                Bytes.hex("00 00 0B"));
        assertTrue(d.value().isEmpty());
        assertCited(d, "MCTP_CONTROL_RESPONSE_HEADER:completionCode");
    }
}
