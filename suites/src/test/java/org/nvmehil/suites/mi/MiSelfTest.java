package org.nvmehil.suites.mi;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.SmbusOnly;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.fault.FaultRule.Times;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiOpcode;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** Each NVMe-MI message and command check fails when the model commits the matching fault. */
@SelfTest.Of
class MiSelfTest {
    private static final MiCommand POLL = new MiCommand.SubsystemHealthStatusPoll(false);

    private static FaultRule on(Fault f, int opcode) {
        return FaultRule.always(f).on(Match.mi(Nmimt.MI_COMMAND.code, opcode));
    }

    private static FaultRule nth(Fault f, int opcode, int n) {
        return new FaultRule(f, Match.mi(Nmimt.MI_COMMAND.code, opcode), Times.nth(n));
    }

    private static FaultRule status(int status, int opcode) {
        return on(new Fault.WrongStatus(status), opcode);
    }

    static Stream<Arguments> cases() {
        int readDs = MiOpcode.READ_DATA_STRUCTURE.code;
        int nshsp = MiOpcode.SUBSYSTEM_HEALTH_STATUS_POLL.code;
        int chsp = MiOpcode.CONTROLLER_HEALTH_STATUS_POLL.code;
        int cfgSet = MiOpcode.CONFIGURATION_SET.code;
        int cfgGet = MiOpcode.CONFIGURATION_GET.code;
        int vpdRead = MiOpcode.VPD_READ.code;
        int vpdWrite = MiOpcode.VPD_WRITE.code;
        int reset = MiOpcode.RESET.code;
        int mebRead = MiOpcode.MEB_READ.code;
        int mebWrite = MiOpcode.MEB_WRITE.code;
        FaultRule answer = FaultRule.always(new Fault.AnswerDroppable());
        MiMessageTest msg = new MiMessageTest();
        MiCommandTest cmd = new MiCommandTest();
        MiDataTest data = new MiDataTest();
        return Stream.of(
                // message layer
                argumentSet("MIC wrong", FaultRule.once(new Fault.CorruptMic()), Req.MI_MIC,
                        (SelfTest.Check) mi -> msg.anyRequest_responseHasValidMicAndHeader(POLL, mi)),
                argumentSet("ROR clear", FaultRule.once(new Fault.RorClear()), Req.MI_RESPONSE_HEADER,
                        (SelfTest.Check) mi -> msg.anyRequest_responseHasValidMicAndHeader(POLL, mi)),
                argumentSet("NMIMT not echoed", FaultRule.once(new Fault.WrongNmimt()), Req.MI_RESPONSE_HEADER,
                        (SelfTest.Check) mi -> msg.commandSlot_isEchoed(POLL, mi)),
                argumentSet("reserved header bit set", FaultRule.once(new Fault.ReservedBitsSet(3, 0x01)), Req.MI_RESERVED_ZERO,
                        (SelfTest.Check) mi -> msg.anyRequest_responseHasValidMicAndHeader(POLL, mi)),
                argumentSet("CSI not echoed", FaultRule.once(new Fault.WrongSlot()), Req.MI_RESPONSE_CSI,
                        (SelfTest.Check) mi -> msg.commandSlot_isEchoed(POLL.withHeader(MiHeader.request(Nmimt.MI_COMMAND, 1)), mi)),
                argumentSet("bad-MIC request answered", answer, Req.MI_BAD_MIC_DISCARD,
                        (SelfTest.Check) mi -> msg.badMic_requestIsDiscarded(m -> m.withMic(m.mic() ^ 1), mi)),
                argumentSet("IC = 0 request answered", answer, Req.MI_IC_CLEAR_DISCARD,
                        (SelfTest.Check) msg::icClear_requestIsDiscarded),
                argumentSet("ROR = 1 request answered", answer, Req.MI_ROR_REQUEST_DISCARD,
                        (SelfTest.Check) msg::rorSet_requestIsDiscarded),
                argumentSet("reserved opcode answered 04h", FaultRule.always(new Fault.WrongStatus(0x04)), Req.MI_INVALID_OPCODE,
                        (SelfTest.Check) mi -> msg.reservedOpcode_isInvalidCommandOpcode(0x0D, mi)),
                argumentSet("wrong-size request answered Success", status(0x00, cfgGet), Req.MI_INVALID_COMMAND_SIZE,
                        (SelfTest.Check) mi -> msg.wrongBodySize_isInvalidCommandSize(
                                org.nvmehil.protocol.mi.MiMessage.seal(new MiCommand.ConfigurationGet(
                                        new ConfigQuery.MctpTransmissionUnit(0)).content().concat(
                                        org.nvmehil.protocol.wire.Bytes.zeros(4))), mi)),
                argumentSet("VPD Write data mismatch answered Success", status(0x00, vpdWrite), Req.MI_INVALID_INPUT_DATA_SIZE,
                        (SelfTest.Check) mi -> msg.vpdWriteDataMismatch_isInvalidInputDataSize(4, mi, config())),
                // command set
                argumentSet("mandatory command answered 03h", status(0x03, nshsp), Req.MI_MANDATORY_COMMANDS,
                        (SelfTest.Check) mi -> cmd.mandatoryCommand_isImplemented(POLL, mi)),
                argumentSet("RDL does not match the data", on(new Fault.WrongLength(1), readDs), Req.MI_READ_DS_STRUCTURES,
                        (SelfTest.Check) cmd::subsystemInformation_hasItsLayout),
                argumentSet("command list count does not match its entries", on(new Fault.WrongLength(2), readDs),
                        Req.MI_READ_DS_STRUCTURES, (SelfTest.Check) cmd::optionalCommandList_isConsistent),
                argumentSet("two-wire port reports another ME address", nth(new Fault.CorruptField(18, 0x01), readDs, 3),
                        Req.MI_READ_DS_STRUCTURES, (SelfTest.Check) mi -> cmd.portInformation_everyPortHasItsLayout(mi, config())),
                argumentSet("controller list count wrong", on(new Fault.CorruptField(8, 0x02), readDs), Req.MI_CONTROLLER_LIST,
                        (SelfTest.Check) mi -> cmd.controllerList_holdsIdsFromStart(MiCommandTest.Start.ZERO, mi)),
                argumentSet("controller on a port that does not exist", nth(new Fault.CorruptField(8, 0x08), readDs, 5),
                        Req.MI_READ_DS_STRUCTURES, (SelfTest.Check) cmd::controllerInformation_everyControllerHasItsLayout),
                argumentSet("unknown controller answered Success", status(0x00, readDs), Req.MI_INVALID_PARAMETER,
                        (SelfTest.Check) mi -> cmd.unknownControllerOrPort_isInvalidParameter(
                                new MiCommand.ReadDataStructure(0xFFFE, 0, MiCommand.ReadDataStructure.CONTROLLER_INFO), 8, mi)),
                argumentSet("PEL points at the wrong byte", on(new Fault.CorruptField(6, 0x01), readDs),
                        Req.MI_PARAMETER_ERROR_LOCATION, (SelfTest.Check) mi -> cmd.reservedDataStructureType_isInvalidParameter(0x06, mi)),
                argumentSet("reserved DTYP answered Success", status(0x00, readDs), Req.MI_READ_DS_RESERVED_DTYP,
                        (SelfTest.Check) mi -> cmd.reservedDataStructureType_isInvalidParameter(0x06, mi)),
                argumentSet("CTEMP reserved code", on(new Fault.CorruptField(10, 0xB3), nshsp), Req.MI_NSHSP,
                        (SelfTest.Check) cmd::subsystemHealth_hasItsLayout),
                argumentSet("CCS not cleared by CS", nth(new Fault.CorruptField(12, 0x01), nshsp, 2), Req.MI_NSHSP,
                        (SelfTest.Check) cmd::clearStatus_clearsCompositeControllerStatus),
                argumentSet("Health Status Change clears nothing", nth(new Fault.CorruptField(13, 0x1F), nshsp, 3),
                        Req.MI_CONFIG_HEALTH_STATUS_CHANGE, (SelfTest.Check) mi -> cmd.healthStatusChange_clearsChosenFlags(mi, config())),
                argumentSet("controller health entry for a wrong controller", on(new Fault.CorruptField(8, 0x01), chsp),
                        Req.MI_CHSP, (SelfTest.Check) cmd::controllerHealth_reportsEveryController),
                argumentSet("MAXRENT FFh answered Success", status(0x00, chsp), Req.MI_CHSP_MAXRENT,
                        (SelfTest.Check) cmd::maxrentFF_isInvalidParameter),
                argumentSet("reserved CID answered Success", status(0x00, cfgGet), Req.MI_CONFIG_RESERVED_CID,
                        (SelfTest.Check) mi -> cmd.reservedConfigurationIdentifier_isInvalidParameter(
                                new MiCommand.ConfigurationGet(ConfigQuery.Other.cid(0)), mi)),
                argumentSet("SMBus frequency out of range", on(new Fault.CorruptField(5, 0x0C), cfgGet),
                        Req.MI_CONFIG_SMBUS_FREQUENCY, (SelfTest.Check) cmd::smbusFrequency_isWithinPortMaximum),
                argumentSet("SMBus frequency does not read back", nth(new Fault.CorruptField(5, 0x03), cfgGet, 2),
                        Req.MI_CONFIG_SMBUS_FREQUENCY, (SelfTest.Check) cmd::smbusFrequencySetCurrent_readsBack),
                argumentSet("invalid SMBus frequency accepted", status(0x00, cfgSet), Req.MI_CONFIG_SMBUS_FREQUENCY,
                        (SelfTest.Check) mi -> cmd.smbusFrequencyInvalid_isInvalidParameter(0, mi)),
                argumentSet("SMBus frequency on a PCIe port answered", status(0x00, cfgGet), Req.MI_CONFIG_SMBUS_FREQUENCY,
                        (SelfTest.Check) cmd::smbusFrequencyOnPciePort_isInvalidParameter),
                argumentSet("MTU not 64 after reset", on(new Fault.CorruptField(5, 0x01), cfgGet), Req.MI_CONFIG_MTU,
                        (SelfTest.Check) cmd::transmissionUnit_is64ByDefault),
                argumentSet("MTU 63 accepted", status(0x00, cfgSet), Req.MI_CONFIG_MTU,
                        (SelfTest.Check) mi -> cmd.transmissionUnitOutOfRange_isInvalidParameter(63, mi)),
                // VPD, reset, MEB
                argumentSet("FRU header checksum wrong", on(new Fault.CorruptField(15, 0x01), vpdRead), Req.MI_VPD_READ,
                        (SelfTest.Check) data::vpdCommonHeader_isValid),
                argumentSet("VPD Read of 0 bytes returns a byte", on(new Fault.WrongLength(1), vpdRead), Req.MI_VPD_READ,
                        (SelfTest.Check) data::vpdReadZeroLength_succeeds),
                argumentSet("VPD Read past the end answered", status(0x00, vpdRead), Req.MI_VPD_READ,
                        (SelfTest.Check) data::vpdReadPastEnd_isInvalidParameter),
                argumentSet("VPD Write does not read back", nth(new Fault.CorruptField(8, 0x01), vpdRead, 2), Req.MI_VPD_WRITE,
                        (SelfTest.Check) mi -> data.vpdWrite_readsBack(mi, config())),
                argumentSet("VPD Write of 0 bytes fails", status(0x02, vpdWrite), Req.MI_VPD_WRITE,
                        (SelfTest.Check) mi -> data.vpdWriteZeroLength_succeeds(mi, config())),
                argumentSet("VPD write limit not enforced", status(0x00, vpdWrite), Req.MI_VPD_WRITE,
                        (SelfTest.Check) mi -> data.vpdWritePastLimit_isUpdatesExceeded(mi, config())),
                argumentSet("reserved reset type answered Success", status(0x00, reset), Req.MI_RESET,
                        (SelfTest.Check) mi -> data.reservedResetType_isInvalidParameter(1, mi)),
                argumentSet("MEB Read out of bounds answered", status(0x00, mebRead), Req.MI_MEB_BOUNDS,
                        (SelfTest.Check) mi -> data.mebOutOfBounds_isInvalidParameter(MiDataTest.MebCase.DOFST_AT_SIZE, false, mi)),
                argumentSet("MEB Write of 0 bytes fails", status(0x04, mebWrite), Req.MI_MEB_BOUNDS,
                        (SelfTest.Check) mi -> data.mebZeroLength_succeeds("Write", mi)),
                argumentSet("Reset answered", FaultRule.always(new Fault.AnswerDroppable()), Req.MI_RESET,
                        (SelfTest.Check) mi -> data.subsystemReset_hasNoResponseAndSetsNssro(mi, config())),
                argumentSet("BMICE not reported", new FaultRule(new Fault.CorruptField(6, 0x10),
                        Match.mi(Nmimt.CONTROL_PRIMITIVE.code, 0x03), Times.nth(2)), Req.MI_BAD_MIC_DISCARD,
                        (SelfTest.Check) msg::badMic_setsBmice),
                argumentSet("MEB does not read back", on(new Fault.CorruptField(8, 0x01), mebRead), Req.MI_MEB_BOUNDS,
                        (SelfTest.Check) data::mebWriteAtEnd_readsBack));
    }

    private static LabConfig config() {
        return org.nvmehil.fixtures.config.LabConfigLoader.fromSystemProperties();
    }

    /** The Basic Management block read is not MCTP: the PEC fault fires on the fifth bus response, the block read. */
    @org.junit.jupiter.api.Test
    @SmbusOnly
    void basicManagementPecWrong_checkFails(Dut dut) {
        SelfTest.failsWith(dut, new FaultRule(new Fault.CorruptPec(), Match.ANY, Times.nth(5)), Req.MI_BASIC_MANAGEMENT,
                mi -> new BasicManagementTest().statusBlock_hasItsLayout(dut, mi));
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }
}
