package org.nvmehil.protocol.binding.serial;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.protocol.binding.serial.SerialFrame.Escaping;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/** DSP0253 frame encoder and single-frame decode. Golden frames: facts sheet §11 V7. */
class SerialFrameTest {

    /** facts §11 V7: MCTP Get EID request, dest EID 09h, src EID 08h, tag 0. */
    static final Bytes V7_PACKET = Bytes.hex("01 09 08 C8 00 80 02");
    static final Bytes V7_FRAME = Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 0E B2 7E");
    /** facts §11 V7 escaping example: the last packet byte is 7Eh. */
    static final Bytes V7_ESC_PACKET = Bytes.hex("01 09 08 C8 00 80 7E");
    static final Bytes V7_ESC_FRAME = Bytes.hex("7E 01 07 01 09 08 C8 00 80 7D 5E B7 59 7E");

    static Stream<Arguments> goldenFrames() {
        return Stream.of(
                argumentSet("facts §11 V7 serial Get EID (FCS 0EB2h)", V7_PACKET, V7_FRAME, 0x0EB2),
                argumentSet("facts §11 V7 escaping example (7Eh → 7Dh 5Eh, FCS B759h)", V7_ESC_PACKET, V7_ESC_FRAME, 0xB759));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    @DisplayName("packet → golden frame bytes, FCS high byte first (facts §11 V7)")
    void golden_encode(Bytes packet, Bytes frame, int fcs) {
        SerialFrame f = SerialFrame.of(packet);
        assertEquals(fcs, f.fcs());
        assertEquals(frame, f.encode());
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    @DisplayName("golden frame → clean decode: revision 01h, count = unescaped length, packet unescaped (facts §11 V7)")
    void golden_decode(Bytes packet, Bytes frame, int fcs) {
        Decoded<SerialFrame> d = SerialFrame.decode(frame);
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertAll(
                () -> assertEquals(SerialFrame.REVISION, d.get().revision()),
                () -> assertEquals(packet.length(), d.get().byteCount()),
                () -> assertEquals(packet, d.get().packet()),
                () -> assertEquals(fcs, d.get().fcs()),
                () -> assertEquals(frame, d.raw()));
    }

    @Test
    @DisplayName("pre-2022 Linux FCS (init 0000h → 40AAh) → reported as bad FCS with observed and expected (facts §4, §11 V7)")
    void legacyLinuxFcs_reportedAsBadFcs() {
        int legacy = Crc.fcs16(0, Bytes.hex("01 07").concat(V7_PACKET));
        assertEquals(0x40AA, legacy);
        Bytes frame = SerialFrame.of(V7_PACKET).withFcs(legacy).encode();
        assertEquals(Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 40 AA 7E"), frame);
        Decoded<SerialFrame> d = SerialFrame.decode(frame);
        assertTrue(d.isPresent());
        assertEquals(1, d.violations().size());
        Violation v = d.violations().get(0);
        assertEquals(Req.SERIAL_FCS, v.req());
        assertEquals(frame.length() - 3, v.offset());
        assertTrue(v.detail().contains("observed 40AAh, expected 0EB2h"), v::toString);
        assertTrue(v.detail().contains("pre-fix Linux"), v::toString);
    }

    @Test
    @DisplayName("packet with 7Eh and 7Dh → 7Dh 5Eh / 7Dh 5Dh on the wire, count and FCS over the unescaped bytes (DSP0253 cl. 7)")
    void escapedBytes_roundTrip() {
        Bytes packet = Bytes.hex("01 09 08 C8 7D 7E 7D 5E 5D");
        SerialFrame f = SerialFrame.of(packet);
        Bytes wire = f.encode();
        assertEquals(Bytes.hex("7E 01 09 01 09 08 C8 7D 5D 7D 5E 7D 5D 5E 5D").concat(Bytes.ofUnsigned(f.fcs() >>> 8, f.fcs(), 0x7E)),
                wire);
        assertEquals(Crc.fcs16(Bytes.hex("01 09").concat(packet)), f.fcs());
        Decoded<SerialFrame> d = SerialFrame.decode(wire);
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(f, d.get());
    }

    @ParameterizedTest(name = "packet of {0} bytes")
    @ValueSource(ints = {4, 7, 68, 125, 126, 200, 255})
    @DisplayName("round trip over every byte value: of(…).encode() → decode → same frame (DSP0253 cl. 7)")
    void roundTrip(int length) {
        Bytes packet = Bytes.ofUnsigned(IntStream.range(0, length).map(i -> (i * 7 + 0x70) & 0xFF).toArray());
        SerialFrame f = SerialFrame.of(packet);
        Decoded<SerialFrame> d = SerialFrame.decode(f.encode());
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(f, d.get());
    }

    @Test
    @DisplayName("FCS bytes equal to 7Eh/7Dh are sent and read raw → clean; escaping them is reported (facts §4 recommendation)")
    void fcsContainingFlag_sentAndReadRaw() {
        SerialFrame f = IntStream.range(0, 0x10000)
                .mapToObj(i -> SerialFrame.of(Bytes.ofUnsigned(0x01, 0x09, 0x08, 0xC8, i >>> 8, i)))
                .filter(x -> SerialFrame.escape(x.packet()).equals(x.packet()))
                .filter(x -> (x.fcs() >>> 8) == 0x7E || (x.fcs() & 0xFF) == 0x7E)
                .findFirst().orElseThrow();
        Bytes raw = f.encode();
        assertEquals(raw.length(), 3 + f.byteCount() + 3, "nothing in this packet needs escaping");
        assertTrue(SerialFrame.decode(raw).isClean());
        Bytes escapedFcs = f.encode(Escaping.PACKET_AND_FCS);
        assertEquals(raw.length() + 1, escapedFcs.length());
        assertFalse(SerialFrame.decode(escapedFcs).isClean());
    }

    @Test
    @DisplayName("unescaped 7Eh in the packet (pre-Aug-2024 Linux tx) → not a frame: truncated (facts §4)")
    void unescapedFlag_rejected() {
        Bytes packet = Bytes.hex("01 00 08 C8 7E 80 02");
        Bytes bad = SerialFrame.of(packet).encode(Escaping.NONE);
        assertEquals(Bytes.hex("7E 01 07 01 00 08 C8 7E 80 02"), bad.head(10));
        Decoded<SerialFrame> d = SerialFrame.decode(bad);
        assertFalse(d.isPresent());
        assertTrue(d.violations().stream().anyMatch(v -> v.detail().contains("unescaped 7Eh")), d.violations()::toString);
    }

    @Test
    @DisplayName("overrides write illegal revision, count and FCS as given, FCS kept until withValidFcs (design guide §4.2)")
    void overrides_writtenAsGiven() {
        SerialFrame ok = SerialFrame.of(V7_PACKET);
        assertEquals(0x02, ok.withRevision(2).encode().u8(1));
        assertEquals(ok.fcs(), ok.withRevision(2).fcs());
        assertFalse(ok.withRevision(2).fcsValid());
        assertTrue(ok.withRevision(2).withValidFcs().fcsValid());
        assertEquals(0x00, ok.withByteCount(0).encode().u8(2));
        assertEquals(V7_FRAME.length(), ok.withByteCount(0).encode().length(), "the packet is still written in full");
        assertEquals(Bytes.hex("12 34 7E"), ok.withFcs(0x1234).encode().slice(V7_FRAME.length() - 3));
        assertEquals(Bytes.hex("7E 01 00 D1 F0 7E"), new SerialFrame(1, 0, Bytes.EMPTY, 0xD1F0).encode());
    }

    @Test
    @DisplayName("escape(): only 7Eh and 7Dh change (DSP0253 cl. 7)")
    void escapeHelper() {
        assertEquals(Bytes.hex("00 7D 5E 7D 5D 5E 5D 20 FF"), SerialFrame.escape(Bytes.hex("00 7E 7D 5E 5D 20 FF")));
    }

    @Test
    @DisplayName("factory and record refuse what the fields cannot hold")
    void unrepresentable_refused() {
        assertThrows(IllegalArgumentException.class, () -> SerialFrame.of(Bytes.zeros(256)));
        assertThrows(IllegalArgumentException.class, () -> new SerialFrame(0x100, 0, Bytes.EMPTY, 0));
        assertThrows(IllegalArgumentException.class, () -> new SerialFrame(1, 0, Bytes.EMPTY, 0x10000));
    }

    @Test
    @DisplayName("decode() of something that is not exactly one frame → rejected, never thrown")
    void decode_notOneFrame_rejected() {
        assertFalse(SerialFrame.decode(Bytes.EMPTY).isPresent());
        assertFalse(SerialFrame.decode(Bytes.hex("00 11 22")).isPresent());
        assertFalse(SerialFrame.decode(V7_FRAME.concat(V7_FRAME)).isPresent());
        assertTrue(SerialFrame.decode(Bytes.hex("7E 7E").concat(V7_FRAME)).isClean(), "leading idle flags are fine");
    }
}
