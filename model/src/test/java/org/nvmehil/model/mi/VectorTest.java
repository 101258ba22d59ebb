package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.topology.SubsystemOptions;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.ParameterErrorLocation;
import org.nvmehil.protocol.mi.Sfreq;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The model reproduces the published vectors (facts §11 V1-V5, V8; nvme-mi-dev tests/nvme_mi.rs) byte for
 * byte, MIC included, when it is configured with the values the vectors were taken with. Requests are
 * the literal vector bytes, not re-encoded.
 */
class VectorTest {

    private static Bytes hex(String s) {
        return Bytes.hex(s);
    }

    @Test
    @DisplayName("V1: Configuration Get MCTP TU on port 1 answers MTUS 64 (default lab-config)")
    void v1Mtu() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 00 40 00 00 | fd d5 12 e5"),
                h.exchange(hex("84 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | e7 b8 94 21")));
    }

    @Test
    @DisplayName("V1: Configuration Get SMBus frequency on port 1 answers 100 kHz (clockHz 100000)")
    void v1Sfreq() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 00 01 00 00 | 5a c7 36 87"),
                h.exchange(hex("84 08 00 00 | 04 00 00 00 | 01 00 00 01 | 00 00 00 00 | a9 42 ec b3")));
    }

    @Test
    @DisplayName("V2: health poll with CS, 20 °C, PDLU 38, temperature warning: NSS 38h SW 3Dh")
    void v2() {
        MeHarness h = new MeHarness(TestLab.defaults().health(20, 38, 100, 10, 0x02));
        assertEquals(hex("84 88 00 00 | 00 00 00 00 | 38 3d 14 26 | 00 00 00 00 | 11 7c b0 3d"),
                h.exchange(hex("84 08 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 80 | aa ef 81 b4")));
    }

    @Test
    @DisplayName("V3: Port Information of the two-wire port with MMTUS 64, no MEB, no Basic Management")
    void v3PortInfo() {
        MeHarness h = new MeHarness(TestLab.defaults().personality(100, 0, false),
                SubsystemOptions.defaults().withMmtus(64));
        assertEquals(hex("84 88 00 00 | 00 20 00 00 | 02 00 40 00 | 00 00 00 00 | 00 00 1d 02 | "
                        + "00 ".repeat(20) + "| f3 83 a2 30"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 01 01 | 00 00 00 00 | 57 04 27 d0")));
    }

    @Test
    @DisplayName("V3: NVM Subsystem Information: NUMP 1 (two ports), NVMe-MI 1.2")
    void v3SubsystemInfo() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 00 20 00 00 | 01 01 02 00 | " + "00 ".repeat(28) + "| 3c f8 db 52"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | e2 00 06 07")));
    }

    @Test
    @DisplayName("V3: Controller List from 0 with one controller")
    void v3ControllerList() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 00 04 00 00 | 01 00 00 00 | 0a 29 2f 14"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 00 02 | 00 00 00 00 | ba df 24 77")));
    }

    @Test
    @DisplayName("nvme-mi-dev controller_list_multiple / _partial_populated: two controllers, from 0 and from 1")
    void controllerListTwo() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 2));
        assertEquals(hex("84 88 00 00 | 00 06 00 00 | 02 00 00 00 01 00 | 75 4c b0 d9"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 00 02 | 00 00 00 00 | ba df 24 77")));
        assertEquals(hex("84 88 00 00 | 00 04 00 00 | 01 00 01 00 | 7d b1 8d 07"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 01 00 00 02 | 00 00 00 00 | 9d a2 18 3e")));
    }

    @Test
    @DisplayName("nvme-mi-dev port_information_pcie: 128 B MPS, 2.5-64 GT/s supported, 2.5 GT/s x1 of x2")
    void pciePortInfo() {
        MeHarness h = new MeHarness(TestLab.defaults(), SubsystemOptions.defaults().withPcieLink(0, 0x3F, 1, 2, 1));
        assertEquals(hex("84 88 00 00 | 00 20 00 00 | 01 00 40 00 | 00 00 00 00 | 00 3f 01 02 01 00 | "
                        + "00 ".repeat(18) + "| 76 6e 77 2d"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 00 01 | 00 00 00 00 | 4e 6f 17 3f")));
    }

    @Test
    @DisplayName("V4: enabling the controller raises RDY and CECO (CCS 0021h); packed mask 11h clears both")
    void v4() {
        MeHarness h = new MeHarness(TestLab.defaults().health(0, 38, 100, 10, 0x02),
                SubsystemOptions.defaults().withControllersEnabled(false));
        h.subsystem().controller(0).get().setEnabled(true);
        Bytes poll = hex("84 08 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 00 | d2 d4 77 36");
        assertEquals(hex("84 88 00 00 | 00 00 00 00 | 38 3d 00 26 | 21 00 00 00 | 6b c5 29 45"), h.exchange(poll));
        assertEquals(hex("84 88 00 00 | 00 00 00 00 | 24 55 77 22"),
                h.exchange(hex("84 08 00 00 | 03 00 00 00 | 02 00 00 00 | 11 00 00 00 | 79 9d cd f2")));
        assertEquals(hex("84 88 00 00 | 00 00 00 00 | 38 3d 00 26 | 00 00 00 00 | 58 7b 49 4f"), h.exchange(poll));
    }

    @Test
    @DisplayName("nvme-mi-dev controller_health_status_poll_all_one_controller: 293 K, PDLU 38, spare 100")
    void chspOneController() {
        MeHarness h = new MeHarness(TestLab.defaults().health(20, 38, 100, 10, 0),
                SubsystemOptions.defaults().withControllersEnabled(false));
        assertEquals(hex("84 88 00 00 | 00 00 00 01 | 00 00 00 00 | 25 01 26 64 | 00 00 00 00 | 00 00 00 00 "
                        + "| 1c f3 94 97"),
                h.exchange(hex("84 08 00 00 | 02 00 00 00 | 00 00 02 80 | 00 00 00 00 | 1d dd cb d0")));
    }

    @Test
    @DisplayName("V5: tunnelled Identify Controller, DLEN 4096: MI success, DW3 00010000h, 4096 bytes of data")
    void v5Identify() {
        MeHarness h = new MeHarness();
        Bytes req = hex("84 10 00 00 | 06 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | 00 10 00 00 | "
                + "00 ".repeat(8) + "| 01 00 00 00 | " + "00 ".repeat(20) + "| 9c d6 53 ed");
        Bytes rsp = h.exchange(req);
        assertEquals(hex("84 90 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 01 00"), rsp.head(20));
        AdminResponse a = AdminResponse.decode(rsp).get();
        assertEquals(IdentifyController.SIZE, a.data().length());
        assertTrue(IdentifyController.decode(a.data()).isClean());
    }

    @Test
    @DisplayName("V5 request with prohibited opcode 00h: MI 1.2 answers 04h with PEL byte 4 (nvme-mi-dev, MI 2.0, 03h)")
    void v5Prohibited() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(hex("84 10 00 00 | 00 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | "
                + "00 10 00 00 | " + "00 ".repeat(8) + "| 00 00 00 00 | " + "00 ".repeat(20) + "| ef 00 d6 6a"), 4, 0);
    }

    @Test
    @DisplayName("V8: Configuration Get with reserved CID 00h: 04h, PEL byte 8 bit 0")
    void v8ReservedCid() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 04 00 08 00 | 6f a7 41 c4"),
                h.exchange(hex("84 08 00 00 | 04 00 00 00 | 00 00 00 00 | 00 00 00 00 | 22 50 c1 c2")));
    }

    @Test
    @DisplayName("V8: Read Data Structure with reserved DTYP 06h: 04h, PEL byte 11 bit 0")
    void v8ReservedDtyp() {
        MeHarness h = new MeHarness();
        assertEquals(hex("84 88 00 00 | 04 00 0b 00 | f6 0f a6 f0"),
                h.exchange(hex("84 08 00 00 | 00 00 00 00 | 00 00 00 06 | 00 00 00 00 | 0a 61 61 97")));
    }

    @Test
    @DisplayName("V8: a bad MIC sets BMICE; Get State (tag 5Ah, CESF) reports MES 0010h and clears it")
    void v8GetStateAfterBadMic() {
        MeHarness h = new MeHarness();
        Bytes bad = hex("84 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | e7 b8 94 22");
        assertTrue(h.send(bad).dropped().isPresent());
        Bytes getState = hex("84 00 00 00 | 03 5a 01 00 | 56 26 4d 28");
        assertEquals(hex("84 80 00 00 | 00 5a 10 00 | 6d c8 66 93"), h.exchange(getState));
        assertEquals(0, h.primitive(ControlPrimitive.getState(0, 0x5A, false)).cpsr());
    }

    @Test
    @DisplayName("V6 request (Set MTU 250 on port 0, MI Appendix example 7) targets the PCIe port here: 04h on MTUS")
    void v6OnPciePort() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(hex("84 08 00 00 03 00 00 00 03 00 00 00 FA 00 00 00 D2 88 B4 01"), 12, 0);
        MiOutcome o = h.send(new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(1, 250)));
        assertEquals(hex("84 88 00 00 | 00 00 00 00 | 24 55 77 22"), o.response().get());
        assertEquals(java.util.List.of(new MiOutcome.Effect.SetMtu(1, 250)), o.effects());
    }

    @Test
    @DisplayName("nvme-mi-dev generic error vectors: 05h (surplus bytes) and 06h (DLEN mismatch)")
    void genericErrors() {
        MeHarness h = new MeHarness();
        Bytes longGet = new MiCommand.Raw(MiCommand.REQUEST, 0x04, 0, 0x01000003L, 0, Bytes.zeros(4)).seal().toWire();
        assertEquals(hex("84 88 00 00 | 05 00 00 00 | 6f ce 10 84"), h.exchange(longGet));
        Bytes vpdWrite = new MiCommand.VpdWrite(MiCommand.REQUEST, 0, 8, Bytes.zeros(4)).seal().toWire();
        assertEquals(hex("84 88 00 00 | 06 00 00 00 | 56 47 32 e6"), h.exchange(vpdWrite));
        MiResponse r = h.response(new MiCommand.ConfigurationGet(new ConfigQuery.SmbusFrequency(0)));
        assertEquals(MiStatus.INVALID_PARAMETER.code, r.status());
        assertEquals(ParameterErrorLocation.at(11, 0), r.pel().get());
        assertEquals(Sfreq.KHZ_100.code, h.subsystem().twoWirePorts().get(0).sfreq());
    }

    @Test
    @DisplayName("the V5 Identify request encodes with the protocol encoder to the literal vector")
    void v5Encoder() {
        assertEquals(hex("84 10 00 00 | 06 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | 00 10 00 00 | "
                + "00 ".repeat(8) + "| 01 00 00 00 | " + "00 ".repeat(20) + "| 9c d6 53 ed"),
                AdminRequest.identify(0, 1, 0, 0, 4096).seal().toWire());
    }
}
