package org.nvmehil.protocol.lab;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The lowest seam between the suites and a DUT: whole bus units (an SMBus block-write frame with its
 * destination address byte and PEC, a chunk of serial bytes, a chunk of a TCP stream). Implemented by
 * {@code drivers} (hardware) and by {@code model} (in-process loopback); fixtures cannot tell them apart.
 */
public interface Link extends AutoCloseable {

    /** Sends one unit exactly as given (negative tests send illegal ones). */
    void send(Bytes unit);

    /**
     * The next unit from the DUT, or empty when none arrives within {@code timeout}. Never blocks longer
     * than {@code timeout}; on the model a virtual clock may make the wait instant.
     */
    Optional<Bytes> receive(Duration timeout);

    /** {@code timeout} as the whole milliseconds a socket or port timeout takes: 1 to Integer.MAX_VALUE (0 would wait forever). */
    static int timeoutMillis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * True once the peer has closed the connection (stream links such as NVMe/TCP); from then on
     * {@link #receive} returns empty at once. Closing is an observable DUT behaviour (a target terminating a
     * connection after a fatal error), not a lab fault.
     */
    default boolean peerClosed() {
        return false;
    }

    /** Driver, addresses, speeds: shown in the report's environment block. */
    Map<String, String> describe();

    @Override
    void close();

    /** Lab or transport trouble (device gone, bus error, socket reset): reported as broken, not failed. */
    final class LinkException extends RuntimeException {
        public LinkException(String message, Throwable cause) {
            super("LAB " + message, cause);
        }

        public LinkException(String message) {
            super("LAB " + message);
        }
    }
}
