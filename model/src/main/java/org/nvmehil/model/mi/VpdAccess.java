package org.nvmehil.model.mi;

import org.nvmehil.model.topology.Vpd;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;

/**
 * VPD Read and VPD Write (MI 1.2 §5.12-5.13) over the subsystem's FRU image. DLEN 0 succeeds and moves
 * nothing (whatever DOFST is). Otherwise DOFST at or past the end gets 04h on DOFST (PEL byte 8, NMD0
 * 15:0) and a range running past the end, or a read larger than one response can carry, gets 04h on
 * DLEN (PEL byte 12, NMD1 15:0). A write within range beyond the update limit gets 20h VPD Updates
 * Exceeded; a DLEN that disagrees with the data was already answered by the parser (06h).
 */
final class VpdAccess {
    static final int DOFST_OFFSET = 8;
    static final int DLEN_OFFSET = 12;

    private VpdAccess() {
    }

    static MiOutcome read(MeContext ctx, MiCommand.VpdRead r) {
        if (r.dlen() == 0) {
            return Replies.success(r.header());
        }
        Vpd vpd = ctx.subsystem.vpd();
        if (r.dofst() >= vpd.size()) {
            return Replies.invalidParameter(r.header(), DOFST_OFFSET, 0);
        }
        if (r.dofst() + r.dlen() > vpd.size() || r.dlen() > Replies.MAX_RESPONSE_DATA) {
            return Replies.invalidParameter(r.header(), DLEN_OFFSET, 0);
        }
        return Replies.success(r.header(), 0, vpd.read(r.dofst(), r.dlen()));
    }

    static MiOutcome write(MeContext ctx, MiCommand.VpdWrite w) {
        if (w.dlen() == 0) {
            return Replies.success(w.header());
        }
        Vpd vpd = ctx.subsystem.vpd();
        if (w.dofst() >= vpd.size()) {
            return Replies.invalidParameter(w.header(), DOFST_OFFSET, 0);
        }
        if (w.dofst() + w.dlen() > vpd.size()) {
            return Replies.invalidParameter(w.header(), DLEN_OFFSET, 0);
        }
        if (vpd.writesRemaining() == 0) {
            return Replies.error(w.header(), MiStatus.VPD_UPDATES_EXCEEDED);
        }
        vpd.write(w.dofst(), w.data());
        return Replies.success(w.header());
    }
}
