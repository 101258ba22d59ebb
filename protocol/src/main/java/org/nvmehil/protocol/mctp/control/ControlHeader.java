package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * The first three bytes of every MCTP control message (DSP0236 §11, control message format):
 *
 * <pre>
 * byte 0  ic 7 | msgType 6:0      (00h for control)
 * byte 1  rq 7 | d 6 | rsvd 5 | instanceId 4:0
 * byte 2  commandCode
 * </pre>
 *
 * A request has Rq 1, D 0; a datagram Rq 1, D 1 (no response); a response Rq 0, D 0 and echoes
 * the instance ID and command code. Responses add the completion code as byte 3
 * ({@link ControlResponse}). The record checks bit widths only; judgement is in
 * {@link ControlRequest#decode} and {@link ControlResponse#decode}.
 *
 * @param rsvd the reserved bit where it sits in byte 1 (mask {@code 20h})
 */
public record ControlHeader(boolean ic, int msgType, boolean rq, boolean d, int rsvd, int instanceId,
                            int commandCode) {

    /** Length of the header (without the completion code). */
    public static final int SIZE = 3;
    public static final int RSVD_MASK = 0x20;

    public ControlHeader {
        fits("msgType", msgType, 0x7F);
        fits("rsvd", rsvd, RSVD_MASK);
        fits("instanceId", instanceId, 0x1F);
        fits("commandCode", commandCode, 0xFF);
    }

    static void fits(String field, int value, int mask) {
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException(String.format("%s %02Xh does not fit mask %02Xh", field, value, mask));
        }
    }

    /** A request header: IC 0, type 00h, Rq 1, D 0. */
    public static ControlHeader request(int commandCode, int instanceId) {
        return new ControlHeader(false, 0, true, false, 0, instanceId, commandCode);
    }

    /** A datagram header (Rq 1, D 1): a request that expects no response. */
    public static ControlHeader datagram(int commandCode, int instanceId) {
        return new ControlHeader(false, 0, true, true, 0, instanceId, commandCode);
    }

    /** A response header: IC 0, type 00h, Rq 0, D 0. */
    public static ControlHeader response(int commandCode, int instanceId) {
        return new ControlHeader(false, 0, false, false, 0, instanceId, commandCode);
    }

    /** The well-formed response header for this request: same instance ID and command code. */
    public ControlHeader toResponse() {
        return response(commandCode, instanceId);
    }

    /** Byte 0, the MCTP message-type byte. */
    public int typeByte() {
        return (ic ? 0x80 : 0) | msgType;
    }

    /** Byte 1: Rq, D, reserved bit and instance ID. */
    public int flagsByte() {
        return (rq ? 0x80 : 0) | (d ? 0x40 : 0) | rsvd | instanceId;
    }

    public Bytes encode() {
        return new LeWriter().u8(typeByte()).u8(flagsByte()).u8(commandCode).build();
    }

    /** Reads the three header bytes without judging them; empty when fewer than three bytes. */
    public static Optional<ControlHeader> parse(Bytes message) {
        if (message.length() < SIZE) {
            return Optional.empty();
        }
        int b0 = message.u8(0);
        int b1 = message.u8(1);
        return Optional.of(new ControlHeader((b0 & 0x80) != 0, b0 & 0x7F, (b1 & 0x80) != 0, (b1 & 0x40) != 0,
                b1 & RSVD_MASK, b1 & 0x1F, message.u8(2)));
    }

    /**
     * Violations of the echo rule: a response carries its request's instance ID and command code
     * ({@link Req#MCTP_CONTROL_RESPONSE_HEADER}).
     */
    public static List<Violation> echoViolations(ControlHeader request, ControlHeader response) {
        List<Violation> v = new ArrayList<>();
        if (response.instanceId != request.instanceId) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "instanceId", 1,
                    String.format("%02Xh, request had %02Xh", response.instanceId, request.instanceId)));
        }
        if (response.commandCode != request.commandCode) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "commandCode", 2,
                    String.format("%02Xh, request had %02Xh", response.commandCode, request.commandCode)));
        }
        return v;
    }

    /**
     * Checks the MCTP tag owner bit of the packets that carried a control message: requests and
     * datagrams travel with TO 1, responses with TO 0. A request with TO 0 must be discarded
     * ({@link Req#MCTP_CONTROL_FLAGS_DISCARD}); a response with TO 1 breaks
     * {@link Req#MCTP_RESPONSE_TAG}. Offsets are -1 because TO lives in the transport header.
     */
    public static List<Violation> tagOwnerViolations(boolean isResponse, boolean tagOwner) {
        if (isResponse && tagOwner) {
            return List.of(Violation.at(Req.MCTP_RESPONSE_TAG, "tagOwner", -1, "TO 1 on a control response"));
        }
        if (!isResponse && !tagOwner) {
            return List.of(Violation.at(Req.MCTP_CONTROL_FLAGS_DISCARD, "tagOwner", -1,
                    "TO 0 on a control request; a responder discards it"));
        }
        return List.of();
    }

    public ControlHeader withIc(boolean v) {
        return new ControlHeader(v, msgType, rq, d, rsvd, instanceId, commandCode);
    }

    public ControlHeader withMsgType(int v) {
        return new ControlHeader(ic, v, rq, d, rsvd, instanceId, commandCode);
    }

    public ControlHeader withRq(boolean v) {
        return new ControlHeader(ic, msgType, v, d, rsvd, instanceId, commandCode);
    }

    public ControlHeader withD(boolean v) {
        return new ControlHeader(ic, msgType, rq, v, rsvd, instanceId, commandCode);
    }

    public ControlHeader withRsvd(int v) {
        return new ControlHeader(ic, msgType, rq, d, v, instanceId, commandCode);
    }

    public ControlHeader withInstanceId(int v) {
        return new ControlHeader(ic, msgType, rq, d, rsvd, v, commandCode);
    }

    public ControlHeader withCommandCode(int v) {
        return new ControlHeader(ic, msgType, rq, d, rsvd, instanceId, v);
    }
}
