package org.nvmehil.protocol.mctp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * One MCTP packet: the 4-byte transport header and its payload (DSP0236 Table 1; header version
 * per binding, DSP0237 Table 1).
 *
 * <pre>
 * byte 0  rsvd 7:4 | hdrVersion 3:0
 * byte 1  destEid
 * byte 2  srcEid
 * byte 3  som 7 | eom 6 | seq 5:4 | tagOwner 3 | tag 2:0
 * byte 4… payload (on the SOM packet it starts with the message-type byte: IC 7 | type 6:0)
 * </pre>
 *
 * <p>The record only checks that each value fits its bit field. Header version 7, reserved bits,
 * broadcast source EIDs and any flag combination are representable, so negative tests can build
 * them; {@link #decode} reports such values as violations.
 *
 * @param rsvd       the reserved bits exactly where they sit in byte 0 (mask {@code F0h}); 0 when well formed
 * @param hdrVersion header version, byte 0 bits 3:0 (1 on the SMBus and serial bindings)
 * @param destEid    destination endpoint ID
 * @param srcEid     source endpoint ID
 * @param som        start of message
 * @param eom        end of message
 * @param seq        packet sequence number, 2 bits, counting modulo 4 within a message
 * @param tagOwner   TO: set by the side that owns the tag (the requester)
 * @param tag        message tag, 3 bits
 * @param payload    everything after the header
 */
public record MctpPacket(int rsvd, int hdrVersion, int destEid, int srcEid, boolean som, boolean eom,
                         int seq, boolean tagOwner, int tag, Bytes payload) {

    /** Transport header length in bytes. */
    public static final int HEADER_SIZE = 4;
    /** The header version the SMBus/I2C and serial bindings use (0001b). */
    public static final int HEADER_VERSION_1 = 1;
    /** Reserved bits of byte 0. */
    public static final int RSVD_MASK = 0xF0;
    /** The null EID (before assignment). */
    public static final int NULL_EID = 0x00;
    /** The broadcast EID: valid as a destination only. */
    public static final int BROADCAST_EID = 0xFF;
    /** The lowest assignable unicast EID; 01h–07h are reserved. */
    public static final int FIRST_UNICAST_EID = 0x08;

    public MctpPacket {
        fits("rsvd", rsvd, RSVD_MASK);
        fits("hdrVersion", hdrVersion, 0x0F);
        fits("destEid", destEid, 0xFF);
        fits("srcEid", srcEid, 0xFF);
        fits("seq", seq, 0x03);
        fits("tag", tag, 0x07);
        Objects.requireNonNull(payload, "payload");
    }

    private static void fits(String field, int value, int mask) {
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException(String.format("%s %02Xh does not fit mask %02Xh", field, value, mask));
        }
    }

    /** A well-formed packet: header version 1, reserved bits zero. */
    public static MctpPacket of(int destEid, int srcEid, boolean som, boolean eom, int seq, boolean tagOwner,
                                int tag, Bytes payload) {
        return new MctpPacket(0, HEADER_VERSION_1, destEid, srcEid, som, eom, seq, tagOwner, tag, payload);
    }

    /** A whole message in one packet (SOM and EOM set, seq 0). */
    public static MctpPacket single(int destEid, int srcEid, boolean tagOwner, int tag, Bytes message) {
        return of(destEid, srcEid, true, true, 0, tagOwner, tag, message);
    }

    /** Header byte 3: SOM, EOM, seq, TO and tag. */
    public int flags() {
        return (som ? 0x80 : 0) | (eom ? 0x40 : 0) | seq << 4 | (tagOwner ? 0x08 : 0) | tag;
    }

    /** Byte 0: reserved bits and header version. */
    public int versionByte() {
        return rsvd | hdrVersion;
    }

    public Bytes encode() {
        return new LeWriter().u8(versionByte()).u8(destEid).u8(srcEid).u8(flags()).bytes(payload).build();
    }

    /**
     * Reads a packet (the binding's framing already removed). Fewer than 4 bytes cannot be a
     * packet and is rejected; every other input yields a packet, with violations for a header
     * version other than 1 ({@link Req#MCTP_HEADER_VERSION}), non-zero reserved bits
     * ({@link Req#MCTP_HEADER_FORMAT}) and a broadcast or reserved source EID
     * ({@link Req#MCTP_SOURCE_EID}). Whether to drop such a packet is the receiver's decision.
     */
    public static Decoded<MctpPacket> decode(Bytes raw) {
        List<Violation> v = new ArrayList<>();
        if (raw.length() < HEADER_SIZE) {
            v.add(Violation.at(Req.MCTP_HEADER_FORMAT, "length", 0,
                    raw.length() + " bytes, a transport header needs " + HEADER_SIZE));
            return Decoded.rejected(v, raw);
        }
        int b0 = raw.u8(0);
        int flags = raw.u8(3);
        MctpPacket p = new MctpPacket(b0 & RSVD_MASK, b0 & 0x0F, raw.u8(1), raw.u8(2),
                (flags & 0x80) != 0, (flags & 0x40) != 0, flags >> 4 & 0x03, (flags & 0x08) != 0, flags & 0x07,
                raw.slice(HEADER_SIZE));
        if (p.hdrVersion != HEADER_VERSION_1) {
            v.add(Violation.at(Req.MCTP_HEADER_VERSION, "hdrVersion", 0,
                    String.format("%Xh, expected %Xh", p.hdrVersion, HEADER_VERSION_1)));
        }
        if (p.rsvd != 0) {
            v.add(Violation.at(Req.MCTP_HEADER_FORMAT, "rsvd", 0,
                    String.format("byte 0 bits 7:4 = %Xh, expected 0", p.rsvd >> 4)));
        }
        if (p.srcEid == BROADCAST_EID) {
            v.add(Violation.at(Req.MCTP_SOURCE_EID, "srcEid", 2, "FFh (broadcast) used as a source"));
        } else if (p.srcEid != NULL_EID && p.srcEid < FIRST_UNICAST_EID) {
            v.add(Violation.at(Req.MCTP_SOURCE_EID, "srcEid", 2,
                    String.format("%02Xh is reserved (01h-07h)", p.srcEid)));
        }
        return Decoded.of(p, v, raw);
    }

    /**
     * The message-type byte (IC in bit 7, type in bits 6:0): the first payload byte of a SOM packet.
     * Empty for middle/end packets and for a SOM packet without payload.
     */
    public OptionalInt messageTypeByte() {
        return som && !payload.isEmpty() ? OptionalInt.of(payload.u8(0)) : OptionalInt.empty();
    }

    /** The message type (bits 6:0 of {@link #messageTypeByte()}), e.g. 00h control, 04h NVMe-MI. */
    public OptionalInt messageType() {
        OptionalInt b = messageTypeByte();
        return b.isPresent() ? OptionalInt.of(b.getAsInt() & 0x7F) : OptionalInt.empty();
    }

    /** The IC bit of {@link #messageTypeByte()}; false when there is no type byte. */
    public boolean ic() {
        return (messageTypeByte().orElse(0) & 0x80) != 0;
    }

    // ---------------------------------------------------------------- mutation helpers for negative tests

    public MctpPacket withRsvd(int v) {
        return new MctpPacket(v, hdrVersion, destEid, srcEid, som, eom, seq, tagOwner, tag, payload);
    }

    public MctpPacket withHdrVersion(int v) {
        return new MctpPacket(rsvd, v, destEid, srcEid, som, eom, seq, tagOwner, tag, payload);
    }

    public MctpPacket withDestEid(int v) {
        return new MctpPacket(rsvd, hdrVersion, v, srcEid, som, eom, seq, tagOwner, tag, payload);
    }

    public MctpPacket withSrcEid(int v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, v, som, eom, seq, tagOwner, tag, payload);
    }

    public MctpPacket withSom(boolean v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, v, eom, seq, tagOwner, tag, payload);
    }

    public MctpPacket withEom(boolean v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, som, v, seq, tagOwner, tag, payload);
    }

    public MctpPacket withSeq(int v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, som, eom, v, tagOwner, tag, payload);
    }

    public MctpPacket withTagOwner(boolean v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, som, eom, seq, v, tag, payload);
    }

    public MctpPacket withTag(int v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, som, eom, seq, tagOwner, v, payload);
    }

    public MctpPacket withPayload(Bytes v) {
        return new MctpPacket(rsvd, hdrVersion, destEid, srcEid, som, eom, seq, tagOwner, tag, v);
    }

    /** Compact form for traces, e.g. {@code MCTP v1 09<-08 SOM EOM seq0 TO tag1 [00 81 05]}. */
    @Override
    public String toString() {
        return String.format("MCTP v%d%s %02X<-%02X%s%s seq%d%s tag%d [%s]", hdrVersion,
                rsvd != 0 ? String.format(" rsvd=%02X", rsvd) : "", destEid, srcEid,
                som ? " SOM" : "", eom ? " EOM" : "", seq, tagOwner ? " TO" : "", tag, payload);
    }
}
