package org.nvmehil.protocol.mctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.protocol.mctp.MctpAssembler.Complete;
import org.nvmehil.protocol.mctp.MctpAssembler.Config;
import org.nvmehil.protocol.mctp.MctpAssembler.DropReason;
import org.nvmehil.protocol.mctp.MctpAssembler.Dropped;
import org.nvmehil.protocol.mctp.MctpAssembler.DuplicateSomPolicy;
import org.nvmehil.protocol.mctp.MctpAssembler.Event;
import org.nvmehil.protocol.mctp.MctpAssembler.KeyPolicy;
import org.nvmehil.protocol.mctp.MctpAssembler.Pending;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

class MctpAssemblerTest {

    private static final int ME = 0x09;
    private static final int HOST = 0x08;
    private static final long MS = 1_000_000L;
    private static final MctpFragmenter BTU = MctpFragmenter.baseline();

    /** A distinct message of {@code len} bytes: 84h then a counter. */
    static Bytes msg(int len) {
        int[] v = new int[len];
        for (int i = 0; i < len; i++) {
            v[i] = i == 0 ? 0x84 : i;
        }
        return Bytes.ofUnsigned(v);
    }

    static List<MctpPacket> request(Bytes m, int tag, int startSeq) {
        return BTU.fragment(m, ME, HOST, true, tag, startSeq);
    }

    /** Feeds packets at 1 ms intervals from t = 0; returns every event. */
    static List<Event> feed(MctpAssembler a, List<MctpPacket> ps) {
        List<Event> all = new ArrayList<>();
        long t = 0;
        for (MctpPacket p : ps) {
            all.addAll(a.accept(p, t += MS));
        }
        return all;
    }

    static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    static Dropped dropped(Event e, DropReason reason) {
        Dropped d = assertInstanceOf(Dropped.class, e, () -> "expected a drop, got " + e);
        assertEquals(reason, d.reason(), d::toString);
        return d;
    }

    @Test
    @DisplayName("single SOM+EOM packet → Complete with packet count 1 and the packet's addressing")
    void singlePacket_complete() {
        MctpAssembler a = new MctpAssembler();
        List<Event> e = a.accept(MctpPacket.single(ME, HOST, true, 3, Bytes.hex("00 80 02")), 0);
        assertEquals(List.of(new Complete(Bytes.hex("00 80 02"), HOST, ME, 3, true, 1)), e);
        assertEquals(0, a.openCount());
    }

    @Test
    @DisplayName("three packets → Pending, Pending (with running totals), then Complete")
    void threePackets_pendingThenComplete() {
        MctpAssembler a = new MctpAssembler();
        Bytes m = msg(150);
        List<Event> e = feed(a, request(m, 2, 0));
        assertEquals(List.of(new Pending(HOST, ME, 2, true, 1, 64), new Pending(HOST, ME, 2, true, 2, 128),
                new Complete(m, HOST, ME, 2, true, 3)), e);
    }

    @DisplayName("any starting seq is accepted (libmctp lets seq run on between messages)")
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void anyStartSeq_accepted(int startSeq) {
        Bytes m = msg(130);
        Event e = last(feed(new MctpAssembler(), request(m, 0, startSeq)));
        assertEquals(new Complete(m, HOST, ME, 0, true, 3), e);
    }

    @Test
    @DisplayName("seq wraps 3 → 0 across 10 packets → Complete")
    void seqWrapsAcrossManyPackets() {
        Bytes m = msg(10 * 64);
        List<MctpPacket> ps = request(m, 1, 3);
        assertEquals(List.of(3, 0, 1, 2, 3, 0, 1, 2, 3, 0), ps.stream().map(MctpPacket::seq).toList());
        assertEquals(new Complete(m, HOST, ME, 1, true, 10), last(feed(new MctpAssembler(), ps)));
    }

    static Stream<Arguments> noSomPackets() {
        return Stream.of(
                argumentSet("middle packet (no SOM, no EOM)", false),
                argumentSet("end packet (EOM only)", true));
    }

    @DisplayName("UNH 1.4.1: middle or end packet with no open message → dropped NO_SOM")
    @ParameterizedTest
    @MethodSource("noSomPackets")
    void packetWithoutSom_droppedNoSom(boolean eom) {
        MctpAssembler a = new MctpAssembler();
        MctpPacket p = MctpPacket.of(ME, HOST, false, eom, 1, true, 0, msg(64));
        Dropped d = dropped(last(a.accept(p, 0)), DropReason.NO_SOM);
        assertEquals(List.of(p), d.packets());
        assertEquals(Optional.of(Req.MCTP_SOM_REQUIRED), d.reason().req());
        assertEquals(0, a.openCount());
    }

