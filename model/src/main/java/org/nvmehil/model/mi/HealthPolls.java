package org.nvmehil.model.mi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ControllerHealth;
import org.nvmehil.protocol.mi.ControllerHealthStatus;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;

/** The two health polls (MI 1.2 §5.6 and §5.3). */
final class HealthPolls {
    /** Changed flags the CSTS selector (NMD1 bit 0) covers. */
    static final Set<CcsFlag> CSTS_FLAGS = EnumSet.of(CcsFlag.RDY, CcsFlag.CFS, CcsFlag.SHST, CcsFlag.NSSRO,
            CcsFlag.CECO, CcsFlag.NAC, CcsFlag.FA);

    private HealthPolls() {
    }

    /**
     * NVM Subsystem Health Status Poll: the composite status now; with CS (NMD1 bit 31) the composite
     * changed flags are cleared after they are reported.
     */
    static MiOutcome subsystem(MeContext ctx, MiCommand.SubsystemHealthStatusPoll p) {
        SubsystemHealthStatus st = ctx.subsystem.healthStatus();
        if (p.cs()) {
            ctx.subsystem.clearComposite();
        }
        return Replies.send(st.toResponse(MiHeader.responseTo(p.header())));
    }

    /**
     * Controller Health Status Poll: controllers with ID at or above SCTLID, ascending, at most MAXRENT + 1
     * entries (MAXRENT FFh was refused by the parser, PEL byte 10).
     *
     * <p>Selection, as this model reads NMD0: ALL reports every controller whatever its changed flags;
     * without ALL a controller is reported when it has a changed flag in a category NMD1 selects (CSTS:
     * RDY/CFS/SHST/NSSRO/CECO/NAC/FA, CTEMP, PDLU, SPARE, CWARN). When any of INCF/INCPF/INCVF is set they
     * filter by function type: every controller here is a PCIe physical function (INCPF), a controller
     * with CFS set also qualifies through INCF, and there are no virtual functions. With none of the three
     * set there is no type filter (nvme-mi-dev's polls send ALL alone and expect every controller).
     * CCF clears the changed flags of the controllers reported.
     */
    static MiOutcome controllers(MeContext ctx, MiCommand.ControllerHealthStatusPoll p) {
        List<ControllerHealth> out = new ArrayList<>();
        for (Controller c : ctx.subsystem.controllers()) {
            if (out.size() == p.maxEntries()) {
                break;
            }
            if (c.id() < p.sctlid() || !functionSelected(c, p) || !p.all() && !changeSelected(c, p)) {
                continue;
            }
            out.add(c.health());
            if (p.ccf()) {
                c.clearChangedFlags();
            }
        }
        return Replies.send(ControllerHealthStatus.of(out).toResponse(MiHeader.responseTo(p.header())));
    }

    private static boolean functionSelected(Controller c, MiCommand.ControllerHealthStatusPoll p) {
        if (!p.incf() && !p.incpf() && !p.incvf()) {
            return true;
        }
        return p.incpf() || p.incf() && c.fatal();
    }

    private static boolean changeSelected(Controller c, MiCommand.ControllerHealthStatusPoll p) {
        Set<CcsFlag> wanted = EnumSet.noneOf(CcsFlag.class);
        if (p.csts()) {
            wanted.addAll(CSTS_FLAGS);
        }
        if (p.ctemp()) {
            wanted.add(CcsFlag.CTEMP);
        }
        if (p.pdlu()) {
            wanted.add(CcsFlag.PDLU);
        }
        if (p.spare()) {
            wanted.add(CcsFlag.SPARE);
        }
        if (p.cwarn()) {
            wanted.add(CcsFlag.CWARN);
        }
        wanted.retainAll(c.changedFlags());
        return !wanted.isEmpty();
    }
}
