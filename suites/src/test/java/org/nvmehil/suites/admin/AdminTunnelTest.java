package org.nvmehil.suites.admin;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;
import org.nvmehil.suites.support.Mi;

/** NVMe Admin commands tunnelled over NVMe-MI (MI 1.2 §6; NVMe Base for the command data). */
@Conformance
@DisplayName("Tunnelled NVMe Admin commands (NVMe-MI 1.2 §6)")
class AdminTunnelTest {

    /** The Admin response to {@code request}: MI status Success, NVMe status Success, CID 0, DLEN bytes of data. */
    static AdminResponse admin(MiClient mi, AdminRequest request) {
        Mi.Answer a = Mi.ok(mi, request, Req.MI_ADMIN_WELL_FORMED);
        AdminResponse r = Mi.decoded(AdminResponse.decode(a.response()));
        Expect.equal(Req.MI_ADMIN_CQE_CID_ZERO, "CQE command identifier", 0, r.cid(), a.wire());
        Expect.equal(Req.MI_ADMIN_WELL_FORMED, "NVMe status (SCT/SC)", 0, r.nvmeStatus(), a.wire());
        Expect.none(r.checkDataLength(request), a.wire());
        return r;
    }

    static IdentifyController identifyController(MiClient mi) {
        return Mi.decoded(IdentifyController.decode(admin(mi, AdminRequest.identify(0, 1, 0, 0, 4096)).data()));
    }

    /** Assertions: Identify Controller completes with MI Success, NVMe Success, CID 0 and 4096 bytes of data. */
    @Test
    @DisplayName("Identify Controller → MI and NVMe success, CQE CID 0, 4096 bytes")
    @Spec({Req.MI_ADMIN_WELL_FORMED, Req.MI_ADMIN_CQE_CID_ZERO, Req.NVME_DATA_LAYOUT})
    void identifyController_isWellFormed(MiClient mi) {
        identifyController(mi);
    }

    /** Assertions: SN, MN and FR are printable ASCII, left-justified, padded with spaces. */
    @ParameterizedTest(name = "Identify Controller {0} → ASCII, space padded")
    @ValueSource(strings = {"sn", "mn", "fr"})
    @Spec(Req.NVME_IDENTIFY_ASCII)
    void identifyStrings_areSpacePaddedAscii(String field, MiClient mi) {
        Bytes data = admin(mi, AdminRequest.identify(0, 1, 0, 0, 4096)).data();
        List<Violation> v = IdentifyController.decode(data).violations().stream()
                .filter(x -> x.req() == Req.NVME_IDENTIFY_ASCII && x.field().equalsIgnoreCase(field)).toList();
        Expect.none(v, data.slice(0, 72));
    }

    static Stream<Arguments> slices() {
        return Stream.of(
                argumentSet("serial number: DOFST 4, DLEN 20 (the NVMe-MI appendix example)", 4, 20),
                argumentSet("first 64 bytes", 0, 64),
                argumentSet("DOFST 1024, DLEN 512", 1024, 512),
                argumentSet("last dword", 4092, 4));
    }

    /** Assertions: Identify with DOFST/DLEN returns exactly that slice of the 4096-byte structure. */
    @ParameterizedTest(name = "Identify Controller slice {argumentSetName} → the same bytes as the full read")
    @MethodSource("slices")
    @Spec(Req.MI_ADMIN_DATA_SLICE)
    void identifySlice_matchesFullStructure(int dofst, int dlen, MiClient mi) {
        Bytes full = admin(mi, AdminRequest.identify(0, 1, 0, 0, 4096)).data();
        Bytes part = admin(mi, AdminRequest.identify(0, 1, 0, dofst, dlen)).data();
        Expect.that(part.equals(full.slice(dofst, dofst + dlen)), Req.MI_ADMIN_DATA_SLICE,
                "bytes " + dofst + ".." + (dofst + dlen) + " differ from the full structure: got " + part.head(32),
                full.slice(dofst, Math.min(dofst + dlen, dofst + 32)));
    }

    /** Steps: active namespace list (CNS 02h); Identify Namespace of each. Assertions: NSZE ≥ NCAP ≥ NUSE, layout holds. */
    @Test
    @DisplayName("Identify Namespace for every active namespace → layout holds, NSZE ≥ NCAP ≥ NUSE")
    @Spec({Req.MI_ADMIN_WELL_FORMED, Req.NVME_DATA_LAYOUT})
    void identifyNamespace_everyActiveNamespace(MiClient mi) {
        Bytes list = admin(mi, AdminRequest.identify(0, 2, 0, 0, 4096)).data();
        List<Long> nsids = new ArrayList<>();
        for (int i = 0; i + 4 <= list.length() && list.u32le(i) != 0; i += 4) {
            nsids.add(list.u32le(i));
        }
        for (long nsid : nsids) {
            IdentifyNamespace ns = Mi.decoded(IdentifyNamespace.decode(admin(mi, AdminRequest.identify(0, 0, nsid, 0, 4096)).data()));
            Expect.that(ns.nsze() >= ns.ncap() && ns.ncap() >= ns.nuse(), Req.NVME_DATA_LAYOUT,
                    "namespace " + nsid + ": NSZE " + ns.nsze() + ", NCAP " + ns.ncap() + ", NUSE " + ns.nuse(), mi.lastEvidence());
        }
    }

