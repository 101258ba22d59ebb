package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.hex8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * Cuts an NVMe/TCP byte stream into whole PDUs (NVMe/TCP 1.0 §2: PDUs need not line up with TCP segments). It
 * reads the 8-byte common header, takes PLEN from it and collects the rest; {@link #feed} takes any chunk, from
 * one byte to many PDUs, and returns the events the chunk completed. The events depend only on the bytes, never on
 * the chunking. Pure: no I/O, no clock; an optional trace hook sees each state change.
 *
 * <p>PLEN is the only delimiter, so a PLEN that cannot be right ends the stream: below 8 or below the fixed header
 * of a known type, a TermReq PLEN above 152 (TCP_TERMREQ_PLEN: the receiver ignores it and terminates at once), or
 * above the configured maximum PDU size. The decoder then reports one {@link Fatal} event with the common header
 * as evidence and moves to {@link State#FAILED}, where it ignores all further bytes (the connection has to be
 * terminated; nothing after it can be framed). Everything else, including reserved types, is delivered as a
 * {@link Complete} PDU for {@link PduDecoder} to judge. Memory is bounded by the maximum PDU size.
 */
public final class PduStreamDecoder {

    /** 4 MiB of data (Linux nvmet's MAXH2CDATA) plus room for header, HDGST, 128 bytes of PAD and DDGST. */
    public static final int DEFAULT_MAX_PDU_SIZE = 4 * 1024 * 1024 + 256;

    /** What the next byte is. */
    public enum State {
        /** Common header bytes (PDU type to PLEN). */
        HEADER,
        /** The PLEN - 8 bytes after the common header. */
        BODY,
        /** A fatal framing error was reported; bytes are ignored. */
        FAILED
    }

    /** Why the stream could not be framed further. */
    public enum Reason {
        /** PLEN below the 8-byte common header or below the fixed header of its type. */
        PLEN_TOO_SMALL,
        /** PLEN above the maximum PDU size this receiver accepts. */
        PLEN_TOO_LARGE,
        /** A TermReq with PLEN above 152. */
        TERM_REQ_PLEN
    }

    /** What the decoder made of part of the stream. */
    public sealed interface Event permits Complete, Fatal {
        /** Stream offset of the first byte of {@link #raw()}. */
        long at();

        Bytes raw();
    }

    /** One whole PDU, exactly PLEN bytes. */
    public record Complete(long at, Bytes raw) implements Event {
        public CommonHeader ch() {
            return CommonHeader.decode(raw);
        }
    }

    /** The stream cannot be framed past this common header (its 8 bytes are {@code raw}). */
    public record Fatal(long at, Reason reason, Bytes raw, Violation violation) implements Event {
    }

    /** One state change, for traces: {@code offset} is the stream offset of the byte that caused it. */
    public record Transition(long offset, State from, State to, String why) {
    }

    private final int maxPduSize;
    private final Consumer<Transition> trace;

    private State state = State.HEADER;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long pduAt;
    private long plen;
    /** Stream offset of the next byte. */
    private long pos;

    public PduStreamDecoder() {
        this(DEFAULT_MAX_PDU_SIZE);
    }

    /** @param maxPduSize the largest PLEN accepted, at least 152 (a maximal TermReq) */
    public PduStreamDecoder(int maxPduSize) {
        this(maxPduSize, t -> {
        });
    }

    public PduStreamDecoder(int maxPduSize, Consumer<Transition> trace) {
        if (maxPduSize < PduType.TERM_REQ_MAX_PLEN) {
            throw new IllegalArgumentException("maxPduSize " + maxPduSize + " is below " + PduType.TERM_REQ_MAX_PLEN);
        }
        this.maxPduSize = maxPduSize;
        this.trace = trace;
    }

    public State state() {
        return state;
    }

    /** Number of bytes fed so far (including ignored ones). */
    public long position() {
        return pos;
    }

    public int maxPduSize() {
        return maxPduSize;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    /** Bytes of an unfinished PDU held so far (0 between PDUs and after a failure). */
    public int pending() {
        return state == State.FAILED ? 0 : buf.size();
    }

    /** Consumes {@code chunk}; returns the events it completed, in stream order. Never throws on data. */
    public List<Event> feed(Bytes chunk) {
        List<Event> out = new ArrayList<>();
        byte[] a = chunk.toArray();
        int i = 0;
        int n = a.length;
        while (i < n) {
            switch (state) {
                case HEADER -> {
                    if (buf.size() == 0) {
                        pduAt = pos;
                    }
                    buf.write(a[i]);
                    i++;
                    pos++;
                    if (buf.size() == CommonHeader.SIZE) {
                        header(out);
                    }
                }
                case BODY -> {
                    int take = (int) Math.min(plen - buf.size(), n - i);
                    buf.write(a, i, take);
                    i += take;
                    pos += take;
                    if (buf.size() == plen) {
                        complete(out, "PDU complete");
                    }
                }
                case FAILED -> {
                    pos += n - i;
                    i = n;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return out;
    }

    private void header(List<Event> out) {
        Bytes ch = Bytes.of(buf.toByteArray());
        CommonHeader h = CommonHeader.decode(ch);
        plen = h.plen();
        Optional<PduType> t = h.type();
        int min = t.map(x -> x.hlen).orElse(CommonHeader.SIZE);
        String name = t.map(PduType::specName).orElse("type " + hex8(h.pduType()));
        if (t.isPresent() && t.get().isTermReq() && (plen < min || plen > PduType.TERM_REQ_MAX_PLEN)) {
            fail(out, ch, plen < min ? Reason.PLEN_TOO_SMALL : Reason.TERM_REQ_PLEN, Req.TCP_TERMREQ_PLEN,
                    "PLEN " + plen + " of a " + name + " is outside " + min + ".." + PduType.TERM_REQ_MAX_PLEN);
        } else if (plen < min) {
            fail(out, ch, Reason.PLEN_TOO_SMALL, Req.TCP_PLEN, "PLEN " + plen + " is below the " + min + "-byte "
                    + (t.isPresent() ? name + " header" : "common header"));
        } else if (plen > maxPduSize) {
            fail(out, ch, Reason.PLEN_TOO_LARGE, Req.TCP_PLEN, "PLEN " + plen + " of a " + name
                    + " is above the " + maxPduSize + " bytes this receiver accepts");
        } else if (plen == CommonHeader.SIZE) {
            complete(out, "8-byte PDU");
        } else {
            move(State.BODY, name + " PLEN " + plen);
        }
    }

    private void complete(List<Event> out, String why) {
        out.add(new Complete(pduAt, Bytes.of(buf.toByteArray())));
        buf.reset();
        move(State.HEADER, why);
    }

    private void fail(List<Event> out, Bytes ch, Reason reason, Req req, String detail) {
        out.add(new Fatal(pduAt, reason, ch, Violation.at(req, "plen", CommonHeader.OFFSET_PLEN, detail
                + "; the stream cannot be framed further")));
        buf.reset();
        move(State.FAILED, reason.name());
    }

    /** The only writer of {@code state}. */
    private void move(State to, String why) {
        if (to != state) {
            trace.accept(new Transition(pos - 1, state, to, why));
            state = to;
        }
    }
}
