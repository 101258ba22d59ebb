package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Any control response: header, completion code (byte 3) and response data (DSP0236 §11).
 * When the completion code is not {@link CompletionCode#SUCCESS} a requester ignores any data
 * that follows it.
 *
 * @param data everything after the completion code
 */
public record ControlResponse(ControlHeader header, int completionCode, Bytes data) {

    /** Offset of the completion code in the message. */
    public static final int CC_OFFSET = 3;
    /** Offset of the first response data byte in the message. */
    public static final int DATA_OFFSET = 4;

    public ControlResponse {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
        ControlHeader.fits("completionCode", completionCode, 0xFF);
    }

    /** The response to {@code request}: its echoed header with Rq 0, D 0, then {@code cc} and {@code data}. */
    public static ControlResponse to(ControlHeader request, int cc, Bytes data) {
        return new ControlResponse(request.toResponse(), cc, data);
    }

    /** An error response to {@code request}: completion code only (e.g. 05h for an unsupported command). */
    public static ControlResponse error(ControlHeader request, int cc) {
        return to(request, cc, Bytes.EMPTY);
    }

    public boolean isSuccess() {
        return completionCode == CompletionCode.SUCCESS;
    }

    public Bytes encode() {
        return new LeWriter().bytes(header.encode()).u8(completionCode).bytes(data).build();
    }

    /**
     * Reads a control response. Fewer than 3 bytes, a message type other than 00h, or a missing
     * completion code is rejected. IC 1, Rq 1, D 1 and the reserved bit are reported under
     * {@link Req#MCTP_CONTROL_RESPONSE_HEADER}. Does not check that the instance ID and command
     * code echo the request (see {@link ControlHeader#echoViolations}).
     */
    public static Decoded<ControlResponse> decode(Bytes message) {
        List<Violation> v = new ArrayList<>();
        var parsed = ControlHeader.parse(message);
        if (parsed.isEmpty()) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "length", 0,
                    message.length() + " bytes, a control response needs " + DATA_OFFSET));
            return Decoded.rejected(v, message);
        }
        ControlHeader h = parsed.get();
        if (h.msgType() != 0) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "msgType", 0,
                    String.format("message type %02Xh is not MCTP control (00h)", h.msgType())));
            return Decoded.rejected(v, message);
        }
        if (h.ic()) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "ic", 0, "IC 1, control messages have IC 0"));
        }
        if (h.rq()) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "rq", 1, "Rq 1 in a response, expected 0"));
        }
        if (h.d()) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "d", 1, "D 1 in a response, expected 0"));
        }
        if (h.rsvd() != 0) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "rsvd", 1, "byte 1 bit 5 set, expected 0"));
        }
        if (message.length() < DATA_OFFSET) {
            v.add(Violation.at(Req.MCTP_CONTROL_RESPONSE_HEADER, "completionCode", CC_OFFSET,
                    "missing: the response ends after the command code"));
            return Decoded.rejected(v, message);
        }
        return Decoded.of(new ControlResponse(h, message.u8(CC_OFFSET), message.slice(DATA_OFFSET)), v, message);
    }
}
