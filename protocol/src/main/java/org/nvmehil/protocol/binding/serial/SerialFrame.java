package org.nvmehil.protocol.binding.serial;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * One MCTP packet in one DSP0253 serial frame (DSP0253 1.0.0 clause 7; layout per facts §4):
 *
 * <pre>
 * 7Eh | revision 01h | byte count | packet (escaped) | FCS high | FCS low | 7Eh
 * </pre>
 *
 * <p>The byte count is the <em>unescaped</em> packet length. Inside the packet 7Eh is sent as
 * 7Dh 5Eh and 7Dh as 7Dh 5Dh. The FCS is {@link Crc#fcs16} (CRC-16/MCRF4XX, init FFFFh, no final
 * complement) over revision, byte count and the unescaped packet, sent high byte first. Revision,
 * byte count and FCS go out raw (never escaped), as Linux and libmctp do.
 *
 * <p>The record checks field widths only: revision, byte count and FCS may hold any value, and the
 * byte count need not match the packet, so negative tests can build any frame. {@link #of} is the
 * well-formed path; {@code with…} change one field and keep the FCS; {@link #withValidFcs()}
 * recomputes it. {@link #encode(Escaping)} reproduces known sender bugs.
 *
 * @param revision  revision byte as sent
 * @param byteCount byte count as sent
 * @param packet    the unescaped MCTP packet (opaque at this layer)
 * @param fcs       the 16-bit FCS as sent
 */
public record SerialFrame(int revision, int byteCount, Bytes packet, int fcs) {

    /** Opening and closing flag. */
    public static final int FLAG = 0x7E;
    /** Escape byte; the escaped byte follows XORed with {@link #ESCAPE_XOR}. */
    public static final int ESCAPE = 0x7D;
    public static final int ESCAPE_XOR = 0x20;
    /** 7Dh 5Eh stands for 7Eh. */
    public static final int ESCAPED_FLAG = FLAG ^ ESCAPE_XOR;
    /** 7Dh 5Dh stands for 7Dh. */
    public static final int ESCAPED_ESCAPE = ESCAPE ^ ESCAPE_XOR;
    /** The only revision this binding defines. */
    public static final int REVISION = 0x01;
    /** The byte count is one byte. */
    public static final int MAX_BYTE_COUNT = 255;
    /** A packet shorter than the 4-byte MCTP transport header cannot be an MCTP packet. */
    public static final int MIN_PACKET_SIZE = 4;
    /** Baseline packet: 64-byte transmission unit + 4-byte header (the Linux serial MTU, libmctp's limit). */
    public static final int BASELINE_MAX_PACKET_SIZE = 68;
    /** Flag, revision, count, 2 × 255 escaped packet bytes, FCS (2), flag. */
    public static final int MAX_FRAME_SIZE = 3 + 2 * MAX_BYTE_COUNT + 3;

    /** Byte offsets in the encoded frame (the opening flag is offset 0). */
    public static final int OFFSET_REVISION = 1, OFFSET_BYTE_COUNT = 2, OFFSET_PACKET = 3;

    /** Which bytes an encoder escapes. Only {@link #STANDARD} is conforming. */
    public enum Escaping {
        /** Packet bytes escaped; revision, count and FCS raw (Linux, libmctp). */
        STANDARD,
        /** Nothing escaped: a raw 7Eh/7Dh in the packet, as pre-Aug-2024 Linux could send (facts §4). */
        NONE,
        /** Packet and both FCS bytes escaped: the interop trap of a sender that escapes its FCS (facts §4). */
        PACKET_AND_FCS
    }

    public SerialFrame {
        if (revision < 0 || revision > 0xFF) {
            throw new IllegalArgumentException("revision = " + revision + " does not fit 8 bits");
        }
        if (byteCount < 0 || byteCount > 0xFF) {
            throw new IllegalArgumentException("byteCount = " + byteCount + " does not fit 8 bits");
        }
        if (fcs < 0 || fcs > 0xFFFF) {
            throw new IllegalArgumentException("fcs = " + fcs + " does not fit 16 bits");
        }
        if (packet == null) {
            throw new IllegalArgumentException("packet is null");
        }
    }

    /**
     * The well-formed frame: revision 01h, byte count = packet length, FCS computed.
     *
     * @throws IllegalArgumentException if the packet is longer than {@value #MAX_BYTE_COUNT} bytes
     */
    public static SerialFrame of(Bytes packet) {
        if (packet.length() > MAX_BYTE_COUNT) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes: byte count does not fit one byte");
        }
        return new SerialFrame(REVISION, packet.length(), packet, 0).withValidFcs();
    }

    /** The FCS over revision, byte count and unescaped packet (flags and escapes excluded). */
    public static int fcsOver(int revision, int byteCount, Bytes packet) {
        return Crc.fcs16(Bytes.ofUnsigned(revision, byteCount).concat(packet));
    }

    /** The FCS these fields call for. */
    public int expectedFcs() {
        return fcsOver(revision, byteCount, packet);
    }

    public boolean fcsValid() {
        return fcs == expectedFcs();
    }

    /** The conforming encoding ({@link Escaping#STANDARD}). */
    public Bytes encode() {
        return encode(Escaping.STANDARD);
    }

    /** Both flags included; FCS high byte first. All fields are written exactly as they are. */
    public Bytes encode(Escaping escaping) {
        LeWriter w = new LeWriter().u8(FLAG).u8(revision).u8(byteCount);
        w.bytes(escaping == Escaping.NONE ? packet : escape(packet));
        Bytes fcsBytes = Bytes.ofUnsigned(fcs >>> 8, fcs); // big-endian on purpose: DSP0253 sends the FCS MSB first
        w.bytes(escaping == Escaping.PACKET_AND_FCS ? escape(fcsBytes) : fcsBytes);
        return w.u8(FLAG).build();
    }

    /** 7Eh → 7Dh 5Eh, 7Dh → 7Dh 5Dh; every other byte as it is. */
    public static Bytes escape(Bytes raw) {
        LeWriter w = new LeWriter();
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.u8(i);
            if (c == FLAG || c == ESCAPE) {
                w.u8(ESCAPE).u8(c ^ ESCAPE_XOR);
            } else {
                w.u8(c);
            }
        }
        return w.build();
    }

    /** Same frame with the FCS recomputed over the current revision, count and packet. */
    public SerialFrame withValidFcs() {
        return withFcs(expectedFcs());
    }

    public SerialFrame withRevision(int v) {
        return new SerialFrame(v, byteCount, packet, fcs);
    }

    public SerialFrame withByteCount(int v) {
        return new SerialFrame(revision, v, packet, fcs);
    }

    /** Replaces the packet only: byte count and FCS stay as they were. */
    public SerialFrame withPacket(Bytes v) {
        return new SerialFrame(revision, byteCount, v, fcs);
    }

    public SerialFrame withFcs(int v) {
        return new SerialFrame(revision, byteCount, packet, v);
    }

    /**
     * Decodes a byte string that should hold exactly one frame (both flags included), through a fresh
     * {@link SerialStreamDecoder} with no packet size limit beyond the byte count's. Never throws.
     * The value is present when the bytes hold one delineated frame and nothing else; its violations
     * are those of the frame (a bad FCS). Otherwise the result is rejected and carries the
     * violations of everything the stream decoder discarded.
     */
    public static Decoded<SerialFrame> decode(Bytes oneFrame) {
        SerialStreamDecoder d = new SerialStreamDecoder();
        List<SerialStreamDecoder.Event> events = new ArrayList<>(d.feed(oneFrame));
        events.addAll(d.flush());
        if (events.size() == 1 && events.get(0) instanceof SerialStreamDecoder.Frame f) {
            return Decoded.of(f.frame(), f.violations(), oneFrame);
        }
        List<Violation> v = new ArrayList<>();
        v.add(Violation.at(Req.SERIAL_FRAME_FORMAT, "frame", 0,
                "expected exactly one frame, found " + describe(events)));
        for (SerialStreamDecoder.Event e : events) {
            v.addAll(e.violations());
        }
        return Decoded.rejected(v, oneFrame);
    }

    private static String describe(List<SerialStreamDecoder.Event> events) {
        if (events.isEmpty()) {
            return "none";
        }
        List<String> s = new ArrayList<>();
        for (SerialStreamDecoder.Event e : events) {
            s.add(e instanceof SerialStreamDecoder.Discarded x ? "discarded " + x.reason() : "a frame");
        }
        return String.join(", ", s);
    }
}