    @Test
    @DisplayName("a message whose SOM was removed → every packet dropped NO_SOM, nothing completes")
    void somMissing_wholeMessageDropped() {
        List<MctpPacket> ps = request(msg(200), 0, 0);
        List<Event> e = feed(new MctpAssembler(), ps.subList(1, ps.size()));
        assertEquals(3, e.size());
        e.forEach(x -> dropped(x, DropReason.NO_SOM));
    }

    static Stream<Arguments> badSequences() {
        return Stream.of(
                argumentSet("seq skips one (0, 2)", new int[] {0, 2, 3}, 1),
                argumentSet("seq repeats (0, 0)", new int[] {0, 0, 1}, 1),
                argumentSet("seq goes back (0, 1, 0)", new int[] {0, 1, 0}, 2),
                argumentSet("wrong seq on the EOM packet", new int[] {2, 3, 1}, 2));
    }

    @DisplayName("out-of-sequence packet → whole partial dropped SEQUENCE_ERROR with all its packets")
    @ParameterizedTest
    @MethodSource("badSequences")
    void outOfSequence_wholePartialDropped(int[] seqs, int badIndex) {
        MctpAssembler a = new MctpAssembler();
        List<MctpPacket> ps = MctpFragmenter.withSeqs(request(msg(150), 4, 0), seqs);
        List<Event> e = feed(a, ps.subList(0, badIndex + 1));
        Dropped d = dropped(last(e), DropReason.SEQUENCE_ERROR);
        assertEquals(ps.subList(0, badIndex + 1), d.packets());
        assertEquals(Optional.of(Req.MCTP_SEQUENCE), d.reason().req());
        assertEquals(0, a.openCount());
        if (badIndex + 1 < ps.size()) {
            dropped(last(a.accept(ps.get(badIndex + 1), 100 * MS)), DropReason.NO_SOM);
        }
    }

