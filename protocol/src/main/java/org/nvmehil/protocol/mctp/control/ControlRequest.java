package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * Any control request: header plus the command's request data (DSP0236 §11). A responder decodes
 * this first, dispatches on {@link ControlHeader#commandCode()}, then decodes the typed request.
 *
 * @param data everything after byte 2
 */
public record ControlRequest(ControlHeader header, Bytes data) {

    public ControlRequest {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
    }

    public Bytes encode() {
        return header.encode().concat(data);
    }

    /** True for Rq 1, D 1: the sender expects no response. */
    public boolean isDatagram() {
        return header.rq() && header.d();
    }

    /**
     * Reads a control request. Fewer than 3 bytes, or a message type other than 00h, is rejected.
     * A message with Rq 0 is reported under {@link Req#MCTP_CONTROL_FLAGS_DISCARD} (a responder
     * discards it); IC set and the reserved bit under {@link Req#MCTP_CONTROL_REQUEST_HEADER}.
     * D 1 (a datagram) is legal.
     */
    public static Decoded<ControlRequest> decode(Bytes message) {
        List<Violation> v = new ArrayList<>();
        var parsed = ControlHeader.parse(message);
        if (parsed.isEmpty()) {
            v.add(Violation.at(Req.MCTP_CONTROL_REQUEST_HEADER, "length", 0,
                    message.length() + " bytes, a control request needs " + ControlHeader.SIZE));
            return Decoded.rejected(v, message);
        }
        ControlHeader h = parsed.get();
        if (h.msgType() != 0) {
            v.add(Violation.at(Req.MCTP_CONTROL_REQUEST_HEADER, "msgType", 0,
                    String.format("message type %02Xh is not MCTP control (00h)", h.msgType())));
            return Decoded.rejected(v, message);
        }
        if (h.ic()) {
            v.add(Violation.at(Req.MCTP_CONTROL_REQUEST_HEADER, "ic", 0, "IC 1, control messages have IC 0"));
        }
        if (!h.rq()) {
            v.add(Violation.at(Req.MCTP_CONTROL_FLAGS_DISCARD, "rq", 1,
                    "Rq 0" + (h.d() ? ", D 1" : "") + " in a request; a responder discards it"));
        }
        if (h.rsvd() != 0) {
            v.add(Violation.at(Req.MCTP_CONTROL_REQUEST_HEADER, "rsvd", 1, "byte 1 bit 5 set, expected 0"));
        }
        return Decoded.of(new ControlRequest(h, message.slice(ControlHeader.SIZE)), v, message);
    }
}
