package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * Shared steps of the typed decoders: envelope checks (alone, or as the frame of a whole decode),
 * and a reader over the command data that turns short data into a violation (missing bytes read
 * as 0) and names offsets from the message-type byte.
 */
final class Body {
    private final Bytes data;
    private final int base;
    private final Req req;
    private final List<Violation> v;

    private Body(Bytes data, int base, Req req, List<Violation> v) {
        this.data = data;
        this.base = base;
        this.req = req;
        this.v = v;
    }

    /** The request envelope, with its violations and a command-code check added to {@code v}. */
    static Optional<ControlRequest> request(Bytes message, ControlCommand cmd, List<Violation> v) {
        Decoded<ControlRequest> d = ControlRequest.decode(message);
        v.addAll(d.violations());
        d.value().ifPresent(r -> command(r.header(), cmd, Req.MCTP_CONTROL_REQUEST_HEADER, v));
        return d.value();
    }

    /** The response envelope, with its violations and a command-code check added to {@code v}. */
    static Optional<ControlResponse> response(Bytes message, ControlCommand cmd, List<Violation> v) {
        Decoded<ControlResponse> d = ControlResponse.decode(message);
        v.addAll(d.violations());
        d.value().ifPresent(r -> command(r.header(), cmd, Req.MCTP_CONTROL_RESPONSE_HEADER, v));
        return d.value();
    }

    /**
     * A typed request decoder's frame: the envelope and command-code checks of
     * {@link #request(Bytes, ControlCommand, List)}, then {@code read} over the envelope, which adds
     * its own violations to the list it is given. Rejected when the envelope is.
     */
    static <T> Decoded<T> decodeRequest(Bytes message, ControlCommand cmd,
                                        BiFunction<ControlRequest, List<Violation>, T> read) {
        List<Violation> v = new ArrayList<>();
        Optional<ControlRequest> env = request(message, cmd, v);
        if (env.isEmpty()) {
            return Decoded.rejected(v, message);
        }
        return Decoded.of(read.apply(env.get(), v), v, message);
    }

    /**
     * A typed response decoder's frame: the envelope and command-code checks of
     * {@link #response(Bytes, ControlCommand, List)}, then {@code read} over the envelope (whatever
     * the completion code), which adds its own violations to the list it is given. Rejected when
     * the envelope is.
     */
    static <T> Decoded<T> decodeResponse(Bytes message, ControlCommand cmd,
                                         BiFunction<ControlResponse, List<Violation>, T> read) {
        List<Violation> v = new ArrayList<>();
        Optional<ControlResponse> env = response(message, cmd, v);
        if (env.isEmpty()) {
            return Decoded.rejected(v, message);
        }
        return Decoded.of(read.apply(env.get(), v), v, message);
    }

    private static void command(ControlHeader h, ControlCommand cmd, Req req, List<Violation> v) {
        if (h.commandCode() != cmd.code) {
            v.add(Violation.at(req, "commandCode", 2, String.format("%s, expected %s (%02Xh)",
                    ControlCommand.describe(h.commandCode()), cmd.name(), cmd.code)));
        }
    }

    static Body of(ControlRequest r, Req req, List<Violation> v) {
        return new Body(r.data(), ControlHeader.SIZE, req, v);
    }

    static Body of(ControlResponse r, Req req, List<Violation> v) {
        return new Body(r.data(), ControlResponse.DATA_OFFSET, req, v);
    }

    /** Records a violation (field {@code length}) when fewer than {@code n} data bytes are present. */
    Body expect(int n) {
        if (data.length() < n) {
            v.add(Violation.at(req, "length", base + data.length(),
                    "truncated: " + data.length() + " data byte(s), expected " + n));
        }
        return this;
    }

    int length() {
        return data.length();
    }

    /** Data byte {@code i}, or 0 if absent. */
    int u8(int i) {
        return i < data.length() ? data.u8(i) : 0;
    }

    /** Data bytes {@code [from, to)}, clipped to what is present. */
    Bytes slice(int from, int to) {
        return data.slice(Math.min(from, data.length()), Math.min(to, data.length()));
    }

    /** Data bytes from {@code from} on, reported as a violation when present. */
    Bytes trailing(int from, String after) {
        Bytes t = slice(from, data.length());
        if (!t.isEmpty()) {
            v.add(Violation.at(req, "trailing", base + from, t.length() + " unexpected byte(s) after " + after
                    + ": " + t));
        }
        return t;
    }

    /** Records a violation when {@code bits} (already masked to the reserved field) are not zero. */
    void reserved(String field, int i, int bits, int mask) {
        if (bits != 0) {
            v.add(Violation.at(req, field, base + i,
                    String.format("reserved bits (mask %02Xh) = %02Xh, expected 0", mask, bits)));
        }
    }

    void violation(String field, int i, String detail) {
        v.add(Violation.at(req, field, base + i, detail));
    }
}
