package org.nvmehil.protocol.binding.smbus;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * DSP0237 §6.3 framing. Golden frames: facts sheet §11 V6 (NVMe-MI Appendix example 7, transcribed),
 * V7 and V8 (computed from the documented algorithms).
 */
class SmbusFrameTest {

    static final int HOST = 0x10;
    static final int ME = 0x1D;

    /** facts §11 V7: Get EID request, host 10h → ME 1Dh. */
    static final Bytes V7_GET_EID_REQ = Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F");

    /** A golden frame: its bytes, sender and receiver 7-bit addresses, and the PEC byte. */
    record Golden(Bytes frame, int dest7, int src7, int pec) {
        Bytes packet() {
            return frame.slice(4, frame.length() - 1);
        }
    }

    static Stream<Arguments> goldenFrames() {
        return Stream.of(
                argumentSet("facts §11 V7 Get EID request (PEC 4Fh)",
                        new Golden(V7_GET_EID_REQ, ME, HOST, 0x4F)),
                argumentSet("facts §11 V7 Get EID response (PEC DCh)",
                        new Golden(Bytes.hex("20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC"), HOST, ME, 0xDC)),
                argumentSet("facts §11 V6 Set MCTP TU request (PEC 0Ch)",
                        new Golden(Bytes.hex("3A 0F 19 21 | 01 00 00 8B | 84 08 00 00 03 00 00 00 03 00 00 00 FA 00 00 00"
                                + " | D2 88 B4 01 | 0C"), ME, HOST, 0x0C)),
                argumentSet("facts §11 V6 Set MCTP TU response (PEC 21h)",
                        new Golden(Bytes.hex("20 0F 11 3B | 01 00 00 D3 | 84 88 00 00 00 00 00 00 | 24 55 77 22 | 21"),
                                HOST, ME, 0x21)),
                argumentSet("facts §11 V8 Get Message Type Support request (PEC 26h)",
                        new Golden(Bytes.hex("3A 0F 08 21 01 09 08 C9 00 81 05 26"), ME, HOST, 0x26)),
                argumentSet("facts §11 V8 Get Message Type Support response, DSP0236 style (PEC 7Ch)",
                        new Golden(Bytes.hex("20 0F 0B 3B 01 08 09 C1 00 01 05 00 01 04 7C"), HOST, ME, 0x7C)),
                argumentSet("facts §11 V8 Get Message Type Support response, libmctp/mctpd style (PEC 63h)",
                        new Golden(Bytes.hex("20 0F 0C 3B 01 08 09 C1 00 01 05 00 02 00 04 63"), HOST, ME, 0x63)));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    @DisplayName("golden frame → clean decode with its addresses, count and PEC (facts §11 V6, V7, V8)")
    void goldenFrame_decodesClean(Golden g) {
        Decoded<SmbusFrame> d = SmbusFrame.decode(g.frame());
        assertTrue(d.isClean(), () -> d.violations().toString());
        SmbusFrame f = d.get();
        assertAll(
                () -> assertEquals(g.dest7(), f.destAddr7()),
                () -> assertFalse(f.destReadBit()),
                () -> assertEquals(SmbusFrame.COMMAND_CODE_MCTP, f.commandCode()),
                () -> assertEquals(g.frame().length() - 4, f.byteCount()),
                () -> assertEquals(g.src7(), f.srcAddr7()),
                () -> assertEquals(g.packet(), f.packet()),
                () -> assertEquals(g.pec(), f.pec()),
                () -> assertTrue(f.pecValid()),
                () -> assertEquals(g.frame(), d.raw()));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    @DisplayName("factory from 7-bit addresses + packet → the golden bytes exactly (facts §11 V6, V7, V8)")
    void goldenFrame_factoryReproducesBytes(Golden g) {
        assertEquals(g.frame(), SmbusFrame.of(g.dest7(), g.src7(), g.packet()).encode());
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    @DisplayName("receive side: bytes without the address byte + own address → same clean frame (facts §11 V6, V7, V8)")
    void goldenFrame_decodeReceivedReinsertsAddress(Golden g) {
        Bytes received = SmbusFrame.of(g.dest7(), g.src7(), g.packet()).encodeWithoutAddressByte();
        assertEquals(g.frame().slice(1), received);
        Decoded<SmbusFrame> d = SmbusFrame.decodeReceived(g.dest7(), received);
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(g.frame(), d.raw());
        assertEquals(SmbusFrame.decode(g.frame()).get(), d.get());
    }

    @Test
    @DisplayName("receive side with the wrong own address → PEC mismatch, offsets count from the address byte (facts §3.1)")
    void decodeReceived_wrongOwnAddress_pecMismatch() {
        Decoded<SmbusFrame> d = SmbusFrame.decodeReceived(0x1E, V7_GET_EID_REQ.slice(1));
        assertEquals(List.of(Req.SMBUS_PEC), reqs(d));
        assertEquals(V7_GET_EID_REQ.length() - 1, d.violations().get(0).offset());
        assertEquals(0x3C, d.get().destSlaveAddr());
    }

    @ParameterizedTest(name = "packet of {0} bytes")
    @ValueSource(ints = {0, 1, 4, 68, 250, 253, SmbusFrame.MAX_PACKET_SIZE})
    @DisplayName("round trip: of(…).encode() → decode → the same frame, count 1 + length (DSP0237 §6.3)")
    void roundTrip(int length) {
        Bytes packet = Bytes.ofUnsigned(IntStream.range(0, length).map(i -> i * 37 + 11).toArray());
        SmbusFrame f = SmbusFrame.of(0x55, 0x2A, packet);
        Decoded<SmbusFrame> d = SmbusFrame.decode(f.encode());
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(f, d.get());
        assertEquals(length + 1, d.get().byteCount());
        assertEquals(length + 5, f.encode().length());
    }

    /** One field changed from the V7 request, PEC recomputed unless the PEC is the thing under test. */
    record Corruption(UnaryOperator<SmbusFrame> mutate, Set<Req> expected, int offset, String detailHas) {
    }

    static Stream<Arguments> corruptions() {
        SmbusFrame ok = SmbusFrame.decode(V7_GET_EID_REQ).get();
        int pec = ok.pec();
        int pecOffset = V7_GET_EID_REQ.length() - 1;
        int pecWithoutAddressByte = org.nvmehil.protocol.integrity.Crc.smbusPec(V7_GET_EID_REQ.slice(1, pecOffset));
        Bytes huge = Bytes.zeros(SmbusFrame.MAX_PACKET_SIZE + 1);
        return Stream.of(
                argumentSet("command code 0Eh", new Corruption(f -> f.withCommandCode(0x0E).withValidPec(),
                        Set.of(Req.SMBUS_COMMAND_CODE), 1, "observed 0Eh, expected 0Fh")),
                argumentSet("byte count one too many", new Corruption(f -> f.withByteCount(9).withValidPec(),
                        Set.of(Req.SMBUS_BYTE_COUNT), 2, "observed 9")),
                argumentSet("byte count one too few", new Corruption(f -> f.withByteCount(7).withValidPec(),
                        Set.of(Req.SMBUS_BYTE_COUNT), 2, "but 8 byte(s)")),
                argumentSet("byte count zero", new Corruption(f -> f.withByteCount(0).withValidPec(),
                        Set.of(Req.SMBUS_BYTE_COUNT), 2, "observed 0")),
                argumentSet("source address bit 0 clear (20h)", new Corruption(f -> f.withSrcSlaveAddr(0x20).withValidPec(),
                        Set.of(Req.SMBUS_SOURCE_ADDRESS), 3, "observed 20h")),
                argumentSet("destination R/W bit set (3Bh)", new Corruption(f -> f.withDestSlaveAddr(0x3B).withValidPec(),
                        Set.of(Req.SMBUS_DESTINATION_ADDRESS), 0, "observed 3Bh")),
                argumentSet("PEC off by one", new Corruption(f -> f.withPec(pec ^ 0x01),
                        Set.of(Req.SMBUS_PEC), pecOffset, String.format("observed %02Xh, expected %02Xh", pec ^ 1, pec))),
                argumentSet("PEC zero", new Corruption(f -> f.withPec(0),
                        Set.of(Req.SMBUS_PEC), pecOffset, String.format("observed 00h, expected %02Xh", pec))),
                argumentSet("PEC computed without the destination address byte", new Corruption(f -> f.withPec(pecWithoutAddressByte),
                        Set.of(Req.SMBUS_PEC), pecOffset, String.format("expected %02Xh", pec))),
                argumentSet("packet byte changed, PEC kept", new Corruption(
                        f -> f.withPacket(f.packet().flipBit(3, 0)), Set.of(Req.SMBUS_PEC), pecOffset, "expected")),
                argumentSet("packet of 255 bytes (count cannot say 256)", new Corruption(
                        f -> f.withPacket(huge).withByteCount(255).withValidPec(),
                        Set.of(Req.SMBUS_MAX_TU, Req.SMBUS_BYTE_COUNT), 4, "at most 254")));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    @DisplayName("one field wrong → exactly that violation, at its offset, with observed vs expected; value still decoded (DSP0237 §6.3)")
    void corruption_reportedNotThrown(Corruption c) {
        Bytes bad = c.mutate().apply(SmbusFrame.decode(V7_GET_EID_REQ).get()).encode();
        Decoded<SmbusFrame> d = SmbusFrame.decode(bad);
        assertTrue(d.isPresent());
        assertEquals(c.expected(), Set.copyOf(reqs(d)), () -> d.violations().toString());
        Violation first = d.violations().stream().filter(v -> v.offset() == c.offset()).findFirst()
                .orElseThrow(() -> new AssertionError("no violation at offset " + c.offset() + ": " + d.violations()));
        assertTrue(first.detail().contains(c.detailHas()), first::toString);
        assertEquals(bad, d.raw());
    }

    @ParameterizedTest(name = "{0} byte(s)")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    @DisplayName("shorter than header + PEC → rejected with a byte-count violation, no exception (DSP0237 §6.3)")
    void tooShort_rejected(int length) {
        Bytes b = V7_GET_EID_REQ.head(length);
        Decoded<SmbusFrame> d = SmbusFrame.decode(b);
        assertFalse(d.isPresent());
        assertEquals(List.of(Req.SMBUS_BYTE_COUNT), reqs(d));
        assertEquals(b, d.raw());
    }

    @Test
    @DisplayName("header + PEC with an empty packet → decoded, count 1 is correct (DSP0237 §6.3)")
    void emptyPacket_decodes() {
        Bytes b = SmbusFrame.of(ME, HOST, Bytes.EMPTY).encode();
        assertEquals(5, b.length());
        Decoded<SmbusFrame> d = SmbusFrame.decode(b);
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(1, d.get().byteCount());
    }

    @Test
    @DisplayName("every fault at once → every violation reported (DSP0237 §6.3)")
    void allFaults_allReported() {
        Bytes bad = new SmbusFrame(0x3B, 0x00, 0x02, 0x20, Bytes.hex("01 00 00 C8"), 0x00).encode();
        assertEquals(Set.of(Req.SMBUS_DESTINATION_ADDRESS, Req.SMBUS_COMMAND_CODE, Req.SMBUS_BYTE_COUNT,
                Req.SMBUS_SOURCE_ADDRESS, Req.SMBUS_PEC), Set.copyOf(reqs(SmbusFrame.decode(bad))));
    }

    @Test
    @DisplayName("encoder writes illegal fields as given: count, PEC, R/W, bit 0 (design guide §4.2)")
    void encoder_acceptsIllegalValues() {
        SmbusFrame f = new SmbusFrame(0x3B, 0x0E, 0xFF, 0x20, Bytes.hex("01 02"), 0xAA);
        assertEquals(Bytes.hex("3B 0E FF 20 01 02 AA"), f.encode());
        assertFalse(f.pecValid());
        assertTrue(f.withValidPec().pecValid());
        assertEquals(Bytes.hex("0E FF 20 01 02 AA"), f.encodeWithoutAddressByte());
        SmbusFrame huge = new SmbusFrame(0x3A, 0x0F, 0xFF, 0x21, Bytes.zeros(300), 0);
        assertEquals(305, huge.encode().length());
    }

    @Test
    @DisplayName("largest packet 254 bytes → count 255 (FFh), clean; TU 250 (facts §3.1)")
    void maxPacket_clean() {
        assertEquals(250, SmbusFrame.MAX_TRANSMISSION_UNIT);
        Bytes b = SmbusFrame.of(ME, HOST, Bytes.zeros(SmbusFrame.MAX_PACKET_SIZE)).encode();
        assertEquals(0xFF, b.u8(2));
        assertTrue(SmbusFrame.decode(b).isClean());
    }

    @Test
    @DisplayName("factory refuses what the fields cannot hold: 8-bit addresses, 255-byte packets")
    void factory_rejectsUnrepresentable() {
        assertThrows(IllegalArgumentException.class, () -> SmbusFrame.of(0x80, HOST, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> SmbusFrame.of(ME, -1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> SmbusFrame.of(ME, HOST, Bytes.zeros(255)));
        assertThrows(IllegalArgumentException.class, () -> new SmbusFrame(0x100, 0x0F, 1, 0x21, Bytes.EMPTY, 0));
        assertThrows(IllegalArgumentException.class, () -> SmbusFrame.decodeReceived(0x80, Bytes.EMPTY));
    }

    @Test
    @DisplayName("V7 request addresses: ME 1Dh → 3Ah, host 10h → 21h (facts §3.1, §11 V7)")
    void addressBytes() {
        SmbusFrame f = SmbusFrame.of(ME, HOST, Bytes.hex("01 00 00 C8 00 80 02"));
        assertEquals(0x3A, f.destSlaveAddr());
        assertEquals(0x21, f.srcSlaveAddr());
        assertEquals(0x4F, f.pec());
    }

    private static List<Req> reqs(Decoded<?> d) {
        return d.violations().stream().map(Violation::req).collect(Collectors.toList());
    }
}
