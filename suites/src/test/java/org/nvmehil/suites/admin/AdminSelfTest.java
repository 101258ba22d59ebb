package org.nvmehil.suites.admin;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.config.LabConfigLoader;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.fault.FaultRule.Times;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** Each tunnelled-Admin check fails when the model commits the matching fault. */
@SelfTest.Of
class AdminSelfTest {
    private static final int DATA = AdminResponse.HEADER_SIZE;

    private static FaultRule on(Fault f, AdminOpcode op) {
        return FaultRule.always(f).on(Match.mi(Nmimt.ADMIN.code, op.code));
    }

    private static FaultRule nth(Fault f, AdminOpcode op, int n) {
        return new FaultRule(f, Match.mi(Nmimt.ADMIN.code, op.code), Times.nth(n));
    }

    /** XOR that turns the first character of a text field into NUL. */
    private static int nul(String text) {
        return text.charAt(0);
    }

    static Stream<Arguments> cases() {
        LabConfig.Identity id = LabConfigLoader.fromSystemProperties().model().identity();
        AdminTunnelTest t = new AdminTunnelTest();
        AdminOpcode identify = AdminOpcode.IDENTIFY;
        AdminOpcode log = AdminOpcode.GET_LOG_PAGE;
        return Stream.of(
                argumentSet("CQE CID not zero", on(new Fault.CorruptField(16, 0x01), identify), Req.MI_ADMIN_CQE_CID_ZERO,
                        (SelfTest.Check) t::identifyController_isWellFormed),
                argumentSet("NVMe status not Success", on(new Fault.CorruptField(19, 0x02), identify), Req.MI_ADMIN_WELL_FORMED,
                        (SelfTest.Check) t::identifyController_isWellFormed),
                argumentSet("data shorter than DLEN", on(new Fault.WrongLength(-4), identify), Req.MI_ADMIN_DATA_SLICE,
                        (SelfTest.Check) t::identifyController_isWellFormed),
                argumentSet("SN starts with NUL", on(new Fault.CorruptField(DATA + 4, nul(id.sn())), identify),
                        Req.NVME_IDENTIFY_ASCII, (SelfTest.Check) mi -> t.identifyStrings_areSpacePaddedAscii("sn", mi)),
                argumentSet("MN starts with NUL", on(new Fault.CorruptField(DATA + 24, nul(id.mn())), identify),
                        Req.NVME_IDENTIFY_ASCII, (SelfTest.Check) mi -> t.identifyStrings_areSpacePaddedAscii("mn", mi)),
                argumentSet("FR starts with NUL", on(new Fault.CorruptField(DATA + 64, nul(id.fr())), identify),
                        Req.NVME_IDENTIFY_ASCII, (SelfTest.Check) mi -> t.identifyStrings_areSpacePaddedAscii("fr", mi)),
                argumentSet("slice from the wrong offset", nth(new Fault.CorruptField(DATA, 0x01), identify, 2),
                        Req.MI_ADMIN_DATA_SLICE, (SelfTest.Check) mi -> t.identifySlice_matchesFullStructure(4, 20, mi)),
                argumentSet("NCAP above NSZE", nth(new Fault.CorruptField(DATA + 15, 0x01), identify, 2),
                        Req.NVME_DATA_LAYOUT, (SelfTest.Check) t::identifyNamespace_everyActiveNamespace),
                argumentSet("SMART temperature disagrees with the health poll", on(new Fault.CorruptField(DATA + 2, 0x01), log),
                        Req.NVME_DATA_LAYOUT, (SelfTest.Check) t::smartLog_agreesWithHealthPoll),
                argumentSet("log offset ignored", nth(new Fault.CorruptField(DATA, 0x01), log, 2), Req.MI_ADMIN_DATA_SLICE,
                        (SelfTest.Check) t::smartLogOffset_returnsTheRightBytes),
                argumentSet("no active firmware slot", on(new Fault.CorruptField(DATA, 0x01), log), Req.NVME_DATA_LAYOUT,
                        (SelfTest.Check) t::firmwareSlotLog_hasAnActiveSlot),
                argumentSet("Get Features fails", on(new Fault.WrongStatus(0x02), AdminOpcode.GET_FEATURES),
                        Req.MI_ADMIN_WELL_FORMED, (SelfTest.Check) t::getFeaturesTemperatureThreshold_succeeds),
                argumentSet("unknown controller answered Success", on(new Fault.WrongStatus(0x00), identify),
                        Req.MI_ADMIN_WELL_FORMED, (SelfTest.Check) t::unknownController_isInvalidParameter),
                argumentSet("prohibited opcode answered 03h", FaultRule.always(new Fault.WrongStatus(0x03)),
                        Req.MI_ADMIN_PROHIBITED, (SelfTest.Check) mi -> t.prohibitedOpcode_isInvalidParameter(0x00, mi)),
                argumentSet("unlisted opcode answered 04h", FaultRule.always(new Fault.WrongStatus(0x04)),
                        Req.MI_ADMIN_PROHIBITED, (SelfTest.Check) mi -> t.unlistedOpcode_isInvalidCommandOpcode(0x03, mi)));
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }
}
