package org.nvmehil.model.time;

import java.time.Duration;

/**
 * Model time. It moves only when someone advances it: in model mode a wait that would pass with nothing
 * to deliver advances it instead of sleeping, so a 2-second timeout case costs no wall time.
 */
public final class VirtualClock {
    private long nanos;

    public synchronized Duration now() {
        return Duration.ofNanos(nanos);
    }

    public synchronized long nanos() {
        return nanos;
    }

    /** Moves time forward by {@code d} (negative values are ignored). */
    public synchronized void advance(Duration d) {
        if (!d.isNegative()) {
            nanos += d.toNanos();
        }
    }

    /** Moves time forward to {@code t} if it is later than now. */
    public synchronized void advanceTo(Duration t) {
        nanos = Math.max(nanos, t.toNanos());
    }
}