    /**
     * Assertions: the SMART / Health log decodes, and its composite temperature (kelvin) agrees with the
     * NVM Subsystem Health Status Poll's CTEMP (°C) within 2 degrees.
     */
    @Test
    @DisplayName("Get Log Page SMART / Health → layout holds, temperature agrees with the health poll")
    @Spec({Req.MI_ADMIN_WELL_FORMED, Req.NVME_DATA_LAYOUT})
    void smartLog_agreesWithHealthPoll(MiClient mi) {
        SmartLog log = Mi.decoded(SmartLog.decode(admin(mi, AdminRequest.getLogPage(0, SmartLog.LID, 0xFFFFFFFFL, 512, 0)).data()));
        Mi.Answer a = Mi.ok(mi, new MiCommand.SubsystemHealthStatusPoll(false), Req.MI_NSHSP);
        SubsystemHealthStatus s = Mi.decoded(SubsystemHealthStatus.decode(a.response()));
        org.junit.jupiter.api.Assumptions.assumeTrue(s.ctempReading().celsius().isPresent(),
                "not applicable: the health poll reports no temperature reading (CTEMP " + s.ctempReading() + ")");
        int c = s.ctempReading().celsius().getAsInt();
        Expect.that(Math.abs(log.ctemp() - 273 - c) <= 2, Req.NVME_DATA_LAYOUT,
                "SMART composite temperature " + log.ctemp() + " K, health poll " + c + " °C", mi.lastEvidence());
    }

    /** Assertions: reading the SMART log from offset 256 returns the second half of the full log (LPOL). */
    @Test
    @DisplayName("Get Log Page SMART / Health at log offset 256 → the second half of the log")
    @Spec(Req.MI_ADMIN_DATA_SLICE)
    void smartLogOffset_returnsTheRightBytes(MiClient mi) {
        Bytes full = admin(mi, AdminRequest.getLogPage(0, SmartLog.LID, 0xFFFFFFFFL, 512, 0)).data();
        Bytes half = admin(mi, AdminRequest.getLogPage(0, SmartLog.LID, 0xFFFFFFFFL, 256, 256)).data();
        Expect.that(half.equals(full.slice(256, 512)), Req.MI_ADMIN_DATA_SLICE,
                "log offset 256 returned " + half.head(16) + "…", full.slice(256, 272));
    }

    /** Assertions: the Firmware Slot Information log decodes with an active slot in range. */
    @Test
    @DisplayName("Get Log Page Firmware Slot Information → an active slot 1–7")
    @Spec({Req.MI_ADMIN_WELL_FORMED, Req.NVME_DATA_LAYOUT})
    void firmwareSlotLog_hasAnActiveSlot(MiClient mi) {
        FirmwareSlotLog log = Mi.decoded(FirmwareSlotLog.decode(admin(mi, AdminRequest.getLogPage(0, 0x03, 0xFFFFFFFFL, 512, 0)).data()));
        int active = log.afi() & 0x7;
        Expect.that(active >= 1 && active <= 7, Req.NVME_DATA_LAYOUT, "AFI " + Integer.toHexString(log.afi()) + "h", mi.lastEvidence());
    }

    /** Assertions: Get Features Temperature Threshold (04h) completes with MI and NVMe success. */
    @Test
    @DisplayName("Get Features Temperature Threshold → success")
    @Spec(Req.MI_ADMIN_WELL_FORMED)
    void getFeaturesTemperatureThreshold_succeeds(MiClient mi) {
        admin(mi, AdminRequest.getFeatures(0, 0x04, 0));
    }

    /** Assertions: a controller ID that does not exist gets 04h with PEL on CTLID (byte 6 bit 0). */
    @Test
    @DisplayName("Identify for controller FFFEh → 04h, PEL byte 6")
    @Spec({Req.MI_ADMIN_WELL_FORMED, Req.MI_PARAMETER_ERROR_LOCATION})
    void unknownController_isInvalidParameter(MiClient mi) {
        Mi.ask(mi, AdminRequest.identify(0xFFFE, 1, 0, 0, 4096))
                .requireInvalidParameter(AdminRequest.CTLID_OFFSET, 0, Req.MI_ADMIN_WELL_FORMED);
    }

    /** Assertions: Admin opcodes Figure 114 prohibits out of band get 04h with PEL on the opcode (byte 4 bit 0). */
    @ParameterizedTest(name = "prohibited Admin opcode {0} → 04h, PEL byte 4")
    @ValueSource(ints = {0x00, 0x01, 0x04, 0x05, 0x08, 0x0C, 0x18, 0x7F})
    @Spec({Req.MI_ADMIN_PROHIBITED, Req.MI_PARAMETER_ERROR_LOCATION})
    void prohibitedOpcode_isInvalidParameter(int opcode, MiClient mi) {
        Mi.ask(mi, AdminRequest.builder(opcode).ctlid(0).build())
                .requireInvalidParameter(AdminRequest.OPCODE_OFFSET, 0, Req.MI_ADMIN_PROHIBITED);
    }

    /** Assertions: an Admin opcode absent from Figure 114 gets 03h Invalid Command Opcode. */
    @ParameterizedTest(name = "unlisted Admin opcode {0} → 03h")
    @ValueSource(ints = {0x03, 0x07, 0x3F})
    @Spec(Req.MI_ADMIN_PROHIBITED)
    void unlistedOpcode_isInvalidCommandOpcode(int opcode, MiClient mi) {
        Mi.expectStatus(mi, AdminRequest.builder(opcode).ctlid(0).build(), MiStatus.INVALID_COMMAND_OPCODE,
                Req.MI_ADMIN_PROHIBITED);
    }
}
