package org.nvmehil.suites.smbus;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.SmbusOnly;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** Each SMBus binding check fails when the model commits the matching fault. */
@SelfTest.Of
@SmbusOnly
class SmbusSelfTest {
    private static final MiCommand POLL = new MiCommand.SubsystemHealthStatusPoll(false);

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("response PEC wrong", FaultRule.once(new Fault.CorruptPec()), Req.SMBUS_PEC,
                        (SelfTest.Check) mi -> SmbusBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("response byte count off by one", FaultRule.once(new Fault.WrongByteCount(1)),
                        Req.SMBUS_BYTE_COUNT, (SelfTest.Check) mi -> SmbusBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("response source bit 0 clear", FaultRule.once(new Fault.SourceAddressBit0Clear()),
                        Req.SMBUS_SOURCE_ADDRESS, (SelfTest.Check) mi -> SmbusBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("response command code 0Eh", FaultRule.once(new Fault.WrongCommandCode(0x0E)),
                        Req.SMBUS_COMMAND_CODE, (SelfTest.Check) mi -> SmbusBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("no response", FaultRule.once(new Fault.NoResponse()), Req.SMBUS_PEC,
                        (SelfTest.Check) mi -> SmbusBindingTest.checkResponseFrames(mi, POLL)),
                argumentSet("bad-PEC request answered", FaultRule.always(new Fault.AnswerDroppable()), Req.SMBUS_BAD_PEC_DROP,
                        dropped(Req.SMBUS_BAD_PEC_DROP, f -> f.withPec(f.pec() ^ 0x01))),
                argumentSet("wrong-count request answered", FaultRule.always(new Fault.AnswerDroppable()), Req.SMBUS_BYTE_COUNT,
                        dropped(Req.SMBUS_BYTE_COUNT, f -> f.withByteCount(f.byteCount() + 1).withValidPec())),
                argumentSet("IPMB-style request answered", FaultRule.always(new Fault.AnswerDroppable()),
                        Req.SMBUS_SOURCE_ADDRESS, dropped(Req.SMBUS_SOURCE_ADDRESS,
                                f -> f.withSrcSlaveAddr(f.srcSlaveAddr() & 0xFE).withValidPec())),
                argumentSet("command code 0Eh request answered", FaultRule.always(new Fault.AnswerDroppable()),
                        Req.SMBUS_COMMAND_CODE, dropped(Req.SMBUS_COMMAND_CODE, f -> f.withCommandCode(0x0E).withValidPec())));
    }

    private static SelfTest.Check dropped(Req req, UnaryOperator<SmbusFrame> defect) {
        return mi -> SmbusBindingTest.checkDefectiveFrameIgnored(mi, req, defect);
    }

    @ParameterizedTest(name = "{argumentSetName} → {2} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }
}
