package org.nvmehil.model.mctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Every way the MCTP endpoint drops a request: no response, one DROPPED event naming the reason, and exactly
 * the MES flag facts §7.4 assigns (or none).
 */
class DropPathTest {

    private final Bench bench = new Bench();
    private static final Bytes GET_EID = Bench.controlRequest(0x02, 0, Bytes.EMPTY);

    private void assertDropped(List<Bytes> out, String reasonPart, Set<Flag> flags) {
        assertTrue(out.isEmpty(), () -> "expected silence, got " + out);
        List<ModelEvent> dropped = bench.events(ModelEvent.Kind.DROPPED);
        assertEquals(1, dropped.size(), () -> "events: " + bench.events.snapshot());
        assertTrue(dropped.get(0).reason().contains(reasonPart), dropped.get(0)::toString);
        assertEquals(flags, bench.flags());
    }

    private List<Bytes> send(MctpPacket p) {
        return bench.write(Bench.frame(p.encode()));
    }

    private static MctpPacket getEid() {
        return MctpPacket.decode(Bench.packet(0, GET_EID)).get();
    }

    @Test
    void badHeaderVersion_bhvs() {
        assertDropped(send(getEid().withHdrVersion(2)), "header version 2h", Set.of(Flag.BHVS));
    }

    @Test
    void unknownDestinationEid_udstid() {
        assertDropped(send(getEid().withDestEid(0x33)), "destination EID 33h", Set.of(Flag.UDSTID));
    }

    @Test
    void broadcastDestination_isNotOurs_udstid() {
        assertDropped(send(getEid().withDestEid(0xFF)), "destination EID FFh", Set.of(Flag.UDSTID));
    }

    @Test
    void nullDestinationEid_isAccepted() {
        assertEquals(1, send(getEid().withDestEid(0x00)).size());
        assertTrue(bench.flags().isEmpty());
    }

    @Test
    void tagOwnerClear_buemt() {
        assertDropped(send(getEid().withTagOwner(false)), "TO = 0", Set.of(Flag.BUEMT));
    }

    @Test
    void broadcastSourceEid_droppedWithoutFlag() {
        assertDropped(send(getEid().withSrcEid(0xFF)), "source EID FFh", Set.of());
    }

    @Test
    void packetShorterThanHeader_bpopl() {
        assertDropped(bench.write(Bench.frame(Bytes.ofUnsigned(0x01, 0x09, 0x08))),
                "no complete MCTP header", Set.of(Flag.BPOPL));
    }

    private List<MctpPacket> twoPacketRequest() {
        Bytes big = MiMessage.seal(Bytes.hex("84 08 00 00 01 00 00 00").concat(Bytes.zeros(80))).toWire();
        return MctpFragmenter.baseline().fragment(big, TestConfigs.ME_EID, TestConfigs.HOST_EID, true, 2, 0);
    }

    @Test
    void endPacketWithoutSom_umep() {
        assertDropped(send(twoPacketRequest().get(1)), "NO_SOM", Set.of(Flag.UMEP));
    }

    @Test
    void sequenceError_ospsn() {
        List<MctpPacket> p = twoPacketRequest();
        assertTrue(send(p.get(0)).isEmpty());
        assertDropped(send(p.get(1).withSeq(3)), "SEQUENCE_ERROR", Set.of(Flag.OSPSN));
    }

    @Test
    void middlePacketOfWrongSize_itu() {
        Bytes big = MiMessage.seal(Bytes.hex("84 08 00 00 01 00 00 00").concat(Bytes.zeros(150))).toWire();
        List<MctpPacket> p = MctpFragmenter.fragmentBySizes(big, List.of(64, 60, big.length() - 124),
                TestConfigs.ME_EID, TestConfigs.HOST_EID, true, 1, 0);
        send(p.get(0));
        assertDropped(send(p.get(1)), "SIZE_ERROR", Set.of(Flag.ITU));
    }

    @Test
    void messageLongerThan4224_tooLong_eventOnly() {
        Bytes huge = Bytes.ofUnsigned(0x84).concat(Bytes.zeros(MiMessage.MAX_SIZE));
        List<MctpPacket> p = MctpFragmenter.baseline().fragment(huge, TestConfigs.ME_EID, TestConfigs.HOST_EID, true,
                0, 0);
        List<Bytes> out = p.stream().flatMap(x -> send(x).stream()).toList();
        assertDropped(out, "TOO_LONG", Set.of());
        assertTrue(bench.mi.handled.isEmpty());
    }

    @Test
    void reassemblyTimeout_inModelTime_eventOnly() {
        Bench b = new Bench(TestConfigs.withReassemblyTimeout(Duration.ofSeconds(2)), EidPolicy.DYNAMIC);
        List<MctpPacket> p = twoPacketRequest();
        b.write(Bench.frame(p.get(0).encode()));
        b.clock.advance(Duration.ofMillis(1999));
        b.core.expire();
        assertTrue(b.events(ModelEvent.Kind.DROPPED).isEmpty());
        b.clock.advance(Duration.ofMillis(1));
        b.core.expire();
        List<ModelEvent> d = b.events(ModelEvent.Kind.DROPPED);
        assertEquals(1, d.size());
        assertTrue(d.get(0).reason().contains("TIMEOUT"), d.get(0)::toString);
        assertEquals(Duration.ofSeconds(2), d.get(0).at());
        // The end packet now has nothing to join: UMEP.
        assertTrue(b.write(Bench.frame(p.get(1).encode())).isEmpty());
        assertEquals(Set.of(Flag.UMEP), b.flags());
    }

    @Test
    void newSomAbandonsPartial_eventThenNewMessageAnswered() {
        List<MctpPacket> p = twoPacketRequest();
        send(p.get(0));
        List<Bytes> out = send(MctpPacket.decode(Bench.packet(2, Bench.miRequest(0x01))).get());
        assertEquals(1, out.size());
        assertTrue(bench.events(ModelEvent.Kind.DROPPED).get(0).reason().contains("NEW_SOM_ABANDONED_PARTIAL"));
        assertTrue(bench.flags().isEmpty());
    }

    @Test
    void unsupportedMessageType_dropped() {
        assertDropped(bench.exchange(0, Bytes.ofUnsigned(0x01, 0x02, 0x03)), "message type 01h", Set.of());
    }

    @Test
    void emptyMessage_dropped() {
        assertDropped(send(MctpPacket.single(TestConfigs.ME_EID, TestConfigs.HOST_EID, true, 0, Bytes.EMPTY)),
                "empty message", Set.of());
    }

    @Test
    void miHandlerDrop_isLoggedWithItsReason() {
        Bytes bad = MiMessage.decode(Bench.miRequest(0x01)).get().withMic(0x12345678L).toWire();
        assertDropped(bench.exchange(0, bad), "NVMe-MI: bad MIC", Set.of());
    }

    @Test
    void miIcClear_droppedByHandler() {
        Bytes req = Bench.miRequest(0x01);
        Bytes icClear = MiMessage.seal(req.slice(0, req.length() - 4).withByte(0, 0x04)).toWire();
        assertDropped(bench.exchange(0, icClear), "NVMe-MI: IC = 0", Set.of());
    }

    @Test
    void silentOutcome_isInfoNotDrop() {
        bench.mi.nextSilent = true;
        assertTrue(bench.exchange(0, Bench.miRequest(0x01)).isEmpty());
        assertTrue(bench.events(ModelEvent.Kind.DROPPED).isEmpty());
        assertEquals(ModelEvent.Kind.INFO, bench.lastEvent().kind());
    }
}
