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

/** The SMBus model assembled by hand (no link), with a host's-eye toolkit for building and reading frames. */
public final class Bench {
    public final LabConfig config;
    public final VirtualClock clock = new VirtualClock();
    public final EventLog events = new EventLog(clock);
    public final FaultInjector faults = new FaultInjector(events);
    public final EndpointState state;
    public final EchoMi mi = new EchoMi();
    public final MctpEndpointCore core;
    public final SmbusTarget target;

    public Bench() {
        this(TestConfigs.defaults(), EidPolicy.DYNAMIC);
    }

    public Bench(LabConfig config, EidPolicy policy) {
        this.config = config;
        this.state = new EndpointState(config.dut().mi().get().eid().device());
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

    /** Sends a one-packet request and returns the response frames. */
    public List<Bytes> exchange(int tag, Bytes message) {
        return target.onWrite(frame(packet(tag, message))).frames();
    }

    /** Sends {@code message} fragmented at the baseline TU, one frame per packet; returns all response frames. */
    public List<Bytes> exchangeFragmented(int tag, Bytes message) {
        List<Bytes> out = new ArrayList<>();
        for (MctpPacket p : MctpFragmenter.baseline().fragment(message, TestConfigs.ME_EID, TestConfigs.HOST_EID,
                true, tag, 0)) {
            out.addAll(target.onWrite(frame(p.encode())).frames());
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
