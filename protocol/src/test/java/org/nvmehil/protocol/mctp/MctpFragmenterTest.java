package org.nvmehil.protocol.mctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.protocol.wire.Bytes;

class MctpFragmenterTest {

    private static final int DEST = 0x1D;
    private static final int SRC = 0x08;

    static Bytes message(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return Bytes.of(b);
    }

    static Stream<Arguments> transmissionUnits() {
        return Stream.of(
                argumentSet("baseline TU 64", 64),
                argumentSet("odd TU 65", 65),
                argumentSet("TU 128", 128),
                argumentSet("SMBus maximum TU 250", 250));
    }

    @DisplayName("every length 0..3·TU+1 → exact TU payloads, short last, SOM first, EOM last, seq mod 4")
    @ParameterizedTest
    @MethodSource("transmissionUnits")
    void everyLength_wellFormedPackets(int tu) {
        MctpFragmenter f = new MctpFragmenter(tu);
        for (int len = 0; len <= 3 * tu + 1; len++) {
            Bytes m = message(len, len);
            int startSeq = len & 3;
            List<MctpPacket> ps = f.fragment(m, DEST, SRC, true, 5, startSeq);
            String at = "TU " + tu + ", length " + len;
            int expectedCount = len == 0 ? 1 : (len + tu - 1) / tu;
            assertEquals(expectedCount, ps.size(), at);
            assertEquals(expectedCount, f.packetCount(len), at);
            Bytes joined = Bytes.EMPTY;
            for (int i = 0; i < ps.size(); i++) {
                MctpPacket p = ps.get(i);
                boolean last = i == ps.size() - 1;
                String pat = at + ", packet " + i;
                assertEquals(i == 0, p.som(), pat);
                assertEquals(last, p.eom(), pat);
                assertEquals((startSeq + i) % 4, p.seq(), pat);
                assertEquals(1, p.hdrVersion(), pat);
                assertEquals(0, p.rsvd(), pat);
                assertEquals(DEST, p.destEid(), pat);
                assertEquals(SRC, p.srcEid(), pat);
                assertTrue(p.tagOwner(), pat);
                assertEquals(5, p.tag(), pat);
                if (last) {
                    int rest = len - (ps.size() - 1) * tu;
                    assertEquals(rest, p.payload().length(), pat);
                    assertTrue(len == 0 || rest >= 1 && rest <= tu, pat);
                } else {
                    assertEquals(tu, p.payload().length(), pat);
                }
                joined = joined.concat(p.payload());
            }
            assertEquals(m, joined, at);
        }
    }

    static Stream<Arguments> exactMultiples() {
        return Stream.of(
                argumentSet("1 × 64", 64, 64, 1),
                argumentSet("2 × 64", 64, 128, 2),
                argumentSet("3 × 64", 64, 192, 3),
                argumentSet("3 × 64 + 1", 64, 193, 4),
                argumentSet("2 × 250", 250, 500, 2),
                argumentSet("4224-byte NVMe-MI maximum at TU 64", 64, 4224, 66),
                argumentSet("4224-byte NVMe-MI maximum at TU 250", 250, 4224, 17));
    }

    @DisplayName("exact multiples of the TU → no empty trailing packet")
    @ParameterizedTest
    @MethodSource("exactMultiples")
    void exactMultiple_noEmptyTail(int tu, int len, int packets) {
        List<MctpPacket> ps = new MctpFragmenter(tu).fragment(message(len, 7), DEST, SRC, true, 0, 0);
        assertEquals(packets, ps.size());
        assertFalse(ps.get(ps.size() - 1).payload().isEmpty());
    }

    @Test
    @DisplayName("empty message → one packet with SOM and EOM and no payload")
    void emptyMessage_singleEmptyPacket() {
        List<MctpPacket> ps = MctpFragmenter.baseline().fragment(Bytes.EMPTY, DEST, SRC, false, 2, 3);
        assertEquals(List.of(MctpPacket.of(DEST, SRC, true, true, 3, false, 2, Bytes.EMPTY)), ps);
    }

    @DisplayName("TU below the 64-byte baseline → IllegalArgumentException")
    @ParameterizedTest
    @ValueSource(ints = {63, 1, 0, -64})
    void tuBelowBaseline_rejected(int tu) {
        assertThrows(IllegalArgumentException.class, () -> new MctpFragmenter(tu));
    }

    @Test
    @DisplayName("starting seq outside 0..3 → IllegalArgumentException")
    void startSeqOutOfRange_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MctpFragmenter.baseline().fragment(Bytes.hex("84"), DEST, SRC, true, 0, 4));
    }

    @Test
    @DisplayName("explicit payload sizes → packets with exactly those sizes (size-error vectors)")
    void fragmentBySizes_layoutAsGiven() {
        Bytes m = message(140, 1);
        List<MctpPacket> ps = MctpFragmenter.fragmentBySizes(m, List.of(64, 63, 13), DEST, SRC, true, 1, 2);
        assertEquals(List.of(64, 63, 13), ps.stream().map(p -> p.payload().length()).toList());
        assertEquals(List.of(2, 3, 0), ps.stream().map(MctpPacket::seq).toList());
        assertTrue(ps.get(0).som() && !ps.get(0).eom());
        assertTrue(!ps.get(2).som() && ps.get(2).eom());
        assertThrows(IllegalArgumentException.class,
                () -> MctpFragmenter.fragmentBySizes(m, List.of(64, 64), DEST, SRC, true, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MctpFragmenter.fragmentBySizes(m, List.of(), DEST, SRC, true, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MctpFragmenter.fragmentBySizes(m, List.of(150, -10), DEST, SRC, true, 1, 0));
    }

    @Test
    @DisplayName("with / withSeqs → copies with single packets changed, original untouched")
    void mutationHelpers_copy() {
        List<MctpPacket> ps = MctpFragmenter.baseline().fragment(message(200, 2), DEST, SRC, true, 1, 0);
        List<MctpPacket> noSom = MctpFragmenter.with(ps, 0, p -> p.withSom(false));
        assertFalse(noSom.get(0).som());
        assertTrue(ps.get(0).som());
        assertEquals(List.of(0, 1, 3, 0), MctpFragmenter.withSeqs(ps, 0, 1, 3, 0).stream()
                .map(MctpPacket::seq).toList());
        assertThrows(IllegalArgumentException.class, () -> MctpFragmenter.withSeqs(ps, 0, 1));
    }

    @DisplayName("fragment → assemble round trip for random messages (fixed seed)")
    @ParameterizedTest
    @MethodSource("transmissionUnits")
    void randomMessages_roundTripThroughAssembler(int tu) {
        Random rnd = new Random(0x4D435450L + tu);
        MctpFragmenter f = new MctpFragmenter(tu);
        MctpAssembler a = new MctpAssembler();
        long now = 0;
        for (int i = 0; i < 200; i++) {
            Bytes m = message(rnd.nextInt(5 * tu), rnd.nextLong());
            int tag = rnd.nextInt(8);
            boolean to = rnd.nextBoolean();
            List<MctpPacket> ps = f.fragment(m, DEST, SRC, to, tag, rnd.nextInt(4));
            MctpAssembler.Event last = null;
            for (MctpPacket p : ps) {
                List<MctpAssembler.Event> events = a.accept(p, now += 1_000);
                assertEquals(1, events.size(), events::toString);
                last = events.get(0);
            }
            MctpAssembler.Complete c = assertInstanceOf(MctpAssembler.Complete.class, last);
            assertEquals(new MctpAssembler.Complete(m, SRC, DEST, tag, to, ps.size()), c);
            assertEquals(0, a.openCount());
        }
    }
}
