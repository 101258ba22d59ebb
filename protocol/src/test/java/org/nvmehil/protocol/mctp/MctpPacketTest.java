package org.nvmehil.protocol.mctp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

class MctpPacketTest {

    static Stream<Arguments> goldenPackets() {
        return Stream.of(
                argumentSet("facts §11 V7 Get EID request (SMBus)",
                        FactsVectors.smbusPacket(FactsVectors.V7_GET_EID_REQ_FRAME),
                        MctpPacket.single(0x00, 0x00, true, 0, Bytes.hex("00 80 02"))),
                argumentSet("facts §11 V7 Get EID response (SMBus)",
                        FactsVectors.smbusPacket(FactsVectors.V7_GET_EID_RSP_FRAME),
                        MctpPacket.single(0x00, 0x09, false, 0, Bytes.hex("00 00 02 00 09 01 00"))),
                argumentSet("facts §11 V7 Get EID request (serial)",
                        FactsVectors.serialPacket(FactsVectors.V7_GET_EID_SERIAL_FRAME),
                        MctpPacket.single(0x09, 0x08, true, 0, Bytes.hex("00 80 02"))),
                argumentSet("facts §11 V8 Get Message Type Support request",
                        FactsVectors.smbusPacket(FactsVectors.V8_GET_TYPES_REQ_FRAME),
                        MctpPacket.single(0x09, 0x08, true, 1, Bytes.hex("00 81 05"))),
                argumentSet("facts §11 V8 Get Message Type Support response (DSP0236 form)",
                        FactsVectors.smbusPacket(FactsVectors.V8_GET_TYPES_RSP_DSP0236_FRAME),
                        MctpPacket.single(0x08, 0x09, false, 1, Bytes.hex("00 01 05 00 01 04"))),
                argumentSet("facts §11 V8 Get Message Type Support response (libmctp form)",
                        FactsVectors.smbusPacket(FactsVectors.V8_GET_TYPES_RSP_LIBMCTP_FRAME),
                        MctpPacket.single(0x08, 0x09, false, 1, Bytes.hex("00 01 05 00 02 00 04"))));
    }

    @DisplayName("facts §11 V7/V8 golden packets (MCTP part of the SMBus and serial frames) → clean decode, byte-exact re-encode")
    @ParameterizedTest
    @MethodSource("goldenPackets")
    void goldenPacket_decodesAndReencodes(Bytes wire, MctpPacket expected) {
        Decoded<MctpPacket> d = MctpPacket.decode(wire);
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(expected, d.get());
        assertEquals(wire, expected.encode());
        assertEquals(wire, d.raw());
    }

    @Test
    @DisplayName("facts §11 V6 flags byte 8Bh → SOM 1, EOM 0, seq 0, TO 1, tag 3; payload starts with 84h")
    void v6FlagsByte_decodesAsSomWithoutEom() {
        MctpPacket p = MctpPacket.decode(FactsVectors.smbusPacket(FactsVectors.V6_SET_MTU_REQ_FRAME)).get();
        assertAll(
                () -> assertTrue(p.som()),
                () -> assertFalse(p.eom()),
                () -> assertEquals(0, p.seq()),
                () -> assertTrue(p.tagOwner()),
                () -> assertEquals(3, p.tag()),
                () -> assertEquals(0x8B, p.flags()),
                () -> assertEquals(1, p.hdrVersion()),
                () -> assertEquals(0x00, p.destEid()),
                () -> assertEquals(0x00, p.srcEid()),
                () -> assertEquals(OptionalInt.of(0x84), p.messageTypeByte()),
                () -> assertEquals(OptionalInt.of(MessageType.NVME_MI), p.messageType()),
                () -> assertTrue(p.ic()),
                () -> assertEquals(20, p.payload().length()));
    }

