package org.nvmehil.suites.slots;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.fault.FaultRule.Times;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.Cpo;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;
import org.nvmehil.suites.support.Slots;

/** Each slot, control-primitive and timing check fails when the model commits the matching fault. */
@SelfTest.Of
class SlotsSelfTest {

    private static Match cp(Cpo cpo) {
        return Match.mi(Nmimt.CONTROL_PRIMITIVE.code, cpo.code);
    }

    private static FaultRule field(Cpo cpo, int offset, int xor, int nth) {
        return new FaultRule(new Fault.CorruptField(offset, xor), cp(cpo), Times.nth(nth));
    }

    static Stream<Arguments> cases() {
        CommandSlotTest slots = new CommandSlotTest();
        ControlPrimitiveTest cps = new ControlPrimitiveTest();
        TimingTest timing = new TimingTest();
        return Stream.of(
                argumentSet("response on the other slot", FaultRule.once(new Fault.WrongSlot()), Req.MI_RESPONSE_CSI,
                        (SelfTest.Check) mi -> CommandSlotTest.checkConcurrent(mi, Slots.poll(0), Slots.poll(1))),
                argumentSet("CMNICS hidden after a discard", field(Cpo.GET_STATE, 6, 0x08, 2), Req.MI_SLOT_OVERLAP,
                        (SelfTest.Check) slots::busySlot_secondCommandEitherAnsweredOrFlagged),
                argumentSet("TAG not echoed", field(Cpo.GET_STATE, 5, 0x01, 1), Req.MI_CP_TAG_ECHO,
                        (SelfTest.Check) mi -> cps.controlPrimitive_echoesTag(ControlPrimitive.getState(0, 0x5A, false), mi)),
                argumentSet("reserved primitive answered Success", FaultRule.always(new Fault.WrongStatus(0x00)),
                        Req.MI_CP_INVALID_OPCODE, (SelfTest.Check) mi -> cps.reservedOpcode_isInvalidCommandOpcode(0x05, mi)),
                argumentSet("Get State reports Idle while Transmitting", FaultRule.once(new Fault.GetStateLies()),
                        Req.MI_CP_GET_STATE, (SelfTest.Check) cps::getState_outstandingThenIdle),
                argumentSet("Get State reports Idle while Receiving", FaultRule.once(new Fault.GetStateLies()),
                        Req.MI_CP_GET_STATE, (SelfTest.Check) cps::getState_receive),
                argumentSet("CESF does not clear BMICE", field(Cpo.GET_STATE, 6, 0x10, 5), Req.MI_CP_GET_STATE,
                        (SelfTest.Check) cps::getStateCesf_clearsErrorFlagsAfterReporting),
                argumentSet("Pause on slot 1 accepted", new FaultRule(new Fault.WrongStatus(0x00), cp(Cpo.PAUSE), Times.once()),
                        Req.MI_CP_PAUSE, (SelfTest.Check) cps::pauseOnSlot1_isInvalidParameter),
                argumentSet("Pause ignored", FaultRule.once(new Fault.IgnorePause()), Req.MI_CP_PAUSE,
                        (SelfTest.Check) ControlPrimitiveTest::checkPauseResume),
                argumentSet("PFLG still set after Resume", field(Cpo.GET_STATE, 7, 0x80, 2), Req.MI_CP_RESUME,
                        (SelfTest.Check) ControlPrimitiveTest::checkPauseResume),
                argumentSet("Abort of an idle slot reports CPAS 01b", field(Cpo.ABORT, 6, 0x01, 1), Req.MI_CP_ABORT,
                        (SelfTest.Check) cps::abortIdle_reportsNothingAborted),
                argumentSet("Abort during Receive reports CPAS 11b", field(Cpo.ABORT, 6, 0x02, 1), Req.MI_CP_ABORT,
                        (SelfTest.Check) cps::abortDuringReceive_discardsThePartialCommand),
                argumentSet("Abort ignored", FaultRule.once(new Fault.AbortIgnored()), Req.MI_CP_ABORT,
                        (SelfTest.Check) ControlPrimitiveTest::checkAbortDuringTransmission),
                argumentSet("Replay resends another response", FaultRule.once(new Fault.ReplayWrongResponse()),
                        Req.MI_CP_REPLAY, (SelfTest.Check) mi -> ControlPrimitiveTest.checkReplay(mi, 0)),
                argumentSet("Replay past the end accepted", new FaultRule(new Fault.WrongStatus(0x00), cp(Cpo.REPLAY),
                        Times.once()), Req.MI_CP_REPLAY, (SelfTest.Check) cps::replayPastLastPacket_isInvalidParameter),
                argumentSet("Replay claims a response it does not have", field(Cpo.REPLAY, 6, 0x01, 1), Req.MI_CP_REPLAY,
                        (SelfTest.Check) cps::replayNothingStored_reportsNothing),
                argumentSet("response 2 s late", new FaultRule(new Fault.LateResponse(Duration.ofSeconds(2)),
                        Match.mi(Nmimt.MI_COMMAND.code), Times.once()), Req.MI_REQUEST_TO_RESPONSE_TIME,
                        (SelfTest.Check) mi -> timing.firstResponse_withinRequestToResponseTime(
                                new MiCommand.SubsystemHealthStatusPoll(false), mi)),
                argumentSet("control response 200 ms late", new FaultRule(new Fault.LateResponse(Duration.ofMillis(200)),
                        Match.control(0x02), Times.once()), Req.SMBUS_CONTROL_RESPONSE_TIME,
                        (SelfTest.Check) mi -> timing.controlResponse_withinMt1(GetEndpointId.request(0).encode(), mi)),
                argumentSet("partial message kept past the reassembly timeout", FaultRule.always(new Fault.AnswerDroppable()),
                        Req.MCTP_REASSEMBLY_TIMEOUT, (SelfTest.Check) mi -> TimingTest.checkReassemblyTimeout(mi, 0)),
                argumentSet("one response misrouted in a long run", new FaultRule(new Fault.WrongSlot(), Match.ANY,
                        Times.nth(1700)), Req.MI_RESPONSE_CSI,
                        (SelfTest.Check) mi -> SlotStressTest.run(mi, SlotStressTest.ITERATIONS, Duration.ofMinutes(1))),
                argumentSet("one response misrouted among 4 threads", new FaultRule(new Fault.WrongSlot(), Match.ANY,
                        Times.nth(600)), Req.MI_RESPONSE_CSI, (SelfTest.Check) mi ->
                                SlotThreadsTest.run(mi, SlotThreadsTest.COMMANDS_PER_THREAD, Duration.ofMinutes(1))));
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }

    @Test
    void secondMpr_mprOnceCheckFails(Dut dut) {
        dut.model().orElseThrow().setTiming(Duration.ZERO, 1, Duration.ofMillis(500));
        SelfTest.failsWith(dut, FaultRule.once(new Fault.SecondMpr()), Req.MI_MPR_ONCE, TimingTest::checkMpr);
    }

    @Test
    void mprWithBadMic_micCheckFails(Dut dut) {
        dut.model().orElseThrow().setTiming(Duration.ZERO, 1, Duration.ofMillis(500));
        SelfTest.failsWith(dut, FaultRule.once(new Fault.MprBadMic()), Req.MI_MIC, TimingTest::checkMpr);
    }
}
