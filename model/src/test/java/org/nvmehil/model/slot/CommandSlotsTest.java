package org.nvmehil.model.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.smbus.SmbusTarget;
import org.nvmehil.model.support.SlotHost;
import org.nvmehil.model.support.SlotHost.Arrival;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Command slots on model time, through the model link with the real Management Endpoint (NVMe-MI 1.2 §4.2;
 * facts §7): the slot timeline, every control primitive in every slot state, More Processing Required,
 * Pause/Resume at packet boundaries, Replay offsets, Abort, the busy-slot policy and virtual time.
 */
class CommandSlotsTest {

    static final Duration LATENCY = Duration.ofMillis(100);
    /** Wire time of a full packet (64-byte payload, 73-byte frame) at 100 kHz. */
    static final Duration PACKET = SmbusTarget.wireTime(73, 100_000);
    static final Duration SECOND = Duration.ofSeconds(1);
    static final int CMD = 1;

    static MiRequest poll() {
        return new MiCommand.SubsystemHealthStatusPoll(false);
    }

    /** A two-packet request (72-byte Admin Identify) whose response has four packets (20 + 200 + 4 bytes). */
    static MiRequest identify() {
        return AdminRequest.identify(0, 1, 0, 0, 200);
    }

    static SlotHost host(Duration latency) {
        return new SlotHost(TestLab.defaults().timing(latency, 0, SECOND).config());
    }

    static SlotHost host() {
        return host(LATENCY);
    }

    private static Duration at(SlotHost h, String reasonPart) {
        return h.link.events().stream().filter(e -> e.reason().contains(reasonPart)).map(ModelEvent::at)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no event " + reasonPart + "\n" + h.events()));
    }

    // ------------------------------------------------------------------ timeline

