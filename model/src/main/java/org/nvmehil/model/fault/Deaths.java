package org.nvmehil.model.fault;

import java.util.List;
import java.util.Objects;
import org.nvmehil.protocol.fault.Dying;

/**
 * The run's {@link Dying} plan for one interface of the model, with its counters: which unit (NVMe-MI bus unit, or
 * NVMe/TCP PDU) the model has reached and what it does with the next one. Counted over the whole run: the reset
 * before each test does not touch it. Pure: the shells ask, and act.
 */
public final class Deaths {

    /** What the model does with a unit that arrives. */
    public enum Verdict {
        /** Handles it as usual. */
        LIVE,
        /** Ignores it: no answer, no state change ({@link Dying.Silent}, {@link Dying.SilentTcp}). */
        IGNORE,
        /** Power-cycles instead of handling it ({@link Dying.Reset}). */
        RESET,
        /** Closes the connection it came on without answering ({@link Dying.CloseTcp}). */
        CLOSE,
        /** The link is gone: the call that carried it fails ({@link Dying.Unplug}). */
        UNPLUGGED
    }

    private static final long FOREVER = Long.MAX_VALUE;

    private final List<Dying> plan;
    private long units;
    private long silentLeft;
    private long unpluggedLeft;

    /** The deaths of {@code plan} that act on NVMe/TCP ({@code tcp}) or on the NVMe-MI endpoint (not). */
    public Deaths(List<Dying> plan, boolean tcp) {
        this.plan = Objects.requireNonNull(plan, "plan").stream()
                .filter(d -> tcp == (d instanceof Dying.CloseTcp || d instanceof Dying.SilentTcp)).toList();
    }

    public static Deaths none() {
        return new Deaths(List.of(), false);
    }

    public synchronized boolean planned() {
        return !plan.isEmpty();
    }

    /** Units that reached the model so far (unplugged calls do not count). */
    public synchronized long units() {
        return units;
    }

    /**
     * A unit arrives: counts it (unless the link is unplugged) and says what becomes of it. {@link Verdict#UNPLUGGED}
     * also consumes one of the unplugged calls.
     */
    public synchronized Verdict onUnit() {
        if (unplugged()) {
            return Verdict.UNPLUGGED;
        }
        long n = ++units;
        Verdict v = Verdict.LIVE;
        for (Dying d : plan) {
            if (d instanceof Dying.Silent s && s.at() == n) {
                silentLeft = s.units() == 0 ? FOREVER : s.units();
            } else if (d instanceof Dying.SilentTcp s && s.at() == n) {
                silentLeft = s.pdus() == 0 ? FOREVER : s.pdus();
            } else if (d instanceof Dying.Unplug u && u.at() == n) {
                unpluggedLeft = u.calls() == 0 ? FOREVER : u.calls();
                unplugged(); // the call that carried it is the first to fail
                return Verdict.UNPLUGGED;
            } else if (d instanceof Dying.Reset r && r.at() == n) {
                v = Verdict.RESET;
            } else if (d instanceof Dying.CloseTcp c && c.at() == n) {
                v = Verdict.CLOSE;
            }
        }
        if (silentLeft > 0) {
            if (silentLeft != FOREVER) {
                silentLeft--;
            }
            return Verdict.IGNORE;
        }
        return v;
    }

    /** Whether the endpoint is silent now (without counting anything): Basic Management reads go unanswered. */
    public synchronized boolean silent() {
        return silentLeft > 0;
    }

    /** A link call (not carrying a unit, e.g. a receive): true when the link is gone for it, counting one call. */
    public synchronized boolean unplugged() {
        if (unpluggedLeft == 0) {
            return false;
        }
        if (unpluggedLeft != FOREVER) {
            unpluggedLeft--;
        }
        return true;
    }
}
