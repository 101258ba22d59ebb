package org.nvmehil.model.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.smbus.SmbusTarget;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.SlotHost;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpAssembler;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.control.ControlHeader;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * Every {@link Fault} changes exactly the one thing it names: the faulty output is decoded with the protocol
 * codecs and compared with the clean output of an identical model.
 */
class FaultTest {

    private static final Bytes MI_REQ = Bench.miRequest(0x01);
    private static final Bytes GET_EID = Bench.controlRequest(0x02, 4, Bytes.EMPTY);

    /** The response frames of a fresh model with {@code faults} armed always (null: none). */
    private static List<Bytes> run(Bytes request, int dataLength, Fault... faults) {
        Bench b = new Bench();
        b.mi.dataLength = dataLength;
        for (Fault f : faults) {
            b.faults.arm(FaultRule.always(f));
        }
        List<Bytes> out = b.exchange(2, request);
        assertEquals(faults.length, b.events(ModelEvent.Kind.FAULT_FIRED).size(), b.events.snapshot()::toString);
        return out;
    }

    private static List<Req> frameViolations(Bytes frame) {
        return SmbusFrame.decode(frame).violations().stream().map(Violation::req).toList();
    }

    private static List<Integer> diff(Bytes a, Bytes b) {
        return IntStream.range(0, Math.min(a.length(), b.length())).filter(i -> a.u8(i) != b.u8(i)).boxed().toList();
    }

    private static Bytes content(Bytes miWire) {
        return MiMessage.decode(miWire).get().content();
    }

    // ------------------------------------------------------------------ bus

    /** A serial-binding fault: SMBus frames have no escaping, so nothing changes (serial: {@code SerialTargetTest}). */
    @Test
    void unescapedFrame_leavesSmbusFramesAlone() {
        assertEquals(run(MI_REQ, 100), run(MI_REQ, 100, new Fault.UnescapedFrame()));
    }

