package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.model.fault.RequestKey;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.Cpo;
import org.nvmehil.protocol.mi.MiStatus;

/**
 * Control primitives (NMIMT 0; MI 1.2 §4.2.1; facts §7.2). Every response echoes the TAG. The slot
 * behaviour (timeline, pause, stored responses, CPAS, RR) lives in {@link CommandSlots}; this class maps each
 * primitive onto it at the current model time and builds the response.
 *
 * <ul>
 *   <li>Pause (§4.2.1.1; CSI 1 already refused by the parser with 04h): pause flag set.</li>
 *   <li>Resume (§4.2.1.2): pause flag cleared.</li>
 *   <li>Abort (§4.2.1.3): slot to Idle, pause flag cleared, CPAS from the slot state.</li>
 *   <li>Get State (§4.2.1.4): MES with the SSTA of the CSI slot, PFLG and the error flags; CESF clears bits
 *       14:3 after reporting.</li>
 *   <li>Replay (§4.2.1.5): RR 1 when a replay starts, 0 when there is nothing to replay; RRO at or beyond
 *       the stored response's packet count → 04h Invalid Parameter (the control primitive response has no
 *       room for a PEL; CPSR 0, as for the parser's Pause-on-CSI-1 error). Pause cleared on success.</li>
 *   <li>Vendor-specific CPOs (F0h-FFh): 03h, none implemented. Reserved ones the parser answers.</li>
 * </ul>
 */
final class ControlPrimitives {
    private ControlPrimitives() {
    }

    static MiOutcome handle(MeContext ctx, ControlPrimitive cp) {
        Optional<Cpo> cpo = cp.cpoValue();
        if (cpo.isEmpty()) {
            return reply(ControlPrimitiveResponse.error(cp, MiStatus.INVALID_COMMAND_OPCODE.code));
        }
        CommandSlots slots = ctx.state.slots();
        RequestKey key = RequestKey.of(cp.content());
        int csi = cp.header().csi();
        switch (cpo.get()) {
            case PAUSE:
                slots.pause(key);
                return reply(ControlPrimitiveResponse.success(cp, 0));
            case RESUME:
                slots.resume();
                return reply(ControlPrimitiveResponse.success(cp, 0));
            case ABORT:
                return reply(ControlPrimitiveResponse.abort(cp, slots.abort(csi, key)));
            case GET_STATE:
                return reply(ControlPrimitiveResponse.getState(cp,
                        ctx.state.getState(slots.reportedSsta(csi, key), cp.cesf())));
            case REPLAY:
                return switch (slots.replay(csi, cp.rro(), key)) {
                    case STARTED -> reply(ControlPrimitiveResponse.replay(cp, true));
                    case NOTHING -> reply(ControlPrimitiveResponse.replay(cp, false));
                    case OUT_OF_RANGE -> reply(ControlPrimitiveResponse.error(cp, MiStatus.INVALID_PARAMETER.code));
                };
            default:
                return reply(ControlPrimitiveResponse.error(cp, MiStatus.INVALID_COMMAND_OPCODE.code));
        }
    }

    private static MiOutcome reply(ControlPrimitiveResponse r) {
        return Replies.send(r.seal());
    }
}
