package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.DataStructure.CommandEntry;
import org.nvmehil.protocol.mi.MiCommand.ReadDataStructure;
import org.nvmehil.protocol.mi.MiOpcode;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.wire.Decoded;

/** Read NVMe-MI Data Structure, every DTYP (MI 1.2 §5.7). */
class ReadDataStructureTest {

    private static <T extends DataStructure> T read(MeHarness h, ReadDataStructure r, Class<T> type) {
        Decoded<DataStructure> d = DataStructure.decode(h.exchange(r), r.dtyp());
        assertTrue(d.isClean(), () -> d.violations().toString());
        return type.cast(d.get());
    }

    @Test
    @DisplayName("NVM Subsystem Information counts every port, 0-based")
    void subsystemInfo() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(2, 2, 1, TestLab.NAMESPACE));
        assertEquals(new DataStructure.SubsystemInfo(3, 1, 2, 0),
                read(h, ReadDataStructure.subsystemInfo(), DataStructure.SubsystemInfo.class));
    }

    @Test
    @DisplayName("Port Information: defaults for the PCIe port and the ME's two-wire port; other two-wire ports have no ME")
    void portInfo() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 2, 1, TestLab.NAMESPACE));
        assertEquals(new DataStructure.PortInfo(1, 0, 64, 0, new DataStructure.PortDetail.Pcie(1, 0x0F, 4, 4, 4, 0)),
                read(h, ReadDataStructure.portInfo(0), DataStructure.PortInfo.class));
        assertEquals(new DataStructure.PortInfo(2, 0, 250, 4096, new DataStructure.PortDetail.TwoWire(0, 0, 0x1D, 2, 1)),
                read(h, ReadDataStructure.portInfo(1), DataStructure.PortInfo.class));
        assertEquals(new DataStructure.PortInfo(2, 0, 64, 0, new DataStructure.PortDetail.TwoWire(0, 0, 0, 2, 0)),
                read(h, ReadDataStructure.portInfo(2), DataStructure.PortInfo.class));
    }

    @Test
    @DisplayName("CMEADDR is lab-config dut.mi.smbus.deviceAddr; a link taken down reports speed and width 0")
    void portInfoFollowsConfigAndState() {
        MeHarness h = new MeHarness(TestLab.defaults().deviceAddr(0x33));
        DataStructure.PortInfo tw = read(h, ReadDataStructure.portInfo(1), DataStructure.PortInfo.class);
        assertEquals(0x33, ((DataStructure.PortDetail.TwoWire) tw.detail()).cmeaddr());
        h.subsystem().pciePorts().get(0).setLinkActive(false);
        DataStructure.PortInfo p = read(h, ReadDataStructure.portInfo(0), DataStructure.PortInfo.class);
        assertEquals(new DataStructure.PortDetail.Pcie(1, 0x0F, 0, 4, 0, 0), p.detail());
    }

    @Test
    @DisplayName("Port Information for a port that does not exist: 04h on PORTID (PEL byte 10)")
    void portInfoInvalid() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(ReadDataStructure.portInfo(2), 10, 0);
        h.assertInvalidParameter(ReadDataStructure.portInfo(0xFF), 10, 0);
    }

    @Test
    @DisplayName("Controller List holds the IDs at or above CTRLID; past the last ID it is empty; PORTID ignored")
    void controllerList() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 4, TestLab.NAMESPACE));
        for (int start : new int[] {0, 1, 3, 4, 0xFFFF}) {
            DataStructure.ControllerList l = read(h, ReadDataStructure.controllerList(start),
                    DataStructure.ControllerList.class);
            List<Integer> want = new java.util.ArrayList<>();
            for (int i = Math.min(start, 4); i < 4; i++) {
                want.add(i);
            }
            assertEquals(DataStructure.ControllerList.of(want), l);
            assertEquals(List.of(), l.checkStart(start));
        }
        assertEquals(4, read(h, new ReadDataStructure(0, 7, ReadDataStructure.CONTROLLER_LIST),
                DataStructure.ControllerList.class).numid());
    }

    @Test
    @DisplayName("Controller Information: port 0, routing ID valid, PCI IDs from lab-config; unknown CTRLID: PEL byte 8")
    void controllerInfo() {
        MeHarness h = new MeHarness(TestLab.defaults().topology(1, 1, 10, TestLab.NAMESPACE));
        assertEquals(new DataStructure.ControllerInfo(0, 1, 0x0100, 0x1b36, 0x0010, 0x1af4, 0x1100, 0),
                read(h, ReadDataStructure.controllerInfo(0), DataStructure.ControllerInfo.class));
        assertEquals(0x0109, read(h, ReadDataStructure.controllerInfo(9),
                DataStructure.ControllerInfo.class).pri());
        h.assertInvalidParameter(ReadDataStructure.controllerInfo(10), 8, 0);
    }

    @Test
    @DisplayName("Optionally Supported Command List names what the model adds to the mandatory set")
    void optionalCommands() {
        MeHarness h = new MeHarness();
        DataStructure.CommandList l = read(h, ReadDataStructure.optionalCommands(0), DataStructure.CommandList.class);
        assertEquals(List.of(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.VPD_WRITE.code),
                CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.RESET.code),
                CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.MEB_READ.code),
                CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.MEB_WRITE.code),
                CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.SHUTDOWN.code),
                CommandEntry.of(Nmimt.ADMIN, AdminOpcode.SET_FEATURES.code)), l.entries());
        h.assertInvalidParameter(ReadDataStructure.optionalCommands(1), 8, 0);
        MeHarness noMeb = new MeHarness(TestLab.defaults().personality(100, 0, true));
        DataStructure.CommandList l2 = read(noMeb, ReadDataStructure.optionalCommands(0),
                DataStructure.CommandList.class);
        assertTrue(!l2.contains(Nmimt.MI_COMMAND, MiOpcode.MEB_READ.code) && l2.numcmd() == 4);
    }

    @Test
    @DisplayName("MEB Supported Command List is empty; reserved DTYPs 06h and FFh get PEL byte 11")
    void mebListAndReserved() {
        MeHarness h = new MeHarness();
        assertEquals(DataStructure.CommandList.meb(List.of()),
                read(h, ReadDataStructure.mebCommands(), DataStructure.CommandList.class));
        h.assertInvalidParameter(new ReadDataStructure(0, 0, 0x06), 11, 0);
        h.assertInvalidParameter(new ReadDataStructure(0, 0, 0xFF), 11, 0);
    }
}
