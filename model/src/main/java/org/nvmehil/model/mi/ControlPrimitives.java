package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.Cpo;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiStatus;

/**
 * Control primitives (NMIMT 0; MI 1.2 §4.2.1). Every response echoes the TAG. This model handles each
 * command message to completion inside one {@code handle} call, so no command is ever in progress when
 * a primitive arrives: Abort always reports CPAS 00b and nothing is ever aborted.
 *
 * <ul>
 *   <li>Pause (CSI 1 already refused by the parser): raises PFLG; holding back command responses is the
 *       MCTP layer's job.</li>
 *   <li>Resume: clears PFLG.</li>
 *   <li>Abort: slot to Idle, PFLG cleared, CPAS 00b.</li>
 *   <li>Get State: {@link org.nvmehil.model.endpoint.EndpointState#getState}, CESF honoured.</li>
 *   <li>Replay: RR 0 (nothing to replay) and PFLG cleared.</li>
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
        switch (cpo.get()) {
            case PAUSE:
                ctx.state.raise(Flag.PFLG);
                return reply(ControlPrimitiveResponse.success(cp, 0));
            case RESUME:
                ctx.state.clear(Flag.PFLG);
                return reply(ControlPrimitiveResponse.success(cp, 0));
            case ABORT:
                ctx.state.setSlot(cp.header().csi(), SlotState.IDLE);
                ctx.state.clear(Flag.PFLG);
                return reply(ControlPrimitiveResponse.abort(cp, ControlPrimitiveResponse.CPAS_NOTHING_OR_COMPLETE));
            case GET_STATE:
                return reply(ControlPrimitiveResponse.getState(cp, ctx.state.getState(cp.header().csi(), cp.cesf())));
            case REPLAY:
                // TODO(issue #4): keep each slot's last response and its packet split so Replay can resend it
                // from packet RRO (SOM set, original MIC; RRO past the last packet -> 04h). Until then the
                // model always has nothing to replay.
                ctx.state.clear(Flag.PFLG);
                return reply(ControlPrimitiveResponse.replay(cp, false));
            default:
                return reply(ControlPrimitiveResponse.error(cp, MiStatus.INVALID_COMMAND_OPCODE.code));
        }
    }

    private static MiOutcome reply(ControlPrimitiveResponse r) {
        return Replies.send(r.seal());
    }
}
