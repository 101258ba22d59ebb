package org.nvmehil.protocol.mi;

import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * Collects violations while a decoder walks device bytes; offsets are message offsets (84h = byte 0).
 * Adds the NVMe-MI reserved-field checks and decoding frames to the shared
 * {@linkplain org.nvmehil.protocol.wire.Findings core}.
 */
final class Findings extends org.nvmehil.protocol.wire.Findings {
    Findings() {
    }

    Findings(List<Violation> earlier) {
        super(earlier);
    }

    /** Reports bytes {@code [from, to)} of {@code b} that are non-zero; {@code base} is the message offset of b[0]. */
    Findings reservedBytes(Bytes b, int from, int to, int base, String field) {
        for (int i = from; i < Math.min(to, b.length()); i++) {
            if (b.u8(i) != 0) {
                add(Req.MI_RESERVED_ZERO, field, base + i, "reserved byte is " + hex8(b.u8(i)) + ", expected 00h");
            }
        }
        return this;
    }

    /** Reports {@code value & mask} when non-zero. */
    Findings reservedBits(long value, long mask, int offset, String field) {
        reservedBits(Req.MI_RESERVED_ZERO, value, mask, offset, field);
        return this;
    }

    /** One decoding step over a message; returns null when the message cannot be read as a T. */
    interface Step<A, T> {
        T apply(A input, Findings f);
    }

    /** Decodes wire bytes as an NVMe-MI message, then applies {@code step}; raw is the wire. */
    static <T> Decoded<T> fromWire(Bytes wire, Step<MiMessage, T> step) {
        Decoded<MiMessage> m = MiMessage.decode(wire);
        Findings f = new Findings(m.violations());
        if (m.value().isEmpty()) {
            return f.rejected(wire);
        }
        T v = step.apply(m.get(), f);
        return v == null ? f.rejected(wire) : f.result(v, wire);
    }

    /** Applies {@code step} to an already split message; raw is its wire form. */
    static <T> Decoded<T> fromMessage(MiMessage m, Step<MiMessage, T> step) {
        Findings f = new Findings();
        T v = step.apply(m, f);
        return v == null ? f.rejected(m.toWire()) : f.result(v, m.toWire());
    }

    /** Wire bytes → message → generic response → {@code step}; raw is the wire. */
    static <T> Decoded<T> fromResponseWire(Bytes wire, Step<MiResponse, T> step) {
        return fromWire(wire, (m, f) -> {
            MiResponse r = MiResponse.decode(m, f);
            return r == null ? null : step.apply(r, f);
        });
    }

    /** {@code step} over an already decoded response; raw is the response content (no MIC). */
    static <T> Decoded<T> fromResponse(MiResponse r, Step<MiResponse, T> step) {
        Findings f = new Findings();
        T v = step.apply(r, f);
        return v == null ? f.rejected(r.content()) : f.result(v, r.content());
    }
}
