package org.nvmehil.suites.serial;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.SerialOnly;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** Each serial binding check fails when the model commits the matching fault. */
@SelfTest.Of
@SerialOnly
class SerialSelfTest {
    private static final MiCommand POLL = new MiCommand.SubsystemHealthStatusPoll(false);

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("response FCS wrong", FaultRule.once(new Fault.CorruptPec()), Req.SERIAL_FCS,
                        (SelfTest.Check) mi -> SerialBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("response byte count off by one", FaultRule.once(new Fault.WrongByteCount(1)),
                        Req.SERIAL_FRAME_FORMAT, (SelfTest.Check) mi -> SerialBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("response 7Eh sent raw", FaultRule.once(new Fault.UnescapedFrame()), Req.SERIAL_ESCAPING,
                        (SelfTest.Check) mi -> SerialBindingTest.checkEscaped(mi, 0x7E)),
                argumentSet("response 7Dh sent raw", FaultRule.once(new Fault.UnescapedFrame()), Req.SERIAL_ESCAPING,
                        (SelfTest.Check) mi -> SerialBindingTest.checkEscaped(mi, 0x7D)),
                argumentSet("bad-FCS request answered", FaultRule.always(new Fault.AnswerDroppable()),
                        Req.SERIAL_BAD_FRAME_DROP, (SelfTest.Check) mi -> SerialBindingTest.checkDefectiveFrameDropped(mi,
                                f -> f.withFcs(f.expectedFcs() ^ 0x0001))));
    }

    @ParameterizedTest(name = "{argumentSetName} → {2} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }
}