    @Test
    @DisplayName("Idle → Receive (first packet) → Process (complete) → Transmit (ready) → Idle (last packet), each at its model time")
    void timeline_eachTransitionAtItsModelTime() {
        SlotHost h = host();
        List<MctpPacket> req = SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0));
        assertEquals(2, req.size());
        assertEquals(SlotState.IDLE, h.ssta(0));
        h.send(req.get(0));
        assertEquals(SlotState.RECEIVE, h.ssta(0));
        assertTrue(h.listen(Duration.ofMillis(50)).isEmpty());
        assertEquals(SlotState.RECEIVE, h.ssta(0));
        h.send(req.get(1));
        assertEquals(SlotState.PROCESS, h.ssta(0));
        assertTrue(h.listen(LATENCY.minusNanos(1)).isEmpty(), "nothing before responseLatency");
        assertEquals(SlotState.PROCESS, h.ssta(0));
        h.listen(Duration.ofNanos(1));
        assertEquals(SlotState.TRANSMIT, h.ssta(0), "ready after responseLatency");
        List<Arrival> rsp = h.receiveFor(CMD, SECOND);
        assertEquals(4, rsp.size());
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(rsp).status());

        assertEquals(List.of("IDLE -> RECEIVE", "RECEIVE -> PROCESS", "PROCESS -> TRANSMIT", "TRANSMIT -> IDLE"),
                h.transitions(0));
        assertEquals(Duration.ZERO, at(h, "-> RECEIVE"));
        assertEquals(Duration.ofMillis(50), at(h, "-> PROCESS"));
        assertEquals(Duration.ofMillis(150), at(h, "-> TRANSMIT"));
        assertEquals(Duration.ofMillis(150).plus(PACKET), rsp.get(0).at(), "first packet after one wire time");
        assertEquals(PACKET, rsp.get(1).at().minus(rsp.get(0).at()));
        assertEquals(rsp.get(3).at(), at(h, "TRANSMIT -> IDLE"), "Idle when the last packet is delivered");
        assertEquals(List.of(), h.transitions(1), "slot 1 untouched");
    }

    @Test
    @DisplayName("bad MIC: Receive → Idle when the message completes, no response, BMICE")
    void badMic_receiveThenIdle() {
        SlotHost h = host();
        Bytes good = SlotHost.onSlot(identify(), 0);
        Bytes bad = MiMessage.decode(good).get().withMic(0x1234).toWire();
        h.send(CMD, bad);
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertEquals(List.of("IDLE -> RECEIVE", "RECEIVE -> IDLE"), h.transitions(0));
        assertTrue(h.listen(SECOND).isEmpty());
        assertTrue(h.getState(2, 0, false).bmice());
    }

    @Test
    @DisplayName("reassembly timeout: a partial request is discarded after timing.reassemblyTimeout, slot Idle, a fresh message works")
    void reassemblyTimeout_slotIdle_freshMessageWorks() {
        SlotHost h = new SlotHost(TestLab.defaults().timing(Duration.ZERO, 0, SECOND).config(Duration.ofSeconds(2)));
        List<MctpPacket> req = SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0));
        h.send(req.get(0));
        assertTrue(h.listen(Duration.ofMillis(1999)).isEmpty());
        assertEquals(SlotState.RECEIVE, h.ssta(0));
        h.listen(Duration.ofMillis(1));
        assertEquals(SlotState.IDLE, h.ssta(0), "Idle at exactly 2 s");
        assertEquals(Duration.ofSeconds(2), at(h, "RECEIVE -> IDLE"));
        assertTrue(h.link.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.DROPPED
                && e.reason().contains("TIMEOUT") && e.at().equals(Duration.ofSeconds(2))), h::events);

        h.send(2, SlotHost.onSlot(identify(), 0));
        List<Arrival> rsp = h.receiveFor(2, SECOND);
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(rsp).status());
        assertFalse(h.getState(3, 0, false).cmnics(), "the timed-out message was not a busy-slot discard");
    }

    @Test
    @DisplayName("virtual time: a 5 s response latency costs no wall time")
    void fiveSecondWait_costsNoWallTime() {
        SlotHost h = host(Duration.ofSeconds(5));
        long wall = System.nanoTime();
        h.send(CMD, poll(), 0);
        assertTrue(h.listen(Duration.ofMillis(4999)).isEmpty());
        List<Arrival> rsp = h.receiveFor(CMD, Duration.ofSeconds(10));
        long wallMillis = (System.nanoTime() - wall) / 1_000_000;
        assertEquals(1, rsp.size());
        assertEquals(Duration.ofSeconds(5).plus(SmbusTarget.wireTime(rsp.get(0).frame().length(), 100_000)),
                rsp.get(0).at());
        assertTrue(wallMillis < 1000, "took " + wallMillis + " ms of wall time");
    }

    // ------------------------------------------------------------------ each primitive in each slot state

    /**
     * Slot 0 brought to {@code st} with an Identify (tag {@value #CMD}, two request packets, four response
     * packets, latency 100 ms). Idle means after a complete exchange, so a response is stored.
     */
    static SlotHost inState(SlotState st) {
        SlotHost h = host();
        List<MctpPacket> req = SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0));
        switch (st) {
            case IDLE -> {
                req.forEach(h::send);
                assertEquals(4, h.receiveFor(CMD, SECOND).size());
            }
            case RECEIVE -> h.send(req.get(0));
            case PROCESS -> req.forEach(h::send);
            case TRANSMIT -> {
                req.forEach(h::send);
                assertTrue(h.link.receive(SECOND).isPresent());
                h.received.clear();
            }
            default -> throw new AssertionError(st);
        }
        assertEquals(st, h.ssta(0));
        return h;
    }

    @ParameterizedTest
    @EnumSource(SlotState.class)
    @DisplayName("Get State reports the real SSTA of the named slot (the other slot Idle), PFLG clear")
    void getState_inEachState(SlotState st) {
        SlotHost h = inState(st);
        ManagementEndpointState mes = h.getState(5, 0, false);
        assertEquals(st, mes.ssta());
        assertFalse(mes.pflg());
        assertEquals(SlotState.IDLE, h.getState(6, 1, false).ssta());
    }

    @ParameterizedTest
    @EnumSource(SlotState.class)
    @DisplayName("Pause in each state: PFLG set; command responses stop at a packet boundary; Resume releases them")
    void pause_inEachState(SlotState st) {
        SlotHost h = inState(st);
        int before = h.all(CMD).size();
        assertEquals(MiStatus.SUCCESS.code, h.primitive(5, ControlPrimitive.pause(5)).status());
        assertTrue(h.getState(6, 0, false).pflg());
        if (st == SlotState.RECEIVE) {
            h.send(SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0)).get(1));
        }
        h.listen(SECOND);
        int expectedDuring = st == SlotState.TRANSMIT ? 1 : 0; // the packet on the wire when Pause came
        assertEquals(expectedDuring, h.all(CMD).size() - before, h::events);
        if (st != SlotState.IDLE) {
            assertEquals(SlotState.TRANSMIT, h.ssta(0), "ready, held by the pause");
        }
        h.primitive(7, ControlPrimitive.resume(7));
        assertFalse(h.getState(5, 0, false).pflg());
        List<Arrival> after = h.receiveFor(CMD, SECOND);
        if (st == SlotState.IDLE) {
            assertTrue(after.isEmpty());
        } else {
            assertEquals(st == SlotState.TRANSMIT ? 3 : 4, after.size(), "packets 1-3 after packet 0, or all four");
            assertTrue(after.get(after.size() - 1).packet().eom());
            assertEquals(SlotState.IDLE, h.ssta(0));
        }
    }

    @ParameterizedTest
    @EnumSource(SlotState.class)
    @DisplayName("Resume in each state: success, PFLG clear, the slot carries on")
    void resume_inEachState(SlotState st) {
        SlotHost h = inState(st);
        assertEquals(MiStatus.SUCCESS.code, h.primitive(5, ControlPrimitive.resume(5)).status());
        assertFalse(h.getState(6, 0, false).pflg());
        if (st == SlotState.RECEIVE) {
            h.send(SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0)).get(1));
        }
        int expected = switch (st) {
            case IDLE -> 0;
            case TRANSMIT -> 3;
            default -> 4;
        };
        assertEquals(expected, h.receiveFor(CMD, SECOND).size());
        assertEquals(SlotState.IDLE, h.ssta(0));
    }

    @ParameterizedTest
    @EnumSource(SlotState.class)
    @DisplayName("Abort in each state: CPAS (Idle 00b, Receive 01b, Process 10b, Transmit 00b), slot Idle, pause cleared, nothing left to replay")
    void abort_inEachState(SlotState st) {
        Map<SlotState, Integer> cpas = Map.of(SlotState.IDLE, 0, SlotState.RECEIVE, 1, SlotState.PROCESS, 2,
                SlotState.TRANSMIT, 0);
        SlotHost h = inState(st);
        h.primitive(4, ControlPrimitive.pause(4));
        ControlPrimitiveResponse r = h.primitive(5, ControlPrimitive.abort(0, 5));
        assertEquals(MiStatus.SUCCESS.code, r.status());
        assertEquals((int) cpas.get(st), r.cpas());
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertFalse(h.getState(6, 0, false).pflg(), "Abort clears the pause flag");
        if (st == SlotState.RECEIVE) {
            h.send(SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0)).get(1));
            assertTrue(h.link.events().stream().anyMatch(e -> e.reason().contains("aborted while receiving")), h::events);
            assertEquals(SlotState.IDLE, h.ssta(0));
        }
        List<Arrival> later = h.listen(SECOND);
        assertEquals(0, later.stream().filter(a -> a.packet().tag() == CMD).count(),
                "no response after Abort (the packet already on the wire was delivered before the Abort response)");
        assertFalse(h.primitive(7, ControlPrimitive.replay(0, 7, 0)).rr(), "the stored response is discarded");
        h.send(2, poll(), 0);
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(h.receiveFor(2, SECOND)).status(), "slot usable again");
    }

    @ParameterizedTest
    @EnumSource(SlotState.class)
    @DisplayName("Replay RRO 0 in each state: Idle → Transmit and resent, Transmit → restarts, Receive/Process (no MPR) → RR 0")
    void replay_inEachState(SlotState st) {
        SlotHost h = inState(st);
        Bytes original = st == SlotState.IDLE ? SlotHost.message(h.all(CMD)) : null;
        ControlPrimitiveResponse r = h.primitive(5, ControlPrimitive.replay(0, 5, 0));
        assertEquals(MiStatus.SUCCESS.code, r.status());
        boolean rr = st == SlotState.IDLE || st == SlotState.TRANSMIT;
        assertEquals(rr, r.rr());
        assertEquals(st == SlotState.IDLE ? SlotState.TRANSMIT : st, h.ssta(0));
        if (st == SlotState.RECEIVE) {
            h.send(SlotHost.packets(CMD, SlotHost.onSlot(identify(), 0)).get(1));
        }
        List<Arrival> rest = h.receiveFor(CMD, SECOND);
        if (st == SlotState.TRANSMIT) {
            // the packet on the wire when Replay came, then the whole response again from packet 0
            assertEquals(5, rest.size());
            assertTrue(rest.get(1).packet().som());
            rest = rest.subList(1, 5);
        } else {
            assertEquals(4, rest.size());
        }
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(rest).status());
        if (original != null) {
            assertEquals(original, SlotHost.message(rest), "the same response, the same MIC");
        }
        assertEquals(SlotState.IDLE, h.ssta(0));
    }

    // ------------------------------------------------------------------ Pause at packet boundaries

    @Test
    @DisplayName("Pause mid-response: the packet on the wire completes, the rest is held while control responses flow, Resume continues")
    void pause_midResponse_atPacketBoundary() {
        SlotHost h = inState(SlotState.TRANSMIT); // packet 0 received, packet 1 on the wire
        Duration t0 = h.now();
        h.primitive(5, ControlPrimitive.pause(5));
        List<Arrival> got = h.all(CMD);
        assertEquals(1, got.size(), "packet 1 finished before the Pause response");
        assertEquals(t0.plus(PACKET), got.get(0).at());
        assertEquals(1, got.get(0).packet().seq(), "it is packet 1 (seq 1)");
        for (int i = 0; i < 3; i++) {
            assertEquals(SlotState.TRANSMIT, h.getState(6, 0, false).ssta(), "Get State answered while paused");
        }
        assertTrue(h.listen(Duration.ofSeconds(2)).isEmpty(), "held");
        h.primitive(7, ControlPrimitive.resume(7));
        List<Arrival> rest = h.receiveFor(CMD, SECOND);
        assertEquals(List.of(1, 2, 3), rest.stream().map(a -> a.packet().seq()).toList());
        assertTrue(rest.get(2).packet().eom());
    }

    @Test
    @DisplayName("Pause on CSI 1: Invalid Parameter, nothing paused")
    void pauseOnSlot1_invalidParameter() {
        SlotHost h = host();
        ControlPrimitive p = ControlPrimitive.pause(5).withHeader(MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 1));
        h.send(5, p.seal().toWire());
        ControlPrimitiveResponse r = ControlPrimitiveResponse.decode(SlotHost.message(h.receiveFor(5, SECOND))).get();
        assertEquals(MiStatus.INVALID_PARAMETER.code, r.status());
        assertFalse(h.getState(6, 0, false).pflg());
    }

    // ------------------------------------------------------------------ Replay

    @Test
    @DisplayName("Replay RRO 0/1/2: packets from RRO, first with SOM, original header, seq and MIC; RRO 4 of 4 → Invalid Parameter")
    void replay_offsets() {
        SlotHost h = inState(SlotState.IDLE);
        List<MctpPacket> original = h.all(CMD).stream().map(Arrival::packet).toList();
        for (int rro = 0; rro <= 2; rro++) {
            assertTrue(h.primitive(5, ControlPrimitive.replay(0, 5, rro)).rr());
            List<MctpPacket> again = h.receiveFor(CMD, SECOND).stream().map(Arrival::packet).toList();
            assertEquals(4 - rro, again.size(), "from packet " + rro);
            assertTrue(again.get(0).som(), "first replayed packet has SOM");
            assertEquals(original.get(rro).withSom(true), again.get(0));
            assertEquals(original.subList(rro + 1, 4), again.subList(1, again.size()), "the rest unchanged");
            assertEquals(SlotState.IDLE, h.ssta(0));
        }
        ControlPrimitiveResponse bad = h.primitive(6, ControlPrimitive.replay(0, 6, 4));
        assertEquals(MiStatus.INVALID_PARAMETER.code, bad.status());
        assertEquals(0, bad.cpsr());
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertTrue(h.listen(SECOND).isEmpty());
        assertEquals(MiStatus.INVALID_PARAMETER.code, h.primitive(7, ControlPrimitive.replay(0, 7, 0xFF)).status());
    }

    @Test
    @DisplayName("Replay clears the pause (no separate Resume response) and is itself never held")
    void replay_clearsPause_noResumeResponse() {
        SlotHost h = inState(SlotState.IDLE);
        h.primitive(5, ControlPrimitive.pause(5));
        assertTrue(h.primitive(6, ControlPrimitive.replay(0, 6, 2)).rr());
        List<Arrival> all = h.listen(SECOND);
        assertEquals(2, all.stream().filter(a -> a.packet().tag() == CMD).count());
        assertEquals(0, all.stream().filter(a -> a.packet().tag() != CMD).count(), "only the Replay response was sent");
        assertFalse(h.getState(7, 0, false).pflg());
    }

    @Test
    @DisplayName("Replay on a paused Transmit restarts at RRO and goes out although the pause held the original")
    void replay_ofHeldResponse() {
        SlotHost h = inState(SlotState.PROCESS);
        h.primitive(5, ControlPrimitive.pause(5));
        h.listen(SECOND);
        assertEquals(SlotState.TRANSMIT, h.ssta(0));
        assertEquals(0, h.all(CMD).size());
        assertTrue(h.primitive(6, ControlPrimitive.replay(0, 6, 1)).rr());
        List<Arrival> rest = h.receiveFor(CMD, SECOND);
        assertEquals(3, rest.size());
        assertTrue(rest.get(0).packet().som());
        assertEquals(1, rest.get(0).packet().seq());
        assertEquals(SlotState.IDLE, h.ssta(0));
    }

    // ------------------------------------------------------------------ More Processing Required

    static SlotHost mprHost(int mprResponses, Duration mprt) {
        return new SlotHost(TestLab.defaults().timing(LATENCY, mprResponses, mprt).config());
    }

    @Test
    @DisplayName("MPR: the first N commands after reset get one MPR (01h, MPRT in 100 ms units) at completion, then the response after mprt, same tag")
    void mpr_timingAndFormat() {
        SlotHost h = mprHost(1, Duration.ofMillis(750));
        h.send(CMD, poll(), 0);
        List<Arrival> first = h.receiveFor(CMD, SECOND);
        assertEquals(1, first.size());
        MiResponse mpr = SlotHost.response(first);
        assertEquals(MiStatus.MORE_PROCESSING_REQUIRED.code, mpr.status());
        assertEquals(8, mpr.mprt().getAsInt(), "750 ms rounded up to 8 x 100 ms");
        assertEquals(Bytes.EMPTY, mpr.data());
        assertEquals(SmbusTarget.wireTime(first.get(0).frame().length(), 100_000), first.get(0).at(),
                "sent at completion, before responseLatency");
        assertEquals(SlotState.PROCESS, h.getState(2, 0, false).ssta(), "the MPR leaves the slot in Process");

        List<Arrival> fin = h.receiveFor(CMD, SECOND);
        assertEquals(1, fin.size());
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(fin).status());
        assertEquals(Duration.ofMillis(750).plus(SmbusTarget.wireTime(fin.get(0).frame().length(), 100_000)),
                fin.get(0).at(), "ready mprt after completion");
        assertEquals(CMD, fin.get(0).packet().tag());

        h.send(3, poll(), 0);
        List<Arrival> second = h.receiveFor(3, SECOND);
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(second).status(), "only the first command gets an MPR");
        long mprs = h.received.stream().filter(a -> a.packet().payload().length() > 4 && a.packet().payload().u8(4) == 0x01)
                .count();
        assertEquals(1, mprs, "at most one MPR per command (MI_MPR_ONCE)");
    }

    @Test
    @DisplayName("MPR while paused is discarded; the response is held until Resume")
    void mpr_whilePaused_isDiscarded() {
        SlotHost h = mprHost(1, Duration.ofMillis(500));
        h.primitive(5, ControlPrimitive.pause(5));
        h.send(CMD, poll(), 0);
        assertTrue(h.listen(SECOND).isEmpty(), "no MPR, no response");
        assertTrue(h.link.events().stream().anyMatch(e -> e.reason().contains("discarded, the ME is paused")), h::events);
        h.primitive(6, ControlPrimitive.resume(6));
        List<Arrival> fin = h.receiveFor(CMD, SECOND);
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(fin).status());
    }

    @Test
    @DisplayName("Replay in Process after an MPR resends the MPR with the remaining time; before any MPR it has nothing")
    void mpr_replayInProcess() {
        SlotHost h = mprHost(1, SECOND);
        h.send(CMD, poll(), 0);
        assertEquals(1, h.receiveFor(CMD, Duration.ofMillis(10)).size());
        h.listen(Duration.ofMillis(300));
        assertTrue(h.primitive(5, ControlPrimitive.replay(0, 5, 0)).rr());
        List<Arrival> again = h.receiveFor(CMD, Duration.ofMillis(50));
        assertEquals(1, again.size());
        MiResponse mpr = SlotHost.response(again);
        assertEquals(MiStatus.MORE_PROCESSING_REQUIRED.code, mpr.status());
        assertEquals(7, mpr.mprt().getAsInt(), "about 0.69 s left: 7 x 100 ms");
        assertEquals(MiStatus.INVALID_PARAMETER.code, h.primitive(6, ControlPrimitive.replay(0, 6, 1)).status(),
                "an MPR has one packet");
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(h.receiveFor(CMD, SECOND)).status());

        SlotHost noMpr = host();
        noMpr.send(CMD, poll(), 0);
        assertEquals(SlotState.PROCESS, noMpr.ssta(0));
        assertFalse(noMpr.primitive(5, ControlPrimitive.replay(0, 5, 0)).rr());
    }

    @Test
    @DisplayName("MPR count restarts after reset")
    void mpr_countRestartsAfterReset() {
        SlotHost h = mprHost(1, Duration.ofMillis(200));
        h.send(CMD, poll(), 0);
        assertEquals(MiStatus.MORE_PROCESSING_REQUIRED.code, SlotHost.response(h.receiveFor(CMD, SECOND)).status());
        h.receiveFor(CMD, SECOND);
        h.link.reset();
        h.send(2, poll(), 0);
        assertEquals(MiStatus.MORE_PROCESSING_REQUIRED.code, SlotHost.response(h.receiveFor(2, SECOND)).status());
    }

    // ------------------------------------------------------------------ two slots, busy slot

    @Test
    @DisplayName("two slots: one command in flight on each, each answered with its own CSI")
    void twoSlots_inFlightTogether() {
        SlotHost h = host();
        h.send(1, identify(), 0);
        h.send(2, poll(), 1);
        assertEquals(SlotState.PROCESS, h.ssta(0));
        assertEquals(SlotState.PROCESS, h.ssta(1));
        List<Arrival> r0 = h.receiveFor(1, SECOND);
        List<Arrival> r1 = h.receiveFor(2, SECOND);
        assertEquals(0, SlotHost.response(r0).header().csi());
        assertEquals(1, SlotHost.response(r1).header().csi());
        assertEquals(MiStatus.SUCCESS.code, SlotHost.response(r1).status());
        assertTrue(r1.get(0).at().compareTo(r0.get(3).at()) > 0, "command responses do not interleave: slot 0 was ready first");
    }

    @Test
    @DisplayName("busy slot (Process): the new command message is dropped, CMNICS set, the first is answered")
    void busySlot_newMessageDropped_cmnics() {
        SlotHost h = host();
        h.send(1, identify(), 0);
        h.send(2, poll(), 0);
        assertTrue(h.link.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.DROPPED
                && e.reason().contains("CMNICS")), h::events);
        assertEquals(4, h.receiveFor(1, SECOND).size());
        assertTrue(h.receiveFor(2, SECOND).isEmpty(), "the second command is never answered");
        ManagementEndpointState mes = h.getState(3, 0, true);
        assertTrue(mes.cmnics());
        assertFalse(h.getState(4, 0, false).cmnics(), "CESF cleared it");
        h.send(5, poll(), 0);
        assertEquals(1, h.receiveFor(5, SECOND).size(), "the ME stays responsive");
    }

    @Test
    @DisplayName("busy slot (Transmit): a command message arriving during the response is dropped too")
    void busySlot_transmit() {
        SlotHost h = inState(SlotState.TRANSMIT);
        h.send(2, poll(), 0);
        assertEquals(3, h.receiveFor(CMD, SECOND).size());
        assertTrue(h.receiveFor(2, SECOND).isEmpty());
        assertTrue(h.getState(3, 0, false).cmnics());
    }

    @Test
    @DisplayName("slot in Receive with another message: the new message replaces the partial one (CMNICS), its late packets are discarded")
    void busySlot_receive_replacesPartial() {
        SlotHost h = host();
        List<MctpPacket> a = SlotHost.packets(1, SlotHost.onSlot(identify(), 0));
        h.send(a.get(0));
        h.send(2, poll(), 0);
        assertEquals(1, h.receiveFor(2, SECOND).size());
        h.send(a.get(1));
        assertTrue(h.receiveFor(1, SECOND).isEmpty());
        assertTrue(h.getState(3, 0, false).cmnics());
        assertEquals(SlotState.IDLE, h.ssta(0));
    }

    @Test
    @DisplayName("the same message restarted (new SOM, same tag) while being received is not a busy-slot discard")
    void sameMessageRestarted_notCmnics() {
        SlotHost h = host();
        List<MctpPacket> a = SlotHost.packets(1, SlotHost.onSlot(identify(), 0));
        h.send(a.get(0));
        a.forEach(h::send);
        assertEquals(4, h.receiveFor(1, SECOND).size());
        assertFalse(h.getState(3, 0, false).cmnics());
    }

    @Test
    @DisplayName("NVM Subsystem Reset: no response, its slot and the other back to Idle, stored responses gone")
    void subsystemReset_resetsSlots() {
        SlotHost h = host();
        h.send(1, poll(), 1);
        assertEquals(1, h.receiveFor(1, SECOND).size());
        h.send(2, MiCommand.Reset.nvmSubsystem(), 0);
        assertTrue(h.listen(SECOND).isEmpty());
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertFalse(h.primitive(3, ControlPrimitive.replay(1, 3, 0)).rr());
    }

    @Test
    @DisplayName("ModelControl.reset: slots Idle, pause clear, nothing queued")
    void modelReset() {
        SlotHost h = inState(SlotState.TRANSMIT);
        h.primitive(5, ControlPrimitive.pause(5));
        h.link.reset();
        assertEquals(SlotState.IDLE, h.ssta(0));
        assertFalse(h.link.endpointState().isSet(Flag.PFLG));
        assertTrue(h.listen(SECOND).isEmpty());
        assertFalse(h.primitive(6, ControlPrimitive.replay(0, 6, 0)).rr());
    }

    @Test
    @DisplayName("MES bits: PFLG is bit 15 and survives CESF")
    void pflg_survivesCesf() {
        SlotHost h = host();
        h.primitive(5, ControlPrimitive.pause(5));
        assertTrue(h.getState(6, 0, true).pflg());
        assertTrue(h.getState(7, 0, true).pflg());
        assertEquals(1 << 15, h.getState(4, 0, false).mes() & 0x8000);
        assertTrue(h.link.endpointState().isSet(Flag.PFLG));
    }
}
