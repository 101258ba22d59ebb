package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.protocol.mi.ConfigGetValue;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Sfreq;
import org.nvmehil.protocol.wire.Bytes;

/** Configuration Set / Get (MI 1.2 §5.1-5.2): CIDs 01h, 02h, 03h, reserved and vendor CIDs. */
class ConfigurationTest {

    static MiCommand getSfreq(int port) {
        return new MiCommand.ConfigurationGet(new ConfigQuery.SmbusFrequency(port));
    }

    static MiCommand setSfreq(int port, int sfreq) {
        return new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(port, sfreq));
    }

    static MiCommand getMtu(int port) {
        return new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(port));
    }

    static MiCommand setMtu(int port, int mtus) {
        return new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(port, mtus));
    }

    @Test
    @DisplayName("SMBus frequency: starts at lab-config clockHz (capped at MSMBFREQ); Set within MSMBFREQ sticks and reports the effect")
    void smbusFrequency() {
        MeHarness h = new MeHarness(TestLab.defaults().clockHz(1_000_000));
        assertEquals(Sfreq.KHZ_400.code, ConfigGetValue.decodeSfreq(h.exchange(getSfreq(1))).get());
        MiOutcome o = h.send(setSfreq(1, Sfreq.KHZ_100.code));
        assertEquals(List.of(new MiOutcome.Effect.SetSmbusFrequency(1, 1)), o.effects());
        assertEquals(MiStatus.SUCCESS.code, MiResponse.decode(o.response().get()).get().status());
        assertEquals(Sfreq.KHZ_100.code, ConfigGetValue.decodeSfreq(h.exchange(getSfreq(1))).get());
    }

    @Test
    @DisplayName("SMBus frequency errors: PCIe or missing port (PEL byte 11), above MSMBFREQ or 0h/reserved (PEL byte 9)")
    void smbusFrequencyErrors() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(getSfreq(0), 11, 0);
        h.assertInvalidParameter(getSfreq(2), 11, 0);
        h.assertInvalidParameter(setSfreq(0, 1), 11, 0);
        h.assertInvalidParameter(setSfreq(9, 1), 11, 0);
        h.assertInvalidParameter(setSfreq(1, Sfreq.MHZ_1.code), 9, 0);
        h.assertInvalidParameter(setSfreq(1, 0), 9, 0);
        h.assertInvalidParameter(setSfreq(1, 5), 9, 0);
        assertEquals(Sfreq.KHZ_100.code, h.subsystem().twoWirePorts().get(0).sfreq());
    }

    @Test
    @DisplayName("MTU: Get reads the endpoint state; Set answers Success first and hands the switch to the MCTP layer")
    void mtu() {
        MeHarness h = new MeHarness();
        MiOutcome o = h.send(setMtu(1, 128));
        assertEquals(Bytes.hex("84 88 00 00 | 00 00 00 00 | 24 55 77 22"), o.response().get());
        assertEquals(List.of(new MiOutcome.Effect.SetMtu(1, 128)), o.effects());
        assertEquals(64, h.state.mtu(), "the handler leaves the switch to the MCTP layer");
        assertEquals(64, ConfigGetValue.decodeMtus(h.exchange(getMtu(1))).get());
        h.exchange(setMtu(1, 128));
        assertEquals(128, ConfigGetValue.decodeMtus(h.exchange(getMtu(1))).get());
        assertTrue(h.send(setMtu(1, 250)).effects().contains(new MiOutcome.Effect.SetMtu(1, 250)));
    }

    @Test
    @DisplayName("MTU errors: above MMTUS or below 64 (PEL byte 12), missing port (PEL byte 11); PCIe port fixed at 64")
    void mtuErrors() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(setMtu(1, 251), 12, 0);
        h.assertInvalidParameter(setMtu(1, 63), 12, 0);
        h.assertInvalidParameter(setMtu(2, 64), 11, 0);
        h.assertInvalidParameter(getMtu(2), 11, 0);
        assertEquals(64, ConfigGetValue.decodeMtus(h.exchange(getMtu(0))).get());
        MiOutcome o = h.send(setMtu(0, 64));
        assertEquals(List.of(), o.effects());
        h.assertInvalidParameter(setMtu(0, 65), 12, 0);
    }

    @Test
    @DisplayName("Health Status Change Get: Success, no data")
    void healthStatusChangeGet() {
        MiResponse r = new MeHarness().response(new MiCommand.ConfigurationGet(new ConfigQuery.HealthStatusChange()));
        assertEquals(MiResponse.success(r.header()), r);
    }

    @Test
    @DisplayName("reserved CIDs (00h, 04h, BFh) and vendor CIDs (C0h, FFh): 04h, PEL byte 8 bit 0, Get and Set")
    void reservedCids() {
        MeHarness h = new MeHarness();
        for (int cid : new int[] {0x00, 0x04, 0xBF, 0xC0, 0xFF}) {
            h.assertInvalidParameter(new MiCommand.ConfigurationGet(ConfigQuery.Other.cid(cid)), 8, 0);
            h.assertInvalidParameter(new MiCommand.ConfigurationSet(ConfigSetting.Other.cid(cid)), 8, 0);
        }
    }

    @Test
    @DisplayName("UNH 4.10: Configuration Get MTU with four surplus bytes: 05h; short: 05h")
    void sizes() {
        MeHarness h = new MeHarness();
        h.assertStatus(new MiCommand.Raw(0x04, 0x01000003L, 0, Bytes.zeros(4)), MiStatus.INVALID_COMMAND_SIZE);
        Bytes shortReq = org.nvmehil.protocol.mi.MiMessage.seal(Bytes.hex("84 08 00 00 04 00 00 00 03 00 00 01"))
                .toWire();
        assertEquals(MiStatus.INVALID_COMMAND_SIZE.code, MiResponse.decode(h.exchange(shortReq)).get().status());
    }
}
