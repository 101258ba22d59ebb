package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.model.topology.SubsystemOptions;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MeParse;
import org.nvmehil.protocol.mi.MeRequestParser;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * The reference model's out-of-band NVMe-MI 1.2 Management Endpoint on the subsystem's first two-wire
 * port. One complete message in, one {@link MiOutcome} out; pure apart from the model state it owns
 * (no I/O, no clock, no logging).
 *
 * <p>Intake follows {@link MeRequestParser}: discards (too short, IC clear, not type 04h, over 4224
 * bytes, bad MIC, ROR set) become {@link MiOutcome#drop} and a bad MIC also raises BMICE in the
 * {@link EndpointState} (UNH 1.4.2/5.6); size, opcode and field errors the message alone reveals get the
 * parser's error response. Then the message goes to the handler of its NMIMT: control primitives
 * ({@link ControlPrimitives}), the NVMe-MI command set ({@link MiCommands}), tunnelled Admin commands
 * ({@link AdminCommands}). The PCIe command set (NMIMT 4, optional) is not implemented: 03h.
 *
 * <p>Command messages (NMIMT 1 and 2) with the MEB header bit get 04h with PEL byte 2 bit 0: the MEB
 * Supported Command List is empty. CIAP gets 04h with PEL byte 2 bit 1: PRTCAP.CIAPS is 0.
 *
 * <p>Thread model: {@link #handle} and {@link #reset} lock the {@link Subsystem}, as its mutators do.
 */
public final class ManagementEndpoint implements MiHandler {
    private final MeContext ctx;

    /** A management endpoint over {@code subsystem}, sharing {@code state} with the MCTP layer. */
    public ManagementEndpoint(Subsystem subsystem, EndpointState state) {
        this.ctx = new MeContext(subsystem, state);
    }

    /** What the model's MCTP layer calls: a subsystem built from {@code config} with default options. */
    public static MiHandler create(LabConfig config, EndpointState state) {
        return of(config, state);
    }

    /** As {@link #create}, typed, so tests and fault hooks reach {@link #subsystem()}. */
    public static ManagementEndpoint of(LabConfig config, EndpointState state) {
        return new ManagementEndpoint(Subsystem.fromConfig(config), state);
    }

    public static ManagementEndpoint of(LabConfig config, SubsystemOptions options, EndpointState state) {
        return new ManagementEndpoint(Subsystem.fromConfig(config, options), state);
    }

    public Subsystem subsystem() {
        return ctx.subsystem;
    }

    public EndpointState state() {
        return ctx.state;
    }

    /** The Management Endpoint Buffer contents (empty when the personality has no MEB). */
    public Bytes meb() {
        synchronized (ctx.subsystem) {
            return Bytes.of(ctx.meb);
        }
    }

    @Override
    public MiOutcome handle(Bytes message) {
        synchronized (ctx.subsystem) {
            MeParse p = MeRequestParser.parse(message);
            if (p.isDiscarded()) {
                Violation why = p.discard().get();
                if (why.req() == Req.MI_BAD_MIC_DISCARD) {
                    ctx.state.raise(Flag.BMICE);
                }
                return MiOutcome.drop(why.toString());
            }
            Optional<MiMessage> error = p.errorResponse();
            if (error.isPresent()) {
                return Replies.send(error.get());
            }
            if (p.request().isEmpty()) {
                // NMIMT 4, PCIe command set: optional, not implemented
                return Replies.error(MiHeader.decode(message), MiStatus.INVALID_COMMAND_OPCODE);
            }
            MiRequest r = p.request().get();
            if (r instanceof ControlPrimitive) {
                return ControlPrimitives.handle(ctx, (ControlPrimitive) r);
            }
            MiHeader h = r.header();
            if (h.meb()) {
                return Replies.invalidParameter(h, 2, 0);
            }
            if (h.ciap()) {
                return Replies.invalidParameter(h, 2, 1);
            }
            if (r instanceof MiCommand) {
                return MiCommands.handle(ctx, (MiCommand) r);
            }
            return AdminCommands.handle(ctx, (AdminRequest) r);
        }
    }

    /**
     * Model power-on: the subsystem back to lab-config (health values and changed flags, VPD image and
     * write count, ports, features), the MEB cleared and the pause flag down. The rest of the endpoint
     * state (EID, MTU, MES error flags) belongs to the MCTP layer, which resets it itself.
     */
    @Override
    public void reset() {
        synchronized (ctx.subsystem) {
            ctx.subsystem.powerOn();
            ctx.clearMeb();
            ctx.state.clear(Flag.PFLG);
        }
    }
}
