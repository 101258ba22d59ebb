package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.topology.FruImage;
import org.nvmehil.model.topology.SubsystemOptions;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.wire.Bytes;

/** VPD Read/Write (MI 1.2 §5.12-5.13) and MEB Read/Write (§5.4-5.5). */
class VpdMebTest {

    static Bytes vpdRead(MeHarness h, int dofst, int dlen) {
        MiResponse r = h.response(new MiCommand.VpdRead(dofst, dlen));
        assertEquals(MiStatus.SUCCESS.code, r.status());
        assertEquals(0, r.nmresp());
        return r.data();
    }

    @Test
    @DisplayName("VPD Read returns the FRU image: valid common header, product fields from lab-config identity")
    void vpdImage() {
        MeHarness h = new MeHarness();
        Bytes image = vpdRead(h, 0, 256);
        assertEquals(h.subsystem().vpd().image(), image);
        assertEquals(List.of("nvme-hil", "nvme-hil reference model", "nvme-hil reference model", "0.1.0",
                "NVMEHIL-0001", "", ""), FruImage.productFields(image).get());
        assertEquals(image.slice(10, 30), vpdRead(h, 10, 20));
    }

    @Test
    @DisplayName("VPD Read: DLEN 0 succeeds with no data; DOFST past the end PEL byte 8; range past the end PEL byte 12")
    void vpdReadBounds() {
        MeHarness h = new MeHarness();
        assertEquals(Bytes.EMPTY, vpdRead(h, 0, 0));
        assertEquals(Bytes.EMPTY, vpdRead(h, 4000, 0));
        assertEquals(1, vpdRead(h, 255, 1).length());
        h.assertInvalidParameter(new MiCommand.VpdRead(256, 1), 8, 0);
        h.assertInvalidParameter(new MiCommand.VpdRead(0xFFFF, 1), 8, 0);
        h.assertInvalidParameter(new MiCommand.VpdRead(255, 2), 12, 0);
        h.assertInvalidParameter(new MiCommand.VpdRead(0, 257), 12, 0);
        MeHarness big = new MeHarness(TestLab.defaults(), SubsystemOptions.defaults().withVpdSize(8192));
        h = big;
        h.assertInvalidParameter(new MiCommand.VpdRead(0, 4213), 12, 0);
        assertEquals(4212, vpdRead(h, 0, 4212).length());
    }

    @Test
    @DisplayName("VPD Write stores data, counts against the limit (20h after it), DLEN 0 is free; VWCI tracks the count")
    void vpdWrite() {
        MeHarness h = new MeHarness(TestLab.defaults().personality(2, 4096, true));
        Bytes d = Bytes.hex("de ad be ef");
        h.assertStatus(MiCommand.VpdWrite.of(200, d), MiStatus.SUCCESS);
        assertEquals(d, vpdRead(h, 200, 4));
        h.assertStatus(MiCommand.VpdWrite.of(0, Bytes.EMPTY), MiStatus.SUCCESS);
        assertEquals(0x80 | 1, identify(h).vwci());
        h.assertStatus(MiCommand.VpdWrite.of(204, d), MiStatus.SUCCESS);
        h.assertStatus(MiCommand.VpdWrite.of(208, d), MiStatus.VPD_UPDATES_EXCEEDED);
        assertEquals(Bytes.zeros(4), vpdRead(h, 208, 4));
        assertEquals(0x80, identify(h).vwci());
        h.me.reset();
        assertEquals(h.subsystem().vpd().factoryImage(), vpdRead(h, 0, 256));
        h.assertStatus(MiCommand.VpdWrite.of(208, d), MiStatus.SUCCESS);
    }

