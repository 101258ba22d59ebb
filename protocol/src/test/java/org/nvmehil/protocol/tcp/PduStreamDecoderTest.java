package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.PduStreamDecoder.Complete;
import org.nvmehil.protocol.tcp.PduStreamDecoder.Event;
import org.nvmehil.protocol.tcp.PduStreamDecoder.Fatal;
import org.nvmehil.protocol.tcp.PduStreamDecoder.Reason;
import org.nvmehil.protocol.tcp.PduStreamDecoder.State;
import org.nvmehil.protocol.tcp.PduStreamDecoder.Transition;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The stream decoder frames PDUs from any chunking of the byte stream (NVMe/TCP 1.0 §2, Figs. 5-6: several PDUs
 * per segment, one PDU over many), and stops at a PLEN that cannot be right (facts §4.3).
 */
class PduStreamDecoderTest {

    /** A controller-to-host conversation from facts §13 (Linux nvmet 6.1), digests on after the ICResp. */
    static final List<Bytes> C2H_PDUS = List.of(TcpVectors.ICRESP_DGST, TcpVectors.CONNECT_RESP_DGST, TcpVectors.R2T_DGST,
            TcpVectors.READ_C2H_DGST, TcpVectors.READ_RESP_DGST, Bytes.hex("08 00 08 00 08 00 00 00"),
            new C2HTermReq(1, 2, TcpVectors.R2T).encode(TcpParams.DIGESTS));
    static final Bytes STREAM = C2H_PDUS.stream().reduce(Bytes.EMPTY, Bytes::concat);

    static List<Event> whole() {
        return new PduStreamDecoder().feed(STREAM);
    }

    static List<Event> decodeChunks(Bytes... chunks) {
        PduStreamDecoder d = new PduStreamDecoder();
        List<Event> out = new ArrayList<>();
        for (Bytes c : chunks) {
            out.addAll(d.feed(c));
        }
        return out;
    }

    @Test
    @DisplayName("multi-PDU stream in one chunk → each PDU whole, at its offset (facts §1.2)")
    void oneChunk() {
        List<Event> events = whole();
        assertEquals(C2H_PDUS.size(), events.size());
        long at = 0;
        for (int i = 0; i < events.size(); i++) {
            assertEquals(new Complete(at, C2H_PDUS.get(i)), events.get(i));
            at += C2H_PDUS.get(i).length();
        }
    }

    static IntStream splitPoints() {
        return IntStream.rangeClosed(0, STREAM.length());
    }

    @ParameterizedTest(name = "cut at byte {0}")
    @MethodSource("splitPoints")
    @DisplayName("stream cut in two at any index → the events of the uncut stream")
    void anySplit(int cut) {
        assertEquals(whole(), decodeChunks(STREAM.slice(0, cut), STREAM.slice(cut)));
    }

    @Test
    @DisplayName("stream cut in three at every pair of indices of its first 300 bytes → the same events")
    void everyTwoCuts() {
        List<Event> expected = whole();
        for (int a = 0; a <= 300; a++) {
            for (int b = a; b <= 300; b++) {
                List<Event> got = decodeChunks(STREAM.slice(0, a), STREAM.slice(a, b), STREAM.slice(b));
                if (!expected.equals(got)) {
                    throw new AssertionError("cuts at " + a + " and " + b);
                }
            }
        }
    }

    @Test
    @DisplayName("stream fed one byte at a time → the same events; each PDU decodes clean with the negotiated parameters")
    void byteAtATime() {
        Bytes[] chunks = IntStream.range(0, STREAM.length()).mapToObj(i -> STREAM.slice(i, i + 1)).toArray(Bytes[]::new);
        List<Event> events = decodeChunks(chunks);
        assertEquals(whole(), events);
        for (Event e : events.subList(1, 5)) {
            assertTrue(Pdu.decode(e.raw(), TcpParams.DIGESTS, Direction.C2H).isClean(), e::toString);
        }
    }

