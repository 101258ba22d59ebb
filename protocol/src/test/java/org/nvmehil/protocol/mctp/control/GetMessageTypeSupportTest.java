package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.mctp.control.Checks.assertCited;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.mctp.FactsVectors;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Get Message Type Support (05h), DSP0236 §12.7 Table 19, facts §2.4 and §12 item 11, R35. */
class GetMessageTypeSupportTest {

    @Test
    @DisplayName("facts §11 V8: request message 00 81 05 ↔ request(1)")
    void v8Request() {
        Bytes wire = FactsVectors.smbusMessage(FactsVectors.V8_GET_TYPES_REQ_FRAME);
        assertEquals(wire, GetMessageTypeSupport.request(1).encode());
        assertTrue(GetMessageTypeSupport.decodeRequest(wire).isClean());
    }

    static Stream<Arguments> v8Responses() {
        return Stream.of(
                argumentSet("facts §11 V8 DSP0236 form, count 1: 04h",
                        FactsVectors.V8_GET_TYPES_RSP_DSP0236_FRAME, List.of(0x04), false),
                argumentSet("facts §11 V8 libmctp/mctpd form, count 2: 00h 04h",
                        FactsVectors.V8_GET_TYPES_RSP_LIBMCTP_FRAME, List.of(0x00, 0x04), true));
    }

    @DisplayName("facts §11 V8: both answer forms → clean, NVMe-MI supported, 00h listed only in the libmctp form")
    @ParameterizedTest
    @MethodSource("v8Responses")
    void v8Response_bothFormsAccepted(String frame, List<Integer> types, boolean listsControl) {
        Bytes wire = FactsVectors.smbusMessage(frame);
        Decoded<GetMessageTypeSupport.Response> d = GetMessageTypeSupport.Response.decode(wire);
        assertTrue(d.isClean(), d.violations()::toString);
        GetMessageTypeSupport.Response r = d.get();
        assertEquals(types, r.typeList());
        assertEquals(types.size(), r.count());
        assertTrue(r.supports(MessageType.NVME_MI));
        assertEquals(listsControl, r.listsControl());
        assertEquals(wire, GetMessageTypeSupport.Response.of(1, types.stream().mapToInt(i -> i).toArray()).encode());
    }

    static Stream<Arguments> countMismatches() {
        return Stream.of(
                argumentSet("count 2, list 04h (control counted but not listed)", "00 01 05 00 02 04", 2, 1),
                argumentSet("count 1, list 00h 04h", "00 01 05 00 01 00 04", 1, 2),
                argumentSet("count 1, empty list", "00 01 05 00 01", 1, 0),
                argumentSet("count 0, list 04h", "00 01 05 00 00 04", 0, 1));
    }

    @DisplayName("R35: count ≠ list length → violation; the list is every byte after the count")
    @ParameterizedTest
    @MethodSource("countMismatches")
    void countMismatch_reported(String hex, int count, int listed) {
        Decoded<GetMessageTypeSupport.Response> d = GetMessageTypeSupport.Response.decode(Bytes.hex(hex));
        assertCited(d, "MCTP_GET_MESSAGE_TYPES:count");
        assertEquals(count, d.get().count());
        assertEquals(listed, d.get().types().length());
        assertEquals(Bytes.hex(hex), d.get().encode());
    }

    @Test
    @DisplayName("withCount builds a mismatch vector for negative tests of the model")
    void withCount_negativeVector() {
        assertEquals(Bytes.hex("00 01 05 00 02 04"), GetMessageTypeSupport.Response.of(1, 4).withCount(2).encode());
    }

    @Test
    @DisplayName("count byte missing → length violation")
    void missingCount_reported() {
        assertCited(GetMessageTypeSupport.Response.decode(Bytes.hex("00 01 05 00")), "MCTP_GET_MESSAGE_TYPES:length");
    }

    @Test
    @DisplayName("error response 05h with bytes after it → ignored, clean, NVMe-MI not supported")
    void errorResponse() {
        Decoded<GetMessageTypeSupport.Response> d = GetMessageTypeSupport.Response.decode(Bytes.hex("00 01 05 05 01 04"));
        assertTrue(d.isClean());
        assertFalse(d.get().supports(MessageType.NVME_MI));
        assertEquals(Bytes.hex("00 01 05 05 01 04"), d.get().encode());
        assertEquals(Bytes.hex("00 01 05 01"), GetMessageTypeSupport.Response.error(1, CompletionCode.ERROR).encode());
    }

    @Test
    @DisplayName("request with data → violation")
    void requestWithData() {
        assertCited(GetMessageTypeSupport.decodeRequest(Bytes.hex("00 81 05 00")), "MCTP_GET_MESSAGE_TYPES:trailing");
    }
}
