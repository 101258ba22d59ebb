package org.nvmehil.protocol.mctp.control;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Get Endpoint UUID, command 03h (DSP0236 §12.5). Data violations cite {@link Req#MCTP_GET_UUID}.
 *
 * <pre>
 * request  no data
 * response bytes 4–19: UUID, RFC 4122 byte order (most significant byte first)
 * </pre>
 */
public final class GetEndpointUuid {

    public static final ControlCommand COMMAND = ControlCommand.GET_ENDPOINT_UUID;
    public static final int UUID_SIZE = 16;

    private GetEndpointUuid() {
    }

    /** A request for instance ID {@code instanceId}; it has no data. */
    public static NoDataRequest request(int instanceId) {
        return NoDataRequest.of(COMMAND, instanceId);
    }

    /** Decodes a request; besides the header checks it reports request data present. */
    public static Decoded<NoDataRequest> decodeRequest(Bytes message) {
        return NoDataRequest.decode(COMMAND, Req.MCTP_GET_UUID, message);
    }

    /**
     * @param uuid     the UUID bytes as sent: 16 when well formed, fewer if the response was cut
     *                 short, empty when the completion code is not Success
     * @param trailing bytes after the UUID (or, for a non-Success code, after the code; ignored)
     */
    public record Response(ControlHeader header, int completionCode, Bytes uuid, Bytes trailing) {
        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("completionCode", completionCode, 0xFF);
        }

        public static Response of(int instanceId, UUID uuid) {
            return of(instanceId, toBytes(uuid));
        }

        /** Any UUID bytes, even a wrong number of them (negative tests). */
        public static Response of(int instanceId, Bytes uuid) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), CompletionCode.SUCCESS, uuid,
                    Bytes.EMPTY);
        }

        public static Response error(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, Bytes.EMPTY,
                    Bytes.EMPTY);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        /** The UUID, when exactly 16 bytes were sent. */
        public Optional<UUID> toUuid() {
            if (uuid.length() != UUID_SIZE) {
                return Optional.empty();
            }
            ByteBuffer bb = ByteBuffer.wrap(uuid.toArray());
            return Optional.of(new UUID(bb.getLong(), bb.getLong()));
        }

        /** With a non-Success completion code only the header, code and {@code trailing} are sent. */
        public Bytes encode() {
            LeWriter w = new LeWriter().bytes(header.encode()).u8(completionCode);
            if (isSuccess()) {
                w.bytes(uuid);
            }
            return w.bytes(trailing).build();
        }

        /** Besides the header checks: fewer than 16 UUID bytes, trailing bytes. */
        public static Decoded<Response> decode(Bytes message) {
            return Body.decodeResponse(message, COMMAND, (r, v) -> {
                if (!r.isSuccess()) {
                    return new Response(r.header(), r.completionCode(), Bytes.EMPTY, r.data());
                }
                Body b = Body.of(r, Req.MCTP_GET_UUID, v).expect(UUID_SIZE);
                Bytes uuid = b.slice(0, UUID_SIZE);
                Bytes trailing = b.trailing(UUID_SIZE, "the UUID");
                return new Response(r.header(), r.completionCode(), uuid, trailing);
            });
        }
    }

    /** A UUID in RFC 4122 byte order (most significant byte first). */
    public static Bytes toBytes(UUID uuid) {
        return Bytes.of(ByteBuffer.allocate(UUID_SIZE).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}
