package org.nvmehil.model.mctp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.fault.Faults;
import org.nvmehil.model.fault.Faults.Stage;
import org.nvmehil.model.fault.RequestKey;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.mi.MiHandler;
import org.nvmehil.model.mi.MiOutcome;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.model.slot.CommandSlots.MessageKey;
import org.nvmehil.model.slot.CommandSlots.Outgoing;
import org.nvmehil.model.time.VirtualClock;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mctp.MctpAssembler;
import org.nvmehil.protocol.mctp.MctpAssembler.DropReason;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * The model's MCTP endpoint (DSP0236 §8 packet handling; facts §1, §7.4): MCTP packets in, response packets
 * out, every drop logged with its reason. Pure: no I/O, no threads; the time comes from the shared
 * {@link VirtualClock}. The binding shell ({@code SmbusTarget}) frames the packets.
 *
 * <h2>Receive rules, in order</h2>
 * <ol>
 *   <li>Fewer than 4 bytes → drop, MES BPOPL.</li>
 *   <li>Header version ≠ 1 → drop, BHVS (DSP0237 Table 1).</li>
 *   <li>Destination EID neither ours nor the null EID 00h → drop, UDSTID.</li>
 *   <li>TO = 0 → drop, BUEMT: the ME sends no requests of its own, so no packet to it may be a response.</li>
 *   <li>Source EID FFh (broadcast) → drop (no MES flag; Linux and libmctp do the same).</li>
 *   <li>Reassembly ({@link MctpAssembler}, Linux key, libmctp restart on a new SOM, 4224-byte limit,
 *       {@code timing.reassemblyTimeout} measured in model time): no SOM → UMEP; bad sequence → OSPSN;
 *       packet size error → ITU; timeout, too long, abandoned partial → event only.</li>
 *   <li>Complete message: type 00h → {@link ControlResponder}; 04h → the {@link MiHandler}; others → drop.</li>
 * </ol>
 *
 * <h2>Command slots</h2>
 * An NVMe-MI message with IC = 1, ROR = 0 and NMIMT ≠ 0 is a Command Message: its first packet takes its
 * slot (CSI) to Receive, or, when the slot holds a complete message, marks it for discarding (see
 * {@link CommandSlots}: the new message is dropped and CMNICS raised when it is complete; a partial message
 * is replaced instead). A partial message the assembler discards
 * returns its slot to Idle; so does a message the ME drops. An accepted message goes to Process; its
 * response is handed to the slot with the time it is ready. Control primitives (NMIMT 0) and MCTP control
 * messages are answered outside the slots.
 *
 * <h2>Responses</h2>
 * The request's tag with TO = 0, source = our EID (after any Set EID), destination = the requester's source
 * EID, sequence numbers from 0, fragmented at {@link EndpointState#mtu()}. Armed response faults are applied
 * by stage (message, fragmentation, packets; frame faults are handed to the binding's {@link Framing}). A
 * Command Message's response is ready {@code personality.responseLatency} after the message completed;
 * control-primitive and MCTP control responses at once (DSP0237 MT1 applies to the latter); a
 * {@link Fault.LateResponse} adds its delay to either. {@link MiOutcome} effects are applied after the
 * response has been fragmented, so the response to a Configuration Set MTU still goes out at the old MTU.
 *
 * <h2>More Processing Required (personality)</h2>
 * The first {@code personality.mprResponses} Command Messages answered after reset (model reset or NVM
 * Subsystem Reset) first get a More Processing Required response (status 01h, MPRT = {@code personality.mprt}
 * in 100 ms units, rounded up; MI 1.2 §4.1.2.3), ready the moment the message completes, then the real
 * response, with the same tag, ready {@code personality.mprt} later (+ LateResponse). {@code responseLatency}
 * does not apply to these. Faults {@link Fault.MprBadMic} and {@link Fault.SecondMpr} act on the MPR only.
 *
 * <p>With {@link Fault.AnswerDroppable} armed, a request with a defect the model would drop it for (header
 * version, destination EID, TO = 0, unexpected control flags, NVMe-MI IC = 0, ROR = 1 or bad MIC) is repaired
 * in a copy and answered instead; no MES flag is raised then.
 */
public final class MctpEndpointCore {

    /**
     * Model choices that lab-config does not carry.
     *
     * @param eidPolicy what Get Endpoint ID reports as EID type (facts §11 V7 needs {@link EidPolicy#STATIC})
     */
    public record Options(EidPolicy eidPolicy) {
        public Options {
            Objects.requireNonNull(eidPolicy, "eidPolicy");
        }

        /** Dynamic EID type. */
        public static Options defaults() {
            return new Options(EidPolicy.DYNAMIC);
        }
    }

    /**
     * The binding's half of a response: one MCTP packet framed for the requester of the exchange, with the
     * fired frame faults applied. Kept with the response so that a Replay can frame its packets again.
     */
    @FunctionalInterface
    public interface Framing {
        Bytes frame(MctpPacket packet, List<Fault> frameFaults);
    }

    /** A response prepared by {@link #prepare}: packets, frame faults, extra delay, or silence. */
    private record Prepared(List<MctpPacket> packets, List<Fault> frameFaults, Duration late, boolean silent,
                            boolean twice) {
        Outgoing outgoing(Framing framing) {
            return new Outgoing(packets, p -> framing.frame(p, frameFaults));
        }
    }

    private final LabConfig config;
    private final EndpointState state;
    private final MiHandler mi;
    private final FaultInjector faults;
    private final EventLog events;
    private final VirtualClock clock;
    private final ControlResponder control;
    private final MctpAssembler.Config assemblerConfig;
    private LabConfig.Personality personality;
    private MctpAssembler assembler;
    /** Command Messages answered since reset (for {@code personality.mprResponses}). */
    private int commandsAnswered;

    public MctpEndpointCore(LabConfig config, Options options, EndpointState state, MiHandler mi,
                            FaultInjector faults, EventLog events, VirtualClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.state = Objects.requireNonNull(state, "state");
        this.mi = Objects.requireNonNull(mi, "mi");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        int configuredEid = config.dut().mi().map(m -> m.eid().device()).orElse(MctpPacket.NULL_EID);
        this.control = new ControlResponder(state, UUID.fromString(config.model().identity().uuid()),
                options.eidPolicy(), configuredEid, events);
        this.assemblerConfig = MctpAssembler.Config.defaults()
                .withMaxMessageSize(MiMessage.MAX_SIZE)
                .withTimeout(config.timing().reassemblyTimeout());
        this.assembler = new MctpAssembler(assemblerConfig);
        this.personality = config.model().personality();
    }

    public EndpointState state() {
        return state;
    }

    private CommandSlots slots() {
        return state.slots();
    }

    /**
     * Brings the command slots up to the current model time, then drops every partial message whose
     * reassembly timeout has passed.
     */
    public synchronized void expire() {
        slots().advanceTo(clock.nanos());
        for (MctpAssembler.Dropped d : assembler.expire(clock.nanos())) {
            reassemblyDrop(d);
        }
    }

    /** Forgets partial messages and the MPR count (model reset, NVM Subsystem Reset). */
    public synchronized void reset() {
        assembler = new MctpAssembler(assemblerConfig);
        commandsAnswered = 0;
        personality = config.model().personality();
    }

    /** Overrides the timing personality until {@link #reset()} (a legal variation, not a fault). */
    public synchronized void setTiming(Duration responseLatency, int mprResponses, Duration mprt) {
        LabConfig.Personality p = personality;
        personality = new LabConfig.Personality(responseLatency, mprResponses, mprt, p.vpdWriteLimit(), p.mebSize(),
                p.basicManagement());
        commandsAnswered = 0;
    }

    /**
     * Handles one received MCTP packet (transport header first) at the current model time. Responses go to
     * the {@link CommandSlots}, framed by {@code framing}.
     */
    public synchronized void receive(Bytes raw, Framing framing) {
        Objects.requireNonNull(framing, "framing");
        slots().advanceTo(clock.nanos());
        Decoded<MctpPacket> d = MctpPacket.decode(raw);
        if (d.value().isEmpty()) {
            drop(raw, "packet of " + raw.length() + " byte(s) has no complete MCTP header", Flag.BPOPL);
            return;
        }
        MctpPacket p = d.get();
        RequestKey key = p.som() ? RequestKey.of(p.payload()) : RequestKey.NONE;

        if (p.hdrVersion() != MctpPacket.HEADER_VERSION_1) {
            String defect = String.format("header version %Xh, expected 1 (%s)", p.hdrVersion(),
                    Req.MCTP_HEADER_VERSION.name());
            if (!faults.answerDroppable(key, defect, raw)) {
                drop(raw, defect, Flag.BHVS);
                return;
            }
            p = p.withHdrVersion(MctpPacket.HEADER_VERSION_1);
        }
        int own = state.eid();
        if (p.destEid() != own && p.destEid() != MctpPacket.NULL_EID) {
            String defect = String.format("destination EID %02Xh is neither ours (%02Xh) nor null (%s)", p.destEid(),
                    own, Req.MCTP_UNKNOWN_DEST_EID_DROP.name());
            if (!faults.answerDroppable(key, defect, raw)) {
                drop(raw, defect, Flag.UDSTID);
                return;
            }
            p = p.withDestEid(own);
        }
        if (!p.tagOwner()) {
            String defect = "TO = 0: the endpoint has no outstanding request this could answer ("
                    + Req.MCTP_REQUEST_TAG_OWNER.name() + ")";
            if (!faults.answerDroppable(key, defect, raw)) {
                drop(raw, defect, Flag.BUEMT);
                return;
            }
            p = p.withTagOwner(true);
        }
        if (p.srcEid() == MctpPacket.BROADCAST_EID) {
            drop(raw, "source EID FFh (broadcast) (" + Req.MCTP_SOURCE_EID.name() + ")", null);
            return;
        }

        for (MctpAssembler.Event e : assembler.accept(p, clock.nanos())) {
            if (e instanceof MctpAssembler.Dropped x) {
                if (!answerDroppedMessage(x, framing)) {
                    reassemblyDrop(x);
                }
            } else if (e instanceof MctpAssembler.Pending) {
                if (p.som()) {
                    admit(p);
                }
            } else if (e instanceof MctpAssembler.Complete c) {
                if (p.som()) {
                    admit(p);
                }
                dispatch(c, framing);
            }
        }
    }

    /** The slot a Command Message in {@code message} (from the type byte) uses, or -1 if it is none. */
    static int commandSlot(Bytes message) {
        if (message.length() < 2 || message.u8(0) != (MessageType.NVME_MI | MessageType.IC)) {
            return -1;
        }
        int nmp = message.u8(1);
        boolean ror = (nmp & 0x80) != 0;
        int nmimt = nmp >> 3 & 0x0F;
        return ror || nmimt == 0 ? -1 : nmp & 0x01;
    }

    /** The first packet of a message has been taken in: a Command Message claims its slot. */
    private void admit(MctpPacket som) {
        int csi = commandSlot(som.payload());
        if (csi < 0) {
            return;
        }
        MessageKey key = new MessageKey(som.srcEid(), som.tag());
        long deadline = saturatedAdd(clock.nanos(), config.timing().reassemblyTimeout());
        CommandSlots.Admission a = slots().admit(csi, key, deadline);
        if (a == CommandSlots.Admission.BUSY) {
            events.info(String.format("NVMe-MI: command message (%s) for busy slot %d (%s); it will be discarded "
                    + "when complete (%s)", key, csi, slots().ssta(csi), Req.MI_SLOT_OVERLAP.name()), som.encode());
        } else if (a == CommandSlots.Admission.REPLACED) {
            state.raise(Flag.CMNICS);
            events.dropped(String.format("NVMe-MI: partial command message on slot %d discarded, replaced by a new one "
                    + "(%s); MES CMNICS set (%s)", csi, key, Req.MI_SLOT_OVERLAP.name()), som.encode());
        }
    }

    private static long saturatedAdd(long now, Duration d) {
        try {
            return Math.addExact(now, d.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    // ------------------------------------------------------------------ drops

    private void drop(Bytes raw, String reason, Flag flag) {
        if (flag != null) {
            state.raise(flag);
        }
        events.dropped("MCTP: " + reason + (flag == null ? "" : "; MES " + flag.name() + " set"), raw);
    }

    /**
     * Under the AnswerDroppable fault: a message the assembler dropped for a missing SOM or a sequence
     * error is answered as if its packets had been in order, when they hold a whole message (end packet
     * present). Returns false when the drop stands.
     */
    private boolean answerDroppedMessage(MctpAssembler.Dropped d, Framing framing) {
        List<MctpPacket> ps = d.packets();
        boolean repairable = d.reason() == DropReason.NO_SOM
                || d.reason() == DropReason.SEQUENCE_ERROR && !ps.isEmpty() && ps.get(0).som();
        if (!repairable || ps.isEmpty() || !ps.get(ps.size() - 1).eom()) {
            return false;
        }
        Bytes message = ps.stream().map(MctpPacket::payload).reduce(Bytes.EMPTY, Bytes::concat);
        MctpPacket first = ps.get(0);
        String defect = "reassembly " + d.reason() + ": " + d.detail();
        if (!faults.answerDroppable(RequestKey.of(message), defect, ps.get(ps.size() - 1).encode())) {
            return false;
        }
        dispatch(new MctpAssembler.Complete(message, first.srcEid(), first.destEid(), first.tag(),
                first.tagOwner(), ps.size()), framing);
        return true;
    }

    private void reassemblyDrop(MctpAssembler.Dropped d) {
        Flag flag = switch (d.reason()) {
            case NO_SOM -> Flag.UMEP;
            case SEQUENCE_ERROR -> Flag.OSPSN;
            case SIZE_ERROR -> Flag.ITU;
            default -> null;
        };
        Bytes raw = d.packets().isEmpty() ? Bytes.EMPTY : d.packets().get(d.packets().size() - 1).encode();
        String req = d.reason() == DropReason.TOO_LONG ? " (" + Req.MI_MESSAGE_MAX_SIZE.name() + ")"
                : d.reason().req().map(r -> " (" + r.name() + ")").orElse("");
        if (!d.packets().isEmpty() && d.packets().get(0).som()) {
            MctpPacket first = d.packets().get(0);
            slots().abandon(new MessageKey(first.srcEid(), first.tag()), "partial message discarded: " + d.reason());
        }
        drop(raw, "reassembly " + d.reason() + ": " + d.detail() + ", " + d.packets().size() + " packet(s)" + req,
                flag);
    }

    // ------------------------------------------------------------------ dispatch

    private void dispatch(MctpAssembler.Complete c, Framing framing) {
        Bytes message = c.message();
        if (message.isEmpty()) {
            drop(Bytes.EMPTY, "empty message (no message-type byte)", null);
            return;
        }
        int type = message.u8(0) & 0x7F;
        RequestKey key = RequestKey.of(message);
        if (type == MessageType.CONTROL) {
            ControlResponder.Result r = control.handle(message);
            if (r.discarded().isPresent()) {
                if (!faults.answerDroppable(key, r.discarded().get(), message)) {
                    drop(message, "control request discarded: " + r.discarded().get(), null);
                    return;
                }
                // Repair: IC 0, Rq 1, D 0.
                r = control.handle(message.withByte(0, 0x00).withByte(1, message.u8(1) & 0x3F | 0x80));
                if (r.response().isEmpty()) {
                    drop(message, "control request discarded: " + r.discarded().get(), null);
                    return;
                }
            }
            sendNow(prepare(c, key, MessageType.CONTROL, r.response().get()), framing);
            return;
        }
        if (type == MessageType.NVME_MI) {
            dispatchMi(c, key, message, framing);
            return;
        }
        drop(message, String.format("message type %02Xh is not supported (only 00h and 04h)", type), null);
    }

    /** A response outside the slots: out as soon as it is made (plus any LateResponse). */
    private void sendNow(Prepared r, Framing framing) {
        if (!r.silent()) {
            slots().control(r.outgoing(framing), saturatedAdd(clock.nanos(), r.late()));
        }
    }

    private void dispatchMi(MctpAssembler.Complete c, RequestKey key, Bytes message, Framing framing) {
        String defect = miDefect(message);
        if (defect != null && faults.answerDroppable(key, defect, message)) {
            message = repairMi(message);
        }
        int csi = commandSlot(message);
        MessageKey slotKey = new MessageKey(c.srcEid(), c.tag());
        if (csi >= 0) {
            CommandSlots.Intake in = slots().check(csi, slotKey);
            if (in == CommandSlots.Intake.BUSY) {
                state.raise(Flag.CMNICS);
                events.dropped(String.format("NVMe-MI: command message for slot %d discarded, the slot is %s; MES "
                        + "CMNICS set (%s)", csi, slots().ssta(csi), Req.MI_SLOT_OVERLAP.name()), message);
                return;
            }
            if (in == CommandSlots.Intake.ABORTED) {
                events.dropped("NVMe-MI: command message discarded, slot " + csi + " was aborted while receiving it",
                        message);
                return;
            }
        }
        MiOutcome out = mi.handle(message);
        Plan plan = null;
        if (out.dropped().isPresent()) {
            events.dropped("NVMe-MI: " + out.dropped().get(), message);
            if (csi >= 0) {
                slots().abandon(slotKey, "dropped by the ME: " + out.dropped().get());
            }
        } else if (csi < 0) {
            if (out.response().isPresent()) {
                sendNow(prepare(c, key, MessageType.NVME_MI, out.response().get()), framing);
            } else {
                events.info("NVMe-MI: request handled, no response by design", message);
            }
        } else {
            Optional<Bytes> response = out.response();
            if (response.isEmpty() && faults.answerDroppable(key, "a request answered by silence (NVM Subsystem Reset)",
                    message)) {
                response = Optional.of(MiResponse.success(MiHeader.responseTo(MiHeader.decode(message))).seal().toWire());
            }
            if (response.isEmpty()) {
                events.info("NVMe-MI: request handled, no response by design", message);
                slots().abandon(slotKey, "command handled, no response by design");
            } else {
                plan = planCommand(c, key, message, response.get(), framing);
            }
        }
        // Effects after fragmentation (the Set MTU response keeps the old TU), before the slot hand-off (an
        // NVM Subsystem Reset resets the slots, but a response it was made to give still goes out).
        for (MiOutcome.Effect e : out.effects()) {
            apply(e);
        }
        if (plan != null) {
            slots().process(csi, plan.mprs(), plan.response(), plan.lost(), plan.readyAt());
        }
    }

    /** What a Command Message's slot is given: MPRs, the response (empty: none), when the response is ready. */
    private record Plan(List<CommandSlots.Timed> mprs, Optional<Outgoing> response, boolean lost, long readyAt) {
    }

    /**
     * A Command Message's response (and any MPR first), fragmented now, with the times they are ready: the
     * MPR at once, the response after {@code responseLatency} (after {@code mprt} when an MPR went first),
     * each plus its LateResponse.
     */
    private Plan planCommand(MctpAssembler.Complete c, RequestKey key, Bytes request, Bytes response,
                             Framing framing) {
        long now = clock.nanos();
        List<CommandSlots.Timed> mprs = new ArrayList<>();
        boolean mpr = commandsAnswered < personality.mprResponses();
        commandsAnswered++;
        if (mpr) {
            int mprt = MiResponse.durationToMprt(personality.mprt());
            Bytes m = MiResponse.moreProcessingRequired(MiHeader.responseTo(MiHeader.decode(request)), mprt).seal()
                    .toWire();
            Prepared p = prepare(c, key, MessageType.NVME_MI, m);
            if (!p.silent()) {
                CommandSlots.Timed t = new CommandSlots.Timed(p.outgoing(framing), saturatedAdd(now, p.late()));
                mprs.add(t);
                if (p.twice()) {
                    mprs.add(t);
                }
            }
        }
        Prepared r = prepare(c, key, MessageType.NVME_MI, response);
        Duration wait = (mpr ? personality.mprt() : personality.responseLatency()).plus(r.late());
        // a NoResponse fault loses the response on the wire: the ME still holds it for Replay
        return new Plan(mprs, Optional.of(r.outgoing(framing)), r.silent(), saturatedAdd(now, wait));
    }

    /** The defect for which the ME drops the message (IC clear, ROR set, bad MIC), or null. */
    private static String miDefect(Bytes message) {
        if (message.length() < MiMessage.MIN_SIZE) {
            return null; // nothing the model could repair
        }
        if ((message.u8(0) & MessageType.IC) == 0) {
            return "IC = 0";
        }
        if ((message.u8(1) & 0x80) != 0) {
            return "ROR = 1 in a request";
        }
        return MiMessage.decode(message).get().micValid() ? null : "bad MIC";
    }

    private static Bytes repairMi(Bytes message) {
        Bytes content = message.slice(0, message.length() - MiMessage.MIC_SIZE);
        content = content.withByte(0, content.u8(0) | MessageType.IC).withByte(1, content.u8(1) & 0x7F);
        return MiMessage.seal(content).toWire();
    }

    private void apply(MiOutcome.Effect e) {
        if (e instanceof MiOutcome.Effect.SetMtu x) {
            int ourPort = config.model().topology().pciePorts();
            if (x.portId() == ourPort) {
                int before = state.mtu();
                state.setMtu(x.mtus());
                events.effect(String.format("MCTP transmission unit %d -> %d (port %d)", before, x.mtus(), x.portId()));
            } else {
                events.effect(String.format("MCTP transmission unit of port %d set to %d; the ME is on port %d, "
                        + "its MTU stays %d", x.portId(), x.mtus(), ourPort, state.mtu()));
            }
        } else if (e instanceof MiOutcome.Effect.SetSmbusFrequency x) {
            events.effect(String.format("SMBus frequency code %d on port %d (recorded; the model bus has no speed)",
                    x.sfreq(), x.portId()));
        } else if (e instanceof MiOutcome.Effect.SubsystemReset) {
            // the ME already reset the subsystem and keeps its NSSRO reports; only transport state restarts here
            state.reset();
            reset();
            state.raise(Flag.NSSRO);
            events.effect("NVM Subsystem Reset: endpoint back to power-on state (EID " + String.format("%02Xh", state.eid())
                    + ", TU " + state.mtu() + "), MES NSSRO set");
        }
    }

    // ------------------------------------------------------------------ responses

    /** Fires the response faults on {@code message} and cuts it into packets for the requester of {@code c}. */
    private Prepared prepare(MctpAssembler.Complete c, RequestKey key, int type, Bytes message) {
        int mtu = state.mtu();
        Faults.Response shape = new Faults.Response(type, message, mtu);
        List<Fault> fired = faults.fire(key, f -> Faults.stage(f) != Stage.DROP_POINT && Faults.stage(f) != Stage.SLOTS
                && Faults.applies(f, shape), "response to " + key, message);

        Bytes m = message;
        int tu = mtu;
        boolean silent = false;
        boolean twice = false;
        List<Fault> frameFaults = new ArrayList<>();
        for (Fault f : fired) {
            switch (Faults.stage(f)) {
                case MESSAGE -> m = Faults.applyToMessage(f, m);
                case FRAGMENTATION -> tu = ((Fault.IgnoreMtu) f).tu();
                case FRAMES -> frameFaults.add(f);
                case DELIVERY -> {
                    silent |= f instanceof Fault.NoResponse;
                    twice |= f instanceof Fault.SecondMpr;
                }
                default -> {
                }
            }
        }
        List<MctpPacket> packets = MctpFragmenter.fragmentBySizes(m, Faults.packetSizes(m.length(), tu), c.srcEid(),
                state.eid(), false, c.tag(), 0);
        for (Fault f : fired) {
            if (Faults.stage(f) == Stage.PACKETS) {
                packets = Faults.applyToPackets(f, packets);
            }
        }
        return new Prepared(packets, frameFaults, Faults.lateBy(fired), silent, twice);
    }
}
