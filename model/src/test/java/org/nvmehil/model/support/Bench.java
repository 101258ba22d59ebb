package org.nvmehil.model.support;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.model.smbus.BasicManagementDevice;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.model.smbus.SmbusTarget;
import org.nvmehil.model.time.VirtualClock;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpAssembler;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.control.ControlHeader;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The SMBus model assembled by hand (no link), with a host's-eye toolkit for building and reading frames.
 * {@link #write} sends a frame and collects what the model sends until it has nothing more to send on its own,
 * moving the bench's model time through the wire time of each frame (and any response latency).
 */
public final class Bench {
    public final LabConfig config;
    public final VirtualClock clock = new VirtualClock();
    public final EventLog events = new EventLog(clock);
    public final FaultInjector faults = new FaultInjector(events);
    public final CommandSlots slots;
    public final EndpointState state;
    public final EchoMi mi = new EchoMi();
    public final MctpEndpointCore core;
    public final SmbusTarget target;

    public Bench() {
        this(TestConfigs.defaults(), EidPolicy.DYNAMIC);
    }

    public Bench(LabConfig config, EidPolicy policy) {
        this.config = config;
        int clockHz = config.dut().mi().get().smbus().get().clockHz();
        this.slots = new CommandSlots(f -> SmbusTarget.wireNanos(f.length(), clockHz), events.slotTrace(),
                faults::fires);
        this.state = new EndpointState(config.dut().mi().get().eid().device(), slots);
        this.core = new MctpEndpointCore(config, new MctpEndpointCore.Options(policy), state, mi, faults, events, clock);
        this.target = new SmbusTarget(TestConfigs.ME_ADDR, core, faults, state, events,
                config.model().personality().basicManagement() ? Optional.of(new BasicManagementDevice(config))
                        : Optional.empty());
    }

    // ------------------------------------------------------------------ requests

    public static Bytes frame(Bytes packet) {
        return SmbusFrame.of(TestConfigs.ME_ADDR, TestConfigs.HOST_ADDR, packet).encode();
    }

    /** A one-packet request host EID → ME EID with TO set. */
    public static Bytes packet(int tag, Bytes message) {
        return MctpPacket.single(TestConfigs.ME_EID, TestConfigs.HOST_EID, true, tag, message).encode();
    }

    public static Bytes controlRequest(int commandCode, int iid, Bytes data) {
        return ControlHeader.request(commandCode, iid).encode().concat(data);
    }

    /** A sealed NVMe-MI command request (NMIMT 1) with {@code opcode} and 8 bytes of NMD0/NMD1. */
    public static Bytes miRequest(int opcode, int csi) {
        Bytes content = new LeWriter().bytes(MiHeader.request(Nmimt.MI_COMMAND, csi).encode()).u8(opcode).zeros(3)
                .zeros(8).build();
        return MiMessage.seal(content).toWire();
    }

    public static Bytes miRequest(int opcode) {
        return miRequest(opcode, 0);
    }

    /** Writes one frame (as the host sent it) and returns every frame the model sends until it is quiet. */
    public List<Bytes> write(Bytes frame) {
        slots.advanceTo(clock.nanos());
        target.onWrite(frame);
        return drain();
    }

    /**
     * The frames the model sends until nothing more would go out without input (a response held by Pause
     * stays held), model time moved from event to event.
     */
    public List<Bytes> drain() {
        List<Bytes> out = new ArrayList<>();
        slots.advanceTo(clock.nanos());
        while (true) {
            slots.poll().ifPresent(d -> out.add(d.frame()));
            if (!slots.outputPending()) {
                break;
            }
            long next = slots.nextEventAt();
            if (next == Long.MAX_VALUE) {
                break;
            }
            clock.advanceTo(java.time.Duration.ofNanos(Math.max(next, clock.nanos())));
            core.expire();
        }
        for (var d = slots.poll(); d.isPresent(); d = slots.poll()) {
            out.add(d.get().frame());
        }
        return out;
    }

    /** Sends a one-packet request and returns the response frames. */
    public List<Bytes> exchange(int tag, Bytes message) {
        return write(frame(packet(tag, message)));
    }

    /** Sends {@code message} fragmented at the baseline TU, one frame per packet; returns all response frames. */
    public List<Bytes> exchangeFragmented(int tag, Bytes message) {
        List<Bytes> out = new ArrayList<>();
        for (MctpPacket p : MctpFragmenter.baseline().fragment(message, TestConfigs.ME_EID, TestConfigs.HOST_EID,
                true, tag, 0)) {
            out.addAll(write(frame(p.encode())));
        }
        return out;
    }

    // ------------------------------------------------------------------ responses

    public static SmbusFrame decodeFrame(Bytes frame) {
        return SmbusFrame.decode(frame).get();
    }

    public static List<MctpPacket> packets(List<Bytes> frames) {
        return frames.stream().map(f -> MctpPacket.decode(decodeFrame(f).packet()).get()).toList();
    }

    /** Reassembles the response frames as a host would; fails if they do not form exactly one message. */
    public static Bytes message(List<Bytes> frames) {
        MctpAssembler a = new MctpAssembler();
        List<MctpAssembler.Event> last = List.of();
        for (MctpPacket p : packets(frames)) {
            last = a.accept(p, 0);
        }
        if (last.isEmpty() || !(last.get(last.size() - 1) instanceof MctpAssembler.Complete c)) {
            throw new AssertionError("no complete message: " + last);
        }
        return c.message();
    }

    // ------------------------------------------------------------------ observations

    public Set<Flag> flags() {
        Set<Flag> s = EnumSet.noneOf(Flag.class);
        for (Flag f : Flag.values()) {
            if (state.isSet(f)) {
                s.add(f);
            }
        }
        return s;
    }

    public List<ModelEvent> events(ModelEvent.Kind kind) {
        return events.snapshot().stream().filter(e -> e.kind() == kind).toList();
    }

    public ModelEvent lastEvent() {
        List<ModelEvent> all = events.snapshot();
        if (all.isEmpty()) {
            throw new AssertionError("no events");
        }
        return all.get(all.size() - 1);
    }
}
