package org.nvmehil.model.slot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.nvmehil.model.fault.RequestKey;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The out-of-band servicing model of the Management Endpoint (NVMe-MI 1.2 §4.2; facts §7.2-7.3): the two
 * Command Slots, the pause flag, each slot's stored response, and the one wire every response leaves on.
 * A pure discrete-event state machine: model time only moves through {@link #advanceTo}; nothing here
 * reads a clock, sleeps or starts a thread. Every operation acts at {@link #now()}. Not thread-safe (the
 * link serialises calls).
 *
 * <h2>Slot timeline</h2>
 * Each slot's SSTA is a function of model time:
 * <ul>
 *   <li><b>Idle → Receive</b> when the first packet of a Command Message (NMIMT ≠ 0) for the slot arrives
 *       ({@link #admit}); a one-packet message passes through Receive in zero time.</li>
 *   <li><b>Receive → Process</b> when the message is complete and the ME accepted it (MIC good:
 *       {@link #process}). <b>Receive → Idle</b> when the partial message is discarded (reassembly
 *       timeout, sequence error, …) or the ME drops the whole message ({@link #abandon}).</li>
 *   <li><b>Process → Transmit</b> when the final response is ready (completion + {@code responseLatency},
 *       or + {@code mprt} after an MPR, + any LateResponse fault), whether or not the wire is free or the
 *       ME is paused. A More Processing Required response goes out during Process and leaves the slot in
 *       Process.</li>
 *   <li><b>Transmit → Idle</b> when the last packet of the response has been delivered.</li>
 *   <li>Abort takes any state to Idle; Replay takes Idle (with a stored response) to Transmit.</li>
 * </ul>
 * Every transition goes through the slot's one state setter and is recorded as an INFO event.
 *
 * <h2>Busy slot</h2>
 * Overlapping Command Messages on one slot are undefined by NVMe-MI 1.2 §4.2 (out-of-band message
 * servicing model); the spec only says that an ME which discards one sets CMNICS. This model:
 * <ul>
 *   <li>slot in <b>Process or Transmit</b> (the earlier message is complete): <b>drops the new message</b>.
 *       It is still reassembled (so no spurious UMEP/OSPSN) and discarded when complete; the caller raises
 *       CMNICS ({@link Admission#BUSY}, {@link Intake#BUSY}).</li>
 *   <li>slot in <b>Receive</b> with another message (another source EID or tag): the new message replaces
 *       the partial one, which is discarded (CMNICS raised, {@link Admission#REPLACED}); its later packets
 *       are discarded when it completes. Otherwise a broken request whose partial stays open would make its
 *       slot refuse every command until the reassembly timeout (the [TW] reading in facts §7.3).</li>
 *   <li>the first packet of the <em>same</em> message again while it is being received restarts it (the
 *       assembler's libmctp-style restart).</li>
 * </ul>
 *
 * <h2>The wire</h2>
 * One transmitter, one packet at a time; a packet takes {@code wireTime(frame)} of model time and is
 * delivered to the host at the end of it. When the wire is free the next packet is, in order: the oldest
 * ready control response (MCTP control and Control Primitive responses, never held by Pause), then the
 * command-message response already under way, then the ready command-message response that became ready
 * first (slot 0 on a tie). So control responses overtake a long command response at a packet boundary,
 * and two command responses never interleave.
 *
 * <h2>Control primitives</h2>
 * <ul>
 *   <li>Pause (ME-wide flag): command-message responses stop at the next packet boundary; the packet on the
 *       wire finishes. An MPR that would start while paused is discarded. Replayed responses are not held.</li>
 *   <li>Resume clears the flag; held responses continue where they stopped.</li>
 *   <li>Abort: slot to Idle, its pending and stored responses discarded (a packet already on the wire still
 *       arrives), pause flag cleared. CPAS: Idle → 00b (nothing to abort); Receive → 01b (aborted before
 *       processing started; the rest of the message is discarded when it completes); Process → 10b
 *       (aborted after processing began: the model executes a command when it completes, so its effects
 *       may have happened); Transmit → 00b (processing was complete; only the transmission stops).</li>
 *   <li>Replay (RRO): Idle with a stored response → Transmit, resent from packet RRO; Transmit → the
 *       transmission restarts at RRO; Process after this command's MPR went out → the MPR is resent with
 *       the remaining time as MPRT (RRO must be 0); Receive, Process without MPR, Idle without a stored
 *       response (after Abort or reset) → RR = 0. The first replayed packet has SOM = 1; the original
 *       header, sequence numbers and MIC are kept. RRO at or beyond the packet count → Invalid Parameter.
 *       A successful Replay (RR 0 or 1) clears the pause flag, with no Resume response of its own.</li>
 * </ul>
 */
public final class CommandSlots {

    /** What happens to a Command Message whose first packet arrives ({@link #admit}). */
    public enum Admission {
        /** The slot was Idle: now Receive. */
        RECEIVE,
        /** The same message started again while being received: still Receive, timer restarted. */
        RESTART,
        /** Another message was being received: it is discarded and this one takes the slot (CMNICS). */
        REPLACED,
        /** The slot is busy: the message will be discarded when complete (CMNICS). */
        BUSY
    }

    /** What to do with a complete Command Message ({@link #check}). */
    public enum Intake {
        /** The slot holds it in Receive: hand it to the ME. */
        ACCEPT,
        /** It arrived for a busy slot: discard it and raise CMNICS. */
        BUSY,
        /** Its slot was aborted while it was being received: discard it. */
        ABORTED
    }

    /** The outcome of a Replay ({@link #replay}). */
    public enum ReplayResult {
        /** RR = 0: nothing to replay. */
        NOTHING,
        /** RR = 1: the replay is queued. */
        STARTED,
        /** RRO at or beyond the stored response's packet count: Invalid Parameter. */
        OUT_OF_RANGE
    }

    /** A frame on the host side of the wire, with the model time its last bit arrived. */
    public record Delivered(long atNanos, Bytes frame) {
    }

    /** Which message occupies a slot: the requester's EID and the message tag. */
    public record MessageKey(int srcEid, int tag) {
        @Override
        public String toString() {
            return String.format("tag %d from EID %02Xh", tag, srcEid);
        }
    }

    /**
     * A response as the MCTP layer made it: its packets (SOM first; faults already applied) and the binding's
     * framing of one packet (frame faults included), kept so that a Replay can frame the packets again.
     */
    public record Outgoing(List<MctpPacket> packets, Function<MctpPacket, Bytes> framer) {
        public Outgoing {
            packets = List.copyOf(packets);
            Objects.requireNonNull(framer, "framer");
        }

        public int size() {
            return packets.size();
        }
    }

    /** An Outgoing with the model time it may start. */
    public record Timed(Outgoing outgoing, long readyAtNanos) {
    }

    /** Where transitions and discards are recorded (the model's event log). */
    @FunctionalInterface
    public interface Trace {
        Trace NONE = (at, kind, reason, raw) -> { };

        void record(long atNanos, ModelEvent.Kind kind, String reason, Bytes raw);
    }

    /** Asks whether an armed fault of {@code type} fires now for the request {@code key}. */
    @FunctionalInterface
    public interface FaultGate {
        FaultGate NONE = (type, key, what) -> false;

        boolean fires(Class<? extends Fault> type, RequestKey key, String what);
    }

    private enum Kind { CONTROL, MPR, FINAL, REPLAY }

    /** One response in flight or waiting: its packets, the next one to send, when it may start. */
    private static final class Tx {
        final Kind kind;
        final int csi;
        final Outgoing out;
        final long readyAt;
        final long order;
        /** Replayed responses go out even when the ME is or becomes paused (facts §7.2). */
        final boolean replayed;
        int next;
        boolean cancelled;

        Tx(Kind kind, int csi, Outgoing out, long readyAt, long order, boolean replayed) {
            this.kind = kind;
            this.csi = csi;
            this.out = out;
            this.readyAt = readyAt;
            this.order = order;
            this.replayed = replayed;
        }

        boolean done() {
            return next >= out.size();
        }
    }

    private final class Slot {
        final int csi;
        private SlotState state = SlotState.IDLE;
        MessageKey owner;
        long receiveDeadline;
        // Process
        boolean finalPending;
        Outgoing pendingFinal;
        /** The pending final response is lost on the wire (stored, not sent). */
        boolean finalLost;
        long finalAt;
        final Deque<Tx> mprs = new ArrayDeque<>();
        Outgoing mprSent;
        // Transmit
        Tx current;
        // Replay
        Outgoing stored;
        Outgoing older;

        Slot(int csi) {
            this.csi = csi;
        }

        SlotState state() {
            return state;
        }

        /** The slot's one state setter: every transition is recorded. */
        void set(SlotState to, String why) {
            trace.record(now, ModelEvent.Kind.INFO, String.format("slot %d: %s -> %s (%s)", csi, state, to, why),
                    Bytes.EMPTY);
            state = to;
        }

        void toIdle(String why) {
            owner = null;
            finalPending = false;
            pendingFinal = null;
            mprs.forEach(t -> t.cancelled = true);
            mprs.clear();
            mprSent = null;
            if (current != null) {
                current.cancelled = true;
                current = null;
            }
            if (state != SlotState.IDLE) {
                set(SlotState.IDLE, why);
            }
        }
    }

    private final ToLongFunction<Bytes> wireTime;
    private final Trace trace;
    private final FaultGate gate;
    private final Slot[] slots = {new Slot(0), new Slot(1)};
    private final List<Tx> control = new ArrayList<>();
    private final Map<MessageKey, Intake> refused = new HashMap<>();
    private final ArrayDeque<Delivered> delivered = new ArrayDeque<>();
    private long now;
    private long order;
    private boolean paused;
    private boolean pauseIgnored;
    private Tx onWire;
    private Bytes wireFrame;
    private long wireEnd;

    /**
     * @param wireTime model nanoseconds one frame occupies the wire (0: delivered the instant it starts)
     * @param trace    where transitions go
     * @param gate     consulted for the slot faults ({@link Fault.IgnorePause}, {@link Fault.AbortIgnored},
     *                 {@link Fault.ReplayWrongResponse}, {@link Fault.GetStateLies})
     */
    public CommandSlots(ToLongFunction<Bytes> wireTime, Trace trace, FaultGate gate) {
        this.wireTime = Objects.requireNonNull(wireTime, "wireTime");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** No wire time, no trace, no faults: for an ME tested on its own. */
    public static CommandSlots detached() {
        return new CommandSlots(f -> 0L, Trace.NONE, FaultGate.NONE);
    }

    // ------------------------------------------------------------------ time

    /** The model time this state machine has reached. */
    public long now() {
        return now;
    }

    /**
     * The earliest model time at which something happens without any input (a packet finishes or may
     * start, a response becomes ready, a partial message times out), or {@link Long#MAX_VALUE}. May lie in
     * the past when something is due now.
     */
    public long nextEventAt() {
        long t = Long.MAX_VALUE;
        if (onWire != null) {
            t = wireEnd;
        }
        for (Slot s : slots) {
            if (s.state() == SlotState.RECEIVE) {
                t = Math.min(t, s.receiveDeadline);
            }
            if (s.state() == SlotState.PROCESS && s.finalPending) {
                t = Math.min(t, s.finalAt);
            }
        }
        if (onWire == null) {
            for (Tx c : control) {
                t = Math.min(t, c.readyAt);
            }
            for (Slot s : slots) {
                Tx m = s.mprs.peekFirst();
                if (m != null) {
                    t = Math.min(t, m.readyAt); // starts or, when paused, is discarded
                }
                if (s.current != null && !held(s.current)) {
                    t = Math.min(t, s.current.readyAt);
                }
            }
        }
        return t;
    }

    /**
     * Whether something will go out without further input: a frame on the wire, a control response, an MPR,
     * a response being prepared, or one being sent and not held by Pause.
     */
    public boolean outputPending() {
        if (onWire != null || !control.isEmpty()) {
            return true;
        }
        for (Slot s : slots) {
            if (!s.mprs.isEmpty() || s.state() == SlotState.PROCESS && s.finalPending
                    || s.current != null && !held(s.current)) {
                return true;
            }
        }
        return false;
    }

    /** Runs every event up to {@code t} in time order; model time never goes back. */
    public void advanceTo(long t) {
        while (true) {
            long e = nextEventAt();
            if (e > t) {
                break;
            }
            now = Math.max(now, e);
            step();
        }
        now = Math.max(now, t);
    }

    /** The next frame that has reached the host by {@link #now()}, oldest first. */
    public Optional<Delivered> poll() {
        return Optional.ofNullable(delivered.pollFirst());
    }

    private void step() {
        if (onWire != null && wireEnd <= now) {
            finishPacket();
        }
        for (Slot s : slots) {
            if (s.state() == SlotState.RECEIVE && s.receiveDeadline <= now) {
                refused.remove(s.owner);
                s.toIdle("partial message reached the reassembly timeout");
            }
            if (s.state() == SlotState.PROCESS && s.finalPending && s.finalAt <= now) {
                responseReady(s);
            }
        }
        if (onWire == null) {
            startNextPacket();
        }
    }

    private void responseReady(Slot s) {
        s.finalPending = false;
        Outgoing out = s.pendingFinal;
        s.pendingFinal = null;
        if (out == null) {
            s.toIdle("the response was never sent (NoResponse fault)");
            return;
        }
        store(s, out);
        if (s.finalLost) {
            s.finalLost = false;
            s.toIdle("the response was lost on the wire (NoResponse fault); it stays stored for Replay");
            return;
        }
        s.current = new Tx(Kind.FINAL, s.csi, out, now, order++, false);
        s.set(SlotState.TRANSMIT, "response ready, " + out.size() + " packet(s)");
    }

    private void store(Slot s, Outgoing out) {
        if (s.stored != null) {
            s.older = s.stored;
        }
        s.stored = out;
    }

    private boolean pausedNow() {
        return paused && !pauseIgnored;
    }

    private boolean held(Tx tx) {
        return tx.kind == Kind.FINAL && !tx.replayed && pausedNow();
    }

    private void startNextPacket() {
        Tx next = null;
        for (Tx c : control) {
            if (c.readyAt <= now && (next == null || c.readyAt < next.readyAt)) {
                next = c;
            }
        }
        if (next == null) {
            next = nextCommandTx();
        }
        if (next == null) {
            return;
        }
        MctpPacket p = next.out.packets().get(next.next);
        wireFrame = next.out.framer().apply(p);
        onWire = next;
        wireEnd = now + Math.max(0L, wireTime.applyAsLong(wireFrame));
    }

    private Tx nextCommandTx() {
        // An MPR that would start while paused is discarded (facts §7.3).
        for (Slot s : slots) {
            while (!s.mprs.isEmpty() && s.mprs.peekFirst().readyAt <= now && !s.mprs.peekFirst().replayed
                    && pausedNow()) {
                s.mprs.pollFirst().cancelled = true;
                trace.record(now, ModelEvent.Kind.INFO, "slot " + s.csi
                        + ": More Processing Required response discarded, the ME is paused", Bytes.EMPTY);
            }
        }
        Tx best = null;
        for (Slot s : slots) {
            Tx m = s.mprs.peekFirst();
            Tx c = m != null && m.readyAt <= now ? m : s.current;
            if (c == null || c.readyAt > now || held(c)) {
                continue;
            }
            if (best == null || c.next > 0 && best.next == 0 || (c.next > 0) == (best.next > 0) && c.readyAt < best.readyAt) {
                best = c;
            }
        }
        return best;
    }

    private void finishPacket() {
        Tx tx = onWire;
        onWire = null;
        delivered.addLast(new Delivered(wireEnd, wireFrame));
        tx.next++;
        if (tx.kind == Kind.CONTROL) {
            if (tx.done()) {
                control.remove(tx);
            }
            return;
        }
        if (tx.cancelled || !tx.done()) {
            return;
        }
        Slot s = slots[tx.csi];
        if (tx.kind == Kind.MPR) {
            s.mprs.remove(tx);
            s.mprSent = tx.out;
            trace.record(now, ModelEvent.Kind.INFO, "slot " + s.csi + ": More Processing Required response sent",
                    Bytes.EMPTY);
        } else if (s.current == tx) {
            s.current = null;
            s.set(SlotState.IDLE, "last response packet delivered");
        }
    }

    // ------------------------------------------------------------------ intake (MCTP layer)

    /**
     * The first packet of a Command Message for slot {@code csi} has arrived.
     *
     * @param receiveDeadline when the partial message is discarded (SOM time + reassembly timeout)
     */
    public Admission admit(int csi, MessageKey key, long receiveDeadline) {
        Slot s = slots[csi & 1];
        refused.remove(key);
        if (s.state() == SlotState.IDLE) {
            s.owner = key;
            s.receiveDeadline = receiveDeadline;
            s.set(SlotState.RECEIVE, "first packet of a command message, " + key);
            return Admission.RECEIVE;
        }
        if (s.state() == SlotState.RECEIVE) {
            s.receiveDeadline = receiveDeadline;
            if (key.equals(s.owner)) {
                trace.record(now, ModelEvent.Kind.INFO, "slot " + s.csi + ": command message restarted by a new "
                        + "first packet, " + key, Bytes.EMPTY);
                return Admission.RESTART;
            }
            refused.put(s.owner, Intake.BUSY);
            MessageKey old = s.owner;
            s.owner = key;
            s.set(SlotState.RECEIVE, "first packet of a command message, " + key + ", replaces the partial message "
                    + old);
            return Admission.REPLACED;
        }
        refused.put(key, Intake.BUSY);
        return Admission.BUSY;
    }

    /**
     * A Command Message for slot {@code csi} is complete: may the ME have it? When its first packet was not
     * seen as a command (a repaired request) and the slot is Idle, the slot passes through Receive now.
     */
    public Intake check(int csi, MessageKey key) {
        Intake r = refused.remove(key);
        if (r != null) {
            return r;
        }
        Slot s = slots[csi & 1];
        if (s.state() == SlotState.RECEIVE && key.equals(s.owner)) {
            return Intake.ACCEPT;
        }
        if (s.state() == SlotState.IDLE) {
            s.owner = key;
            s.receiveDeadline = Long.MAX_VALUE;
            s.set(SlotState.RECEIVE, "command message, " + key);
            return Intake.ACCEPT;
        }
        return Intake.BUSY;
    }

    /** The message {@code key} was discarded (partial dropped, or dropped by the ME): its slot goes Idle. */
    public void abandon(MessageKey key, String why) {
        refused.remove(key);
        for (Slot s : slots) {
            if (s.state() == SlotState.RECEIVE && key.equals(s.owner)) {
                s.toIdle(why);
            }
        }
    }

    /**
     * The ME accepted the Command Message in slot {@code csi} (Receive → Process) and answers with
     * {@code mprs} (More Processing Required responses, normally none or one) and then {@code response}
     * ready at {@code finalAt}; an empty {@code response} means none is sent and the slot goes Idle then.
     */
    public void process(int csi, List<Timed> mprs, Optional<Outgoing> response, long finalAt) {
        process(csi, mprs, response, false, finalAt);
    }

    /**
     * As {@link #process(int, List, Optional, long)}; with {@code lost} the response is stored (Replay can
     * resend it) but never transmitted: a response lost on the way to the host.
     */
    public void process(int csi, List<Timed> mprs, Optional<Outgoing> response, boolean lost, long finalAt) {
        Slot s = slots[csi & 1];
        s.set(SlotState.PROCESS, "command message complete" + (s.owner == null ? "" : ", " + s.owner));
        s.mprSent = null;
        for (Timed m : mprs) {
            s.mprs.addLast(new Tx(Kind.MPR, s.csi, m.outgoing(), m.readyAtNanos(), order++, false));
        }
        s.finalPending = true;
        s.pendingFinal = response.orElse(null);
        s.finalLost = lost;
        s.finalAt = Math.max(finalAt, now);
    }

    /** A response outside the slots (MCTP control, Control Primitive), never held by Pause. */
    public void control(Outgoing out, long readyAt) {
        control.add(new Tx(Kind.CONTROL, -1, out, Math.max(readyAt, now), order++, false));
    }

    // ------------------------------------------------------------------ control primitives (ME)

    /** SSTA of slot {@code csi} now. */
    public SlotState ssta(int csi) {
        return slots[csi & 1].state();
    }

    /** SSTA as Get State reports it: the truth unless {@link Fault.GetStateLies} fires. */
    public SlotState reportedSsta(int csi, RequestKey by) {
        SlotState real = ssta(csi);
        if (real != SlotState.IDLE && gate.fires(Fault.GetStateLies.class, by,
                "Get State of slot " + (csi & 1) + " in " + real + ", reported Idle")) {
            return SlotState.IDLE;
        }
        return real;
    }

    public boolean paused() {
        return paused;
    }

    /** Pause (ME-wide): command responses stop at the next packet boundary. */
    public void pause(RequestKey by) {
        boolean was = paused;
        paused = true;
        if (gate.fires(Fault.IgnorePause.class, by, "Pause, command responses keep flowing")) {
            pauseIgnored = true;
        }
        trace.record(now, ModelEvent.Kind.INFO, was ? "pause flag already set" : "pause flag set", Bytes.EMPTY);
    }

    /** Resume: the pause flag cleared; held responses continue. */
    public void resume() {
        clearPause("Resume");
    }

    private void clearPause(String why) {
        if (paused) {
            trace.record(now, ModelEvent.Kind.INFO, "pause flag cleared (" + why + ")", Bytes.EMPTY);
        }
        paused = false;
        pauseIgnored = false;
    }

    /**
     * Abort of slot {@code csi}: see the class comment for the CPAS mapping.
     *
     * @return CPAS (0, 1 or 2)
     */
    public int abort(int csi, RequestKey by) {
        Slot s = slots[csi & 1];
        SlotState st = s.state();
        int cpas = switch (st) {
            case IDLE, TRANSMIT -> 0;
            case RECEIVE -> 1;
            case PROCESS -> 2;
        };
        if ((st == SlotState.PROCESS || st == SlotState.TRANSMIT) && gate.fires(Fault.AbortIgnored.class, by,
                "Abort of slot " + s.csi + " in " + st + ", the command goes on")) {
            clearPause("Abort");
            return cpas;
        }
        if (st == SlotState.RECEIVE && s.owner != null) {
            refused.put(s.owner, Intake.ABORTED);
        }
        s.stored = null;
        s.older = null;
        s.toIdle("Abort, CPAS " + cpas);
        clearPause("Abort");
        return cpas;
    }

    /** Replay of slot {@code csi} from packet {@code rro}: see the class comment. */
    public ReplayResult replay(int csi, int rro, RequestKey by) {
        Slot s = slots[csi & 1];
        ReplayResult r = switch (s.state()) {
            case RECEIVE -> ReplayResult.NOTHING;
            case PROCESS -> replayMpr(s, rro);
            case IDLE, TRANSMIT -> replayStored(s, rro, by);
        };
        if (r != ReplayResult.OUT_OF_RANGE) {
            clearPause("Replay");
        }
        return r;
    }

    private ReplayResult replayMpr(Slot s, int rro) {
        if (s.mprSent == null) {
            return ReplayResult.NOTHING;
        }
        if (rro >= s.mprSent.size()) {
            return ReplayResult.OUT_OF_RANGE;
        }
        if (s.mprSent.size() > 1) {
            // fragmented by a fault: resent as it went out
            s.mprs.addLast(new Tx(Kind.MPR, s.csi, fromPacket(s.mprSent, rro), now, order++, true));
            return ReplayResult.STARTED;
        }
        MctpPacket p = s.mprSent.packets().get(0);
        int mprt = MiResponse.durationToMprt(java.time.Duration.ofNanos(Math.max(0, s.finalAt - now)));
        Bytes content = MiMessage.decode(p.payload()).get().content();
        content = content.withByte(6, mprt & 0xFF).withByte(7, mprt >> 8);
        Outgoing again = new Outgoing(List.of(p.withPayload(MiMessage.seal(content).toWire()).withSom(true)
                .withEom(true)), s.mprSent.framer());
        s.mprs.addLast(new Tx(Kind.MPR, s.csi, again, now, order++, true));
        trace.record(now, ModelEvent.Kind.INFO, "slot " + s.csi + ": Replay resends the More Processing Required "
                + "response, MPRT " + mprt, Bytes.EMPTY);
        return ReplayResult.STARTED;
    }

    private ReplayResult replayStored(Slot s, int rro, RequestKey by) {
        Outgoing out = s.stored;
        if (out == null) {
            return ReplayResult.NOTHING;
        }
        if (rro >= out.size()) {
            return ReplayResult.OUT_OF_RANGE;
        }
        Outgoing other = slots[1 - s.csi].stored;
        Outgoing wrong = other != null && other != out ? other : s.older;
        if (wrong != null && gate.fires(Fault.ReplayWrongResponse.class, by,
                "Replay of slot " + s.csi + " resends another response")) {
            out = wrong;
            rro = rro < out.size() ? rro : 0;
        }
        if (s.current != null) {
            s.current.cancelled = true;
        }
        s.current = new Tx(Kind.REPLAY, s.csi, fromPacket(out, rro), now, order++, true);
        if (s.state() == SlotState.IDLE) {
            s.set(SlotState.TRANSMIT, "Replay from packet " + rro + " of " + out.size());
        } else {
            trace.record(now, ModelEvent.Kind.INFO, "slot " + s.csi + ": Replay restarts the response at packet "
                    + rro + " of " + out.size(), Bytes.EMPTY);
        }
        return ReplayResult.STARTED;
    }

    /** Packets {@code rro}… of {@code out}, the first with SOM set; header, sequence numbers and MIC kept. */
    private static Outgoing fromPacket(Outgoing out, int rro) {
        List<MctpPacket> ps = new ArrayList<>(out.packets().subList(rro, out.size()));
        ps.set(0, ps.get(0).withSom(true));
        return new Outgoing(ps, out.framer());
    }

    // ------------------------------------------------------------------ reset

    /**
     * Power-on state of the slots (model reset, NVM Subsystem Reset): both Idle, nothing stored or pending,
     * pause flag clear. Control responses and the packet already on the wire are kept.
     */
    public void resetSlots() {
        for (Slot s : slots) {
            s.stored = null;
            s.older = null;
            s.toIdle("reset");
        }
        refused.clear();
        paused = false;
        pauseIgnored = false;
    }

    /** {@link #resetSlots()}, and the wire and everything queued or delivered is forgotten. */
    public void clear() {
        resetSlots();
        control.clear();
        delivered.clear();
        onWire = null;
        wireFrame = null;
    }
}