    @Test
    @DisplayName("every flag bit lands in its place (SOM 7, EOM 6, seq 5:4, TO 3, tag 2:0)")
    void flagsByte_bitPositions() {
        MctpPacket base = MctpPacket.of(0, 0, false, false, 0, false, 0, Bytes.EMPTY);
        assertAll(
                () -> assertEquals(0x00, base.flags()),
                () -> assertEquals(0x80, base.withSom(true).flags()),
                () -> assertEquals(0x40, base.withEom(true).flags()),
                () -> assertEquals(0x30, base.withSeq(3).flags()),
                () -> assertEquals(0x10, base.withSeq(1).flags()),
                () -> assertEquals(0x08, base.withTagOwner(true).flags()),
                () -> assertEquals(0x07, base.withTag(7).flags()),
                () -> assertEquals(Bytes.hex("F7 FF FE 00"), base.withRsvd(0xF0).withHdrVersion(7)
                        .withDestEid(0xFF).withSrcEid(0xFE).encode()));
    }

    @Test
    @DisplayName("every header field combination round-trips through encode/decode")
    void allFlagCombinations_roundTrip() {
        for (int flags = 0; flags < 256; flags++) {
            MctpPacket p = new MctpPacket(0, 1, 0x1D, 0x08, (flags & 0x80) != 0, (flags & 0x40) != 0,
                    flags >> 4 & 3, (flags & 8) != 0, flags & 7, Bytes.hex("84 01"));
            assertEquals(flags, p.flags());
            assertEquals(p, MctpPacket.decode(p.encode()).get());
        }
    }

    static Stream<Arguments> shortInputs() {
        return Stream.of(
                argumentSet("empty", Bytes.EMPTY),
                argumentSet("1 byte", Bytes.hex("01")),
                argumentSet("3 bytes", Bytes.hex("01 00 00")));
    }

    @DisplayName("fewer than 4 bytes → rejected with a violation, no exception")
    @ParameterizedTest
    @MethodSource("shortInputs")
    void shortInput_rejected(Bytes raw) {
        Decoded<MctpPacket> d = MctpPacket.decode(raw);
        assertFalse(d.isPresent());
        assertTrue(d.violates(Req.MCTP_HEADER_FORMAT));
        assertEquals(raw, d.raw());
    }

