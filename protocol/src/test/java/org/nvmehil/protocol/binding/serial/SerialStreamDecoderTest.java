package org.nvmehil.protocol.binding.serial;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.binding.serial.SerialFrameTest.V7_ESC_FRAME;
import static org.nvmehil.protocol.binding.serial.SerialFrameTest.V7_ESC_PACKET;
import static org.nvmehil.protocol.binding.serial.SerialFrameTest.V7_FRAME;
import static org.nvmehil.protocol.binding.serial.SerialFrameTest.V7_PACKET;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.binding.serial.SerialFrame.Escaping;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.Discarded;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.Event;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.Frame;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.Reason;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.State;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder.Transition;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * DSP0253 receive path: delineation, unescaping, FCS, resynchronisation, chunk independence.
 * Golden frames: facts sheet §11 V7; traps: facts §4.
 */
class SerialStreamDecoderTest {

    static final Bytes LEGACY_FCS_FRAME = SerialFrame.of(V7_PACKET).withFcs(0x40AA).encode();
    static final Bytes INVALID_ESCAPE_FRAME = Bytes.hex("7E 01 07 01 09 08 C8 00 80 7D 41 0E B2 7E");
    static final Bytes UNESCAPED_FLAG_FRAME = SerialFrame.of(Bytes.hex("01 00 08 C8 7E 80 02")).encode(Escaping.NONE);
    static final Bytes BOTH_ESCAPES_PACKET = Bytes.hex("01 09 08 C8 7D 7E 7E 7D");

    /**
     * Garbage, V7 frame, back-to-back flags, escaping example, shared flag into a legacy-FCS frame,
     * an invalid escape, an unescaped 7Eh, idle flags, a frame with both escapes, a partial frame.
     */
    static final Bytes STREAM = Bytes.hex("00 55 AA")
            .concat(V7_FRAME)
            .concat(V7_ESC_FRAME)
            .concat(LEGACY_FCS_FRAME.slice(1))
            .concat(INVALID_ESCAPE_FRAME)
            .concat(UNESCAPED_FLAG_FRAME)
            .concat(Bytes.hex("7E 7E 7E"))
            .concat(SerialFrame.of(BOTH_ESCAPES_PACKET).encode())
            .concat(Bytes.hex("7E 01 07 01 09"));

    static final List<String> STREAM_EVENTS = List.of("OUTSIDE_FRAME", "FRAME", "FRAME", "FRAME(bad FCS)",
            "INVALID_ESCAPE", "TRUNCATED", "BAD_REVISION", "FRAME");

    @Test
    @DisplayName("mixed stream in one chunk → the expected event sequence; flush reports the partial tail (facts §4, §11 V7)")
    void mixedStream_expectedEvents() {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<Event> events = d.feed(STREAM);
        assertEquals(STREAM_EVENTS, summary(events));
        assertEquals(List.of(V7_PACKET, V7_ESC_PACKET, V7_PACKET, BOTH_ESCAPES_PACKET),
                events.stream().filter(e -> e instanceof Frame).map(e -> ((Frame) e).packet()).collect(Collectors.toList()));
        assertEquals(List.of("TRUNCATED"), summary(d.flush()));
    }

    @Test
    @DisplayName("every event's raw bytes are the stream bytes at its offset; every non-flag byte is in an event")
    void mixedStream_rawIsEvidence() {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<Event> events = new ArrayList<>(d.feed(STREAM));
        events.addAll(d.flush());
        boolean[] covered = new boolean[STREAM.length()];
        for (Event e : events) {
            int at = (int) e.at();
            assertEquals(STREAM.slice(at, at + e.raw().length()), e.raw(), e::toString);
            for (int i = at; i < at + e.raw().length(); i++) {
                covered[i] = true;
            }
        }
        for (int i = 0; i < STREAM.length(); i++) {
            assertTrue(covered[i] || STREAM.u8(i) == SerialFrame.FLAG, "byte " + i + " is in no event");
        }
    }

    static IntStream splitPoints() {
        return IntStream.rangeClosed(0, STREAM.length());
    }

    @ParameterizedTest(name = "cut at byte {0}")
    @MethodSource("splitPoints")
    @DisplayName("stream cut in two at any index → exactly the events of the uncut stream (design guide §4.6)")
    void anySplit_sameEvents(int cut) {
        assertEquals(whole(), decodeChunks(STREAM.slice(0, cut), STREAM.slice(cut)));
    }

