package org.nvmehil.model.mi;

import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Management Endpoint Buffer Read and Write (MI 1.2 §5.4-5.5). Without an MEB (personality.mebSize 0)
 * both are optional commands not implemented: 03h. DLEN 0 succeeds and moves nothing. DOFST (NMD0, 32
 * bits) at or past the buffer end gets 04h on DOFST (PEL byte 8); DOFST + DLEN past the end, or a read
 * larger than one response can carry, gets 04h on DLEN (PEL byte 12).
 */
final class MebAccess {
    static final int DOFST_OFFSET = 8;
    static final int DLEN_OFFSET = 12;

    private MebAccess() {
    }

    static MiOutcome read(MeContext ctx, MiCommand.MebRead r) {
        if (ctx.mebSize() == 0) {
            return Replies.error(r.header(), MiStatus.INVALID_COMMAND_OPCODE);
        }
        if (r.dlen() == 0) {
            return Replies.success(r.header());
        }
        if (r.dofst() >= ctx.mebSize()) {
            return Replies.invalidParameter(r.header(), DOFST_OFFSET, 0);
        }
        if (r.dofst() + r.dlen() > ctx.mebSize() || r.dlen() > Replies.MAX_RESPONSE_DATA) {
            return Replies.invalidParameter(r.header(), DLEN_OFFSET, 0);
        }
        int from = (int) r.dofst();
        return Replies.success(r.header(), 0, Bytes.of(ctx.meb).slice(from, from + r.dlen()));
    }

    static MiOutcome write(MeContext ctx, MiCommand.MebWrite w) {
        if (ctx.mebSize() == 0) {
            return Replies.error(w.header(), MiStatus.INVALID_COMMAND_OPCODE);
        }
        if (w.dlen() == 0) {
            return Replies.success(w.header());
        }
        if (w.dofst() >= ctx.mebSize()) {
            return Replies.invalidParameter(w.header(), DOFST_OFFSET, 0);
        }
        if (w.dofst() + w.dlen() > ctx.mebSize()) {
            return Replies.invalidParameter(w.header(), DLEN_OFFSET, 0);
        }
        System.arraycopy(w.data().toArray(), 0, ctx.meb, (int) w.dofst(), w.dlen());
        return Replies.success(w.header());
    }
}