    @Test
    @DisplayName("header-only packet (4 bytes) → decodes with an empty payload and no message type")
    void headerOnly_decodesWithEmptyPayload() {
        Decoded<MctpPacket> d = MctpPacket.decode(Bytes.hex("01 09 08 C8"));
        assertTrue(d.isClean());
        assertEquals(Bytes.EMPTY, d.get().payload());
        assertEquals(OptionalInt.empty(), d.get().messageTypeByte());
        assertFalse(d.get().ic());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                argumentSet("header version 0", "00 09 08 C8 00", Req.MCTP_HEADER_VERSION, "hdrVersion"),
                argumentSet("header version 2", "02 09 08 C8 00", Req.MCTP_HEADER_VERSION, "hdrVersion"),
                argumentSet("header version 7", "07 09 08 C8 00", Req.MCTP_HEADER_VERSION, "hdrVersion"),
                argumentSet("header version Fh", "0F 09 08 C8 00", Req.MCTP_HEADER_VERSION, "hdrVersion"),
                argumentSet("reserved bit 4 set", "11 09 08 C8 00", Req.MCTP_HEADER_FORMAT, "rsvd"),
                argumentSet("reserved bit 7 set", "81 09 08 C8 00", Req.MCTP_HEADER_FORMAT, "rsvd"),
                argumentSet("broadcast source EID", "01 09 FF C8 00", Req.MCTP_SOURCE_EID, "srcEid"),
                argumentSet("reserved source EID 01h", "01 09 01 C8 00", Req.MCTP_SOURCE_EID, "srcEid"),
                argumentSet("reserved source EID 07h", "01 09 07 C8 00", Req.MCTP_SOURCE_EID, "srcEid"));
    }

    @DisplayName("bad header field → packet still decoded, one violation naming the field")
    @ParameterizedTest
    @MethodSource("badHeaders")
    void badHeader_reportedNotThrown(String hex, Req req, String field) {
        Decoded<MctpPacket> d = MctpPacket.decode(Bytes.hex(hex));
        assertTrue(d.isPresent());
        assertEquals(1, d.violations().size(), () -> d.violations().toString());
        assertEquals(req, d.violations().get(0).req());
        assertEquals(field, d.violations().get(0).field());
        assertEquals(Bytes.hex(hex), d.get().encode(), "illegal values survive a round trip");
    }

    @Test
    @DisplayName("version 7, reserved bits and broadcast source together → three violations")
    void severalBadFields_allReported() {
        Decoded<MctpPacket> d = MctpPacket.decode(Bytes.hex("A7 09 FF 08"));
        assertEquals(List.of(Req.MCTP_HEADER_VERSION, Req.MCTP_HEADER_FORMAT, Req.MCTP_SOURCE_EID),
                d.violations().stream().map(v -> v.req()).toList());
        assertEquals(0xA0, d.get().rsvd());
        assertEquals(7, d.get().hdrVersion());
    }

    static Stream<Arguments> legalEids() {
        return Stream.of(
                argumentSet("null source, broadcast destination", "01 FF 00 C8"),
                argumentSet("first unicast source 08h", "01 00 08 C8"),
                argumentSet("last unicast source FEh", "01 00 FE C8"),
                argumentSet("reserved destination 05h (not judged here)", "01 05 09 C8"));
    }

    @DisplayName("legal EIDs → no violation")
    @ParameterizedTest
    @MethodSource("legalEids")
    void legalEids_clean(String hex) {
        assertTrue(MctpPacket.decode(Bytes.hex(hex)).isClean());
    }

    static Stream<Arguments> unrepresentable() {
        return Stream.of(
                argumentSet("seq 4", (Runnable) () -> MctpPacket.of(0, 0, true, true, 4, true, 0, Bytes.EMPTY)),
                argumentSet("tag 8", (Runnable) () -> MctpPacket.of(0, 0, true, true, 0, true, 8, Bytes.EMPTY)),
                argumentSet("destEid 256", (Runnable) () -> MctpPacket.of(256, 0, true, true, 0, true, 0, Bytes.EMPTY)),
                argumentSet("srcEid -1", (Runnable) () -> MctpPacket.of(0, -1, true, true, 0, true, 0, Bytes.EMPTY)),
                argumentSet("hdrVersion 16", (Runnable) () -> MctpPacket.of(0, 0, true, true, 0, true, 0, Bytes.EMPTY)
                        .withHdrVersion(16)),
                argumentSet("rsvd outside F0h", (Runnable) () -> MctpPacket.of(0, 0, true, true, 0, true, 0,
                        Bytes.EMPTY).withRsvd(0x01)));
    }

    @DisplayName("value that does not fit its bit field → IllegalArgumentException (a suite bug)")
    @ParameterizedTest
    @MethodSource("unrepresentable")
    void valueOutsideBitField_throws(Runnable build) {
        assertThrows(IllegalArgumentException.class, build::run);
    }

    @Test
    @DisplayName("message type of a middle packet → absent; of a control SOM packet → 00h with IC 0")
    void messageTypeConvenience() {
        MctpPacket middle = MctpPacket.of(9, 8, false, false, 1, true, 0, Bytes.hex("84 00"));
        assertEquals(OptionalInt.empty(), middle.messageType());
        assertFalse(middle.ic());
        MctpPacket control = MctpPacket.single(9, 8, true, 0, Bytes.hex("00 80 02"));
        assertEquals(OptionalInt.of(MessageType.CONTROL), control.messageType());
        assertFalse(control.ic());
        assertEquals(0x84, MessageType.typeByte(true, MessageType.NVME_MI));
    }

    @Test
    @DisplayName("toString shows the header fields and the payload hex")
    void toString_isTraceFriendly() {
        assertEquals("MCTP v1 09<-08 SOM EOM seq0 TO tag1 [00 81 05]",
                MctpPacket.single(9, 8, true, 1, Bytes.hex("00 81 05")).toString());
    }
}
