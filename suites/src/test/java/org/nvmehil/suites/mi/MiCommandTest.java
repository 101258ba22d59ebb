package org.nvmehil.suites.mi;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.OptionalLong;
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
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ConfigGetValue;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.ControllerHealth;
import org.nvmehil.protocol.mi.ControllerHealthStatus;
import org.nvmehil.protocol.mi.Ctemp;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.Mi;

/** The NVMe-MI command set out of band (MI 1.2 §5): data structures, health polls, configuration. */
@Conformance
@DisplayName("NVMe-MI commands (NVMe-MI 1.2 §5)")
class MiCommandTest {

    static Stream<Arguments> mandatory() {
        return Stream.of(
                argumentSet("Read NVMe-MI Data Structure", MiCommand.ReadDataStructure.subsystemInfo()),
                argumentSet("NVM Subsystem Health Status Poll", new MiCommand.SubsystemHealthStatusPoll(false)),
                argumentSet("Controller Health Status Poll", MiCommand.ControllerHealthStatusPoll.all(0, 0, false)),
                argumentSet("Configuration Set (Health Status Change, nothing cleared)",
                        new MiCommand.ConfigurationSet(new ConfigSetting.HealthStatusChange(0))),
                argumentSet("Configuration Get (MCTP transmission unit)",
                        new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(0))),
                argumentSet("VPD Read (8 bytes)", new MiCommand.VpdRead(0, 8)));
    }

    /** Assertions: each command a storage-device ME must support out of band is not answered with 03h. */
    @ParameterizedTest(name = "{argumentSetName} → implemented (not 03h)")
    @MethodSource("mandatory")
    @Spec(Req.MI_MANDATORY_COMMANDS)
    void mandatoryCommand_isImplemented(MiRequest request, MiClient mi) {
        Mi.Answer a = Mi.ask(mi, request);
        Expect.that(a.status() != MiStatus.INVALID_COMMAND_OPCODE.code, Req.MI_MANDATORY_COMMANDS,
                "answered 03h Invalid Command Opcode", a.wire());
    }

    // ---------------------------------------------------------------- Read NVMe-MI Data Structure (§5.7)

    /** Assertions: NVM Subsystem Information is 32 bytes, RDL matches, reserved bytes zero, version 1.x or later. */
    @Test
    @DisplayName("NVM Subsystem Information → 32 bytes, RDL matches, reserved zero")
    @Spec(Req.MI_READ_DS_STRUCTURES)
    void subsystemInformation_hasItsLayout(MiClient mi) {
        DataStructure.SubsystemInfo s = (DataStructure.SubsystemInfo) Mi.dataStructure(mi,
                MiCommand.ReadDataStructure.subsystemInfo());
        Expect.that(s.mjr() >= 1, Req.MI_READ_DS_STRUCTURES, "NVMe-MI major version " + s.mjr(), mi.lastEvidence());
    }

    /**
     * Assertions: every port's Port Information has its layout; when the lab-config names the ME's SMBus address,
     * a two-wire port reports it (CMEADDR).
     */
    @Test
    @DisplayName("Port Information for every port → layout holds, two-wire port names the ME address")
    @Spec(Req.MI_READ_DS_STRUCTURES)
    void portInformation_everyPortHasItsLayout(MiClient mi, LabConfig config) {
        List<DataStructure.PortInfo> ports = Mi.ports(mi);
        LabConfig.Mi cfg = config.dut().mi().orElseThrow();
        if (cfg.smbus().isEmpty()) {
            return; // a serial-only bench names no SMBus address for the ME: Mi.ports checked each layout
        }
        int me = cfg.smbus().get().deviceAddr();
        boolean found = ports.stream().anyMatch(p -> p.detail() instanceof DataStructure.PortDetail.TwoWire t && t.cmeaddr() == me);
        Expect.that(found, Req.MI_READ_DS_STRUCTURES, String.format(
                "no two-wire port reports CMEADDR %02Xh (the address this ME answers on): %s", me, ports), mi.lastEvidence());
    }

    /** Start-ID selectors for the controller list. */
    enum Start { ZERO, LAST_ID, PAST_LAST }

    /** Assertions: the controller list holds exactly the IDs ≥ CTRLID (NMD0 15:0), ascending; empty past the last. */
    @ParameterizedTest(name = "controller list from {0} → only IDs at or above the start")
    @ValueSource(strings = {"ZERO", "LAST_ID", "PAST_LAST"})
    @Spec(Req.MI_CONTROLLER_LIST)
    void controllerList_holdsIdsFromStart(Start which, MiClient mi) {
        DataStructure.ControllerList all = controllerList(mi, 0);
        Expect.that(!all.ids().isEmpty(), Req.MI_CONTROLLER_LIST, "no controllers listed from 0", mi.lastEvidence());
        int last = all.ids().get(all.ids().size() - 1);
        int start = switch (which) {
            case ZERO -> 0;
            case LAST_ID -> last;
            case PAST_LAST -> last + 1;
        };
        controllerList(mi, start);
    }

    static DataStructure.ControllerList controllerList(MiClient mi, int start) {
        Mi.Answer a = Mi.ok(mi, MiCommand.ReadDataStructure.controllerList(start), Req.MI_CONTROLLER_LIST);
        DataStructure.ControllerList list = (DataStructure.ControllerList) Mi.decoded(
                DataStructure.decode(a.response(), MiCommand.ReadDataStructure.CONTROLLER_LIST));
        Expect.none(list.checkStart(start), a.wire());
        return list;
    }

    /** Assertions: Controller Information for every listed controller has its layout and names an existing port. */
    @Test
    @DisplayName("Controller Information for every controller → layout holds, port exists")
    @Spec(Req.MI_READ_DS_STRUCTURES)
    void controllerInformation_everyControllerHasItsLayout(MiClient mi) {
        int ports = Mi.ports(mi).size();
        for (int id : controllerList(mi, 0).ids()) {
            DataStructure.ControllerInfo c = (DataStructure.ControllerInfo) Mi.dataStructure(mi,
                    MiCommand.ReadDataStructure.controllerInfo(id));
            Expect.that(c.portid() < ports, Req.MI_READ_DS_STRUCTURES,
                    "controller " + id + " on port " + c.portid() + ", but only " + ports + " ports exist", mi.lastEvidence());
        }
    }

    /** Assertions: the optionally supported command list decodes (count matches its entries). */
    @Test
    @DisplayName("Optionally Supported Command List → count matches the entries")
    @Spec(Req.MI_READ_DS_STRUCTURES)
    void optionalCommandList_isConsistent(MiClient mi) {
        Mi.dataStructure(mi, MiCommand.ReadDataStructure.optionalCommands(0));
    }

    static Stream<Arguments> badSelectors() {
        return Stream.of(
                argumentSet("Controller Information for controller FFFEh", new MiCommand.ReadDataStructure(0xFFFE, 0,
                        MiCommand.ReadDataStructure.CONTROLLER_INFO), 8),
                argumentSet("Port Information for port FEh", new MiCommand.ReadDataStructure(0, 0xFE,
                        MiCommand.ReadDataStructure.PORT_INFO), 10));
    }

    /** Assertions: a controller or port that does not exist gets 04h with PEL on CTRLID (byte 8) or PORTID (byte 10). */
    @ParameterizedTest(name = "{argumentSetName} → 04h, PEL byte {1}")
    @MethodSource("badSelectors")
    @Spec({Req.MI_INVALID_PARAMETER, Req.MI_PARAMETER_ERROR_LOCATION})
    void unknownControllerOrPort_isInvalidParameter(MiRequest request, int pelByte, MiClient mi) {
        Mi.ask(mi, request).requireInvalidParameter(pelByte, 0, Req.MI_INVALID_PARAMETER);
    }

    /** Assertions: reserved data structure types get 04h with PEL byte 11 bit 0 (UNH-IOL 4.6). */
    @ParameterizedTest(name = "data structure type {0} → 04h, PEL byte 11 bit 0")
    @ValueSource(ints = {0x06, 0x80, 0xFF})
    @Spec({Req.MI_READ_DS_RESERVED_DTYP, Req.MI_PARAMETER_ERROR_LOCATION})
    void reservedDataStructureType_isInvalidParameter(int dtyp, MiClient mi) {
        Mi.ask(mi, new MiCommand.ReadDataStructure(0, 0, dtyp))
                .requireInvalidParameter(MiCommand.ReadDataStructure.DTYP_OFFSET, 0, Req.MI_READ_DS_RESERVED_DTYP);
    }

    // ---------------------------------------------------------------- Health status polls (§5.3, §5.6)

    /** Assertions: the 8-byte status decodes, reserved bytes zero, CTEMP uses a defined encoding (UNH-IOL 8.4). */
    @Test
    @DisplayName("NVM Subsystem Health Status Poll → 8-byte status, defined CTEMP code, reserved zero")
    @Spec(Req.MI_NSHSP)
    void subsystemHealth_hasItsLayout(MiClient mi) {
        SubsystemHealthStatus s = subsystemHealth(mi, false);
        Expect.that(s.ctempReading().kind() != Ctemp.Kind.RESERVED, Req.MI_NSHSP,
                "CTEMP code " + Integer.toHexString(s.ctemp()) + "h is reserved", mi.lastEvidence());
    }

    static SubsystemHealthStatus subsystemHealth(MiClient mi, boolean cs) {
        Mi.Answer a = Mi.ok(mi, new MiCommand.SubsystemHealthStatusPoll(cs), Req.MI_NSHSP);
        return Mi.decoded(SubsystemHealthStatus.decode(a.response()));
    }

    /** Steps: poll with CS = 1, poll again. Assertions: the second poll's CCS is zero. */
    @Test
    @DisplayName("NVM Subsystem Health Status Poll with CS = 1 → composite controller status cleared")
    @Spec(Req.MI_NSHSP)
    void clearStatus_clearsCompositeControllerStatus(MiClient mi) {
        subsystemHealth(mi, true);
        SubsystemHealthStatus after = subsystemHealth(mi, false);
        Expect.equal(Req.MI_NSHSP, "CCS after a clearing poll", 0, after.ccs(), mi.lastEvidence());
    }

    /**
     * Setup: if no composite flag is set and destructive commands are allowed, lower the over-temperature
     * threshold (Set Features 04h, not saved) below the composite temperature so the DUT raises a flag;
     * the threshold is restored afterwards. Steps: read CCS; Configuration Set Health Status Change with
     * the packed mask of the set flags; read CCS again. Assertions: those flags are clear.
     */
    @Test
    @DisplayName("Configuration Set Health Status Change → the chosen CCS flags are cleared")
    @Spec(Req.MI_CONFIG_HEALTH_STATUS_CHANGE)
    void healthStatusChange_clearsChosenFlags(MiClient mi, LabConfig config) {
        SubsystemHealthStatus now = subsystemHealth(mi, false);
        OptionalLong restore = OptionalLong.empty();
        try {
            if (now.ccs() == 0 && config.allowDestructive() && now.ctempReading().celsius().isPresent()) {
                long threshold = admin(mi, AdminRequest.getFeatures(0, TEMPERATURE_THRESHOLD, 0)).cqeDw0() & 0xFFFF;
                restore = OptionalLong.of(threshold);
                setOverTemperatureThreshold(mi, now.ctempReading().celsius().getAsInt() + 273 - 5);
                now = subsystemHealth(mi, false);
            }
            int before = now.ccs();
            Assumptions.assumeTrue(before != 0, "not applicable now: no composite controller status flag is set to clear");
            Mi.ok(mi, new MiCommand.ConfigurationSet(ConfigSetting.HealthStatusChange.clearingCcs(before)),
                    Req.MI_CONFIG_HEALTH_STATUS_CHANGE);
            int after = subsystemHealth(mi, false).ccs();
            Expect.equal(Req.MI_CONFIG_HEALTH_STATUS_CHANGE, "CCS flags still set of " + CcsFlag.fromCcs(before),
                    0, after & before, mi.lastEvidence());
        } finally {
            if (restore.isPresent()) {
                setOverTemperatureThreshold(mi, restore.getAsLong());
            }
        }
    }

    private static final int TEMPERATURE_THRESHOLD = 0x04;

    private static AdminResponse admin(MiClient mi, AdminRequest request) {
        return Mi.decoded(AdminResponse.decode(Mi.ok(mi, request, Req.MI_ADMIN_WELL_FORMED).response()));
    }

    /** Set Features Temperature Threshold, composite sensor, over-temperature, not saved (CDW11 TMPTH in kelvin). */
    private static void setOverTemperatureThreshold(MiClient mi, long kelvin) {
        admin(mi, AdminRequest.builder(AdminOpcode.SET_FEATURES.code).ctlid(0).cdw10(TEMPERATURE_THRESHOLD)
                .cdw11(kelvin & 0xFFFF).build());
    }

    /** Assertions: one 16-byte entry per controller, IDs ascending from SCTLID, RENT matching. */
    @Test
    @DisplayName("Controller Health Status Poll (all) → one entry per controller, ascending IDs")
    @Spec(Req.MI_CHSP)
    void controllerHealth_reportsEveryController(MiClient mi) {
        List<Integer> ids = controllerList(mi, 0).ids();
        Mi.Answer a = Mi.ok(mi, MiCommand.ControllerHealthStatusPoll.all(0, 0xFE, false), Req.MI_CHSP);
        ControllerHealthStatus s = Mi.decoded(ControllerHealthStatus.decode(a.response()));
        List<Integer> got = s.entries().stream().map(ControllerHealth::ctlid).toList();
        Expect.that(got.equals(ids), Req.MI_CHSP, "entries for controllers " + got + ", the controller list is " + ids,
                a.wire());
    }

    /** Assertions: MAXRENT FFh (256 entries) gets 04h with PEL byte 10 (UNH-IOL 4.5). */
    @Test
    @DisplayName("Controller Health Status Poll with MAXRENT FFh → 04h, PEL byte 10")
    @Spec({Req.MI_CHSP_MAXRENT, Req.MI_PARAMETER_ERROR_LOCATION})
    void maxrentFF_isInvalidParameter(MiClient mi) {
        Mi.ask(mi, MiCommand.ControllerHealthStatusPoll.all(0, 0xFF, false))
                .requireInvalidParameter(MiCommand.ControllerHealthStatusPoll.MAXRENT_OFFSET, 0, Req.MI_CHSP_MAXRENT);
    }

    // ---------------------------------------------------------------- Configuration Get / Set (§5.1, §5.2)

    static Stream<Arguments> reservedCids() {
        return Stream.of(0x00, 0x05, 0x80, 0xBF).flatMap(cid -> Stream.of(
                argumentSet(String.format("Configuration Get, CID %02Xh", cid),
                        new MiCommand.ConfigurationGet(ConfigQuery.Other.cid(cid))),
                argumentSet(String.format("Configuration Set, CID %02Xh", cid),
                        new MiCommand.ConfigurationSet(ConfigSetting.Other.cid(cid)))));
    }

    /** Assertions: a reserved configuration identifier gets 04h with PEL byte 8 bit 0 (UNH-IOL 4.2). */
    @ParameterizedTest(name = "{argumentSetName} → 04h, PEL byte 8 bit 0")
    @MethodSource("reservedCids")
    @Spec({Req.MI_CONFIG_RESERVED_CID, Req.MI_PARAMETER_ERROR_LOCATION})
    void reservedConfigurationIdentifier_isInvalidParameter(MiRequest request, MiClient mi) {
        Mi.ask(mi, request).requireInvalidParameter(8, 0, Req.MI_CONFIG_RESERVED_CID);
    }

    /** Assertions: the two-wire port's frequency reads as a defined code not above the port's maximum. */
    @Test
    @DisplayName("Configuration Get SMBus/I2C Frequency on the two-wire port → defined code ≤ port maximum")
    @Spec(Req.MI_CONFIG_SMBUS_FREQUENCY)
    void smbusFrequency_isWithinPortMaximum(MiClient mi) {
        int port = Mi.twoWirePort(mi);
        int sfreq = sfreq(mi, port);
        DataStructure.PortInfo info = (DataStructure.PortInfo) Mi.dataStructure(mi, MiCommand.ReadDataStructure.portInfo(port));
        int max = ((DataStructure.PortDetail.TwoWire) info.detail()).msmbfreq();
        Expect.that(sfreq >= 1 && sfreq <= 3 && sfreq <= Math.max(max, 1), Req.MI_CONFIG_SMBUS_FREQUENCY,
                "SFREQ " + sfreq + " with the port's maximum code " + max, mi.lastEvidence());
    }

    static int sfreq(MiClient mi, int port) {
        Mi.Answer a = Mi.ok(mi, new MiCommand.ConfigurationGet(new ConfigQuery.SmbusFrequency(port)),
                Req.MI_CONFIG_SMBUS_FREQUENCY);
        return Mi.decoded(ConfigGetValue.decodeSfreq(a.response()));
    }

    /** Steps: set the frequency the port already runs at. Assertions: success, and Get reads it back. */
    @Test
    @DisplayName("Configuration Set SMBus/I2C Frequency to the current value → success, reads back")
    @Spec(Req.MI_CONFIG_SMBUS_FREQUENCY)
    void smbusFrequencySetCurrent_readsBack(MiClient mi) {
        int port = Mi.twoWirePort(mi);
        int sfreq = sfreq(mi, port);
        Mi.ok(mi, new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(port, sfreq)), Req.MI_CONFIG_SMBUS_FREQUENCY);
        Expect.equal(Req.MI_CONFIG_SMBUS_FREQUENCY, "SFREQ after set", sfreq, sfreq(mi, port), mi.lastEvidence());
    }

    /** Assertions: SFREQ 0 (not supported) and reserved codes get 04h. */
    @ParameterizedTest(name = "Configuration Set SMBus/I2C Frequency code {0} → 04h")
    @ValueSource(ints = {0x0, 0x4, 0xF})
    @Spec(Req.MI_CONFIG_SMBUS_FREQUENCY)
    void smbusFrequencyInvalid_isInvalidParameter(int sfreq, MiClient mi) {
        int port = Mi.twoWirePort(mi);
        Mi.ask(mi, new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(port, sfreq)))
                .requireStatus(MiStatus.INVALID_PARAMETER, Req.MI_CONFIG_SMBUS_FREQUENCY);
    }

    /** Assertions: SMBus/I2C Frequency on a port that is not two-wire gets 04h. */
    @Test
    @DisplayName("Configuration Get SMBus/I2C Frequency on a PCIe port → 04h")
    @Spec(Req.MI_CONFIG_SMBUS_FREQUENCY)
    void smbusFrequencyOnPciePort_isInvalidParameter(MiClient mi) {
        List<DataStructure.PortInfo> ports = Mi.ports(mi);
        int pcie = -1;
        for (int i = 0; i < ports.size() && pcie < 0; i++) {
            pcie = ports.get(i).prttyp() == DataStructure.PortInfo.PCIE ? i : -1;
        }
        Assumptions.assumeTrue(pcie >= 0, "not applicable: the DUT reports no PCIe port");
        Mi.ask(mi, new MiCommand.ConfigurationGet(new ConfigQuery.SmbusFrequency(pcie)))
                .requireStatus(MiStatus.INVALID_PARAMETER, Req.MI_CONFIG_SMBUS_FREQUENCY);
    }

    /** Assertions: after reset the MCTP transmission unit reads 64. */
    @Test
    @DisplayName("Configuration Get MCTP Transmission Unit Size → 64 (the power-on value)")
    @Spec(Req.MI_CONFIG_MTU)
    void transmissionUnit_is64ByDefault(MiClient mi) {
        int port = Mi.twoWirePort(mi);
        Mi.Answer a = Mi.ok(mi, new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(port)), Req.MI_CONFIG_MTU);
        Expect.equal(Req.MI_CONFIG_MTU, "MTUS", 64, Mi.decoded(ConfigGetValue.decodeMtus(a.response())), a.wire());
    }

    /** Assertions: a transmission unit below 64 or above the binding's 250 gets 04h. */
    @ParameterizedTest(name = "Configuration Set MCTP Transmission Unit Size {0} → 04h")
    @ValueSource(ints = {0, 63, 251, 0xFFFF})
    @Spec(Req.MI_CONFIG_MTU)
    void transmissionUnitOutOfRange_isInvalidParameter(int mtus, MiClient mi) {
        int port = Mi.twoWirePort(mi);
        Mi.ask(mi, new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(port, mtus)))
                .requireStatus(MiStatus.INVALID_PARAMETER, Req.MI_CONFIG_MTU);
    }

}
