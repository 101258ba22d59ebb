package org.nvmehil.suites.slots;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.ModelOnly;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.Mi;
import org.nvmehil.suites.support.Slots;

/** Control primitives: Pause, Resume, Abort, Get State, Replay (NVMe-MI 1.2 §4.2.1; UNH-IOL 7.x). */
@Conformance
@DisplayName("NVMe-MI control primitives (NVMe-MI 1.2 §4.2.1)")
class ControlPrimitiveTest {

    static Stream<Arguments> tagged() {
        return Stream.of(0x00, 0x5A, 0xFF).flatMap(tag -> Stream.of(
                argumentSet(String.format("Get State, TAG %02Xh", tag), ControlPrimitive.getState(0, tag, false)),
                argumentSet(String.format("Resume, TAG %02Xh", tag), ControlPrimitive.resume(tag)),
                argumentSet(String.format("Abort, TAG %02Xh", tag), ControlPrimitive.abort(1, tag)),
                argumentSet(String.format("Replay, TAG %02Xh", tag), ControlPrimitive.replay(1, tag, 0)),
                argumentSet(String.format("Pause, TAG %02Xh", tag), ControlPrimitive.pause(tag))));
    }

    /** Assertions: every control primitive response echoes the request's TAG (UNH-IOL 7.1). Teardown: Resume. */
    @ParameterizedTest(name = "{argumentSetName} → TAG echoed")
    @MethodSource("tagged")
    @Spec(Req.MI_CP_TAG_ECHO)
    void controlPrimitive_echoesTag(ControlPrimitive request, MiClient mi) {
        try {
            Slots.primitive(mi, request);
        } finally {
            Slots.primitive(mi, ControlPrimitive.resume(0x01));
        }
    }

    /** Assertions: reserved control primitive opcodes complete with 03h Invalid Command Opcode. */
    @ParameterizedTest(name = "control primitive opcode {0} → 03h")
    @ValueSource(ints = {0x05, 0x7F, 0xEF})
    @Spec(Req.MI_CP_INVALID_OPCODE)
    void reservedOpcode_isInvalidCommandOpcode(int cpo, MiClient mi) {
        ControlPrimitiveResponse r = Slots.primitive(mi, new ControlPrimitive(ControlPrimitive.pause(0).header(), cpo, 0x21, 0));
        Expect.equal(Req.MI_CP_INVALID_OPCODE, "status", MiStatus.INVALID_COMMAND_OPCODE.code, r.status(), mi.lastEvidence());
    }

    // ---------------------------------------------------------------- Get State (§4.2.1.4)

    /** Assertions: with nothing outstanding, both slots report Idle and the pause flag is clear. */
    @Test
    @DisplayName("Get State with nothing outstanding → both slots Idle, not paused")
    @Spec(Req.MI_CP_GET_STATE)
    void getState_idleSlots(MiClient mi) {
        for (int csi = 0; csi < 2; csi++) {
            ManagementEndpointState s = Slots.getState(mi, csi, false);
            Slots.require(s.ssta() == SlotState.IDLE && !s.pflg(), Req.MI_CP_GET_STATE, "slot " + csi + ": " + s, mi);
        }
    }

    /** Steps: send the first of two packets of a command. Assertions: Get State reports the slot Receiving. */
    @Test
    @DisplayName("Get State while a command's packets are arriving → Receive")
    @Spec(Req.MI_CP_GET_STATE)
    void getState_receive(MiClient mi) {
        Slots.sendFirstPacketOnly(mi, Slots.identify(0).seal());
        try {
            ManagementEndpointState s = Slots.getState(mi, 0, false);
            Slots.require(s.ssta() == SlotState.RECEIVE, Req.MI_CP_GET_STATE, "slot 0 is " + s.ssta() + ", expected RECEIVE", mi);
        } finally {
            Slots.primitive(mi, ControlPrimitive.abort(0, 0x0A));
        }
    }

