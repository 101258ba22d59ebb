package org.nvmehil.protocol.lab;

import java.time.Duration;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Something the reference model did that a test may need to see: it never drops a request silently.
 *
 * @param at     model time since the model started
 * @param kind   what happened
 * @param reason why, in plain words (e.g. "bad PEC: observed 0Ch, expected 0Dh")
 * @param raw    the unit concerned (frame, packet or message), or empty
 */
public record ModelEvent(Duration at, Kind kind, String reason, Bytes raw) {

    public enum Kind {
        /** A request was dropped, as the spec requires for its defect. */
        DROPPED,
        /** A request changed model state that changes the transport (MTU, frequency, EID). */
        EFFECT,
        /** An armed fault changed a response. */
        FAULT_FIRED,
        /** Informational (reset, state change). */
        INFO
    }

    @Override
    public String toString() {
        return String.format("%8.3f ms %-11s %s%s", at.toNanos() / 1e6, kind, reason, raw.isEmpty() ? "" : " | " + raw);
    }
}
