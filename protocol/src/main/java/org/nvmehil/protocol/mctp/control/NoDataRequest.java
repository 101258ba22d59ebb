package org.nvmehil.protocol.mctp.control;

import java.util.Objects;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * A control request that carries no data: the header alone. Get Endpoint ID, Get Endpoint UUID,
 * Get Message Type Support and Prepare for Endpoint Discovery share this form; each of those
 * classes has {@code request(instanceId)} and {@code decodeRequest(message)} for its command.
 *
 * @param command  the command this request is for (the one a decoder checked the header against)
 * @param trailing request data; none in a well-formed request
 */
public record NoDataRequest(ControlCommand command, ControlHeader header, Bytes trailing) {

    public NoDataRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(trailing, "trailing");
    }

    public static NoDataRequest of(ControlCommand command, int instanceId) {
        return new NoDataRequest(command, ControlHeader.request(command.code, instanceId), Bytes.EMPTY);
    }

    public Bytes encode() {
        return header.encode().concat(trailing);
    }

    /**
     * Besides the header checks (a command code other than {@code command}'s included): request
     * data present, cited under {@code req}.
     */
    public static Decoded<NoDataRequest> decode(ControlCommand command, Req req, Bytes message) {
        return Body.decodeRequest(message, command, (r, v) ->
                new NoDataRequest(command, r.header(), Body.of(r, req, v).trailing(0, "the command code")));
    }
}
