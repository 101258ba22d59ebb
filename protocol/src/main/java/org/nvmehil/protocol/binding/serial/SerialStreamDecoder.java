package org.nvmehil.protocol.binding.serial;

import static org.nvmehil.protocol.binding.serial.SerialFrame.ESCAPE;
import static org.nvmehil.protocol.binding.serial.SerialFrame.ESCAPED_ESCAPE;
import static org.nvmehil.protocol.binding.serial.SerialFrame.ESCAPED_FLAG;
import static org.nvmehil.protocol.binding.serial.SerialFrame.ESCAPE_XOR;
import static org.nvmehil.protocol.binding.serial.SerialFrame.FLAG;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * Stateful, chunk-agnostic receiver for a DSP0253 serial byte stream (clause 7; layout per facts
 * §4). {@link #feed} takes any chunk, from one byte to many frames, and returns the events the
 * chunk completed. The event sequence depends only on the bytes, never on how they were cut into
 * chunks. The decoder is pure: no I/O, no clock, no logging; an optional trace hook sees each state
 * change.
 *
 * <h2>Frame delineation</h2>
 * <ul>
 *   <li><b>Hunting.</b> Bytes seen before any flag, or after a frame was abandoned, are collected
 *       up to the next 7Eh and reported as one {@link Discarded} event.</li>
 *   <li><b>Flags.</b> Any 7Eh seen between frames opens a frame. Further 7Eh bytes before the
 *       revision are idle or back-to-back flags and are skipped silently (RFC 1662 style: an empty
 *       frame is not an event). The closing 7Eh of a frame <em>also</em> opens the next one, so both
 *       {@code 7E f1 7E 7E f2 7E} (separate flags) and {@code 7E f1 7E f2 7E} (shared flag) yield two
 *       frames. Consequence: a byte other than 01h right after a frame's closing flag is reported
 *       as {@link Reason#BAD_REVISION}, not as {@link Reason#OUTSIDE_FRAME}; only bytes before the
 *       first flag of the stream (or after {@link #flush}) are "outside a frame".</li>
 *   <li><b>Fixed-position fields are raw.</b> Revision, byte count and the two FCS bytes are read
 *       as they come, never unescaped and never taken for a flag (facts §4 recommendation, as Linux
 *       and libmctp do): the FCS is the two bytes after {@code byteCount} unescaped packet bytes.
 *       A flag at the byte count position is therefore a count of 126 and is caught by the
 *       limits or by a later check.</li>
 *   <li><b>Packet bytes</b> are unescaped: 7Dh 5Eh → 7Eh, 7Dh 5Dh → 7Dh; 7Dh followed by anything
 *       else is {@link Reason#INVALID_ESCAPE}. A 7Eh among the packet bytes (escaped or not) ends
 *       the frame early ({@link Reason#TRUNCATED}) and opens the next frame.</li>
 *   <li><b>Bounds.</b> A byte count below {@value SerialFrame#MIN_PACKET_SIZE} or above the
 *       configured maximum abandons the frame at once, so no frame exceeds
 *       {@code 6 + 2 × maxPacketSize} bytes; discarded bytes are reported in pieces of at most
 *       {@value #MAX_DISCARD_SIZE} bytes (cut at fixed byte counts, so chunking does not matter).</li>
 * </ul>
 *
 * <p>A fully delineated frame is always a {@link Frame} event, even with a wrong FCS: the FCS
 * violation (observed and expected value) rides on the event and {@link Frame#isClean()} is false;
 * a conforming receiver drops such a frame. Everything a receiver abandons before the closing flag
 * is a {@link Discarded} event with a {@link Reason} and the violation that caused it. Every byte of
 * the stream other than flags appears in exactly one event's {@code raw()}.
 *
 * <p>Violation offsets count from the opening flag of the frame (or the first discarded byte).
 */
public final class SerialStreamDecoder {

    /** Pieces of discarded bytes are cut at this size: the longest possible frame. */
    public static final int MAX_DISCARD_SIZE = SerialFrame.MAX_FRAME_SIZE;

    /** Receiver states; the name says what the next byte is expected to be. */
    public enum State {
        /** Looking for a flag; bytes are being discarded. */
        HUNT,
        /** A flag was seen; the revision (or another flag) comes next. */
        REVISION,
        BYTE_COUNT,
        PACKET,
        /** After a 7Dh inside the packet. */
        ESCAPED,
        FCS_HIGH,
        FCS_LOW,
        END_FLAG
    }

    /** Why bytes were discarded. */
    public enum Reason {
        /**
         * Bytes before the first flag of the stream (or after a flush), and the continuation pieces of a
         * discard longer than {@link #MAX_DISCARD_SIZE}: not a violation by themselves.
         */
        OUTSIDE_FRAME,
        /** The byte after a flag is neither 01h nor another flag. */
        BAD_REVISION,
        /** Byte count below the 4-byte MCTP header (includes zero-length frames). */
        BYTE_COUNT_TOO_SMALL,
        /** Byte count above the configured maximum packet size: the frame would be too long. */
        BYTE_COUNT_TOO_LARGE,
        /** 7Dh followed by a byte other than 5Eh or 5Dh. */
        INVALID_ESCAPE,
        /** A 7Eh arrived before the packet was complete (or the stream ended): unescaped 7Eh or count too large. */
        TRUNCATED,
        /** No closing flag after the byte count's packet bytes and the FCS: the packet is longer than the count. */
        BYTE_COUNT_MISMATCH
    }

    /** What the receiver made of part of the stream. */
    public sealed interface Event permits Frame, Discarded {
        /** Stream offset of the first byte of {@link #raw()}. */
        long at();

        /** The bytes this event covers, as received (escaped). */
        Bytes raw();

        List<Violation> violations();
    }

    /**
     * A delineated frame, flags included in {@code raw} (with a shared flag, that flag is in the raw
     * bytes of both frames). {@code violations} holds a {@link Req#SERIAL_FCS} violation when the
     * FCS does not match; it is empty otherwise.
     */
    public record Frame(long at, SerialFrame frame, List<Violation> violations, Bytes raw) implements Event {
        public Frame {
            violations = List.copyOf(violations);
        }

        /** The unescaped MCTP packet. */
        public Bytes packet() {
            return frame.packet();
        }

        /** True when a conforming receiver would accept the frame (FCS good). */
        public boolean isClean() {
            return violations.isEmpty();
        }
    }

    /** Bytes the receiver threw away, with the reason and the violation behind it (none for {@link Reason#OUTSIDE_FRAME}). */
    public record Discarded(long at, Reason reason, Bytes raw, List<Violation> violations) implements Event {
        public Discarded {
            violations = List.copyOf(violations);
        }
    }

    /** One state change, for traces: {@code offset} is the stream offset of the byte that caused it. */
    public record Transition(long offset, State from, State to, String why) {
    }

    private final int maxPacketSize;
    private final Consumer<Transition> trace;

    private State state = State.HUNT;
    /** Bytes of the frame being received, or of the discard being collected. */
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private long rawAt;
    private Reason discardReason = Reason.OUTSIDE_FRAME;
    private List<Violation> discardViolations = List.of();
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private int revision;
    private int byteCount;
    private int fcs;
    /** Stream offset of the next byte. */
    private long pos;

    /** Accepts any byte count from 4 to 255. */
    public SerialStreamDecoder() {
        this(SerialFrame.MAX_BYTE_COUNT);
    }

    /**
     * @param maxPacketSize the largest byte count accepted (e.g. {@link SerialFrame#BASELINE_MAX_PACKET_SIZE});
     *                      a larger count abandons the frame as {@link Reason#BYTE_COUNT_TOO_LARGE}
     */
    public SerialStreamDecoder(int maxPacketSize) {
        this(maxPacketSize, t -> {
        });
    }

    public SerialStreamDecoder(int maxPacketSize, Consumer<Transition> trace) {
        if (maxPacketSize < SerialFrame.MIN_PACKET_SIZE || maxPacketSize > SerialFrame.MAX_BYTE_COUNT) {
            throw new IllegalArgumentException("maxPacketSize " + maxPacketSize + " outside "
                    + SerialFrame.MIN_PACKET_SIZE + ".." + SerialFrame.MAX_BYTE_COUNT);
        }
        this.maxPacketSize = maxPacketSize;
        this.trace = trace;
    }

    public State state() {
        return state;
    }

    /** Number of bytes fed so far. */
    public long position() {
        return pos;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * The events of {@code unit} decoded on its own from a fresh decoder at the binding's largest byte count: a unit
     * the host sends, or a trace entry, is whole. Never throws on data.
     */
    public static List<Event> ofUnit(Bytes unit) {
        return new SerialStreamDecoder(SerialFrame.MAX_BYTE_COUNT).feed(unit);
    }

    /** Consumes {@code chunk}; returns the events it completed, in stream order. Never throws on data. */
    public List<Event> feed(Bytes chunk) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < chunk.length(); i++) {
            step(chunk.u8(i), out);
            pos++;
        }
        return out;
    }

    /**
     * Reports what is pending, as at the end of the stream: a partial frame becomes
     * {@link Reason#TRUNCATED}, collected discard bytes their own event. Afterwards the decoder hunts
     * for a flag again; a flag that was pending on its own is kept, so a following frame that relies
     * on it (shared flag) still decodes.
     */
    public List<Event> flush() {
        List<Event> out = new ArrayList<>();
        switch (state) {
            case HUNT -> emitDiscard(out);
            case REVISION -> {
                return out;
            }
            default -> {
                discardReason = Reason.TRUNCATED;
                discardViolations = List.of(Violation.at(Req.SERIAL_FRAME_FORMAT, "frame", raw.size(),
                        "stream ended in state " + state + progress()));
                emitDiscard(out);
            }
        }
        move(State.HUNT, "flush");
        return out;
    }

    private void step(int c, List<Event> out) {
        switch (state) {
            case HUNT -> hunt(c, out);
            case REVISION -> {
                if (c == FLAG) {
                    openFrame(); // idle or back-to-back flag: the latest flag opens the frame
                } else if (c == SerialFrame.REVISION) {
                    append(c);
                    revision = c;
                    move(State.BYTE_COUNT, "revision 01h");
                } else {
                    append(c);
                    abandon(Reason.BAD_REVISION, Violation.at(Req.SERIAL_FRAME_FORMAT, "revision",
                            SerialFrame.OFFSET_REVISION, "observed " + hex2(c) + ", expected " + hex2(SerialFrame.REVISION)));
                }
            }
            case BYTE_COUNT -> {
                append(c);
                byteCount = c;
                if (c < SerialFrame.MIN_PACKET_SIZE) {
                    abandon(Reason.BYTE_COUNT_TOO_SMALL, Violation.at(Req.SERIAL_FRAME_FORMAT, "byteCount",
                            SerialFrame.OFFSET_BYTE_COUNT, "observed " + c + ", expected at least "
                                    + SerialFrame.MIN_PACKET_SIZE + " (the MCTP transport header)"));
                } else if (c > maxPacketSize) {
                    abandon(Reason.BYTE_COUNT_TOO_LARGE, Violation.at(Req.SERIAL_FRAME_FORMAT, "byteCount",
                            SerialFrame.OFFSET_BYTE_COUNT, "observed " + c + ", expected at most " + maxPacketSize));
                } else {
                    move(State.PACKET, "byte count " + c);
                }
            }
            case PACKET -> {
                if (c == FLAG) {
                    truncated(out, "");
                } else if (c == ESCAPE) {
                    append(c);
                    move(State.ESCAPED, "escape");
                } else {
                    append(c);
                    packetByte(c);
                }
            }
            case ESCAPED -> {
                if (c == FLAG) {
                    truncated(out, " (right after an escape byte)");
                } else if (c == ESCAPED_FLAG || c == ESCAPED_ESCAPE) {
                    append(c);
                    move(State.PACKET, "escaped " + hex2(c ^ ESCAPE_XOR));
                    packetByte(c ^ ESCAPE_XOR);
                } else {
                    append(c);
                    abandon(Reason.INVALID_ESCAPE, Violation.at(Req.SERIAL_ESCAPING, "packet", raw.size() - 2,
                            "observed 7Dh " + hex2(c) + ", expected 7Dh 5Eh or 7Dh 5Dh"));
                }
            }
            case FCS_HIGH -> {
                append(c);
                fcs = c << 8;
                move(State.FCS_LOW, "FCS high byte");
            }
            case FCS_LOW -> {
                append(c);
                fcs |= c;
                move(State.END_FLAG, "FCS low byte");
            }
            case END_FLAG -> {
                append(c);
                if (c == FLAG) {
                    out.add(frame());
                    openFrame(); // shared flag: the closing flag also opens the next frame
                    move(State.REVISION, "closing flag");
                } else {
                    abandon(Reason.BYTE_COUNT_MISMATCH, Violation.at(Req.SERIAL_FRAME_FORMAT, "byteCount",
                            SerialFrame.OFFSET_BYTE_COUNT, "observed " + hex2(c) + " at offset " + (raw.size() - 1)
                                    + " where the closing flag 7Eh was due after " + byteCount
                                    + " packet bytes and the FCS: the packet is longer than the byte count"));
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void hunt(int c, List<Event> out) {
        if (c == FLAG) {
            emitDiscard(out);
            openFrame();
            move(State.REVISION, "flag");
            return;
        }
        if (raw.size() >= MAX_DISCARD_SIZE) {
            emitDiscard(out); // bounded evidence: this byte starts a new OUTSIDE_FRAME piece
        }
        if (raw.size() == 0) {
            rawAt = pos;
        }
        raw.write(c);
    }

    private void packetByte(int c) {
        packet.write(c);
        if (packet.size() == byteCount) {
            move(State.FCS_HIGH, "packet complete");
        }
    }

    private Frame frame() {
        Bytes p = Bytes.of(packet.toByteArray());
        SerialFrame f = new SerialFrame(revision, byteCount, p, fcs);
        int expected = f.expectedFcs();
        List<Violation> v = new ArrayList<>();
        if (fcs != expected) {
            int legacy = Crc.fcs16(0, Bytes.ofUnsigned(revision, byteCount).concat(p));
            v.add(Violation.at(Req.SERIAL_FCS, "fcs", raw.size() - 3, "observed " + hex4(fcs) + ", expected "
                    + hex4(expected) + (fcs == legacy ? " (observed is the init-0000h FCS of pre-fix Linux kernels)" : "")));
        }
        return new Frame(rawAt, f, v, rawBytes());
    }

    /** A flag inside the packet: report the partial frame, and let the flag open the next frame. */
    private void truncated(List<Event> out, String where) {
        discardReason = Reason.TRUNCATED;
        discardViolations = List.of(Violation.at(Req.SERIAL_FRAME_FORMAT, "packet", raw.size(),
                "flag 7Eh" + where + progress() + ": an unescaped 7Eh in the packet, or a byte count larger than the packet"));
        emitDiscard(out);
        openFrame();
        move(State.REVISION, "flag inside packet");
    }

    private String progress() {
        return state.compareTo(State.PACKET) >= 0 && state.compareTo(State.ESCAPED) <= 0
                ? " after " + packet.size() + " of " + byteCount + " packet bytes" : "";
    }

    /** Gives up on the current frame; its bytes and all up to the next flag are discarded for {@code reason}. */
    private void abandon(Reason reason, Violation v) {
        discardReason = reason;
        discardViolations = List.of(v);
        move(State.HUNT, reason.name());
    }

    private void emitDiscard(List<Event> out) {
        if (raw.size() > 0) {
            out.add(new Discarded(rawAt, discardReason, rawBytes(), discardViolations));
        }
        raw.reset();
        discardReason = Reason.OUTSIDE_FRAME;
        discardViolations = List.of();
    }

    /** The flag at the current position opens a frame. */
    private void openFrame() {
        raw.reset();
        packet.reset();
        rawAt = pos;
        raw.write(FLAG);
        revision = 0;
        byteCount = 0;
        fcs = 0;
        discardReason = Reason.OUTSIDE_FRAME;
        discardViolations = List.of();
    }

    private void append(int c) {
        raw.write(c);
    }

    private Bytes rawBytes() {
        return Bytes.of(raw.toByteArray());
    }

    /** The only writer of {@code state}. */
    private void move(State to, String why) {
        if (to != state) {
            trace.accept(new Transition(pos, state, to, why));
            state = to;
        }
    }

    private static String hex2(int v) {
        return String.format("%02Xh", v);
    }

    private static String hex4(int v) {
        return String.format("%04Xh", v);
    }
}