    @Test
    @DisplayName("VPD Write errors: DOFST past the end (PEL 8), range past the end (PEL 12), DLEN not the data length (06h)")
    void vpdWriteErrors() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(MiCommand.VpdWrite.of(256, Bytes.zeros(1)), 8, 0);
        h.assertInvalidParameter(MiCommand.VpdWrite.of(250, Bytes.zeros(7)), 12, 0);
        h.assertStatus(new MiCommand.VpdWrite(MiCommand.REQUEST, 0, 4, Bytes.zeros(3)),
                MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE);
        h.assertStatus(new MiCommand.VpdWrite(MiCommand.REQUEST, 0, 4, Bytes.zeros(5)),
                MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE);
        assertEquals(0, h.subsystem().vpd().writes());
    }

    @Test
    @DisplayName("an NVM Subsystem Reset keeps the VPD (non-volatile)")
    void vpdSurvivesSubsystemReset() {
        MeHarness h = new MeHarness();
        h.exchange(MiCommand.VpdWrite.of(128, Bytes.hex("01 02")));
        h.send(MiCommand.Reset.nvmSubsystem());
        assertEquals(Bytes.hex("01 02"), vpdRead(h, 128, 2));
        assertEquals(1, h.subsystem().vpd().writes());
    }

    static IdentifyController identify(MeHarness h) {
        return IdentifyController.decode(h.admin(AdminRequest.identify(0, 1, 0, 0, 4096)).data()).get();
    }

    @Test
    @DisplayName("MEB Write then Read round-trips; DLEN 0 succeeds; the buffer starts and resets to zero")
    void mebRoundTrip() {
        MeHarness h = new MeHarness();
        Bytes d = Bytes.hex("11 22 33 44 55");
        assertEquals(Bytes.zeros(8), h.response(new MiCommand.MebRead(0, 8)).data());
        h.assertStatus(MiCommand.MebWrite.of(4091, d), MiStatus.SUCCESS);
        assertEquals(d, h.response(new MiCommand.MebRead(4091, 5)).data());
        assertEquals(Bytes.EMPTY, h.response(new MiCommand.MebRead(4096, 0)).data());
        h.assertStatus(MiCommand.MebWrite.of(0, Bytes.EMPTY), MiStatus.SUCCESS);
        h.send(MiCommand.Reset.nvmSubsystem());
        assertEquals(Bytes.zeros(5), h.response(new MiCommand.MebRead(4091, 5)).data());
        h.exchange(MiCommand.MebWrite.of(0, d));
        h.me.reset();
        assertEquals(Bytes.zeros(4096), h.me.meb());
    }

    @Test
    @DisplayName("MEB bounds: DOFST at or past the end PEL byte 8; DOFST + DLEN past the end PEL byte 12; 06h on a DLEN mismatch")
    void mebBounds() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(new MiCommand.MebRead(4096, 1), 8, 0);
        h.assertInvalidParameter(new MiCommand.MebRead(0xFFFF_FFFFL, 1), 8, 0);
        h.assertInvalidParameter(new MiCommand.MebRead(4095, 2), 12, 0);
        h.assertInvalidParameter(MiCommand.MebWrite.of(4096, Bytes.zeros(1)), 8, 0);
        h.assertInvalidParameter(MiCommand.MebWrite.of(4000, Bytes.zeros(97)), 12, 0);
        h.assertStatus(new MiCommand.MebWrite(MiCommand.REQUEST, 0, 2, Bytes.zeros(1)),
                MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE);
        MeHarness big = new MeHarness(TestLab.defaults().personality(100, 8192, true));
        big.assertInvalidParameter(new MiCommand.MebRead(0, 4213), 12, 0);
        assertEquals(4212, big.response(new MiCommand.MebRead(0, 4212)).data().length());
    }

    @Test
    @DisplayName("without an MEB (mebSize 0) MEB Read and Write are unimplemented optional commands: 03h")
    void noMeb() {
        MeHarness h = new MeHarness(TestLab.defaults().personality(100, 0, true));
        h.assertStatus(new MiCommand.MebRead(0, 4), MiStatus.INVALID_COMMAND_OPCODE);
        h.assertStatus(MiCommand.MebWrite.of(0, Bytes.zeros(4)), MiStatus.INVALID_COMMAND_OPCODE);
        assertTrue(h.me.meb().isEmpty());
    }
}
