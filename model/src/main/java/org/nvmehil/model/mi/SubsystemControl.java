package org.nvmehil.model.mi;

import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiCommand;

/** Reset (MI 1.2 §5.8) and Shutdown (§5.11). Reserved reset and shutdown types were answered by the parser. */
final class SubsystemControl {
    private SubsystemControl() {
    }

    /**
     * NVM Subsystem Reset (type 00h): succeeds without any response. The ME resets the subsystem (see
     * {@link org.nvmehil.model.topology.Subsystem#nvmSubsystemReset}), clears the MEB and raises NSSRO in
     * the endpoint state, then returns {@link MiOutcome.Effect.SubsystemReset} so the MCTP layer resets
     * the transport (unit back to 64, reassembly dropped). The MCTP layer must not call
     * {@link MiHandler#reset()} for it: that is a model power-on and would lose the NSSRO reports.
     */
    static MiOutcome reset(MeContext ctx, MiCommand.Reset r) {
        ctx.subsystem.nvmSubsystemReset();
        ctx.clearMeb();
        ctx.state.raise(Flag.NSSRO);
        return MiOutcome.silent(new MiOutcome.Effect.SubsystemReset());
    }

    /** Shutdown, normal (0) or abrupt (1): every controller reports shutdown complete (SHST 10b). */
    static MiOutcome shutdown(MeContext ctx, MiCommand.Shutdown s) {
        ctx.subsystem.shutdown();
        return Replies.success(s.header());
    }
}
