package org.nvmehil.model.event;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.model.time.VirtualClock;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.lab.ModelEvent.Kind;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The model's record of everything it did that a test may need to see (design guide §4.8: the model
 * never drops silently). Each event is stamped with the current {@link VirtualClock} time. Thread-safe.
 */
public final class EventLog {
    private final VirtualClock clock;
    private final List<ModelEvent> events = new ArrayList<>();

    public EventLog(VirtualClock clock) {
        this.clock = clock;
    }

    public ModelEvent add(Kind kind, String reason, Bytes raw) {
        return add(clock.now(), kind, reason, raw);
    }

    /** An event stamped {@code at} (a state machine that carries its own model time). */
    public synchronized ModelEvent add(java.time.Duration at, Kind kind, String reason, Bytes raw) {
        ModelEvent e = new ModelEvent(at, kind, reason, raw == null ? Bytes.EMPTY : raw);
        events.add(e);
        return e;
    }

    /** This log as the slot state machine's trace. */
    public org.nvmehil.model.slot.CommandSlots.Trace slotTrace() {
        return (at, kind, reason, raw) -> add(java.time.Duration.ofNanos(at), kind, reason, raw);
    }

    /** A request dropped for a defect (the spec's silent discard, made visible). */
    public ModelEvent dropped(String reason, Bytes raw) {
        return add(Kind.DROPPED, reason, raw);
    }

    /** A transport change (EID, MTU, frequency, reset). */
    public ModelEvent effect(String reason) {
        return add(Kind.EFFECT, reason, Bytes.EMPTY);
    }

    public ModelEvent faultFired(String reason, Bytes raw) {
        return add(Kind.FAULT_FIRED, reason, raw);
    }

    public ModelEvent info(String reason, Bytes raw) {
        return add(Kind.INFO, reason, raw);
    }

    /** Every event so far, oldest first (a copy). */
    public synchronized List<ModelEvent> snapshot() {
        return List.copyOf(events);
    }

    public synchronized void clear() {
        events.clear();
    }
}