    @Test
    @DisplayName("stream cut in three at every pair of indices → the same events (design guide §4.6)")
    void everyTwoCuts_sameEvents() {
        List<Event> expected = whole();
        for (int a = 0; a <= STREAM.length(); a++) {
            for (int b = a; b <= STREAM.length(); b++) {
                List<Event> got = decodeChunks(STREAM.slice(0, a), STREAM.slice(a, b), STREAM.slice(b));
                if (!expected.equals(got)) {
                    throw new AssertionError("cuts at " + a + " and " + b + ": " + summary(got));
                }
            }
        }
    }

    @Test
    @DisplayName("stream fed one byte at a time → the same events (design guide §4.6)")
    void byteAtATime_sameEvents() {
        Bytes[] chunks = IntStream.range(0, STREAM.length()).mapToObj(i -> STREAM.slice(i, i + 1)).toArray(Bytes[]::new);
        assertEquals(whole(), decodeChunks(chunks));
    }

    @Test
    @DisplayName("V7 frame fed whole → one clean frame at offset 0, decoder waits for the next revision (facts §11 V7)")
    void v7Frame_clean() {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<Event> events = d.feed(V7_FRAME);
        assertEquals(1, events.size());
        Frame f = assertInstanceOf(Frame.class, events.get(0));
        assertAll(
                () -> assertTrue(f.isClean()),
                () -> assertEquals(0, f.at()),
                () -> assertEquals(V7_PACKET, f.packet()),
                () -> assertEquals(0x0EB2, f.frame().fcs()),
                () -> assertEquals(V7_FRAME, f.raw()),
                () -> assertEquals(State.REVISION, d.state()),
                () -> assertEquals(List.of(), d.flush()));
    }

    @Test
    @DisplayName("separate flags (7E f 7E 7E f 7E) and a shared flag (7E f 7E f 7E) → the same two packets (DSP0253 cl. 7)")
    void backToBackAndSharedFlags() {
        Bytes separate = V7_FRAME.concat(V7_ESC_FRAME);
        Bytes shared = V7_FRAME.concat(V7_ESC_FRAME.slice(1));
        Bytes idle = Bytes.hex("7E 7E 7E").concat(V7_FRAME).concat(Bytes.hex("7E 7E")).concat(V7_ESC_FRAME).concat(Bytes.hex("7E"));
        for (Bytes s : List.of(separate, shared, idle)) {
            List<Event> events = new SerialStreamDecoder().feed(s);
            assertEquals(List.of("FRAME", "FRAME"), summary(events), s::toString);
            assertEquals(V7_ESC_PACKET, ((Frame) events.get(1)).packet());
        }
        assertEquals(List.of(), new SerialStreamDecoder().feed(Bytes.hex("7E 7E 7E 7E")), "idle flags are not events");
    }

    @Test
    @DisplayName("garbage before a frame → one OUTSIDE_FRAME discard without a violation, then the frame (facts §4)")
    void garbageBeforeFrame() {
        List<Event> events = new SerialStreamDecoder().feed(Bytes.hex("7D 5E 01 07 FF").concat(V7_FRAME));
        assertEquals(List.of("OUTSIDE_FRAME", "FRAME"), summary(events));
        Discarded g = (Discarded) events.get(0);
        assertEquals(Bytes.hex("7D 5E 01 07 FF"), g.raw());
        assertEquals(List.of(), g.violations());
        assertEquals(5, events.get(1).at());
    }

    @Test
    @DisplayName("long garbage run → discards cut in bounded pieces at fixed offsets, then the frame decodes")
    void longGarbage_boundedPieces() {
        int n = 2 * SerialStreamDecoder.MAX_DISCARD_SIZE + 10;
        Bytes stream = Bytes.ofUnsigned(IntStream.range(0, n).map(i -> 0x55).toArray()).concat(V7_FRAME);
        List<Event> events = new SerialStreamDecoder().feed(stream);
        assertEquals(List.of("OUTSIDE_FRAME", "OUTSIDE_FRAME", "OUTSIDE_FRAME", "FRAME"), summary(events));
        assertEquals(List.of(SerialStreamDecoder.MAX_DISCARD_SIZE, SerialStreamDecoder.MAX_DISCARD_SIZE, 10),
                events.subList(0, 3).stream().map(e -> e.raw().length()).collect(Collectors.toList()));
    }

    /** A corrupted frame followed by the good V7 frame: the decoder must report the first and resync on the second. */
    record Corruption(Bytes bad, List<String> events, Req req, int offset, String detailHas) {
    }

