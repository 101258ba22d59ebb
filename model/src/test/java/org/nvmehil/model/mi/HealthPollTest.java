package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.ControllerHealth;
import org.nvmehil.protocol.mi.ControllerHealthStatus;
import org.nvmehil.protocol.mi.Ctemp;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiCommand.ControllerHealthStatusPoll;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.wire.Decoded;

/** NVM Subsystem Health Status Poll (MI 1.2 §5.6), Controller Health Status Poll (§5.3), CID 02h clearing. */
class HealthPollTest {

    static SubsystemHealthStatus poll(MeHarness h, boolean cs) {
        Decoded<SubsystemHealthStatus> d = SubsystemHealthStatus.decode(h.exchange(new MiCommand.SubsystemHealthStatusPoll(cs)));
        assertTrue(d.isClean(), () -> d.violations().toString());
        return d.get();
    }

    static ControllerHealthStatus chsp(MeHarness h, ControllerHealthStatusPoll p) {
        Decoded<ControllerHealthStatus> d = ControllerHealthStatus.decode(h.exchange(p));
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(List.of(), d.get().checkAgainst(p));
        return d.get();
    }

    /** A poll with ALL clear, no function filter, the given change selectors. */
    static ControllerHealthStatusPoll changed(int sctlid, boolean csts, boolean ctemp, boolean pdlu, boolean spare,
                                              boolean cwarn, boolean ccf) {
        return new ControllerHealthStatusPoll(MiCommand.REQUEST, sctlid, 0xFE, false, false, false, false, csts, ctemp,
                pdlu, spare, cwarn, ccf);
    }

    static List<Integer> ids(ControllerHealthStatus s) {
        return s.entries().stream().map(ControllerHealth::ctlid).collect(Collectors.toList());
    }

    @Test
    @DisplayName("default model: NSS DF+RNR+P0LA, SW 3Fh (no warnings), 35 °C, PDLU 0, CCS 0")
    void defaults() {
        assertEquals(new SubsystemHealthStatus(0x38, 0x3F, 35, 0, 0), poll(new MeHarness(), false));
    }

    @Test
    @DisplayName("CTEMP uses the 8-bit code: negative two's complement, 7Fh at 127 °C and above, C4h at -60 °C and below")
    void ctempEncoding() {
        MeHarness h = new MeHarness();
        int[][] cases = {{-1, 0xFF}, {-59, 0xC5}, {-60, 0xC4}, {-100, 0xC4}, {0, 0}, {126, 0x7E}, {127, 0x7F}, {200, 0x7F}};
        for (int[] c : cases) {
            h.subsystem().setTemperature(c[0]);
            assertEquals(c[1], poll(h, false).ctemp(), "at " + c[0] + " °C");
        }
        assertEquals(Ctemp.NO_DATA, new MeHarness(TestLab.defaults().topology(1, 1, 0)).subsystem()
                .healthStatus().ctemp());
    }

    @Test
    @DisplayName("setTemperature raises CTEMP; CS = 1 reports the flag, then clears it")
    void clearStatus() {
        MeHarness h = new MeHarness();
        h.subsystem().setTemperature(36);
        assertEquals(1 << CcsFlag.CTEMP.ccsBit, poll(h, false).ccs());
        assertEquals(1 << CcsFlag.CTEMP.ccsBit, poll(h, true).ccs());
        assertEquals(0, poll(h, false).ccs());
    }

    @Test
    @DisplayName("crossing the over-temperature threshold (WCTEMP 70 °C) clears SW TTC and raises CWARN")
    void temperatureWarning() {
        MeHarness h = new MeHarness();
        h.subsystem().setTemperature(75);
        SubsystemHealthStatus s = poll(h, true);
        assertTrue(s.warning(SubsystemHealthStatus.SW_TTC));
        assertTrue(s.ccsFlags().containsAll(EnumSet.of(CcsFlag.CTEMP, CcsFlag.CWARN)));
        h.subsystem().setSpare(5);
        s = poll(h, false);
        assertTrue(s.warning(SubsystemHealthStatus.SW_ASCBT));
        assertEquals(EnumSet.of(CcsFlag.SPARE, CcsFlag.CWARN), s.ccsFlags());
    }