    /**
     * Steps: send a long command; Get State before its response has been read. Assertions: Process or
     * Transmit while it is outstanding; Idle once it has been read.
     */
    @Test
    @DisplayName("Get State while a response is outstanding → Process or Transmit, then Idle")
    @Spec(Req.MI_CP_GET_STATE)
    void getState_outstandingThenIdle(MiClient mi) {
        MiRequest cmd = Slots.identify(0);
        int tag = mi.submit(cmd.seal());
        ManagementEndpointState during = Slots.getState(mi, 0, false);
        Exchange ex = mi.await(tag, mi.timing().responseTimeout());
        Mi.answer(mi, cmd.seal(), ex);
        Slots.require(during.ssta() == SlotState.PROCESS || during.ssta() == SlotState.TRANSMIT, Req.MI_CP_GET_STATE,
                "slot 0 reported " + during.ssta() + " while its response was outstanding", mi);
        ManagementEndpointState after = Slots.getState(mi, 0, false);
        Slots.require(after.ssta() == SlotState.IDLE, Req.MI_CP_GET_STATE, "slot 0 is " + after.ssta() + " after its response", mi);
    }

    /**
     * Steps: send a request with a bad MIC (BMICE); Get State with CESF = 0 twice, then CESF = 1, then
     * CESF = 0. Assertions: the flag stays until a CESF = 1 report, which still shows it, and is clear after.
     */
    @Test
    @DisplayName("Get State with CESF = 1 → reports, then clears the error flags")
    @Spec(Req.MI_CP_GET_STATE)
    void getStateCesf_clearsErrorFlagsAfterReporting(MiClient mi) {
        Slots.getState(mi, 0, true);
        mi.exchange(Slots.poll(0).seal().withMic(0).toWire(), mi.timing().silenceWindow());
        Slots.require(Slots.getState(mi, 0, false).bmice(), Req.MI_CP_GET_STATE, "BMICE not reported (CESF = 0)", mi);
        Slots.require(Slots.getState(mi, 0, false).bmice(), Req.MI_CP_GET_STATE, "BMICE cleared by a CESF = 0 report", mi);
        Slots.require(Slots.getState(mi, 0, true).bmice(), Req.MI_CP_GET_STATE, "BMICE not reported (CESF = 1)", mi);
        Slots.require(!Slots.getState(mi, 0, false).bmice(), Req.MI_CP_GET_STATE, "BMICE still set after CESF = 1", mi);
    }

    // ---------------------------------------------------------------- Pause / Resume (§4.2.1.1-2)

