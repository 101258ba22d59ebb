package org.nvmehil.protocol.mctp.control;

import java.util.Objects;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

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

    /** A request for instance ID {@code instanceId}; it has no data. */
    public static NoDataRequest request(int instanceId) {
        return NoDataRequest.of(COMMAND, instanceId);
    }

    /** Decodes a request; besides the header checks it reports request data present. */
    public static Decoded<NoDataRequest> decodeRequest(Bytes message) {
        return NoDataRequest.decode(COMMAND, Req.MCTP_PREPARE_DISCOVERY, message);
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
            return Body.decodeResponse(message, COMMAND, (r, v) -> {
                if (r.isSuccess()) {
                    Body.of(r, Req.MCTP_PREPARE_DISCOVERY, v).trailing(0, "the completion code");
                }
                return new Response(r.header(), r.completionCode(), r.data());
            });
        }
    }
}
