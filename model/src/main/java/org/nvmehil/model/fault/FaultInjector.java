package org.nvmehil.model.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.fault.FaultRule.Times;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The armed {@link FaultRule}s and their counters (design guide §4.8). Faults apply to the model's
 * responses only; request-side corruption is the suite's job.
 *
 * <p><b>Counting.</b> A rule is <em>consulted</em> when an exchange reaches the point where its fault could
 * act (for a response fault: a response exists and the fault can change it, see {@link Faults#applies}; for
 * {@link Fault.AnswerDroppable}: the model is about to drop a request for a defect) and its
 * {@link FaultRule.Match} matches the request. Consultations are numbered from 0; the rule fires on
 * consultations {@code skip … skip + count - 1} of its {@link Times} window. Consultations where the fault
 * could not act do not count, so {@code Times.once()} means "the first time it can make a difference".
 * Every firing is logged as a {@code FAULT_FIRED} event.
 */
public final class FaultInjector {

    private static final class Armed {
        final FaultRule rule;
        long consulted;

        Armed(FaultRule rule) {
            this.rule = rule;
        }

        boolean consult() {
            long i = consulted++;
            Times t = rule.times();
            return i >= t.skip() && i < (long) t.skip() + t.count();
        }
    }

    private final EventLog events;
    private final List<Armed> armed = new ArrayList<>();

    public FaultInjector(EventLog events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Arms {@code rule} until {@link #disarmAll()}; rules fire in arming order. */
    public synchronized void arm(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(rule.fault(), "rule.fault");
        Objects.requireNonNull(rule.match(), "rule.match");
        Objects.requireNonNull(rule.times(), "rule.times");
        armed.add(new Armed(rule));
    }

    public synchronized void disarmAll() {
        armed.clear();
    }

    public synchronized List<FaultRule> armed() {
        return armed.stream().map(a -> a.rule).toList();
    }

    /**
     * Consults every armed rule whose fault passes {@code canAct} and whose match accepts {@code key}, and
     * returns the faults that fire, in arming order, each logged as {@code FAULT_FIRED} with {@code what}.
     */
    public synchronized List<Fault> fire(FaultKey key, Predicate<Fault> canAct, String what, Bytes raw) {
        List<Fault> out = new ArrayList<>();
        for (Armed a : armed) {
            if (!canAct.test(a.rule.fault()) || !key.matches(a.rule.match())) {
                continue;
            }
            if (a.consult()) {
                out.add(a.rule.fault());
                events.faultFired(a.rule.fault().label() + " on " + what, raw);
            }
        }
        return out;
    }

    /**
     * Whether an armed fault of {@code type} fires for {@code key} now (a consultation; logged when it
     * fires). The caller asks only where the fault can make a difference. Suits
     * {@link org.nvmehil.model.slot.CommandSlots.FaultGate}.
     */
    public boolean fires(Class<? extends Fault> type, FaultKey key, String what) {
        return !fire(key, type::isInstance, what, Bytes.EMPTY).isEmpty();
    }

    /**
     * At a drop point: true if an armed {@link Fault.AnswerDroppable} fires, so the caller repairs
     * {@code defect} in a copy and answers instead of dropping.
     */
    public boolean answerDroppable(FaultKey key, String defect, Bytes raw) {
        return !fire(key, f -> f instanceof Fault.AnswerDroppable, "droppable request (" + defect + "), answered",
                raw).isEmpty();
    }
}
