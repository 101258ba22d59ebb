package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Get MCTP Version Support, command 04h (DSP0236 §12.6). Data violations cite
 * {@link Req#MCTP_GET_VERSION}.
 *
 * <pre>
 * request  byte 3: message type (FFh: the MCTP base specification, 00h: the control protocol)
 * response byte 4: entry count N, then N four-byte entries (see {@link MctpVersion}), major first
 * </pre>
 *
 * A message type the endpoint does not support completes with {@link #MESSAGE_TYPE_NOT_SUPPORTED}.
 */
public final class GetMctpVersionSupport {

    public static final ControlCommand COMMAND = ControlCommand.GET_MCTP_VERSION_SUPPORT;

    /** Request value asking for the MCTP base specification versions. */
    public static final int BASE_SPEC = 0xFF;
    /** Request value asking for the control protocol versions. */
    public static final int CONTROL_PROTOCOL = 0x00;
    /** Command-specific completion code: the requested message type is not supported. */
    public static final int MESSAGE_TYPE_NOT_SUPPORTED = 0x80;

    private GetMctpVersionSupport() {
    }

    /** @param messageType the type whose versions are asked for; {@link #BASE_SPEC} for MCTP itself */
    public record Request(ControlHeader header, int messageType, Bytes trailing) {
        public Request {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("messageType", messageType, 0xFF);
        }

        public static Request of(int instanceId, int messageType) {
            return new Request(ControlHeader.request(COMMAND.code, instanceId), messageType, Bytes.EMPTY);
        }

        public Bytes encode() {
            return new LeWriter().bytes(header.encode()).u8(messageType).bytes(trailing).build();
        }

        /** Besides the header checks: missing message type, trailing bytes. */
        public static Decoded<Request> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlRequest> env = Body.request(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            Body b = Body.of(env.get(), Req.MCTP_GET_VERSION, v).expect(1);
            int type = b.u8(0);
            Bytes trailing = b.trailing(1, "the message type");
            return Decoded.of(new Request(env.get().header(), type, trailing), v, message);
        }
    }

    /**
     * Fields after the completion code are 0/empty when it is not Success (e.g. 80h);
     * {@code trailing} then holds what followed the code (ignored).
     *
     * @param entryCount the count byte as sent
     * @param entries    the raw 32-bit entries present (major byte in bits 31:24), at most
     *                   {@code entryCount}
     * @param trailing   bytes after the last whole entry counted
     */
    public record Response(ControlHeader header, int completionCode, int entryCount, List<Long> entries,
                           Bytes trailing) {
        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            entries = List.copyOf(entries);
            ControlHeader.fits("completionCode", completionCode, 0xFF);
            ControlHeader.fits("entryCount", entryCount, 0xFF);
            for (long e : entries) {
                if ((e & ~0xFFFFFFFFL) != 0) {
                    throw new IllegalArgumentException("entry " + Long.toHexString(e) + " does not fit 32 bits");
                }
            }
        }

        public static Response of(int instanceId, List<MctpVersion> versions) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), CompletionCode.SUCCESS,
                    versions.size(), versions.stream().map(MctpVersion::encode).toList(), Bytes.EMPTY);
        }

        public static Response of(int instanceId, MctpVersion... versions) {
            return of(instanceId, Arrays.asList(versions));
        }

        /** Completion code 80h: the requested message type is not supported. */
        public static Response unsupportedType(int instanceId) {
            return error(instanceId, MESSAGE_TYPE_NOT_SUPPORTED);
        }

        public static Response error(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, 0, List.of(),
                    Bytes.EMPTY);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        /** The entries that are canonical BCD versions; {@link #decode} reports the others. */
        public List<MctpVersion> versions() {
            return entries.stream().map(MctpVersion::decode).flatMap(Optional::stream).toList();
        }

        /** With a non-Success completion code only the header, code and {@code trailing} are sent. */
        public Bytes encode() {
            LeWriter w = new LeWriter().bytes(header.encode()).u8(completionCode);
            if (isSuccess()) {
                w.u8(entryCount);
                for (long e : entries) {
                    w.u8((int) (e >>> 24)).u8((int) (e >>> 16)).u8((int) (e >>> 8)).u8((int) e);
                }
            }
            return w.bytes(trailing).build();
        }

        /**
         * Besides the header checks: a missing or zero count, entry bytes that are not 4 × count,
         * entries that are not canonical BCD. A non-Success code (80h included) is not a violation.
         */
        public static Decoded<Response> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlResponse> env = Body.response(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            ControlResponse r = env.get();
            if (!r.isSuccess()) {
                return Decoded.of(new Response(r.header(), r.completionCode(), 0, List.of(), r.data()), v, message);
            }
            Body b = Body.of(r, Req.MCTP_GET_VERSION, v).expect(1);
            int count = b.u8(0);
            int entryBytes = Math.max(0, b.length() - 1);
            if (b.length() >= 1 && count == 0) {
                b.violation("entryCount", 0, "0 entries in a Success response");
            }
            if (b.length() >= 1 && entryBytes != 4 * count) {
                b.violation("entryCount", 0, "count " + count + " needs " + 4 * count + " entry bytes, "
                        + entryBytes + " present");
            }
            int n = Math.min(count, entryBytes / 4);
            List<Long> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int at = 1 + 4 * i;
                long e = (long) b.u8(at) << 24 | b.u8(at + 1) << 16 | b.u8(at + 2) << 8 | b.u8(at + 3);
                entries.add(e);
                if (MctpVersion.decode(e).isEmpty()) {
                    b.violation("entry[" + i + "]", at, String.format("%08Xh is not a BCD version", e));
                }
            }
            Bytes trailing = b.slice(1 + 4 * n, b.length());
            return Decoded.of(new Response(r.header(), r.completionCode(), count, entries, trailing), v, message);
        }
    }
}
