package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.wire.Bytes;

/** Tunnelled Admin commands (MI 1.2 §6): well-formedness, Identify, Get Log Page, Get/Set Features, MI slicing. */
class AdminTest {
    static final long DW3_INVALID_FIELD = 0x8005_0000L;

    static AdminRequest identify(int ctlid, int cns, long nsid) {
        return AdminRequest.identify(ctlid, cns, nsid, 0, 4096);
    }

    static AdminRequest getFeatures(int fid, int sel, long cdw11) {
        return AdminRequest.builder(AdminOpcode.GET_FEATURES.code).cdw10(fid | sel << 8).cdw11(cdw11).build();
    }

    static AdminRequest setFeatures(int fid, long cdw11) {
        return AdminRequest.builder(AdminOpcode.SET_FEATURES.code).cdw10(fid).cdw11(cdw11).build();
    }

    static void assertNvmeStatus(AdminResponse r, int sct, int sc) {
        assertEquals(sct, r.sct());
        assertEquals(sc, r.sc());
        assertTrue(r.dnr());
        assertEquals(0, r.cid());
        assertEquals(Bytes.EMPTY, r.data());
    }

    // ------------------------------------------------------------------ well-formedness

    @Test
    @DisplayName("unknown CTLID: 04h, PEL byte 6 bit 0")
    void unknownCtlid() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(identify(1, 1, 0), 6, 0);
        h.assertInvalidParameter(identify(0xFFFF, 1, 0), 6, 0);
    }

    @Test
    @DisplayName("Fig. 114: not listed → 03h; prohibited → 04h PEL byte 4; optional but not implemented → 03h")
    void opcodeClasses() {
        MeHarness h = new MeHarness();
        h.assertStatus(AdminRequest.builder(0x03).build(), MiStatus.INVALID_COMMAND_OPCODE);
        h.assertInvalidParameter(AdminRequest.builder(AdminOpcode.KEEP_ALIVE.code).build(), 4, 0);
        h.assertInvalidParameter(AdminRequest.builder(AdminOpcode.ASYNC_EVENT_REQUEST.code).build(), 4, 0);
        h.assertStatus(AdminRequest.builder(AdminOpcode.FORMAT_NVM.code).build(), MiStatus.INVALID_COMMAND_OPCODE);
        h.assertStatus(AdminRequest.builder(0xC2).dlen(4096).build(), MiStatus.INVALID_COMMAND_OPCODE);
    }

    @Test
    @DisplayName("a request shorter than the 68-byte command: 05h; data on a controller-to-host command: 05h")
    void sizes() {
        MeHarness h = new MeHarness();
        Bytes shortReq = org.nvmehil.protocol.mi.MiMessage.seal(identify(0, 1, 0).content().head(40)).toWire();
        assertEquals(MiStatus.INVALID_COMMAND_SIZE.code,
                org.nvmehil.protocol.mi.MiResponse.decode(h.exchange(shortReq)).get().status());
        h.assertStatus(identify(0, 1, 0).toBuilder().data(Bytes.zeros(8)).build(), MiStatus.INVALID_COMMAND_SIZE);
        h.assertStatus(setFeatures(2, 0).toBuilder().data(Bytes.zeros(4)).build(),
                MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE);
    }

    // ------------------------------------------------------------------ Identify

    @Test
    @DisplayName("Identify Controller: identity from lab-config, padded text, CNTLID, VER, MDTS, OUI, SUBNQN, NN, ...")
    void identifyController() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(2, 1, 2, TestLab.ns(1000, 4096, 0, 1),
                TestLab.ns(2000, 512, 1)));
        AdminResponse r = h.admin(identify(1, 1, 0));
        assertEquals(0x0001_0000L, r.cqeDw3());
        var d = IdentifyController.decode(r.data());
        assertTrue(d.isClean(), () -> d.violations().toString());
        IdentifyController ic = d.get();
        assertEquals(0x1b36, ic.vid());
        assertEquals(0x1af4, ic.ssvid());
        assertEquals("NVMEHIL-0001        ", ic.sn());
        assertEquals("nvme-hil reference model" + " ".repeat(16), ic.mn());
        assertEquals("0.1.0   ", ic.fr());
        assertEquals(0xACDE48, ic.ieee());
        assertEquals(Bytes.hex("48 de ac"), r.data().slice(73, 76));
        assertEquals(1, ic.cntlid());
        assertEquals("2.0.0", ic.version());
        assertEquals(5, ic.mdts());
        assertEquals(3, ic.cmic());
        assertEquals(1, ic.mec());
        assertEquals(0x80 | 100, ic.vwci());
        assertTrue(ic.nvmesd());
        assertEquals(2, ic.nn());
        assertEquals(0x66, ic.sqes());
        assertEquals(0x44, ic.cqes());
        assertEquals(343, ic.wctemp());
        assertEquals(BigInteger.valueOf(1000 * 4096L + 2000 * 512L), ic.tnvmcap());
        assertEquals("nqn.2025-01.org.nvmehil:reference-model", ic.subnqn());
        assertEquals(63, r.data().u8(262), "ELPE");
    }

    @Test
    @DisplayName("Identify Namespace: active → data, inactive → zeros, NSID 0 / above NN / FFFFFFFFh → Invalid Namespace or Format")
    void identifyNamespace() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 2, TestLab.ns(1000, 4096, 0, 1),
                TestLab.ns(2000, 512, 1)));
        IdentifyNamespace ns = IdentifyNamespace.decode(h.admin(identify(0, 0, 1)).data()).get();
        assertEquals(1000, ns.nsze());
        assertEquals(4096, ns.blockSize());
        assertEquals(1, ns.nmic());
        assertEquals(512, IdentifyNamespace.decode(h.admin(identify(1, 0, 2)).data()).get().blockSize());
        assertEquals(Bytes.zeros(4096), h.admin(identify(0, 0, 2)).data());
        for (long nsid : new long[] {0, 3, 0xFFFF_FFFEL, 0xFFFF_FFFFL}) {
            assertNvmeStatus(h.admin(identify(0, 0, nsid)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_NAMESPACE);
        }
    }

    @Test
    @DisplayName("Active Namespace ID List: NSIDs attached to the controller above the given NSID; FFFFFFFEh and up refused")
    void activeNamespaceList() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 2, TestLab.ns(10, 512, 0, 1),
                TestLab.ns(10, 512, 1), TestLab.ns(10, 512, 1)));
        assertEquals(Bytes.hex("01 00 00 00 02 00 00 00 03 00 00 00 00 00 00 00"),
                h.admin(identify(1, 2, 0)).data().head(16));
        assertEquals(Bytes.hex("03 00 00 00 00 00 00 00"), h.admin(identify(1, 2, 2)).data().head(8));
        assertEquals(Bytes.hex("01 00 00 00 00 00 00 00"), h.admin(identify(0, 2, 0)).data().head(8));
        assertEquals(4096, h.admin(identify(0, 2, 0)).data().length());
        assertNvmeStatus(h.admin(identify(0, 2, 0xFFFF_FFFEL)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_NAMESPACE);
        h.subsystem().namespace(3).get().attach(0);
        assertEquals(Bytes.hex("01 00 00 00 03 00 00 00"), h.admin(identify(0, 2, 0)).data().head(8));
        assertTrue(h.subsystem().controller(0).get().changedFlags().contains(CcsFlag.NAC));
    }

    @Test
    @DisplayName("unsupported CNS: MI success, Invalid Field in Command in DW3 (80050000h with CID 0)")
    void unsupportedCns() {
        AdminResponse r = new MeHarness().admin(identify(0, 0x10, 0));
        assertEquals(DW3_INVALID_FIELD, r.cqeDw3());
        assertNvmeStatus(r, Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    // ------------------------------------------------------------------ MI data slicing

    @Test
    @DisplayName("DOFST/DLEN select a slice of the command data")
    void slice() {
        MeHarness h = new MeHarness();
        Bytes full = h.admin(identify(0, 1, 0)).data();
        assertEquals(full.slice(4, 24), h.admin(AdminRequest.identify(0, 1, 0, 4, 20)).data());
        assertEquals(full.slice(4092, 4096), h.admin(AdminRequest.identify(0, 1, 0, 4092, 4)).data());
    }

    @Test
    @DisplayName("DOFST not dword aligned or past the data: PEL byte 28; DLEN 0, unaligned, over 4096 or past the data: PEL byte 32")
    void sliceErrors() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 2, 8), 28, 0);
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 4096, 4), 28, 0);
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 0, 0), 32, 0);
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 0, 6), 32, 0);
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 0, 8192), 32, 0);
        h.assertInvalidParameter(AdminRequest.identify(0, 1, 0, 2048, 4096), 32, 0);
        AdminResponse failed = h.admin(AdminRequest.identify(0, 0x10, 0, 2, 6));
        assertNvmeStatus(failed, Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    // ------------------------------------------------------------------ Get Log Page

    @Test
    @DisplayName("SMART / Health log from the controller's health values; NSID other than 0/FFFFFFFFh refused")
    void smart() {
        MeHarness h = new MeHarness(TestLab.defaults().health(45, 300, 7, 10, 0x04));
        SmartLog s = SmartLog.decode(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0)).data()).get();
        assertEquals(0x04 | SmartLog.CW_SPARE, s.cw());
        assertEquals(318, s.ctemp());
        assertEquals(7, s.avsp());
        assertEquals(10, s.avspt());
        assertEquals(255, s.pused());
        assertEquals(318, s.tsen().get(0));
        assertEquals(512, h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0xFFFF_FFFFL, 512, 0)).data().length());
        assertNvmeStatus(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 1, 512, 0)), Cqe.SCT_GENERIC,
                Cqe.SC_INVALID_FIELD);
    }

    @Test
    @DisplayName("log page offset and length: LPO picks the start, reading past the end gives zeros, LPO unaligned or past the end refused")
    void logOffsets() {
        MeHarness h = new MeHarness();
        Bytes full = h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0)).data();
        assertEquals(full.slice(4, 12), h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 8, 4)).data());
        assertEquals(full.slice(508, 512).concat(Bytes.zeros(4)),
                h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 8, 508)).data());
        assertEquals(Bytes.zeros(4), h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 4, 512)).data());
        assertNvmeStatus(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 8, 2)), Cqe.SCT_GENERIC,
                Cqe.SC_INVALID_FIELD);
        assertNvmeStatus(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 8, 516)), Cqe.SCT_GENERIC,
                Cqe.SC_INVALID_FIELD);
        assertNvmeStatus(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 8, 1L << 32)), Cqe.SCT_GENERIC,
                Cqe.SC_INVALID_FIELD);
        AdminRequest big = AdminRequest.getLogPage(0, SmartLog.LID, 0, 8192, 0).toBuilder().dofst(4096).dlen(8).build();
        assertEquals(Bytes.zeros(8), h.admin(big).data(), "NUMDU counts: 8 KiB requested, MI slices at 4096");
        AdminRequest mi = AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0).toBuilder().dofst(256).dlen(8).build();
        assertEquals(full.slice(256, 264), h.admin(mi).data());
        AdminRequest over = AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0).toBuilder().dofst(508).dlen(8).build();
        h.assertInvalidParameter(over, 32, 0);
        AdminRequest ot = AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0).toBuilder().cdw(14, 1L << 23).build();
        assertNvmeStatus(h.admin(ot), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    @Test
    @DisplayName("Error Information log: newest entry first, ELPE + 1 entries; SMART counts them")
    void errorLog() {
        MeHarness h = new MeHarness();
        Controller c = h.subsystem().controller(0).get();
        c.logError(0, 1, 0x4002, 0x0028, 0, 1);
        c.logError(0, 2, 0x4002, 0x002C, 0, 1);
        Bytes log = h.admin(AdminRequest.getLogPage(0, ErrorLogEntry.LID, 0, 4096, 0)).data();
        ErrorLogEntry first = ErrorLogEntry.decode(log.slice(0, 64)).get();
        assertEquals(2, first.errcnt());
        assertEquals(2, first.cmdid());
        assertEquals(0x4002, first.status());
        assertEquals(1, ErrorLogEntry.decode(log.slice(64, 128)).get().errcnt());
        assertEquals(Bytes.zeros(64), log.slice(128, 192));
        SmartLog s = SmartLog.decode(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0)).data()).get();
        assertEquals(BigInteger.TWO, s.neile());
    }

    @Test
    @DisplayName("Firmware Slot log: slot 1 active with the firmware revision; Supported Log Pages lists 00h-03h")
    void firmwareAndSupported() {
        MeHarness h = new MeHarness();
        FirmwareSlotLog fw = FirmwareSlotLog.decode(h.admin(AdminRequest.getLogPage(0, FirmwareSlotLog.LID, 0, 512, 0))
                .data()).get();
        assertEquals(1, fw.activeSlot());
        assertEquals("0.1.0   ", fw.frs(1));
        assertEquals("", fw.frs(2));
        Bytes supported = h.admin(AdminRequest.getLogPage(0, 0x00, 0, 1024, 0)).data();
        for (int lid = 0; lid < 256; lid++) {
            assertEquals(lid <= 3 ? 1 : 0, supported.u32le(lid * 4), "LID " + lid);
        }
    }

    @Test
    @DisplayName("unsupported LID: Invalid Log Page (command specific 09h)")
    void unsupportedLog() {
        AdminResponse r = new MeHarness().admin(AdminRequest.getLogPage(0, 0x05, 0, 512, 0));
        assertNvmeStatus(r, Cqe.SCT_COMMAND_SPECIFIC, 0x09);
    }

    // ------------------------------------------------------------------ features

    @Test
    @DisplayName("Power Management: Get current/default/capabilities; Set PS 0 with a workload hint; PS above NPSS refused")
    void powerManagement() {
        MeHarness h = new MeHarness();
        assertEquals(0, h.admin(getFeatures(0x02, 0, 0)).cqeDw0());
        h.admin(setFeatures(0x02, 1 << 5));
        assertEquals(1 << 5, h.admin(getFeatures(0x02, 0, 0)).cqeDw0());
        assertEquals(0, h.admin(getFeatures(0x02, 1, 0)).cqeDw0());
        assertEquals(0, h.admin(getFeatures(0x02, 2, 0)).cqeDw0());
        assertEquals(4, h.admin(getFeatures(0x02, 3, 0)).cqeDw0());
        assertNvmeStatus(h.admin(setFeatures(0x02, 1)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
        assertNvmeStatus(h.admin(getFeatures(0x02, 4, 0)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    @Test
    @DisplayName("Temperature Threshold: default WCTEMP; lowering it below the temperature raises the warning everywhere")
    void temperatureThreshold() {
        MeHarness h = new MeHarness();
        assertEquals(343, h.admin(getFeatures(0x04, 0, 0)).cqeDw0());
        assertEquals(1L << 20, h.admin(getFeatures(0x04, 0, 1L << 20)).cqeDw0());
        h.admin(setFeatures(0x04, 300));
        assertEquals(300, h.admin(getFeatures(0x04, 0, 0)).cqeDw0());
        assertEquals(343, h.admin(getFeatures(0x04, 1, 0)).cqeDw0());
        SubsystemHealthStatus s = HealthPollTest.poll(h, false);
        assertTrue(s.warning(SubsystemHealthStatus.SW_TTC));
        assertTrue(s.ccsFlags().contains(CcsFlag.CWARN));
        SmartLog smart = SmartLog.decode(h.admin(AdminRequest.getLogPage(0, SmartLog.LID, 0, 512, 0)).data()).get();
        assertEquals(SmartLog.CW_TEMPERATURE, smart.cw());
        h.admin(setFeatures(0x04, 0xF << 16 | 400));
        assertFalse(HealthPollTest.poll(h, false).warning(SubsystemHealthStatus.SW_TTC));
        assertNvmeStatus(h.admin(getFeatures(0x04, 0, 1L << 16)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
        assertNvmeStatus(h.admin(getFeatures(0x04, 0, 2L << 20)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
        assertNvmeStatus(h.admin(setFeatures(0x04, 3L << 16 | 300)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    @Test
    @DisplayName("Set Features with SV: Feature Identifier Not Saveable; prohibited, unsupported and reserved FIDs: Invalid Field")
    void featureErrors() {
        MeHarness h = new MeHarness();
        AdminRequest sv = setFeatures(0x02, 0).toBuilder().cdw10(0x02 | 1L << 31).build();
        assertNvmeStatus(h.admin(sv), Cqe.SCT_COMMAND_SPECIFIC, 0x0D);
        for (int fid : new int[] {0x01, 0x07, 0x0B, 0x0C, 0x0E, 0x18, 0x80, 0xFF}) {
            assertNvmeStatus(h.admin(getFeatures(fid, 0, 0)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
            assertNvmeStatus(h.admin(setFeatures(fid, 0)), Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
        }
        assertEquals(List.of(), h.subsystem().controller(0).get().errorLog(), "failures are not logged");
    }

    @Test
    @DisplayName("features are per controller and return to defaults after an NVM Subsystem Reset")
    void featuresPerController() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 2, TestLab.NAMESPACE));
        h.admin(setFeatures(0x04, 320));
        AdminRequest other = getFeatures(0x04, 0, 0).toBuilder().ctlid(1).build();
        assertEquals(343, h.admin(other).cqeDw0());
        h.send(MiCommand.Reset.nvmSubsystem());
        assertEquals(343, h.admin(getFeatures(0x04, 0, 0)).cqeDw0());
    }
}
