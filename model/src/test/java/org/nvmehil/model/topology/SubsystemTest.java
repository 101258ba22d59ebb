package org.nvmehil.model.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.Sfreq;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.wire.Bytes;

/** The subsystem built from lab-config: shape, validation, health values and changed flags, power-on. */
class SubsystemTest {

    static Subsystem build(TestLab lab) {
        return Subsystem.fromConfig(lab.config());
    }

    @Test
    @DisplayName("shape: PCIe ports first, then two-wire ports (ME on the first), controllers on port 0, NSIDs 1..n")
    void shape() {
        Subsystem s = build(TestLab.defaults().topology(2, 2, 3, TestLab.ns(10, 512, 0), TestLab.ns(20, 4096, 1, 2)));
        assertEquals(4, s.ports().size());
        assertTrue(s.port(0).get() instanceof PciePort && s.port(1).get() instanceof PciePort);
        assertEquals(2, s.managementPort().get().id());
        assertFalse(((TwoWirePort) s.port(3).get()).hostsManagementEndpoint());
        assertEquals(List.of(0, 0, 0), s.controllers().stream().map(Controller::portId).toList());
        assertEquals(2, s.maxNsid());
        assertEquals(Set.of(1, 2), s.namespace(2).get().attachedTo());
        assertTrue(s.namespace(0).isEmpty() && s.namespace(3).isEmpty() && s.port(4).isEmpty());
        assertEquals(BigInteger.valueOf(10 * 512 + 20 * 4096), s.totalCapacity());
    }

    @Test
    @DisplayName("impossible configurations are refused when the model is built")
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> build(TestLab.defaults().topology(0, 1, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> build(TestLab.defaults().topology(1, 1, 1, TestLab.ns(10, 512, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> build(TestLab.defaults().topology(1, 1, 1, TestLab.ns(10, 1000, 0))));
        assertThrows(IllegalArgumentException.class, () -> build(TestLab.defaults().topology(200, 57, 1)));
        assertThrows(IllegalArgumentException.class, () -> SubsystemOptions.defaults().withMmtus(63));
    }

    @Test
    @DisplayName("value changes raise the matching flag in the controller's set and in the composite set")
    void changedFlags() {
        Subsystem s = build(TestLab.defaults());
        Controller c = s.controller(0).get();
        c.setTemperature(35);
        c.setPdlu(0);
        assertEquals(Set.of(), s.compositeFlags(), "unchanged values raise nothing");
        c.setTemperature(36);
        c.setPdlu(1);
        c.setSpare(99);
        c.setShutdownStatus(1);
        c.setFatal(true);
        c.firmwareActivated();
        Set<CcsFlag> want = EnumSet.of(CcsFlag.CTEMP, CcsFlag.PDLU, CcsFlag.SPARE, CcsFlag.SHST, CcsFlag.CFS, CcsFlag.FA);
        assertEquals(want, c.changedFlags());
        assertEquals(want, s.compositeFlags());
        c.clearChangedFlags();
        assertEquals(want, s.compositeFlags());
        s.clearComposite(EnumSet.of(CcsFlag.FA));
        assertEquals(CcsFlag.ccs(want) & ~(1 << CcsFlag.FA.ccsBit), s.ccs());
    }

    @Test
    @DisplayName("effective critical warning: configured bits, spare below threshold, temperature at a threshold")
    void criticalWarning() {
        Subsystem s = build(TestLab.defaults().health(20, 0, 100, 10, 0x10));
        Controller c = s.controller(0).get();
        assertEquals(0x10, c.criticalWarning());
        c.setSpare(9);
        assertEquals(0x11, c.criticalWarning());
        c.setTemperatureKelvin(343);
        assertEquals(0x13, c.criticalWarning());
        c.setTemperatureThreshold(false, 400);
        c.setTemperatureThreshold(true, 343);
        assertEquals(0x13, c.criticalWarning(), "at the under threshold");
        assertTrue(c.changedFlags().contains(CcsFlag.CWARN));
    }

    @Test
    @DisplayName("two-wire port: SFREQ from clockHz rounded down and capped at MSMBFREQ; CMEADDR from deviceAddr")
    void twoWire() {
        assertEquals(Sfreq.KHZ_100.code, build(TestLab.defaults().clockHz(10_000)).managementPort().get().sfreq());
        assertEquals(Sfreq.KHZ_400.code, build(TestLab.defaults().clockHz(400_000)).managementPort().get().sfreq());
        Subsystem fast = Subsystem.fromConfig(TestLab.defaults().clockHz(1_000_000).config(),
                SubsystemOptions.defaults().withMsmbfreq(Sfreq.MHZ_1));
        assertEquals(Sfreq.MHZ_1.code, fast.managementPort().get().sfreq());
        assertEquals(0x40, build(TestLab.defaults().deviceAddr(0x40)).managementPort().get().cmeaddr());
        assertThrows(IllegalArgumentException.class, () -> build(TestLab.defaults()).managementPort().get().setSfreq(3));
    }

    @Test
    @DisplayName("Identify Controller image: IEEE OUI little-endian, ELPE, power state 0, text padded")
    void identifyController() {
        Subsystem s = build(TestLab.defaults());
        assertEquals(0xACDE48, s.ieeeOui());
        Bytes img = s.identifyControllerData(s.controller(0).get());
        assertEquals(IdentifyController.SIZE, img.length());
        assertEquals(63, img.u8(Subsystem.ELPE_OFFSET));
        assertEquals(2500, img.u16le(Subsystem.PSD0_OFFSET));
        assertTrue(IdentifyController.decode(img).isClean());
    }

    @Test
    @DisplayName("NVM Subsystem Reset keeps health values and VPD; power-on restores lab-config everywhere")
    void resets() {
        Subsystem s = build(TestLab.defaults());
        Controller c = s.controller(0).get();
        c.setTemperature(60);
        c.setEnabled(false);
        s.pciePorts().get(0).setLinkActive(false);
        s.nvmSubsystemReset();
        assertEquals(333, c.temperatureKelvin());
        assertTrue(c.enabled() && c.nssro());
        assertEquals(EnumSet.of(CcsFlag.NSSRO), c.changedFlags());
        assertEquals(EnumSet.of(CcsFlag.NSSRO), s.compositeFlags());
        s.powerOn();
        assertEquals(308, c.temperatureKelvin());
        assertFalse(c.nssro());
        assertTrue(s.pciePorts().get(0).linkActive());
        assertEquals(Set.of(), s.compositeFlags());
    }

    @Test
    @DisplayName("controllers can start disabled (nvme-mi-dev style); enabling raises RDY and CECO")
    void disabledAtPowerOn() {
        Subsystem s = Subsystem.fromConfig(TestLab.defaults().config(),
                SubsystemOptions.defaults().withControllersEnabled(false));
        Controller c = s.controller(0).get();
        assertFalse(c.ready());
        c.setEnabled(true);
        assertEquals(0x0021, s.ccs());
    }
}