    @Test
    @DisplayName("NSS follows the model: link down clears P0LA, a fatal controller clears DF, a second PCIe port adds P1LA")
    void nss() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(2, 1, 1, TestLab.NAMESPACE));
        assertEquals(0x3C, poll(h, false).nss());
        h.subsystem().pciePorts().get(0).setLinkActive(false);
        assertEquals(0x34, poll(h, false).nss());
        h.subsystem().controller(0).get().setFatal(true);
        SubsystemHealthStatus s = poll(h, false);
        assertFalse(s.df());
        assertTrue(s.ccsFlags().contains(CcsFlag.CFS));
        h.subsystem().setResetNotRequired(false);
        assertFalse(poll(h, false).rnr());
    }

    @Test
    @DisplayName("composite values are the worst over the controllers")
    void composite() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 3, TestLab.NAMESPACE));
        h.subsystem().controller(1).get().setTemperature(50);
        h.subsystem().controller(2).get().setPdlu(300);
        h.subsystem().controller(0).get().setCriticalWarning(0x08);
        SubsystemHealthStatus s = poll(h, false);
        assertEquals(50, s.ctemp());
        assertEquals(255, s.pdlu());
        assertEquals(0x37, s.sw());
    }

    @Test
    @DisplayName("Configuration Set CID 02h clears exactly the flags of the packed mask (NSSRO at bit 3, CECO at 4)")
    void healthStatusChange() {
        MeHarness h = new MeHarness();
        h.send(MiCommand.Reset.nvmSubsystem());
        Controller c = h.subsystem().controller(0).get();
        c.setEnabled(false);
        c.setTemperature(40);
        assertEquals(EnumSet.of(CcsFlag.NSSRO, CcsFlag.RDY, CcsFlag.CECO, CcsFlag.CTEMP), poll(h, false).ccsFlags());
        h.assertStatus(new MiCommand.ConfigurationSet(new ConfigSetting.HealthStatusChange(0x08)), MiStatus.SUCCESS);
        assertEquals(EnumSet.of(CcsFlag.RDY, CcsFlag.CECO, CcsFlag.CTEMP), poll(h, false).ccsFlags());
        h.assertStatus(new MiCommand.ConfigurationSet(new ConfigSetting.HealthStatusChange(0xFFFF_E000L | 0x10)),
                MiStatus.SUCCESS);
        assertEquals(EnumSet.of(CcsFlag.RDY, CcsFlag.CTEMP), poll(h, false).ccsFlags());
        h.assertStatus(new MiCommand.ConfigurationSet(ConfigSetting.HealthStatusChange.clearingCcs(0x1FF7)),
                MiStatus.SUCCESS);
        assertEquals(0, poll(h, false).ccs());
        assertFalse(c.changedFlags().isEmpty(), "per-controller changed flags are a separate set");
    }

    @Test
    @DisplayName("MAXRENT FFh: 04h, PEL byte 10 (UNH 4.5)")
    void maxrentFf() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(ControllerHealthStatusPoll.all(0, 0xFF, false), 10, 0);
    }

    @Test
    @DisplayName("ALL: every controller from SCTLID, at most MAXRENT + 1 entries, CTEMP in kelvin")
    void all() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 4, TestLab.NAMESPACE));
        h.subsystem().controller(2).get().setTemperature(-10);
        assertEquals(List.of(0, 1, 2, 3), ids(chsp(h, ControllerHealthStatusPoll.all(0, 0xFE, false))));
        assertEquals(List.of(0, 1), ids(chsp(h, ControllerHealthStatusPoll.all(0, 1, false))));
        assertEquals(List.of(2), ids(chsp(h, ControllerHealthStatusPoll.all(2, 0, false))));
        assertEquals(List.of(), ids(chsp(h, ControllerHealthStatusPoll.all(4, 3, false))));
        ControllerHealth e = chsp(h, ControllerHealthStatusPoll.all(2, 0, false)).entries().get(0);
        assertEquals(263, e.ctemp());
        assertEquals(new ControllerHealth(0, ControllerHealth.CSTS_RDY, 308, 0, 100, 0, 0),
                chsp(h, ControllerHealthStatusPoll.all(0, 0, false)).entries().get(0));
    }

    @Test
    @DisplayName("without ALL only controllers with a selected change are reported; CCF clears their flags only")
    void changeSelection() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 3, TestLab.NAMESPACE));
        assertEquals(List.of(), ids(chsp(h, changed(0, true, true, true, true, true, false))));
        h.subsystem().controller(1).get().setTemperature(40);
        h.subsystem().controller(2).get().setPdlu(7);
        assertEquals(List.of(), ids(chsp(h, changed(0, true, false, false, true, true, false))));
        assertEquals(List.of(1), ids(chsp(h, changed(0, false, true, false, false, false, false))));
        assertEquals(List.of(1, 2), ids(chsp(h, changed(0, false, true, true, false, false, false))));
        assertEquals(List.of(2), ids(chsp(h, changed(2, false, true, true, false, false, false))));
        assertEquals(List.of(1), ids(chsp(h, changed(0, false, true, false, false, false, true))));
        assertEquals(List.of(), ids(chsp(h, changed(0, false, true, false, false, false, false))));
        assertEquals(List.of(2), ids(chsp(h, changed(0, false, true, true, false, false, false))));
        assertEquals(EnumSet.of(CcsFlag.CTEMP, CcsFlag.PDLU), poll(h, false).ccsFlags(), "CCF leaves CCS alone");
    }

    @Test
    @DisplayName("CSTS of the health entry: RDY, SHST after Shutdown, NSSRO after reset, CECO until CCF")
    void cstsField() {
        MeHarness h = new MeHarness();
        h.assertStatus(new MiCommand.Shutdown(MiCommand.Shutdown.NORMAL), MiStatus.SUCCESS);
        ControllerHealth e = chsp(h, changed(0, true, false, false, false, false, false)).entries().get(0);
        assertEquals(ControllerHealth.CSTS_RDY | 2 << 2, e.csts());
        h.send(MiCommand.Reset.nvmSubsystem());
        h.subsystem().controller(0).get().setEnabled(false);
        e = chsp(h, changed(0, true, false, false, false, false, true)).entries().get(0);
        assertEquals(ControllerHealth.CSTS_NSSRO | ControllerHealth.CSTS_CECO, e.csts());
        e = chsp(h, ControllerHealthStatusPoll.all(0, 0, false)).entries().get(0);
        assertEquals(ControllerHealth.CSTS_NSSRO, e.csts());
    }

    @Test
    @DisplayName("function selectors: INCVF alone reports nothing (no VFs), INCF alone only failed controllers, INCPF all")
    void functionSelectors() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 3, TestLab.NAMESPACE));
        h.subsystem().controller(1).get().setFatal(true);
        assertEquals(List.of(), ids(chsp(h, poll(false, false, true))));
        assertEquals(List.of(1), ids(chsp(h, poll(true, false, false))));
        assertEquals(List.of(0, 1, 2), ids(chsp(h, poll(false, true, false))));
    }

    private static ControllerHealthStatusPoll poll(boolean incf, boolean incpf, boolean incvf) {
        return new ControllerHealthStatusPoll(MiCommand.REQUEST, 0, 0xFE, incf, incpf, incvf, true, false, false,
                false, false, false, false);
    }
}
