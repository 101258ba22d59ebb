package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Prepare for Endpoint Discovery, command 0Bh (DSP0236 §12, command 0Bh). No request data; the
 * response is the completion code only. Only bindings that use this discovery scheme (PCIe VDM)
 * support it, so over SMBus/I2C the expected answer is {@link CompletionCode#ERROR_UNSUPPORTED_CMD}
 * (UNH-IOL 3.4). Data violations cite {@link Req#MCTP_PREPARE_DISCOVERY}.
 */
public final class PrepareForEndpointDiscovery {

    public static final ControlCommand COMMAND = ControlCommand.PREPARE_FOR_ENDPOINT_DISCOVERY;

    private PrepareForEndpointDiscovery() {
    }

    /** @param trailing request data; none in a well-formed request */
    public record Request(ControlHeader header, Bytes trailing) {
        public Request {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
        }

        public static Request of(int instanceId) {
            return new Request(ControlHeader.request(COMMAND.code, instanceId), Bytes.EMPTY);
        }

        public Bytes encode() {
            return header.encode().concat(trailing);
        }

        /** Besides the header checks: request data present. */
        public static Decoded<Request> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlRequest> env = Body.request(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            Bytes trailing = Body.of(env.get(), Req.MCTP_PREPARE_DISCOVERY, v).trailing(0, "the command code");
            return Decoded.of(new Request(env.get().header(), trailing), v, message);
        }
    }

    /** @param trailing bytes after the completion code (a violation only on Success) */
    public record Response(ControlHeader header, int completionCode, Bytes trailing) {
        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("completionCode", completionCode, 0xFF);
        }

        public static Response of(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, Bytes.EMPTY);
        }

        /** The answer of an endpoint whose binding does not use this command (SMBus/I2C, serial). */
        public static Response unsupported(int instanceId) {
            return of(instanceId, CompletionCode.ERROR_UNSUPPORTED_CMD);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        public Bytes encode() {
            return new LeWriter().bytes(header.encode()).u8(completionCode).bytes(trailing).build();
        }

        /** Besides the header checks: bytes after a Success completion code. */
        public static Decoded<Response> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlResponse> env = Body.response(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            ControlResponse r = env.get();
            if (r.isSuccess()) {
                Body.of(r, Req.MCTP_PREPARE_DISCOVERY, v).trailing(0, "the completion code");
            }
            return Decoded.of(new Response(r.header(), r.completionCode(), r.data()), v, message);
        }
    }
}
