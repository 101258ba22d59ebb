package org.nvmehil.protocol.mi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Generic response to a command message (NMIMT 1, 2 or 4; MI 1.2 §4.1.2): header, status (byte 4),
 * NVMe Management Response NMRESP (bytes 5-7, LE 24-bit), response data (byte 8 on).
 *
 * <p>Error formats (MI 1.2 Figs. 27-29): Invalid Parameter puts a {@link ParameterErrorLocation} in
 * NMRESP; More Processing Required puts MPRT (100 ms units) in bytes 6-7 with byte 5 reserved; every
 * other error leaves NMRESP reserved. An error response carries no data.
 *
 * @param status byte 4
 * @param nmresp bytes 5-7 as a little-endian 24-bit value
 * @param data   bytes from offset 8 up to the MIC
 */
public record MiResponse(MiHeader header, int status, int nmresp, Bytes data) {

    /** Message offset of the first response-data byte. */
    public static final int DATA_OFFSET = 8;
    /** Longest time MPRT can express: FFFFh x 100 ms (a floor: "at least"). */
    public static final Duration MPRT_MAX = Duration.ofMillis(0xFFFFL * 100);

    public MiResponse {
        Findings.checkBits("status", status, 8);
        Findings.checkBits("nmresp", nmresp, 24);
        if (header == null || data == null) {
            throw new NullPointerException("header/data");
        }
    }

    public static MiResponse success(MiHeader header) {
        return new MiResponse(header, MiStatus.SUCCESS.code, 0, Bytes.EMPTY);
    }

    public static MiResponse success(MiHeader header, int nmresp, Bytes data) {
        return new MiResponse(header, MiStatus.SUCCESS.code, nmresp, data);
    }

    /** An error response with NMRESP reserved (generic format, Fig. 27). */
    public static MiResponse error(MiHeader header, int status) {
        return new MiResponse(header, status, 0, Bytes.EMPTY);
    }

    public static MiResponse error(MiHeader header, MiStatus status) {
        return error(header, status.code);
    }

    public static MiResponse invalidParameter(MiHeader header, ParameterErrorLocation pel) {
        return new MiResponse(header, MiStatus.INVALID_PARAMETER.code, pel.nmresp(), Bytes.EMPTY);
    }

    /** More Processing Required with MPRT in 100 ms units (bytes 6-7). */
    public static MiResponse moreProcessingRequired(MiHeader header, int mprt) {
        Findings.checkBits("mprt", mprt, 16);
        return new MiResponse(header, MiStatus.MORE_PROCESSING_REQUIRED.code, mprt << 8, Bytes.EMPTY);
    }

    public Optional<MiStatus> statusValue() {
        return MiStatus.of(status);
    }

    public boolean isSuccess() {
        return status == MiStatus.SUCCESS.code;
    }

    /** The PEL when this is an Invalid Parameter response. */
    public Optional<ParameterErrorLocation> pel() {
        return status == MiStatus.INVALID_PARAMETER.code
                ? Optional.of(ParameterErrorLocation.fromNmresp(nmresp)) : Optional.empty();
    }

    /** MPRT (bytes 6-7) when this is a More Processing Required response. */
    public OptionalInt mprt() {
        return status == MiStatus.MORE_PROCESSING_REQUIRED.code ? OptionalInt.of(nmresp >>> 8) : OptionalInt.empty();
    }

    /** MPRT as a duration; 0 means the ME gave no estimate (no spec wording for 0 was seen). */
    public Optional<Duration> mprtDuration() {
        OptionalInt t = mprt();
        return t.isPresent() ? Optional.of(mprtToDuration(t.getAsInt())) : Optional.empty();
    }

    public static Duration mprtToDuration(int mprt) {
        return Duration.ofMillis((mprt & 0xFFFFL) * 100);
    }

    /** The MPRT value that covers {@code d}: rounded up to 100 ms, saturating at FFFFh. */
    public static int durationToMprt(Duration d) {
        long units = (d.toMillis() + 99) / 100;
        return (int) Math.max(0, Math.min(0xFFFF, units));
    }

    /** Bytes 5-7 as sent. */
    public Bytes nmrespBytes() {
        return new LeWriter().u8(nmresp).u16(nmresp >>> 8).build();
    }

    /** Message content from 84h up to the MIC. */
    public Bytes content() {
        return new LeWriter().bytes(header.encode()).u8(status).bytes(nmrespBytes()).bytes(data).build();
    }

    public MiMessage seal() {
        return MiMessage.seal(content());
    }

    public MiResponse withData(Bytes d) {
        return new MiResponse(header, status, nmresp, d);
    }

    public static Decoded<MiResponse> decode(Bytes wire) {
        return Findings.fromWire(wire, MiResponse::decode);
    }

    /**
     * Reads a response out of a message. Reports ROR clear, set reserved header bits, set reserved
     * NMRESP bits of error responses, and data after an error status. Control primitive responses
     * (NMIMT 0) have their own layout ({@link ControlPrimitiveResponse}); for them only the header
     * and length are checked here.
     */
    public static Decoded<MiResponse> decode(MiMessage m) {
        return Findings.fromMessage(m, MiResponse::decode);
    }

    static MiResponse decode(MiMessage m, Findings f) {
        Bytes c = m.content();
        if (c.length() < DATA_OFFSET) {
            f.add(Req.MI_RESPONSE_FORMAT, "length", c.length(),
                    "response has " + c.length() + " bytes before the MIC, at least 8 expected (header, status, NMRESP)");
            return null;
        }
        MiHeader h = m.header();
        if (!h.ror()) {
            f.add(Req.MI_RESPONSE_HEADER, "ror", 1, "ROR is 0 in a response");
        }
        f.addAll(h.reservedViolations());
        MiResponse r = new MiResponse(h, c.u8(4), c.u8(5) | c.u16le(6) << 8, c.slice(DATA_OFFSET));
        if (h.nmimtCode() != Nmimt.CONTROL_PRIMITIVE.code) {
            r.checkErrorFormat(f);
        }
        return r;
    }

    void checkErrorFormat(Findings f) {
        if (status == MiStatus.SUCCESS.code) {
            return;
        }
        Bytes n = nmrespBytes();
        if (status == MiStatus.INVALID_PARAMETER.code) {
            f.reservedBits(n.u8(0), 0xF8, 5, "pel.reserved");
        } else if (status == MiStatus.MORE_PROCESSING_REQUIRED.code) {
            f.reservedBytes(n, 0, 1, 5, "mpr.reserved");
        } else {
            f.reservedBytes(n, 0, 3, 5, "nmresp");
        }
        if (!data.isEmpty()) {
            f.add(Req.MI_RESPONSE_FORMAT, "data", DATA_OFFSET, "error response " + MiStatus.describe(status)
                    + " carries " + data.length() + " data bytes; an error response ends after byte 7");
        }
    }

    @Override
    public String toString() {
        return "MiResponse[" + header + " status " + MiStatus.describe(status) + " nmresp " + nmrespBytes()
                + (data.isEmpty() ? "" : " data " + data.length() + " B") + "]";
    }
}