    /** Assertions: Pause with CSI = 1 gets 04h Invalid Parameter (the CSI bit must be 0). */
    @Test
    @DisplayName("Pause with CSI = 1 → 04h Invalid Parameter")
    @Spec(Req.MI_CP_PAUSE)
    void pauseOnSlot1_isInvalidParameter(MiClient mi) {
        ControlPrimitive pause = ControlPrimitive.pause(0x31);
        ControlPrimitiveResponse r = Slots.primitive(mi, pause.withHeader(MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 1)));
        Slots.primitive(mi, ControlPrimitive.resume(0x32));
        Expect.equal(Req.MI_CP_PAUSE, "status", MiStatus.INVALID_PARAMETER.code, r.status(), mi.lastEvidence());
    }

    /**
     * Steps: send a 65-packet response's command; let a few packets arrive; Pause; listen for the silence
     * window; Get State; Resume; collect the rest. Assertions: at most the packet on the wire arrives while
     * paused; PFLG set; after Resume the rest follows and the response is whole and valid.
     */
    @Test
    @DisplayName("Pause in the middle of a multi-packet response → stops at a packet boundary, Resume completes it")
    @Spec({Req.MI_CP_PAUSE, Req.MI_CP_RESUME})
    void pauseResume_aroundMultiPacketResponse(MiClient mi) {
        checkPauseResume(mi);
    }

    static void checkPauseResume(MiClient mi) {
        MiRequest cmd = Slots.identify(0);
        int tag = mi.submit(cmd.seal());
        mi.listen(mi.timing().silenceWindow().dividedBy(25));
        Slots.ok(mi, ControlPrimitive.pause(0x41), Req.MI_CP_PAUSE);
        int atPause = mi.receivedSoFar(tag);
        mi.listen(mi.timing().silenceWindow());
        int later = mi.receivedSoFar(tag);
        Assumptions.assumeTrue(atPause < 60, "not applicable: the response was (nearly) complete before Pause was sent");
        Slots.require(later <= atPause + 1, Req.MI_CP_PAUSE,
                (later - atPause) + " response packets arrived while paused (at most the one on the wire may)", mi);
        Slots.require(Slots.getState(mi, 0, false).pflg(), Req.MI_CP_PAUSE, "PFLG clear after Pause", mi);
        Slots.ok(mi, ControlPrimitive.resume(0x42), Req.MI_CP_RESUME);
        Exchange ex = mi.await(tag, mi.timing().responseTimeout());
        Mi.answer(mi, cmd.seal(), ex).requireStatus(MiStatus.SUCCESS, Req.MI_CP_RESUME);
        Slots.require(!Slots.getState(mi, 0, false).pflg(), Req.MI_CP_RESUME, "PFLG still set after Resume", mi);
    }

    /** Assertions: Pause while already paused succeeds; one Resume clears it. */
    @Test
    @DisplayName("Pause twice → both succeed, one Resume clears the pause")
    @Spec({Req.MI_CP_PAUSE, Req.MI_CP_RESUME})
    void pauseTwice_isFine(MiClient mi) {
        Slots.ok(mi, ControlPrimitive.pause(0x51), Req.MI_CP_PAUSE);
        Slots.ok(mi, ControlPrimitive.pause(0x52), Req.MI_CP_PAUSE);
        Slots.ok(mi, ControlPrimitive.resume(0x53), Req.MI_CP_RESUME);
        Slots.require(!Slots.getState(mi, 0, false).pflg(), Req.MI_CP_RESUME, "PFLG still set after Resume", mi);
    }

    // ---------------------------------------------------------------- Abort (§4.2.1.3)

    /** Assertions: Abort of an idle slot succeeds with CPAS 00b. */
    @Test
    @DisplayName("Abort of an idle slot → CPAS 00b")
    @Spec(Req.MI_CP_ABORT)
    void abortIdle_reportsNothingAborted(MiClient mi) {
        ControlPrimitiveResponse r = Slots.ok(mi, ControlPrimitive.abort(1, 0x61), Req.MI_CP_ABORT);
        Expect.equal(Req.MI_CP_ABORT, "CPAS", 0b00, r.cpas(), mi.lastEvidence());
    }

    /**
     * Steps: send the first packet of a two-packet command; Abort; send a new command on that slot.
     * Assertions: CPAS 01b (aborted before processing); the slot is Idle; the new command is answered.
     */
    @Test
    @DisplayName("Abort while a command is being received → CPAS 01b, slot Idle, next command answered")
    @Spec(Req.MI_CP_ABORT)
    void abortDuringReceive_discardsThePartialCommand(MiClient mi) {
        Slots.sendFirstPacketOnly(mi, Slots.identify(0).seal());
        ControlPrimitiveResponse r = Slots.ok(mi, ControlPrimitive.abort(0, 0x62), Req.MI_CP_ABORT);
        Expect.equal(Req.MI_CP_ABORT, "CPAS", 0b01, r.cpas(), mi.lastEvidence());
        Slots.require(Slots.getState(mi, 0, false).ssta() == SlotState.IDLE, Req.MI_CP_ABORT, "slot 0 not Idle after Abort", mi);
        Mi.ok(mi, Slots.poll(0), Req.MI_CP_ABORT);
    }

    /**
     * Steps: send a 65-packet response's command; let a few packets arrive; Abort; listen. Assertions: the
     * response stops (at most one packet follows the Abort response), the slot is Idle and not paused, and Replay
     * finds nothing to resend (the stored response was discarded).
     */
    @Test
    @DisplayName("Abort during a multi-packet response → transmission stops, slot Idle, nothing to replay")
    @Spec(Req.MI_CP_ABORT)
    void abortDuringTransmission_stopsTheResponse(MiClient mi) {
        checkAbortDuringTransmission(mi);
    }

    static void checkAbortDuringTransmission(MiClient mi) {
        int tag = mi.submit(Slots.identify(0).seal());
        mi.listen(mi.timing().silenceWindow().dividedBy(25));
        int before = mi.receivedSoFar(tag);
        Assumptions.assumeTrue(before < 60, "not applicable: the response was (nearly) complete before Abort was sent");
        Slots.ok(mi, ControlPrimitive.abort(0, 0x63), Req.MI_CP_ABORT);
        // Packets the DUT sent before it saw the Abort may still be in the host's receive buffers (a pty, a USB
        // bridge): count only those that arrive after the Abort response, in stream order; one may be in flight.
        int atAbortResponse = mi.receivedSoFar(tag);
        Exchange rest = mi.await(tag, mi.timing().silenceWindow());
        int after = rest.received().size() - atAbortResponse;
        Slots.require(!rest.answered() && after <= 1, Req.MI_CP_ABORT,
                after + " packets after the Abort response (" + before + " before Abort was sent)"
                        + (rest.answered() ? "; the response completed" : ""), mi);
        ManagementEndpointState s = Slots.getState(mi, 0, false);
        Slots.require(s.ssta() == SlotState.IDLE && !s.pflg(), Req.MI_CP_ABORT, "after Abort: " + s, mi);
        ControlPrimitiveResponse replay = Slots.ok(mi, ControlPrimitive.replay(0, 0x64, 0), Req.MI_CP_ABORT);
        Slots.require(!replay.rr(), Req.MI_CP_ABORT, "Replay after Abort found a response to resend (RR = 1)", mi);
    }

    /** Steps: Pause; Abort slot 0. Assertions: Abort clears the pause flag. */
    @Test
    @DisplayName("Abort → clears the pause flag")
    @Spec(Req.MI_CP_ABORT)
    void abort_clearsPause(MiClient mi) {
        Slots.ok(mi, ControlPrimitive.pause(0x65), Req.MI_CP_PAUSE);
        Slots.ok(mi, ControlPrimitive.abort(0, 0x66), Req.MI_CP_ABORT);
        Slots.require(!Slots.getState(mi, 0, false).pflg(), Req.MI_CP_ABORT, "PFLG still set after Abort", mi);
    }

    // ---------------------------------------------------------------- Replay (§4.2.1.5)

    /** Sends two commands on slot 0 and returns the second's response packets (5 packets: VPD Read of 256 bytes). */
    static Exchange lastResponseOnSlot0(MiClient mi) {
        Mi.ok(mi, Slots.poll(0), Req.MI_CP_REPLAY);
        MiRequest vpd = new MiCommand.VpdRead(0, 256);
        Exchange ex = mi.send(vpd);
        Mi.answer(mi, vpd.seal(), ex);
        return ex;
    }

    /**
     * Steps: a 5-packet response on slot 0; Replay with RRO; listen. Assertions: RR = 1; the replayed packets
     * are the original ones from packet RRO on, the first with SOM = 1, with the original tag (UNH-IOL 7.4, 7.5).
     */
    @ParameterizedTest(name = "Replay from packet {0} → original packets from {0}, first with SOM")
    @ValueSource(ints = {0, 1, 2, 4})
    @Spec(Req.MI_CP_REPLAY)
    void replay_resendsFromOffset(int rro, MiClient mi) {
        checkReplay(mi, rro);
    }

    static void checkReplay(MiClient mi, int rro) {
        Exchange original = lastResponseOnSlot0(mi);
        List<MctpPacket> sent = original.responsePackets();
        ControlPrimitiveResponse r = Slots.ok(mi, ControlPrimitive.replay(0, 0x71, rro), Req.MI_CP_REPLAY);
        Slots.require(r.rr(), Req.MI_CP_REPLAY, "RR = 0 although slot 0 has a response to replay", mi);
        List<MctpPacket> again = Slots.packetsWithTag(mi.listen(mi.timing().responseTimeout()), original.tag());
        Slots.require(again.size() == sent.size() - rro, Req.MI_CP_REPLAY,
                again.size() + " packets replayed from RRO " + rro + ", expected " + (sent.size() - rro), mi);
        Slots.require(again.get(0).som() && again.get(again.size() - 1).eom(), Req.MI_CP_REPLAY,
                "first replayed packet SOM=" + again.get(0).som() + ", last EOM=" + again.get(again.size() - 1).eom(), mi);
        for (int i = 0; i < again.size(); i++) {
            Slots.require(again.get(i).payload().equals(sent.get(rro + i).payload()), Req.MI_CP_REPLAY,
                    "replayed packet " + (rro + i) + " differs from the original: " + again.get(i), mi);
        }
    }

    /** Assertions: Replay with an offset past the last packet gets 04h Invalid Parameter. */
    @Test
    @DisplayName("Replay from past the last packet → 04h Invalid Parameter")
    @Spec(Req.MI_CP_REPLAY)
    void replayPastLastPacket_isInvalidParameter(MiClient mi) {
        int packets = lastResponseOnSlot0(mi).responsePackets().size();
        ControlPrimitiveResponse r = Slots.primitive(mi, ControlPrimitive.replay(0, 0x72, packets));
        Expect.equal(Req.MI_CP_REPLAY, "status", MiStatus.INVALID_PARAMETER.code, r.status(), mi.lastEvidence());
    }

    /** Assertions: Replay on a slot that never answered anything gets RR = 0 and nothing is sent. */
    @Test
    @DisplayName("Replay with nothing stored → RR = 0, nothing resent")
    @Spec(Req.MI_CP_REPLAY)
    void replayNothingStored_reportsNothing(MiClient mi) {
        ControlPrimitiveResponse r = Slots.ok(mi, ControlPrimitive.replay(1, 0x73, 0), Req.MI_CP_REPLAY);
        Slots.require(!r.rr(), Req.MI_CP_REPLAY, "RR = 1 on a slot with no response", mi);
        Expect.silence(mi.listen(mi.timing().silenceWindow()), Req.MI_CP_REPLAY);
    }

    /** Steps: a response on slot 0; Pause; Replay. Assertions: the replay is sent anyway and no slot stays paused. */
    @Test
    @DisplayName("Replay while paused → resent anyway, pause cleared")
    @Spec(Req.MI_CP_REPLAY)
    void replayWhilePaused_resendsAndUnpauses(MiClient mi) {
        Exchange original = lastResponseOnSlot0(mi);
        Slots.ok(mi, ControlPrimitive.pause(0x74), Req.MI_CP_PAUSE);
        Slots.ok(mi, ControlPrimitive.replay(0, 0x75, 0), Req.MI_CP_REPLAY);
        List<MctpPacket> again = Slots.packetsWithTag(mi.listen(mi.timing().responseTimeout()), original.tag());
        Slots.require(again.size() == original.responsePackets().size(), Req.MI_CP_REPLAY,
                again.size() + " packets replayed while paused, expected " + original.responsePackets().size(), mi);
        Slots.require(!Slots.getState(mi, 0, false).pflg(), Req.MI_CP_REPLAY, "PFLG still set after Replay", mi);
    }

    /**
     * Setup (model only): the model loses one response. Steps: send a health poll (no response); Replay
     * slot 0. Assertions: RR = 1 and the response arrives, whole and valid (UNH-IOL 7.4).
     */
    @Test
    @ModelOnly
    @DisplayName("Replay after a lost response → the response arrives")
    @Spec(Req.MI_CP_REPLAY)
    void replayAfterLostResponse_recoversIt(MiClient mi, Dut dut) {
        dut.model().orElseThrow().arm(FaultRule.once(new Fault.NoResponse()));
        MiMessage poll = Slots.poll(0).seal();
        Exchange lost = mi.send(poll);
        org.junit.jupiter.api.Assertions.assertFalse(lost.answered(), "the armed NoResponse fault did not lose the response");
        ControlPrimitiveResponse r = Slots.ok(mi, ControlPrimitive.replay(0, 0x76, 0), Req.MI_CP_REPLAY);
        Slots.require(r.rr(), Req.MI_CP_REPLAY, "RR = 0 after a response the host never received", mi);
        Exchange again = mi.listen(mi.timing().responseTimeout());
        Expect.response(again, Req.MI_CP_REPLAY);
        Expect.none(MiMessage.decode(again.response().orElseThrow()).violations(), again.response().orElseThrow());
    }
}