    @Test
    void corruptPec_onlyThePecIsWrong() {
        List<Bytes> clean = run(MI_REQ, 100);
        List<Bytes> bad = run(MI_REQ, 100, new Fault.CorruptPec());
        assertEquals(2, bad.size());
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(List.of(Req.SMBUS_PEC), frameViolations(bad.get(i)));
            assertEquals(List.of(bad.get(i).length() - 1), diff(clean.get(i), bad.get(i)));
        }
    }

    @Test
    void wrongByteCount_onlyTheCount_pecResealed() {
        Bytes clean = run(GET_EID, 0).get(0);
        Bytes bad = run(GET_EID, 0, new Fault.WrongByteCount(-2)).get(0);
        assertEquals(List.of(Req.SMBUS_BYTE_COUNT), frameViolations(bad));
        assertEquals(clean.u8(2) - 2, bad.u8(2));
        assertEquals(clean.slice(3, clean.length() - 1), bad.slice(3, bad.length() - 1));
    }

    @Test
    void sourceAddressBit0Clear_onlyThatBit() {
        Bytes clean = run(GET_EID, 0).get(0);
        Bytes bad = run(GET_EID, 0, new Fault.SourceAddressBit0Clear()).get(0);
        assertEquals(List.of(Req.SMBUS_SOURCE_ADDRESS), frameViolations(bad));
        assertEquals(clean.u8(3) & ~1, bad.u8(3));
        assertEquals(List.of(3, bad.length() - 1), diff(clean, bad));
    }

    @Test
    void wrongCommandCode_onlyTheCode() {
        Bytes bad = run(GET_EID, 0, new Fault.WrongCommandCode(0x0E)).get(0);
        assertEquals(List.of(Req.SMBUS_COMMAND_CODE), frameViolations(bad));
        assertEquals(0x0E, bad.u8(1));
    }

    // ------------------------------------------------------------------ MCTP

    private static List<MctpPacket> packets(Bytes request, int dataLength, Fault... f) {
        List<Bytes> frames = run(request, dataLength, f);
        frames.forEach(x -> assertTrue(SmbusFrame.decode(x).isClean(), "frames stay clean"));
        return Bench.packets(frames);
    }

    @Test
    void wrongHeaderVersion_everyPacket_onlyTheVersion() {
        List<MctpPacket> clean = packets(MI_REQ, 100);
        List<MctpPacket> bad = packets(MI_REQ, 100, new Fault.WrongHeaderVersion(2));
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(List.of(Req.MCTP_HEADER_VERSION), MctpPacket.decode(bad.get(i).encode()).violations().stream()
                    .map(Violation::req).toList());
            assertEquals(clean.get(i), bad.get(i).withHdrVersion(1));
        }
    }

    @Test
    void wrongTag_onlyTheTag() {
        List<MctpPacket> clean = packets(MI_REQ, 100);
        List<MctpPacket> bad = packets(MI_REQ, 100, new Fault.WrongTag());
        for (int i = 0; i < bad.size(); i++) {
            assertNotEquals(2, bad.get(i).tag());
            assertEquals(clean.get(i), bad.get(i).withTag(2));
        }
    }

    @Test
    void tagOwnerSet_onlyTo() {
        MctpPacket clean = packets(GET_EID, 0).get(0);
        MctpPacket bad = packets(GET_EID, 0, new Fault.TagOwnerSet()).get(0);
        assertEquals(List.of(Req.MCTP_RESPONSE_TAG), ControlHeader.tagOwnerViolations(true, bad.tagOwner()).stream()
                .map(Violation::req).toList());
        assertEquals(clean, bad.withTagOwner(false));
    }

    private static List<MctpAssembler.Event> hostAssembles(List<MctpPacket> packets) {
        MctpAssembler a = new MctpAssembler();
        List<MctpAssembler.Event> all = new ArrayList<>();
        packets.forEach(p -> all.addAll(a.accept(p, 0)));
        return all;
    }

    @Test
    void skipSequence_onePacketSkipsOneNumber() {
        List<MctpPacket> clean = packets(MI_REQ, 150);
        List<MctpPacket> bad = packets(MI_REQ, 150, new Fault.SkipSequence());
        assertEquals(List.of(0, 1, 3), bad.stream().map(MctpPacket::seq).toList());
        assertEquals(clean.subList(0, 2), bad.subList(0, 2));
        assertEquals(clean.get(2), bad.get(2).withSeq(2));
        var last = hostAssembles(bad).get(2);
        assertEquals(MctpAssembler.DropReason.SEQUENCE_ERROR, ((MctpAssembler.Dropped) last).reason());
    }

    @Test
    void missingSom_firstPacketOnly() {
        List<MctpPacket> clean = packets(MI_REQ, 100);
        List<MctpPacket> bad = packets(MI_REQ, 100, new Fault.MissingSom());
        assertEquals(clean.get(0), bad.get(0).withSom(true));
        assertEquals(clean.get(1), bad.get(1));
        var first = hostAssembles(bad).get(0);
        assertEquals(MctpAssembler.DropReason.NO_SOM, ((MctpAssembler.Dropped) first).reason());
    }

    @Test
    void missingEom_lastPacketOnly_messageNeverCompletes() {
        // 8 + 116 + 4 = 128 bytes: two full packets, so the only symptom is the missing EOM
        List<MctpPacket> clean = packets(MI_REQ, 116);
        List<MctpPacket> bad = packets(MI_REQ, 116, new Fault.MissingEom());
        assertEquals(clean.get(0), bad.get(0));
        assertEquals(clean.get(1), bad.get(1).withEom(true));
        assertTrue(hostAssembles(bad).stream().allMatch(e -> e instanceof MctpAssembler.Pending));
    }

    @Test
    void ignoreMtu_fragmentsAtItsOwnSize_sameMessage() {
        List<Bytes> cleanFrames = run(MI_REQ, 100);
        List<MctpPacket> small = packets(MI_REQ, 100, new Fault.IgnoreMtu(32));
        assertEquals(List.of(32, 32, 32, 16), small.stream().map(p -> p.payload().length()).toList());
        List<MctpPacket> big = packets(MI_REQ, 100, new Fault.IgnoreMtu(100));
        assertEquals(List.of(100, 12), big.stream().map(p -> p.payload().length()).toList());
        Bytes expected = Bench.message(cleanFrames);
        for (List<MctpPacket> ps : List.of(small, big)) {
            var events = hostAssembles(ps);
            assertEquals(expected, ((MctpAssembler.Complete) events.get(events.size() - 1)).message());
        }
    }

    @Test
    void ignoreMtu_beyondTheSmbusLimit_saturatesTheByteCount() {
        List<Bytes> frames = run(MI_REQ, 300, new Fault.IgnoreMtu(300)); // 312 bytes: 300 + 12
        assertEquals(2, frames.size());
        assertEquals(0xFF, frames.get(0).u8(2));
        assertEquals(List.of(Req.SMBUS_BYTE_COUNT, Req.SMBUS_MAX_TU), frameViolations(frames.get(0)));
        assertTrue(SmbusFrame.decode(frames.get(1)).isClean());
    }

    @Test
    void wrongSourceEid_onlyTheSource() {
        List<MctpPacket> clean = packets(MI_REQ, 100);
        List<MctpPacket> bad = packets(MI_REQ, 100, new Fault.WrongSourceEid());
        for (int i = 0; i < bad.size(); i++) {
            assertNotEquals(TestConfigs.ME_EID, bad.get(i).srcEid());
            assertEquals(clean.get(i), bad.get(i).withSrcEid(TestConfigs.ME_EID));
        }
    }

    @Test
    void mctpReservedBits_onlyTheReservedNibble() {
        List<MctpPacket> clean = packets(GET_EID, 0);
        MctpPacket bad = packets(GET_EID, 0, new Fault.MctpReservedBits()).get(0);
        assertEquals(List.of(Req.MCTP_HEADER_FORMAT), MctpPacket.decode(bad.encode()).violations().stream()
                .map(Violation::req).toList());
        assertEquals(clean.get(0), bad.withRsvd(0));
    }

    // ------------------------------------------------------------------ NVMe-MI

    private static Bytes miResponse(Fault... f) {
        return Bench.message(run(MI_REQ, 16, f));
    }

    private static List<Violation> headerCheck(Bytes response) {
        var d = MiMessage.decode(response);
        assertTrue(d.isClean(), () -> "MIC resealed: " + d.violations());
        return d.get().header().checkResponseTo(MiHeader.decode(MI_REQ));
    }

    @Test
    void corruptMic_onlyTheMic() {
        Bytes clean = miResponse();
        Bytes bad = miResponse(new Fault.CorruptMic());
        assertEquals(List.of(Req.MI_MIC), MiMessage.decode(bad).violations().stream().map(Violation::req).toList());
        assertEquals(content(clean), content(bad));
    }

    @Test
    void wrongSlot_onlyCsi() {
        List<Violation> v = headerCheck(miResponse(new Fault.WrongSlot()));
        assertEquals(1, v.size(), v::toString);
        assertEquals(Req.MI_RESPONSE_CSI, v.get(0).req());
        assertEquals(List.of(1), diff(content(miResponse()), content(miResponse(new Fault.WrongSlot()))));
    }

    @Test
    void rorClear_onlyRor() {
        List<Violation> v = headerCheck(miResponse(new Fault.RorClear()));
        assertEquals(List.of("ror"), v.stream().map(Violation::field).toList());
    }

    @Test
    void wrongNmimt_onlyNmimt() {
        List<Violation> v = headerCheck(miResponse(new Fault.WrongNmimt()));
        assertEquals(List.of("nmimt"), v.stream().map(Violation::field).toList());
    }

    @Test
    void reservedBitsSet_onlyThoseBits() {
        List<Violation> v = headerCheck(miResponse(new Fault.ReservedBitsSet(3, 0x01)));
        assertEquals(List.of("byte3.reserved"), v.stream().map(Violation::field).toList());
    }

    @Test
    void wrongStatus_onlyTheStatusByte() {
        Bytes bad = miResponse(new Fault.WrongStatus(0x04));
        assertTrue(MiMessage.decode(bad).isClean());
        assertEquals(List.of(4), diff(content(miResponse()), content(bad)));
        assertEquals(0x04, bad.u8(4));
    }

    @Test
    void corruptField_onlyThatByte() {
        Bytes clean = content(miResponse());
        Bytes bad = miResponse(new Fault.CorruptField(9, 0xFF));
        assertTrue(MiMessage.decode(bad).isClean());
        assertEquals(List.of(9), diff(clean, content(bad)));
        assertEquals(clean.u8(9) ^ 0xFF, bad.u8(9));
    }

    @Test
    void wrongLength_longerOrShorter_restIntact() {
        Bytes clean = content(miResponse());
        for (int delta : new int[] {4, -2}) {
            Bytes bad = miResponse(new Fault.WrongLength(delta));
            assertTrue(MiMessage.decode(bad).isClean());
            Bytes c = content(bad);
            assertEquals(clean.length() + delta, c.length());
            assertEquals(List.of(), diff(clean, c));
        }
    }

    // ------------------------------------------------------------------ MCTP control

    @Test
    void wrongInstanceId_onlyTheInstanceId() {
        Bytes clean = Bench.message(run(GET_EID, 0));
        Bytes bad = Bench.message(run(GET_EID, 0, new Fault.WrongInstanceId()));
        List<Violation> v = ControlHeader.echoViolations(ControlHeader.parse(GET_EID).get(),
                ControlHeader.parse(bad).get());
        assertEquals(List.of("instanceId"), v.stream().map(Violation::field).toList());
        assertEquals(List.of(1), diff(clean, bad));
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void noResponse_silence() {
        assertTrue(run(MI_REQ, 0, new Fault.NoResponse()).isEmpty());
    }

    @Test
    void lateResponse_addsItsDelay() {
        Bench b = new Bench();
        b.faults.arm(FaultRule.always(new Fault.LateResponse(Duration.ofSeconds(2))));
        List<Bytes> r = b.write(Bench.frame(Bench.packet(0, MI_REQ)));
        assertEquals(1, r.size());
        assertEquals(Duration.ofSeconds(2).plus(SmbusTarget.wireTime(r.get(0).length(), 100_000)), b.clock.now(),
                "ready 2 s late, then one frame's wire time");
    }

    /** A droppable request: the defect, the frame carrying it. */
    private record Droppable(String name, Bytes frame) {
    }

    private static List<Droppable> droppables() {
        Bytes good = Bench.frame(Bench.packet(1, MI_REQ));
        SmbusFrame gf = SmbusFrame.decode(good).get();
        MctpPacket gp = MctpPacket.decode(gf.packet()).get();
        Bytes content = MI_REQ.slice(0, MI_REQ.length() - 4);
        return List.of(
                new Droppable("bad PEC", gf.withPec(gf.pec() ^ 0x55).encode()),
                new Droppable("wrong command code", gf.withCommandCode(0x0E).withValidPec().encode()),
                new Droppable("bad header version", Bench.frame(gp.withHdrVersion(3).encode())),
                new Droppable("unknown EID", Bench.frame(gp.withDestEid(0x44).encode())),
                new Droppable("TO = 0", Bench.frame(gp.withTagOwner(false).encode())),
                new Droppable("bad MIC", Bench.frame(Bench.packet(1,
                        MiMessage.decode(MI_REQ).get().withMic(0).toWire()))),
                new Droppable("IC = 0", Bench.frame(Bench.packet(1, MiMessage.seal(content.withByte(0, 0x04)).toWire()))),
                new Droppable("ROR = 1", Bench.frame(Bench.packet(1,
                        MiMessage.seal(content.withByte(1, content.u8(1) | 0x80)).toWire()))),
                new Droppable("control Rq = 0", Bench.frame(Bench.packet(1, Bytes.ofUnsigned(0x00, 0x04, 0x02)))));
    }

    @Test
    void answerDroppable_everyDropPoint_isAnsweredInstead() {
        for (Droppable d : droppables()) {
            Bench plain = new Bench();
            assertTrue(plain.write(d.frame()).isEmpty(), d.name() + " must be dropped normally");

            Bench faulty = new Bench();
            faulty.faults.arm(FaultRule.once(new Fault.AnswerDroppable()));
            List<Bytes> out = faulty.write(d.frame());
            assertEquals(1, out.size(), d.name() + " answered: " + faulty.events.snapshot());
            assertTrue(SmbusFrame.decode(out.get(0)).isClean());
            assertFalse(MctpPacket.decode(SmbusFrame.decode(out.get(0)).get().packet()).get().tagOwner());
            assertTrue(faulty.flags().isEmpty(), d.name() + ": no MES flag when answered");
            assertEquals(1, faulty.events(ModelEvent.Kind.FAULT_FIRED).size());
            assertTrue(faulty.events(ModelEvent.Kind.DROPPED).isEmpty());
            // once: the same defect is dropped again afterwards
            assertTrue(faulty.write(d.frame()).isEmpty(), d.name() + " second time");
        }
    }

    @Test
    void answerDroppable_doesNotChangeCleanExchanges() {
        Bench b = new Bench();
        b.faults.arm(FaultRule.once(new Fault.AnswerDroppable()));
        assertEquals(run(MI_REQ, 0), b.exchange(2, MI_REQ));
        assertTrue(b.events(ModelEvent.Kind.FAULT_FIRED).isEmpty(), "not consulted on a clean request");
    }

    // ------------------------------------------------------------------ slots and More Processing Required

    private static SlotHost slotHost(int mprResponses) {
        return new SlotHost(TestLab.defaults().timing(Duration.ofMillis(100), mprResponses, Duration.ofMillis(300))
                .config());
    }

    private static final MiRequest POLL = new MiCommand.SubsystemHealthStatusPoll(false);
    private static final MiRequest IDENTIFY = AdminRequest.identify(0, 1, 0, 0, 200);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static long fired(SlotHost h) {
        return h.link.events().stream().filter(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED).count();
    }

    @Test
    void mprBadMic_onlyTheMprMicIsWrong() {
        SlotHost clean = slotHost(1);
        clean.send(1, POLL, 0);
        Bytes cleanMpr = SlotHost.message(clean.receiveFor(1, SECOND));

        SlotHost h = slotHost(1);
        h.link.arm(FaultRule.always(new Fault.MprBadMic()));
        h.send(1, POLL, 0);
        Bytes mpr = SlotHost.message(h.receiveFor(1, SECOND));
        assertEquals(0x01, mpr.u8(4));
        assertFalse(MiMessage.decode(mpr).get().micValid());
        assertEquals(List.of(8, 9, 10, 11), diff(cleanMpr, mpr), "only the MIC differs");
        assertTrue(MiMessage.decode(SlotHost.message(h.receiveFor(1, SECOND))).get().micValid(), "final response clean");
        assertEquals(1, fired(h));

        SlotHost noMpr = slotHost(0);
        noMpr.link.arm(FaultRule.always(new Fault.MprBadMic()));
        noMpr.send(1, POLL, 0);
        assertTrue(MiMessage.decode(SlotHost.message(noMpr.receiveFor(1, SECOND))).get().micValid());
        assertEquals(0, fired(noMpr), "not consulted without an MPR");
    }

    @Test
    void secondMpr_twoMprsThenTheResponse() {
        SlotHost h = slotHost(1);
        h.link.arm(FaultRule.once(new Fault.SecondMpr()));
        h.send(1, POLL, 0);
        h.listen(SECOND);
        List<Integer> statuses = h.all(1).stream().map(a -> a.packet().payload().u8(4)).toList();
        assertEquals(List.of(0x01, 0x01, 0x00), statuses, "MPR, MPR again, final: MI_MPR_ONCE broken");
        assertEquals(h.all(1).get(0).packet(), h.all(1).get(1).packet());
        assertEquals(1, fired(h));
    }

    @Test
    void replayWrongResponse_resendsTheOtherSlotsResponse() {
        SlotHost h = slotHost(0);
        h.send(1, POLL, 0);
        Bytes pollResponse = SlotHost.message(h.receiveFor(1, SECOND));
        h.send(2, IDENTIFY, 1);
        Bytes identifyResponse = SlotHost.message(h.receiveFor(2, SECOND));
        h.link.arm(FaultRule.once(new Fault.ReplayWrongResponse()));
        assertTrue(h.primitive(3, ControlPrimitive.replay(0, 3, 0)).rr());
        Bytes replayed = SlotHost.message(h.receiveFor(2, SECOND));
        assertEquals(identifyResponse, replayed, "slot 1's response (tag 2) instead of slot 0's");
        assertEquals(1, fired(h));
        assertTrue(h.primitive(4, ControlPrimitive.replay(0, 4, 0)).rr());
        assertEquals(pollResponse, SlotHost.message(h.receiveFor(1, SECOND)), "once: the next Replay is right");

        SlotHost alone = slotHost(0);
        alone.link.arm(FaultRule.always(new Fault.ReplayWrongResponse()));
        alone.send(1, POLL, 0);
        Bytes only = SlotHost.message(alone.receiveFor(1, SECOND));
        assertTrue(alone.primitive(3, ControlPrimitive.replay(0, 3, 0)).rr());
        assertEquals(only, SlotHost.message(alone.receiveFor(1, SECOND)));
        assertEquals(0, fired(alone), "no other response to send: not consulted");
    }

    @Test
    void getStateLies_reportsIdle_flagsTrue() {
        SlotHost h = slotHost(0);
        h.link.arm(FaultRule.always(new Fault.GetStateLies()));
        assertEquals(SlotState.IDLE, h.getState(2, 0, false).ssta());
        assertEquals(0, fired(h), "the slot is Idle: nothing to lie about");
        h.primitive(3, ControlPrimitive.pause(3));
        h.send(1, POLL, 0);
        ManagementEndpointState mes = h.getState(4, 0, false);
        assertEquals(SlotState.PROCESS, h.ssta(0));
        assertEquals(SlotState.IDLE, mes.ssta());
        assertTrue(mes.pflg(), "only SSTA is wrong");
        assertEquals(1, fired(h));
    }

    @Test
    void ignorePause_responsesKeepFlowing() {
        SlotHost h = slotHost(0);
        h.link.arm(FaultRule.once(new Fault.IgnorePause()));
        h.primitive(3, ControlPrimitive.pause(3));
        assertTrue(h.getState(4, 0, false).pflg(), "the flag reads 1");
        h.send(1, IDENTIFY, 0);
        assertEquals(4, h.receiveFor(1, SECOND).size(), "the response went out while paused");
        assertEquals(1, fired(h));
        h.primitive(5, ControlPrimitive.resume(5));
        h.primitive(6, ControlPrimitive.pause(6));
        h.send(2, IDENTIFY, 0);
        assertTrue(h.receiveFor(2, SECOND).isEmpty(), "once: the next Pause holds");
    }

    @Test
    void abortIgnored_successButTheResponseStillArrives() {
        SlotHost h = slotHost(0);
        h.link.arm(FaultRule.always(new Fault.AbortIgnored()));
        assertEquals(0, h.primitive(2, ControlPrimitive.abort(0, 2)).cpas());
        assertEquals(0, fired(h), "Idle: nothing to ignore");
        h.send(1, IDENTIFY, 0);
        ControlPrimitiveResponse r = h.primitive(3, ControlPrimitive.abort(0, 3));
        assertEquals(0x00, r.status());
        assertEquals(ControlPrimitiveResponse.CPAS_PARTIAL, r.cpas());
        assertEquals(4, h.receiveFor(1, SECOND).size(), "the aborted command is answered anyway");
        assertEquals(1, fired(h));
    }

    // ------------------------------------------------------------------ windows and matching

    private static List<Boolean> firings(FaultRule rule, int exchanges) {
        Bench b = new Bench();
        b.faults.arm(rule);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < exchanges; i++) {
            Bytes m = Bench.message(b.exchange(i & 7, GET_EID));
            out.add((m.u8(1) & 0x1F) != (GET_EID.u8(1) & 0x1F));
        }
        assertEquals(out.stream().filter(x -> x).count(), b.events(ModelEvent.Kind.FAULT_FIRED).size());
        return out;
    }

    @Test
    void times_onceNthAlwaysAndWindows() {
        Fault f = new Fault.WrongInstanceId();
        assertEquals(List.of(true, false, false), firings(FaultRule.once(f), 3));
        assertEquals(List.of(false, true, false), firings(new FaultRule(f, FaultRule.Match.ANY,
                FaultRule.Times.nth(2)), 3));
        assertEquals(List.of(true, true, true), firings(FaultRule.always(f), 3));
        assertEquals(List.of(false, true, true, false), firings(new FaultRule(f, FaultRule.Match.ANY,
                new FaultRule.Times(1, 2)), 4));
    }

    @Test
    void match_selectsByMessageTypeNmimtAndOpcode() {
        Bench b = new Bench();
        b.faults.arm(FaultRule.always(new Fault.NoResponse()).on(FaultRule.Match.control(0x05)));
        b.faults.arm(FaultRule.always(new Fault.NoResponse()).on(FaultRule.Match.mi(1, 0x02)));
        assertEquals(1, b.exchange(0, GET_EID).size());
        assertTrue(b.exchange(0, Bench.controlRequest(0x05, 0, Bytes.EMPTY)).isEmpty());
        assertEquals(1, b.exchange(0, Bench.miRequest(0x01)).size());
        assertTrue(b.exchange(0, Bench.miRequest(0x02)).isEmpty());
        assertEquals(2, b.events(ModelEvent.Kind.FAULT_FIRED).size());
    }

    @Test
    void inapplicableFault_isNotConsulted_soOnceWaitsForAChance() {
        Bench b = new Bench();
        b.faults.arm(FaultRule.once(new Fault.SkipSequence()));
        b.faults.arm(FaultRule.once(new Fault.CorruptMic()));
        assertEquals(1, b.exchange(0, GET_EID).size()); // control, one packet: neither applies
        assertTrue(b.events(ModelEvent.Kind.FAULT_FIRED).isEmpty());
        b.mi.dataLength = 100;
        List<Bytes> out = b.exchange(1, MI_REQ);
        assertEquals(2, b.events(ModelEvent.Kind.FAULT_FIRED).size());
        assertEquals(List.of(0, 2), Bench.packets(out).stream().map(MctpPacket::seq).toList());
        assertInstanceOf(MctpAssembler.Dropped.class, hostAssembles(Bench.packets(out)).get(1));
    }

    @Test
    void disarmAll_stopsFaults() {
        Bench b = new Bench();
        b.faults.arm(FaultRule.always(new Fault.NoResponse()));
        assertTrue(b.exchange(0, GET_EID).isEmpty());
        b.faults.disarmAll();
        assertEquals(1, b.exchange(0, GET_EID).size());
        assertTrue(b.faults.armed().isEmpty());
    }

    /** MI, MCTP and bus faults are tested here, NVMe/TCP faults in {@link org.nvmehil.model.tcp.TcpFaultTest}. */
    @Test
    void everyFaultInTheVocabularyHasATestHere() throws ClassNotFoundException {
        List<String> methods = java.util.stream.Stream.of(FaultTest.class,
                        Class.forName("org.nvmehil.model.tcp.TcpFaultTest"))
                .flatMap(c -> java.util.Arrays.stream(c.getDeclaredMethods()))
                .map(java.lang.reflect.Method::getName).toList();
        for (Class<?> c : Fault.class.getPermittedSubclasses()) {
            String n = c.getSimpleName();
            String prefix = Character.toLowerCase(n.charAt(0)) + n.substring(1);
            assertTrue(methods.stream().anyMatch(m -> m.startsWith(prefix)), "no test for " + n);
        }
    }
}