    @Test
    @DisplayName("RESTART: SOM over an open partial → partial dropped NEW_SOM_ABANDONED_PARTIAL, new message completes")
    void duplicateSom_restart() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withDuplicateSom(DuplicateSomPolicy.RESTART));
        List<MctpPacket> first = request(msg(200), 5, 0);
        a.accept(first.get(0), 0);
        a.accept(first.get(1), MS);
        Bytes m2 = msg(100);
        List<MctpPacket> second = request(m2, 5, 2);
        List<Event> e = a.accept(second.get(0), 2 * MS);
        assertEquals(2, e.size());
        Dropped d = dropped(e.get(0), DropReason.NEW_SOM_ABANDONED_PARTIAL);
        assertEquals(first.subList(0, 2), d.packets());
        assertEquals(Optional.empty(), d.reason().req());
        assertEquals(new Pending(HOST, ME, 5, true, 1, 64), e.get(1));
        assertEquals(List.of(new Complete(m2, HOST, ME, 5, true, 2)), a.accept(second.get(1), 3 * MS));
    }

    @Test
    @DisplayName("RESTART: single-packet message over an open partial → drop event, then Complete")
    void duplicateSom_restartWithSinglePacket() {
        MctpAssembler a = new MctpAssembler();
        a.accept(request(msg(100), 0, 0).get(0), 0);
        MctpPacket single = MctpPacket.single(ME, HOST, true, 0, Bytes.hex("00 80 02"));
        List<Event> e = a.accept(single, MS);
        dropped(e.get(0), DropReason.NEW_SOM_ABANDONED_PARTIAL);
        assertEquals(new Complete(Bytes.hex("00 80 02"), HOST, ME, 0, true, 1), e.get(1));
        assertEquals(0, a.openCount());
    }

    @Test
    @DisplayName("DROP_BOTH: SOM over an open partial → partial and the new SOM dropped; its continuation NO_SOM")
    void duplicateSom_dropBoth() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withDuplicateSom(DuplicateSomPolicy.DROP_BOTH));
        List<MctpPacket> first = request(msg(200), 5, 0);
        a.accept(first.get(0), 0);
        List<MctpPacket> second = request(msg(100), 5, 1);
        List<Event> e = a.accept(second.get(0), MS);
        assertEquals(2, e.size());
        assertEquals(List.of(first.get(0)), dropped(e.get(0), DropReason.NEW_SOM_ABANDONED_PARTIAL).packets());
        assertEquals(List.of(second.get(0)), dropped(e.get(1), DropReason.DUPLICATE_SOM).packets());
        assertEquals(0, a.openCount());
        dropped(last(a.accept(second.get(1), 2 * MS)), DropReason.NO_SOM);
    }

    static Stream<Arguments> sizeErrors() {
        return Stream.of(
                argumentSet("middle packet one byte short", List.of(64, 63, 33)),
                argumentSet("middle packet one byte long", List.of(64, 65, 31)),
                argumentSet("end packet larger than the SOM packet", List.of(64, 95)),
                argumentSet("SOM packet below TU, middle at TU", List.of(40, 64, 56)));
    }

    @DisplayName("payload size breaks the SOM packet's size → whole partial dropped SIZE_ERROR")
    @ParameterizedTest
    @MethodSource("sizeErrors")
    void wrongPayloadSize_droppedSizeError(List<Integer> sizes) {
        MctpAssembler a = new MctpAssembler();
        List<MctpPacket> ps = MctpFragmenter.fragmentBySizes(msg(sizes.stream().mapToInt(i -> i).sum()), sizes,
                ME, HOST, true, 0, 0);
        List<Event> e = feed(a, ps.subList(0, 2));
        Dropped d = dropped(last(e), DropReason.SIZE_ERROR);
        assertEquals(ps.subList(0, 2), d.packets());
        assertEquals(Optional.of(Req.MCTP_PACKET_SIZE), d.reason().req());
        assertEquals(0, a.openCount());
    }

    static Stream<Arguments> legalEndSizes() {
        return Stream.of(
                argumentSet("end packet of 1 byte", List.of(64, 64, 1)),
                argumentSet("end packet of 0 bytes", List.of(64, 64, 0)),
                argumentSet("end packet exactly the SOM size", List.of(64, 64, 64)),
                argumentSet("non-baseline SOM size kept throughout", List.of(100, 100, 7)));
    }

    @DisplayName("end packet no larger than the SOM packet → Complete")
    @ParameterizedTest
    @MethodSource("legalEndSizes")
    void legalEndSize_complete(List<Integer> sizes) {
        Bytes m = msg(sizes.stream().mapToInt(i -> i).sum());
        List<MctpPacket> ps = MctpFragmenter.fragmentBySizes(m, sizes, ME, HOST, true, 0, 0);
        assertEquals(new Complete(m, HOST, ME, 0, true, 3), last(feed(new MctpAssembler(), ps)));
    }

    @Test
    @DisplayName("message one byte over the configured maximum (4224) → dropped TOO_LONG; exactly 4224 completes")
    void overMaximum_droppedTooLong() {
        Config nvmeMi = Config.defaults().withMaxMessageSize(4224);
        Bytes ok = msg(4224);
        assertEquals(new Complete(ok, HOST, ME, 0, true, 66),
                last(feed(new MctpAssembler(nvmeMi), request(ok, 0, 0))));
        MctpAssembler a = new MctpAssembler(nvmeMi);
        List<MctpPacket> ps = request(msg(4225), 0, 0);
        List<Event> e = feed(a, ps);
        Dropped d = dropped(last(e), DropReason.TOO_LONG);
        assertEquals(ps, d.packets());
        assertEquals(Optional.empty(), d.reason().req());
        assertEquals(0, a.openCount());
    }

    @Test
    @DisplayName("SOM packet alone larger than the maximum → dropped TOO_LONG at once")
    void somOverMaximum_droppedTooLong() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withMaxMessageSize(10));
        MctpPacket p = MctpPacket.single(ME, HOST, true, 0, msg(11));
        assertEquals(List.of(p), dropped(last(a.accept(p, 0)), DropReason.TOO_LONG).packets());
        assertEquals(0, a.openCount());
    }

    @Test
    @DisplayName("partial reaches the timeout (measured from SOM) → expire() drops it TIMEOUT; earlier it stays")
    void timeout_expireDropsPartial() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withTimeout(Duration.ofMillis(100)));
        List<MctpPacket> ps = request(msg(200), 0, 0);
        long t0 = 5_000 * MS;
        a.accept(ps.get(0), t0);
        a.accept(ps.get(1), t0 + 90 * MS);
        assertEquals(List.of(), a.expire(t0 + 100 * MS - 1));
        assertEquals(1, a.openCount());
        List<Dropped> d = a.expire(t0 + 100 * MS);
        assertEquals(1, d.size());
        assertEquals(DropReason.TIMEOUT, d.get(0).reason());
        assertEquals(ps.subList(0, 2), d.get(0).packets());
        assertEquals(0, a.openCount());
        assertEquals(List.of(), a.expire(t0 + 200 * MS));
    }

    @Test
    @DisplayName("packet after the timeout → TIMEOUT drop first, then the packet dropped NO_SOM")
    void timeout_acceptExpiresFirst() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withTimeout(Duration.ofMillis(100)));
        List<MctpPacket> ps = request(msg(200), 0, 0);
        a.accept(ps.get(0), 0);
        List<Event> e = a.accept(ps.get(1), 100 * MS);
        assertEquals(2, e.size());
        dropped(e.get(0), DropReason.TIMEOUT);
        dropped(e.get(1), DropReason.NO_SOM);
    }

    @Test
    @DisplayName("timeout of an unrelated key is reported before the accepted packet's own event")
    void timeout_otherKeysReportedFirst() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withTimeout(Duration.ofMillis(100)));
        a.accept(request(msg(100), 1, 0).get(0), 0);
        List<Event> e = a.accept(MctpPacket.single(ME, HOST, true, 2, Bytes.hex("00 80 02")), 150 * MS);
        dropped(e.get(0), DropReason.TIMEOUT);
        assertInstanceOf(Complete.class, e.get(1));
    }

    @Test
    @DisplayName("nanosecond clock wrapping past Long.MAX_VALUE → ages still computed correctly")
    void timeout_clockWrap() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withTimeout(Duration.ofMillis(100)));
        long t0 = Long.MAX_VALUE - 10 * MS;
        a.accept(request(msg(100), 0, 0).get(0), t0);
        assertEquals(List.of(), a.expire(t0 + 50 * MS));
        assertEquals(1, a.expire(t0 + 100 * MS).size());
    }

    @Test
    @DisplayName("an effectively infinite timeout is accepted and never expires")
    void timeout_forever() {
        MctpAssembler a = new MctpAssembler(Config.defaults().withTimeout(ChronoUnit.FOREVER.getDuration()));
        a.accept(request(msg(100), 0, 0).get(0), 0);
        assertEquals(List.of(), a.expire(Long.MAX_VALUE));
    }

    @Test
    @DisplayName("two messages interleaved on different tags → both complete; openCount tracks both")
    void interleavedTags_bothComplete() {
        MctpAssembler a = new MctpAssembler();
        Bytes m1 = msg(130);
        Bytes m2 = msg(70);
        List<MctpPacket> p1 = request(m1, 1, 0);
        List<MctpPacket> p2 = request(m2, 2, 3);
        a.accept(p1.get(0), 0);
        a.accept(p2.get(0), 1);
        assertEquals(2, a.openCount());
        a.accept(p1.get(1), 2);
        assertEquals(List.of(new Complete(m2, HOST, ME, 2, true, 2)), a.accept(p2.get(1), 3));
        assertEquals(List.of(new Complete(m1, HOST, ME, 1, true, 3)), a.accept(p1.get(2), 4));
        assertEquals(0, a.openCount());
    }

    static Stream<Arguments> keyPolicies() {
        return Stream.of(
                argumentSet("Linux key, TO differs → separate", KeyPolicy.SRC_DEST_TO_TAG, true, false),
                argumentSet("Linux key, dest differs → separate", KeyPolicy.SRC_DEST_TO_TAG, false, false),
                argumentSet("libmctp key, TO differs → same message", KeyPolicy.SRC_DEST_TAG, true, true),
                argumentSet("libmctp key, dest differs → separate", KeyPolicy.SRC_DEST_TAG, false, false),
                argumentSet("DSP0236 key, TO differs → separate", KeyPolicy.SRC_TO_TAG, true, false),
                argumentSet("DSP0236 key, dest differs → same message", KeyPolicy.SRC_TO_TAG, false, true));
    }

    @DisplayName("key policy decides whether a continuation with another TO or destination joins the message")
    @ParameterizedTest
    @MethodSource("keyPolicies")
    void keyPolicy_decidesMembership(KeyPolicy policy, boolean changeTo, boolean joins) {
        MctpAssembler a = new MctpAssembler(Config.defaults().withKeyPolicy(policy));
        List<MctpPacket> ps = request(msg(100), 6, 0);
        a.accept(ps.get(0), 0);
        MctpPacket end = changeTo ? ps.get(1).withTagOwner(false) : ps.get(1).withDestEid(0x00);
        Event e = last(a.accept(end, 1));
        if (joins) {
            Complete c = assertInstanceOf(Complete.class, e);
            assertEquals(ME, c.destEid(), "addressing comes from the SOM packet");
            assertTrue(c.tagOwner(), "addressing comes from the SOM packet");
        } else {
            dropped(e, DropReason.NO_SOM);
            assertEquals(1, a.openCount());
        }
    }

    @Test
    @DisplayName("defaults: Linux key, RESTART, 64 KiB, 6 s; invalid settings → IllegalArgumentException")
    void config_defaultsAndValidation() {
        Config c = Config.defaults();
        assertEquals(KeyPolicy.SRC_DEST_TO_TAG, c.keyPolicy());
        assertEquals(DuplicateSomPolicy.RESTART, c.duplicateSom());
        assertEquals(65536, c.maxMessageSize());
        assertEquals(Duration.ofSeconds(6), c.timeout());
        assertEquals(c, new MctpAssembler().config());
        assertThrows(IllegalArgumentException.class, () -> c.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> c.withTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> c.withMaxMessageSize(0));
    }
}
