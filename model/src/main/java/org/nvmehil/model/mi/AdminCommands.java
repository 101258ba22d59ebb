package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Tunnelled NVMe Admin commands (NMIMT 2; MI 1.2 §6). The parser has already answered opcodes missing
 * from Fig. 114 (03h), prohibited ones (04h, PEL byte 4) and size errors (05h/06h). Here:
 *
 * <ul>
 *   <li>CTLID naming no controller: 04h, PEL byte 6 bit 0 (§6.2, not well formed).</li>
 *   <li>Implemented: Identify (06h), Get Log Page (02h), Get Features (0Ah), Set Features (09h). Other
 *       optional opcodes (Namespace Management, Firmware, Format, Sanitize, vendor...) are not implemented:
 *       03h.</li>
 *   <li>Everything else is well formed: MI status 00h with the NVMe completion in CQE DW0/DW1/DW3, even
 *       when the NVMe command fails (Invalid Field in Command, ...). DW3 carries CID 0 (Fig. 118) and the
 *       phase tag set, as nvme-mi-dev sends it (MI leaves the phase bit unspecified).</li>
 *   <li>Data (Figs. 115-116): the command's own offset and length apply first, then DOFST/DLEN pick the
 *       slice. For a command that returns data: DOFST not a dword multiple or at/past the end of the data
 *       gets 04h on DOFST (PEL byte 28); DLEN 0, not a dword multiple, above 4096, or reaching past the
 *       end gets 04h on DLEN (PEL byte 32). A command that returns no data (or fails) ignores DOFST/DLEN.
 *       CFLGS DLENV/DOFSTV are ignored, as MI 1.2 asks.</li>
 * </ul>
 */
final class AdminCommands {
    static final int CTLID_OFFSET = AdminRequest.CTLID_OFFSET;
    static final int DOFST_OFFSET = AdminRequest.DOFST_OFFSET;
    static final int DLEN_OFFSET = AdminRequest.DLEN_OFFSET;

    private AdminCommands() {
    }

    static MiOutcome handle(MeContext ctx, AdminRequest a) {
        Optional<Controller> c = ctx.subsystem.controller(a.ctlid());
        if (c.isEmpty()) {
            return Replies.invalidParameter(a.header(), CTLID_OFFSET, 0);
        }
        AdminResult result;
        if (a.opcode() == AdminOpcode.IDENTIFY.code) {
            result = Identify.handle(ctx, c.get(), a);
        } else if (a.opcode() == AdminOpcode.GET_LOG_PAGE.code) {
            result = LogPages.handle(ctx, c.get(), a);
        } else if (a.opcode() == AdminOpcode.GET_FEATURES.code) {
            result = Features.get(c.get(), a);
        } else if (a.opcode() == AdminOpcode.SET_FEATURES.code) {
            result = Features.set(c.get(), a);
        } else {
            return Replies.error(a.header(), MiStatus.INVALID_COMMAND_OPCODE);
        }
        return respond(a, result);
    }

    static MiOutcome respond(AdminRequest a, AdminResult r) {
        MiHeader h = MiHeader.responseTo(a.header());
        if (!r.cqe().isSuccess() || r.length() == 0) {
            return Replies.send(AdminResponse.of(h, r.cqe().withPhase(true), Bytes.EMPTY).seal());
        }
        long dofst = a.dofst();
        long dlen = a.dlen();
        if ((dofst & 3) != 0) {
            return Replies.invalidParameter(a.header(), DOFST_OFFSET, 0);
        }
        if (dlen == 0 || (dlen & 3) != 0 || dlen > AdminRequest.MAX_DLEN) {
            return Replies.invalidParameter(a.header(), DLEN_OFFSET, 0);
        }
        if (dofst >= r.length()) {
            return Replies.invalidParameter(a.header(), DOFST_OFFSET, 0);
        }
        if (dofst + dlen > r.length()) {
            return Replies.invalidParameter(a.header(), DLEN_OFFSET, 0);
        }
        return Replies.send(AdminResponse.of(h, r.cqe().withPhase(true), r.slice(dofst, (int) dlen)).seal());
    }
}
