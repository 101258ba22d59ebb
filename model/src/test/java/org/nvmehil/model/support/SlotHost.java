package org.nvmehil.model.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nvmehil.model.link.ModelLink;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A host on the model link with the real Management Endpoint, for slot and timing tests. Every request uses
 * its own MCTP tag, so response packets are told apart by tag; packets read while waiting for something else
 * are kept ({@link #received}). Model time moves only through {@link #receiveFor} and {@link #listen}.
 */
public final class SlotHost {
    public final ModelLink link;
    /** Every packet received so far, in arrival order, with the model time it arrived. */
    public final List<Arrival> received = new ArrayList<>();

    /** A response packet and the model time its frame was delivered. */
    public record Arrival(Duration at, MctpPacket packet, Bytes frame) {
    }

    public SlotHost(LabConfig config) {
        this.link = new ModelLink(config);
    }

    // ------------------------------------------------------------------ requests

    /** {@code r} sealed for slot {@code csi} (NMP bit 0), MIC recomputed. */
    public static Bytes onSlot(MiRequest r, int csi) {
        Bytes c = r.seal().content();
        return MiMessage.seal(c.withByte(1, c.u8(1) & ~1 | csi & 1)).toWire();
    }

    /** {@code message} cut at the baseline TU into request packets with {@code tag}. */
    public static List<MctpPacket> packets(int tag, Bytes message) {
        return MctpFragmenter.baseline().fragment(message, TestConfigs.ME_EID, TestConfigs.HOST_EID, true, tag, 0);
    }

    public void send(MctpPacket p) {
        link.send(Bench.frame(p.encode()));
    }

    /** Sends every packet of {@code message} at the current model time. */
    public void send(int tag, Bytes message) {
        packets(tag, message).forEach(this::send);
    }

    public void send(int tag, MiRequest r, int csi) {
        send(tag, onSlot(r, csi));
    }

    // ------------------------------------------------------------------ responses

    /** Reads frames for up to {@code window} of model time; returns what arrived. */
    public List<Arrival> listen(Duration window) {
        Duration until = link.now().plus(window);
        List<Arrival> got = new ArrayList<>();
        while (link.now().compareTo(until) < 0) {
            Optional<Bytes> f = link.receive(until.minus(link.now()));
            if (f.isEmpty()) {
                break;
            }
            got.add(record(f.get()));
        }
        return got;
    }

    private Arrival record(Bytes frame) {
        SmbusFrame sf = SmbusFrame.decode(frame).value().orElseThrow(() -> new AssertionError("not a frame: " + frame));
        Arrival a = new Arrival(link.now(), MctpPacket.decode(sf.packet()).get(), frame);
        received.add(a);
        return a;
    }

    /**
     * Reads until a packet with EOM and {@code tag} arrives (or {@code wait} passes); returns the packets with
     * that tag not returned before, up to and including the first with EOM.
     */
    public List<Arrival> receiveFor(int tag, Duration wait) {
        Duration until = link.now().plus(wait);
        while (!pendingEom(tag) && link.now().compareTo(until) < 0) {
            Optional<Bytes> f = link.receive(until.minus(link.now()));
            if (f.isEmpty()) {
                break;
            }
            record(f.get());
        }
        List<Arrival> out = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            Arrival a = received.get(i);
            if (a.packet().tag() == tag && consumed.add(i)) {
                out.add(a);
                if (a.packet().eom()) {
                    break;
                }
            }
        }
        return out;
    }

    private final java.util.Set<Integer> consumed = new java.util.HashSet<>();

    private boolean pendingEom(int tag) {
        for (int i = 0; i < received.size(); i++) {
            MctpPacket p = received.get(i).packet();
            if (p.tag() == tag && p.eom() && !consumed.contains(i)) {
                return true;
            }
        }
        return false;
    }

    /** All packets received so far with {@code tag}, consumed or not. */
    public List<Arrival> all(int tag) {
        return received.stream().filter(a -> a.packet().tag() == tag).toList();
    }

    /** The message the packets carry (payloads joined). */
    public static Bytes message(List<Arrival> packets) {
        return packets.stream().map(a -> a.packet().payload()).reduce(Bytes.EMPTY, Bytes::concat);
    }

    /** Sends a control primitive with MCTP tag {@code tag} and waits (300 ms) for its answer. */
    public ControlPrimitiveResponse primitive(int tag, ControlPrimitive cp) {
        send(tag, cp.seal().toWire());
        List<Arrival> r = receiveFor(tag, Duration.ofMillis(300));
        assertEquals(1, r.size(), () -> "control primitive response packets: " + r + "\n" + events());
        ControlPrimitiveResponse rsp = ControlPrimitiveResponse.decode(message(r)).get();
        assertEquals(List.of(), rsp.checkAgainst(cp));
        return rsp;
    }

    public ManagementEndpointState getState(int tag, int csi, boolean cesf) {
        return primitive(tag, ControlPrimitive.getState(csi, tag, cesf)).mes();
    }

    /** Decodes a whole command response, asserting its MIC. */
    public static MiResponse response(List<Arrival> packets) {
        Bytes m = message(packets);
        MiMessage mm = MiMessage.decode(m).get();
        assertTrue(mm.micValid(), () -> "MIC of " + m);
        return MiResponse.decode(mm).get();
    }

    /** SSTA as the model holds it (the oracle, not what Get State reports). */
    public SlotState ssta(int csi) {
        return link.endpointState().slot(csi);
    }

    public Duration now() {
        return link.now();
    }

    public String events() {
        StringBuilder s = new StringBuilder();
        for (ModelEvent e : link.events()) {
            s.append(e).append('\n');
        }
        return s.toString();
    }

    /** The slot transitions recorded so far, as "FROM -> TO" for slot {@code csi}. */
    public List<String> transitions(int csi) {
        String prefix = "slot " + csi + ": ";
        return link.events().stream().map(ModelEvent::reason).filter(r -> r.startsWith(prefix) && r.contains(" -> "))
                .map(r -> r.substring(prefix.length(), r.indexOf(" (") < 0 ? r.length() : r.indexOf(" ("))).toList();
    }
}