    static Stream<Arguments> corruptions() {
        SerialFrame ok = SerialFrame.of(V7_PACKET);
        return Stream.of(
                argumentSet("revision 02h", new Corruption(ok.withRevision(2).withValidFcs().encode(),
                        List.of("BAD_REVISION"), Req.SERIAL_FRAME_FORMAT, 1, "observed 02h, expected 01h")),
                argumentSet("revision 00h", new Corruption(ok.withRevision(0).withValidFcs().encode(),
                        List.of("BAD_REVISION"), Req.SERIAL_FRAME_FORMAT, 1, "observed 00h")),
                argumentSet("zero-length frame (count 0, valid FCS; Linux zero-length fix)",
                        new Corruption(SerialFrame.of(Bytes.EMPTY).encode(),
                                List.of("BYTE_COUNT_TOO_SMALL"), Req.SERIAL_FRAME_FORMAT, 2, "observed 0")),
                argumentSet("count 3, shorter than an MCTP header",
                        new Corruption(SerialFrame.of(V7_PACKET.head(3)).encode(),
                                List.of("BYTE_COUNT_TOO_SMALL"), Req.SERIAL_FRAME_FORMAT, 2, "at least 4")),
                argumentSet("invalid escape 7Dh 41h", new Corruption(INVALID_ESCAPE_FRAME,
                        List.of("INVALID_ESCAPE"), Req.SERIAL_ESCAPING, 9, "observed 7Dh 41h")),
                argumentSet("unescaped 7Eh in the packet (pre-Aug-2024 Linux tx)", new Corruption(UNESCAPED_FLAG_FRAME,
                        List.of("TRUNCATED", "BAD_REVISION"), Req.SERIAL_FRAME_FORMAT, 7, "after 4 of 7 packet bytes")),
                argumentSet("frame cut short: flag after 3 packet bytes", new Corruption(V7_FRAME.head(6),
                        List.of("TRUNCATED"), Req.SERIAL_FRAME_FORMAT, 6, "after 3 of 7 packet bytes")),
                argumentSet("7Dh right before a flag", new Corruption(V7_FRAME.head(6).concat(Bytes.hex("7D")),
                        List.of("TRUNCATED"), Req.SERIAL_FRAME_FORMAT, 7, "right after an escape byte")),
                argumentSet("count one smaller than the packet", new Corruption(ok.withByteCount(6).withValidFcs().encode(),
                        List.of("BYTE_COUNT_MISMATCH"), Req.SERIAL_FRAME_FORMAT, 2, "longer than the byte count")),
                argumentSet("count one larger than the packet (the FCS check catches it)",
                        new Corruption(ok.withByteCount(8).withValidFcs().encode(),
                                List.of("FRAME(bad FCS)"), Req.SERIAL_FCS, 11, "expected")),
                argumentSet("FCS low bit flipped", new Corruption(V7_FRAME.flipBit(11, 0),
                        List.of("FRAME(bad FCS)"), Req.SERIAL_FCS, 10, "observed 0EB3h, expected 0EB2h")),
                argumentSet("packet byte flipped, FCS kept", new Corruption(V7_FRAME.flipBit(5, 3),
                        List.of("FRAME(bad FCS)"), Req.SERIAL_FCS, 10, "observed 0EB2h")),
                argumentSet("pre-2022 Linux FCS 40AAh (init 0)", new Corruption(LEGACY_FCS_FRAME,
                        List.of("FRAME(bad FCS)"), Req.SERIAL_FCS, 10, "observed 40AAh, expected 0EB2h")),
                argumentSet("PPP-style FCS (complemented, low byte first)",
                        new Corruption(ok.withFcs(Integer.reverseBytes(~0x0EB2 & 0xFFFF) >>> 16).encode(),
                                List.of("FRAME(bad FCS)"), Req.SERIAL_FCS, 10, "expected 0EB2h")));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    @DisplayName("corrupted frame + good frame → the corruption reported with Req, offset and detail, the good frame still decoded (facts §4)")
    void corruption_reportedThenResync(Corruption c) {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<Event> events = d.feed(c.bad().concat(V7_FRAME));
        List<String> expected = new ArrayList<>(c.events());
        expected.add("FRAME");
        assertEquals(expected, summary(events), () -> events.toString());
        Violation v = events.get(0).violations().get(0);
        assertAll(
                () -> assertEquals(c.req(), v.req(), v::toString),
                () -> assertEquals(c.offset(), v.offset(), v::toString),
                () -> assertTrue(v.detail().contains(c.detailHas()), v::toString),
                () -> assertEquals(V7_PACKET, ((Frame) events.get(events.size() - 1)).packet()),
                () -> assertTrue(((Frame) events.get(events.size() - 1)).isClean()));
    }

    @Test
    @DisplayName("byte count above the configured maximum → BYTE_COUNT_TOO_LARGE; the default accepts up to 255 (facts §4)")
    void frameTooLong_boundedByConfiguredMaximum() {
        Bytes packet = Bytes.zeros(SerialFrame.BASELINE_MAX_PACKET_SIZE + 1);
        Bytes stream = SerialFrame.of(packet).encode().concat(V7_FRAME);
        List<Event> baseline = new SerialStreamDecoder(SerialFrame.BASELINE_MAX_PACKET_SIZE).feed(stream);
        assertEquals(List.of("BYTE_COUNT_TOO_LARGE", "FRAME"), summary(baseline));
        assertTrue(baseline.get(0).violations().get(0).detail().contains("observed 69, expected at most 68"));
        assertEquals(List.of("FRAME", "FRAME"), summary(new SerialStreamDecoder().feed(stream)));
        assertEquals(List.of("FRAME", "FRAME"), summary(new SerialStreamDecoder(SerialFrame.BASELINE_MAX_PACKET_SIZE)
                .feed(SerialFrame.of(Bytes.zeros(68)).encode().concat(V7_FRAME))));
        assertThrows(IllegalArgumentException.class, () -> new SerialStreamDecoder(3));
        assertThrows(IllegalArgumentException.class, () -> new SerialStreamDecoder(256));
    }

    @Test
    @DisplayName("flush mid-frame → TRUNCATED with progress; a pending lone flag survives flush for a shared-flag frame")
    void flush() {
        SerialStreamDecoder d = new SerialStreamDecoder();
        assertEquals(List.of(), d.feed(V7_FRAME.head(5)));
        List<Event> f = d.flush();
        assertEquals(List.of("TRUNCATED"), summary(f));
        assertTrue(f.get(0).violations().get(0).detail().contains("after 2 of 7 packet bytes"), f::toString);
        assertEquals(State.HUNT, d.state());

        SerialStreamDecoder e = new SerialStreamDecoder();
        assertEquals(List.of("FRAME"), summary(e.feed(V7_FRAME)));
        assertEquals(List.of(), e.flush());
        assertEquals(List.of("FRAME"), summary(e.feed(V7_ESC_FRAME.slice(1))), "closing flag still opens the next frame");

        SerialStreamDecoder g = new SerialStreamDecoder();
        g.feed(Bytes.hex("01 02"));
        assertEquals(List.of("OUTSIDE_FRAME"), summary(g.flush()));
        assertEquals(List.of(), g.flush());
    }

    @Test
    @DisplayName("trace hook sees each state change of the V7 frame in order, with stream offsets")
    void traceHook() {
        List<Transition> t = new ArrayList<>();
        new SerialStreamDecoder(SerialFrame.MAX_BYTE_COUNT, t::add).feed(V7_FRAME);
        assertEquals(List.of(State.REVISION, State.BYTE_COUNT, State.PACKET, State.FCS_HIGH, State.FCS_LOW,
                State.END_FLAG, State.REVISION), t.stream().map(Transition::to).collect(Collectors.toList()));
        assertEquals(List.of(0L, 1L, 2L, 9L, 10L, 11L, 12L), t.stream().map(Transition::offset).collect(Collectors.toList()));
    }

    @Test
    @DisplayName("FCS is checked over revision + count + unescaped packet, not the escaped bytes (facts §4)")
    void fcsOverUnescapedBytes() {
        Bytes escapedFcsInput = Bytes.hex("01 07 01 09 08 C8 00 80 7D 5E");
        int wrong = Crc.fcs16(escapedFcsInput);
        Bytes frame = SerialFrame.of(V7_ESC_PACKET).withFcs(wrong).encode();
        Frame f = (Frame) new SerialStreamDecoder().feed(frame).get(0);
        assertFalse(f.isClean());
        assertTrue(f.violations().get(0).detail().contains("expected B759h"), f::toString);
    }

    private static List<Event> whole() {
        return decodeChunks(STREAM);
    }

    private static List<Event> decodeChunks(Bytes... chunks) {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<Event> out = new ArrayList<>();
        for (Bytes c : chunks) {
            out.addAll(d.feed(c));
        }
        out.addAll(d.flush());
        return out;
    }

    static List<String> summary(List<Event> events) {
        return events.stream()
                .map(e -> e instanceof Discarded x ? x.reason().name() : ((Frame) e).isClean() ? "FRAME" : "FRAME(bad FCS)")
                .collect(Collectors.toList());
    }
}
