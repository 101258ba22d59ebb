package org.nvmehil.model.mi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.model.topology.Port;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.DataStructure.CommandEntry;
import org.nvmehil.protocol.mi.MiCommand.ReadDataStructure;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiOpcode;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.nvme.AdminOpcode;

/**
 * Read NVMe-MI Data Structure (MI 1.2 §5.7). PORTID (NMD0 23:16, PEL byte 10) is checked for DTYP 01h
 * only, CTRLID (NMD0 15:0, PEL byte 8) for DTYP 03h and 04h; other types ignore them. IOCSI (NMD1, MI
 * 2.0) is ignored. Reserved DTYPs were already answered by the parser (PEL byte 11).
 */
final class DataStructures {
    static final int CTRLID_OFFSET = 8;
    static final int PORTID_OFFSET = 10;

    private DataStructures() {
    }

    static MiOutcome handle(MeContext ctx, ReadDataStructure r) {
        Subsystem s = ctx.subsystem;
        DataStructure ds;
        switch (r.dtyp()) {
            case ReadDataStructure.NVM_SUBSYSTEM_INFO:
                ds = new DataStructure.SubsystemInfo(Math.max(0, s.ports().size() - 1), Subsystem.MI_MAJOR,
                        Subsystem.MI_MINOR, 0);
                break;
            case ReadDataStructure.PORT_INFO: {
                Optional<Port> p = s.port(r.portid());
                if (p.isEmpty()) {
                    return Replies.invalidParameter(r.header(), PORTID_OFFSET, 0);
                }
                ds = p.get().portInfo();
                break;
            }
            case ReadDataStructure.CONTROLLER_LIST: {
                List<Integer> ids = new ArrayList<>();
                for (Controller c : s.controllers()) {
                    if (c.id() >= r.ctrlid()) {
                        ids.add(c.id());
                    }
                }
                ds = DataStructure.ControllerList.of(ids);
                break;
            }
            case ReadDataStructure.CONTROLLER_INFO: {
                Optional<Controller> c = s.controller(r.ctrlid());
                if (c.isEmpty()) {
                    return Replies.invalidParameter(r.header(), CTRLID_OFFSET, 0);
                }
                ds = controllerInfo(s, c.get());
                break;
            }
            case ReadDataStructure.OPTIONAL_COMMANDS:
                if (s.controller(r.ctrlid()).isEmpty()) {
                    return Replies.invalidParameter(r.header(), CTRLID_OFFSET, 0);
                }
                ds = DataStructure.CommandList.optional(optionalCommands(ctx));
                break;
            default:
                // MEB Supported Command List: no command may carry its data in the MEB
                ds = DataStructure.CommandList.meb(List.of());
                break;
        }
        return Replies.send(ds.toResponse(MiHeader.responseTo(r.header())));
    }

    /**
     * Controller Information: the controller's port, a valid PCIe routing ID (bus 1, device = ID / 8,
     * function = ID % 8) and the lab-config PCI IDs. PCIESN (MI 2.x) is 0.
     */
    static DataStructure.ControllerInfo controllerInfo(Subsystem s, Controller c) {
        LabConfig.Identity id = s.identity();
        int pri = 1 << 8 | (c.id() >> 3 & 0x1F) << 3 | c.id() & 7;
        return new DataStructure.ControllerInfo(c.portId(), 1, pri, id.vid(), id.did(), id.ssvid(), id.ssid(), 0);
    }

    /**
     * What the model implements beyond the mandatory commands: VPD Write, Reset, MEB Read and Write (only
     * with an MEB), Shutdown, and the optional Admin command Set Features.
     */
    static List<CommandEntry> optionalCommands(MeContext ctx) {
        List<CommandEntry> l = new ArrayList<>();
        l.add(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.VPD_WRITE.code));
        l.add(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.RESET.code));
        if (ctx.mebSize() > 0) {
            l.add(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.MEB_READ.code));
            l.add(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.MEB_WRITE.code));
        }
        l.add(CommandEntry.of(Nmimt.MI_COMMAND, MiOpcode.SHUTDOWN.code));
        l.add(CommandEntry.of(Nmimt.ADMIN, AdminOpcode.SET_FEATURES.code));
        return l;
    }
}
