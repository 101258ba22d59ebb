package org.nvmehil.model.mctp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <h2>Responses</h2>
 * The request's tag with TO = 0, source = our EID (after any Set EID), destination = the requester's source
 * EID, sequence numbers from 0, fragmented at {@link EndpointState#mtu()}. Armed response faults are applied
 * by stage (message, fragmentation, packets; frame faults are handed to the shell). NVMe-MI responses are
 * delayed by {@code personality.responseLatency}; control responses are not (DSP0237 MT1 applies to them).
 * {@link MiOutcome} effects are applied after the response has been fragmented, so the response to a
 * Configuration Set MTU still goes out at the old MTU.
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
     * What one packet produced.
     *
     * @param packets    the response packets, SOM first (empty: nothing to send)
     * @param frameFaults fired faults the binding applies to each encoded frame
     * @param delay      model time between the request and the response going out
     */
    public record Reply(List<MctpPacket> packets, List<Fault> frameFaults, Duration delay) {
        public static final Reply NONE = new Reply(List.of(), List.of(), Duration.ZERO);

        public Reply {
            packets = List.copyOf(packets);
            frameFaults = List.copyOf(frameFaults);
        }

        public boolean isEmpty() {
            return packets.isEmpty();
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
    private MctpAssembler assembler;

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
    }

    public EndpointState state() {
        return state;
    }

    /** Drops every partial message whose reassembly timeout has passed at the current model time. */
    public synchronized void expire() {
        for (MctpAssembler.Dropped d : assembler.expire(clock.nanos())) {
            reassemblyDrop(d);
        }
    }

    /** Forgets partial messages (model reset, NVM Subsystem Reset). */
    public synchronized void reset() {
        assembler = new MctpAssembler(assemblerConfig);
    }

    /** Handles one received MCTP packet (transport header first). */
    public synchronized Reply receive(Bytes raw) {
        Decoded<MctpPacket> d = MctpPacket.decode(raw);
        if (d.value().isEmpty()) {
            return drop(raw, "packet of " + raw.length() + " byte(s) has no complete MCTP header", Flag.BPOPL);
        }
        MctpPacket p = d.get();
        RequestKey key = p.som() ? RequestKey.of(p.payload()) : RequestKey.NONE;

        if (p.hdrVersion() != MctpPacket.HEADER_VERSION_1) {
            String defect = String.format("header version %Xh, expected 1 (%s)", p.hdrVersion(),
                    Req.MCTP_HEADER_VERSION.name());
            if (!faults.answerDroppable(key, defect, raw)) {
                return drop(raw, defect, Flag.BHVS);
            }
            p = p.withHdrVersion(MctpPacket.HEADER_VERSION_1);
        }
        int own = state.eid();
        if (p.destEid() != own && p.destEid() != MctpPacket.NULL_EID) {
            String defect = String.format("destination EID %02Xh is neither ours (%02Xh) nor null (%s)", p.destEid(),
                    own, Req.MCTP_UNKNOWN_DEST_EID_DROP.name());
            if (!faults.answerDroppable(key, defect, raw)) {
                return drop(raw, defect, Flag.UDSTID);
            }
            p = p.withDestEid(own);
        }
        if (!p.tagOwner()) {
            String defect = "TO = 0: the endpoint has no outstanding request this could answer ("
                    + Req.MCTP_REQUEST_TAG_OWNER.name() + ")";
            if (!faults.answerDroppable(key, defect, raw)) {
                return drop(raw, defect, Flag.BUEMT);
            }
            p = p.withTagOwner(true);
        }
        if (p.srcEid() == MctpPacket.BROADCAST_EID) {
            return drop(raw, "source EID FFh (broadcast) (" + Req.MCTP_SOURCE_EID.name() + ")", null);
        }

        Reply reply = Reply.NONE;
        for (MctpAssembler.Event e : assembler.accept(p, clock.nanos())) {
            if (e instanceof MctpAssembler.Dropped x) {
                Reply repaired = answerDroppedMessage(x);
                if (repaired == null) {
                    reassemblyDrop(x);
                } else {
                    reply = repaired;
                }
            } else if (e instanceof MctpAssembler.Complete c) {
                reply = dispatch(c);
            }
        }
        return reply;
    }

    // ------------------------------------------------------------------ drops

    private Reply drop(Bytes raw, String reason, Flag flag) {
        if (flag != null) {
            state.raise(flag);
        }
        events.dropped("MCTP: " + reason + (flag == null ? "" : "; MES " + flag.name() + " set"), raw);
        return Reply.NONE;
    }

    /**
     * Under the AnswerDroppable fault: a message the assembler dropped for a missing SOM or a sequence
     * error is answered as if its packets had been in order, when they hold a whole message (end packet
     * present). Returns null when the drop stands.
     */
    private Reply answerDroppedMessage(MctpAssembler.Dropped d) {
        List<MctpPacket> ps = d.packets();
        boolean repairable = d.reason() == DropReason.NO_SOM
                || d.reason() == DropReason.SEQUENCE_ERROR && !ps.isEmpty() && ps.get(0).som();
        if (!repairable || ps.isEmpty() || !ps.get(ps.size() - 1).eom()) {
            return null;
        }
        Bytes message = ps.stream().map(MctpPacket::payload).reduce(Bytes.EMPTY, Bytes::concat);
        MctpPacket first = ps.get(0);
        String defect = "reassembly " + d.reason() + ": " + d.detail();
        if (!faults.answerDroppable(RequestKey.of(message), defect, ps.get(ps.size() - 1).encode())) {
            return null;
        }
        return dispatch(new MctpAssembler.Complete(message, first.srcEid(), first.destEid(), first.tag(),
                first.tagOwner(), ps.size()));
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
        drop(raw, "reassembly " + d.reason() + ": " + d.detail() + ", " + d.packets().size() + " packet(s)" + req,
                flag);
    }

    // ------------------------------------------------------------------ dispatch

    private Reply dispatch(MctpAssembler.Complete c) {
        Bytes message = c.message();
        if (message.isEmpty()) {
            return drop(Bytes.EMPTY, "empty message (no message-type byte)", null);
        }
        int type = message.u8(0) & 0x7F;
        RequestKey key = RequestKey.of(message);
        if (type == MessageType.CONTROL) {
            ControlResponder.Result r = control.handle(message);
            if (r.discarded().isPresent()) {
                if (!faults.answerDroppable(key, r.discarded().get(), message)) {
                    return drop(message, "control request discarded: " + r.discarded().get(), null);
                }
                // Repair: IC 0, Rq 1, D 0.
                r = control.handle(message.withByte(0, 0x00).withByte(1, message.u8(1) & 0x3F | 0x80));
                if (r.response().isEmpty()) {
                    return drop(message, "control request discarded: " + r.discarded().get(), null);
                }
            }
            return respond(c, key, MessageType.CONTROL, r.response().get());
        }
        if (type == MessageType.NVME_MI) {
            return dispatchMi(c, key, message);
        }
        return drop(message, String.format("message type %02Xh is not supported (only 00h and 04h)", type), null);
    }

    private Reply dispatchMi(MctpAssembler.Complete c, RequestKey key, Bytes message) {
        String defect = miDefect(message);
        if (defect != null && faults.answerDroppable(key, defect, message)) {
            message = repairMi(message);
        }
        MiOutcome out = mi.handle(message);
        Reply reply = Reply.NONE;
        if (out.dropped().isPresent()) {
            events.dropped("NVMe-MI: " + out.dropped().get(), message);
        } else if (out.response().isPresent()) {
            reply = respond(c, key, MessageType.NVME_MI, out.response().get());
        } else if (faults.answerDroppable(key, "a request answered by silence (NVM Subsystem Reset)", message)) {
            reply = respond(c, key, MessageType.NVME_MI, MiResponse.success(MiHeader.responseTo(MiHeader.decode(message)))
                    .seal().toWire());
        } else {
            events.info("NVMe-MI: request handled, no response by design", message);
        }
        for (MiOutcome.Effect e : out.effects()) {
            apply(e);
        }
        return reply;
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

    private Reply respond(MctpAssembler.Complete c, RequestKey key, int type, Bytes message) {
        int mtu = state.mtu();
        Faults.Response shape = new Faults.Response(type, message, mtu);
        List<Fault> fired = faults.fire(key, f -> Faults.stage(f) != Stage.DROP_POINT && Faults.applies(f, shape),
                "response to " + key, message);

        Bytes m = message;
        int tu = mtu;
        boolean silent = false;
        List<Fault> frameFaults = new ArrayList<>();
        for (Fault f : fired) {
            switch (Faults.stage(f)) {
                case MESSAGE -> m = Faults.applyToMessage(f, m);
                case FRAGMENTATION -> tu = ((Fault.IgnoreMtu) f).tu();
                case FRAMES -> frameFaults.add(f);
                case DELIVERY -> silent |= f instanceof Fault.NoResponse;
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
        Duration delay = (type == MessageType.NVME_MI ? config.model().personality().responseLatency() : Duration.ZERO)
                .plus(Faults.lateBy(fired));
        if (silent) {
            return Reply.NONE;
        }
        return new Reply(packets, frameFaults, delay);
    }
}
