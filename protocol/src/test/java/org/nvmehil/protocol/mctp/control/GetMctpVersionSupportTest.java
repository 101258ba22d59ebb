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
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** Get MCTP Version Support (04h), DSP0236 §12.6, and the BCD version entry. */
class GetMctpVersionSupportTest {

    static Stream<Arguments> versionExamples() {
        return Stream.of(
                argumentSet("facts §2.4 (DSP0236 example) 1.1.0", "1.1.0", 0xF1F1F000L),
                argumentSet("facts §2.4 (DSP0236 example) 1.0a", "1.0a", 0xF1F0FF61L),
                argumentSet("facts §2.4 (DSP0236 example) 3.7.10a", "3.7.10a", 0xF3F71061L),
                argumentSet("facts §2.4 (DSP0236 example) 10.11.7", "10.11.7", 0x1011F700L),
                argumentSet("facts §2.4 libmctp's answer 1.3.3", "1.3.3", 0xF1F3F300L),
                argumentSet("brief: 1.3.1", "1.3.1", 0xF1F3F100L),
                argumentSet("no update number 1.2", "1.2", 0xF1F2FF00L),
                argumentSet("two-digit maximum 99.99.99", "99.99.99", 0x99999900L));
    }

    @DisplayName("version text ↔ 32-bit BCD entry")
    @ParameterizedTest
    @MethodSource("versionExamples")
    void version_encodeDecode(String text, long entry) {
        MctpVersion v = MctpVersion.parse(text);
        assertEquals(entry, v.encode());
        assertEquals(Optional.of(v), MctpVersion.decode(entry));
        assertEquals(text, v.toString());
    }

    @DisplayName("entry that is not canonical BCD → no version")
    @ParameterizedTest
    @ValueSource(longs = {0xFAF1F000L, 0xF1F1FE00L, 0x01F1F000L, 0xA1F1F000L, 0xF1F0F0F0_00L, -1L})
    void version_nonBcdRejected(long entry) {
        assertEquals(Optional.empty(), MctpVersion.decode(entry));
    }

    @Test
    @DisplayName("bad version text or field → IllegalArgumentException")
    void version_badInput() {
        assertThrows(IllegalArgumentException.class, () -> MctpVersion.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> MctpVersion.parse("100.1.0"));
        assertThrows(IllegalArgumentException.class, () -> MctpVersion.of(1, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> MctpVersion.of(1, 0, -2));
        assertThrows(IllegalArgumentException.class, () -> new MctpVersion(1, 0, 0, 256));
    }

    @Test
    @DisplayName("request for the base spec (FFh) and for NVMe-MI (04h) → 00 80 04 FF / 00 81 04 04, and back")
    void request_roundTrip() {
        assertEquals(Bytes.hex("00 80 04 FF"),
                GetMctpVersionSupport.Request.of(0, GetMctpVersionSupport.BASE_SPEC).encode());
        GetMctpVersionSupport.Request r = GetMctpVersionSupport.Request.of(1, 0x04);
        assertEquals(Bytes.hex("00 81 04 04"), r.encode());
        assertEquals(r, GetMctpVersionSupport.Request.decode(r.encode()).get());
        assertCited(GetMctpVersionSupport.Request.decode(Bytes.hex("00 81 04")), "MCTP_GET_VERSION:length");
        assertCited(GetMctpVersionSupport.Request.decode(Bytes.hex("00 81 04 04 00")), "MCTP_GET_VERSION:trailing");
    }

    @Test
    @DisplayName("response with versions 1.3.1 and 1.2.0 → count 2, entries major byte first, and back")
    void response_roundTrip() {
        GetMctpVersionSupport.Response r = GetMctpVersionSupport.Response.of(1, MctpVersion.parse("1.3.1"),
                MctpVersion.parse("1.2.0"));
        Bytes wire = Bytes.hex("00 01 04 00 | 02 | F1 F3 F1 00 | F1 F2 F0 00");
        assertEquals(wire, r.encode());
        Decoded<GetMctpVersionSupport.Response> d = GetMctpVersionSupport.Response.decode(wire);
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(r, d.get());
        assertEquals(List.of(MctpVersion.of(1, 3, 1), MctpVersion.of(1, 2, 0)), d.get().versions());
    }

    @Test
    @DisplayName("CC 80h (message type not supported) → clean, no entries; any bytes after it are ignored")
    void response_unsupportedType() {
        assertEquals(Bytes.hex("00 01 04 80"), GetMctpVersionSupport.Response.unsupportedType(1).encode());
        Decoded<GetMctpVersionSupport.Response> d = GetMctpVersionSupport.Response.decode(Bytes.hex("00 01 04 80 01"));
        assertTrue(d.isClean());
        assertFalse(d.get().isSuccess());
        assertEquals(GetMctpVersionSupport.MESSAGE_TYPE_NOT_SUPPORTED, d.get().completionCode());
        assertEquals(List.of(), d.get().entries());
    }

    static Stream<Arguments> badResponses() {
        return Stream.of(
                argumentSet("count 2 but one entry", "00 01 04 00 02 F1 F3 F1 00",
                        new String[] {"MCTP_GET_VERSION:entryCount"}, 1),
                argumentSet("count 1 but two entries", "00 01 04 00 01 F1 F3 F1 00 F1 F2 F0 00",
                        new String[] {"MCTP_GET_VERSION:entryCount"}, 1),
                argumentSet("count 1, entry cut to 3 bytes", "00 01 04 00 01 F1 F3 F1",
                        new String[] {"MCTP_GET_VERSION:entryCount"}, 0),
                argumentSet("count 0 on Success", "00 01 04 00 00",
                        new String[] {"MCTP_GET_VERSION:entryCount"}, 0),
                argumentSet("entry not BCD (QEMU style 00 01 03 01)", "00 01 04 00 01 00 01 03 01",
                        new String[] {"MCTP_GET_VERSION:entry[0]"}, 1));
    }

    @DisplayName("malformed version response → decoded, violations name the field, whole entries kept")
    @ParameterizedTest
    @MethodSource("badResponses")
    void response_violations(String hex, String[] expected, int entries) {
        Decoded<GetMctpVersionSupport.Response> d = GetMctpVersionSupport.Response.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertCited(d, expected);
        assertEquals(entries, d.get().entries().size());
        assertEquals(Bytes.hex(hex), d.get().encode(), "the raw bytes survive a round trip");
    }

    @Test
    @DisplayName("count byte missing → length violation; the count reads as 0 (missing bytes are not invented)")
    void response_missingCount() {
        Decoded<GetMctpVersionSupport.Response> d = GetMctpVersionSupport.Response.decode(Bytes.hex("00 01 04 00"));
        assertCited(d, "MCTP_GET_VERSION:length");
        assertEquals(0, d.get().entryCount());
        assertEquals(List.of(), d.get().entries());
    }
}