    @Test
    @DisplayName("a partial PDU is held, not reported; pending() counts its bytes")
    void partialHeld() {
        PduStreamDecoder d = new PduStreamDecoder();
        assertEquals(List.of(), d.feed(TcpVectors.READ_C2H_DGST.head(5)));
        assertEquals(State.HEADER, d.state());
        assertEquals(List.of(), d.feed(TcpVectors.READ_C2H_DGST.slice(5, 100)));
        assertEquals(State.BODY, d.state());
        assertEquals(100, d.pending());
        assertEquals(1, d.feed(TcpVectors.READ_C2H_DGST.slice(100)).size());
        assertEquals(0, d.pending());
    }

    static Stream<Arguments> fatal() {
        return Stream.of(
                argumentSet("PLEN 4: below the common header", Bytes.hex("05 00 18 00 04 00 00 00"), Reason.PLEN_TOO_SMALL, Req.TCP_PLEN),
                argumentSet("CapsuleCmd PLEN 24: below its 72-byte header", Bytes.hex("04 00 48 00 18 00 00 00"), Reason.PLEN_TOO_SMALL,
                        Req.TCP_PLEN),
                argumentSet("C2HTermReq PLEN 153 (facts §4.3: ignore it and terminate)", Bytes.hex("03 00 18 00 99 00 00 00"),
                        Reason.TERM_REQ_PLEN, Req.TCP_TERMREQ_PLEN),
                argumentSet("H2CTermReq PLEN 16", Bytes.hex("02 00 18 00 10 00 00 00"), Reason.PLEN_TOO_SMALL, Req.TCP_TERMREQ_PLEN),
                argumentSet("C2HData PLEN FFFFFFFFh: above the receiver's maximum", Bytes.hex("07 04 18 18 ff ff ff ff"),
                        Reason.PLEN_TOO_LARGE, Req.TCP_PLEN));
    }

    @ParameterizedTest
    @MethodSource("fatal")
    @DisplayName("impossible PLEN → one Fatal event with the common header as evidence, then every byte is ignored")
    void fatalPlen(Bytes header, Reason reason, Req req) {
        List<Transition> trace = new ArrayList<>();
        PduStreamDecoder d = new PduStreamDecoder(PduStreamDecoder.DEFAULT_MAX_PDU_SIZE, trace::add);
        Bytes stream = TcpVectors.CONNECT_RESP.concat(header).concat(TcpVectors.CONNECT_RESP);
        List<Event> events = d.feed(stream);
        assertEquals(2, events.size());
        assertInstanceOf(Complete.class, events.get(0));
        Fatal f = assertInstanceOf(Fatal.class, events.get(1));
        assertEquals(24, f.at());
        assertEquals(reason, f.reason());
        assertEquals(header, f.raw());
        assertEquals(req, f.violation().req());
        assertEquals(4, f.violation().offset());
        assertTrue(d.failed());
        assertEquals(List.of(), d.feed(TcpVectors.CONNECT_RESP));
        assertEquals(stream.length() + 24, d.position());
        assertEquals(State.FAILED, trace.get(trace.size() - 1).to());
        for (int cut = 0; cut <= stream.length(); cut++) {
            assertEquals(events, decodeChunks(stream.slice(0, cut), stream.slice(cut)), "cut " + cut);
        }
    }

    @Test
    @DisplayName("maximum PDU size is configurable and bounds what is buffered")
    void maxPduSize() {
        PduStreamDecoder d = new PduStreamDecoder(600);
        List<Event> events = d.feed(TcpVectors.READ_C2H_DGST.concat(TcpVectors.CONNECT_DGST));
        assertInstanceOf(Complete.class, events.get(0));
        assertEquals(Reason.PLEN_TOO_LARGE, ((Fatal) events.get(1)).reason());
        assertThrows(IllegalArgumentException.class, () -> new PduStreamDecoder(100));
    }

    @Test
    @DisplayName("the trace sees every state change, each with the offset of the byte that caused it")
    void trace() {
        List<Transition> trace = new ArrayList<>();
        PduStreamDecoder d = new PduStreamDecoder(PduStreamDecoder.DEFAULT_MAX_PDU_SIZE, trace::add);
        d.feed(TcpVectors.R2T.concat(Bytes.hex("08 00 08 00 08 00 00 00")));
        assertEquals(List.of(new Transition(7, State.HEADER, State.BODY, "R2T PLEN 24"),
                new Transition(23, State.BODY, State.HEADER, "PDU complete")), trace);
    }
}
