package org.nvmehil.protocol.mctp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Get Message Type Support, command 05h (DSP0236 §12.7, Table 19). Data violations cite
 * {@link Req#MCTP_GET_MESSAGE_TYPES}.
 *
 * <pre>
 * request  no data
 * response byte 4: count, then one byte per message type
 * </pre>
 *
 * DSP0236 counts the types supported besides MCTP control, so an NVMe-MI endpoint answers
 * "count 1: 04h"; libmctp and mctpd list 00h as well and answer "count 2: 00h 04h" (facts §2.4,
 * §12 item 11). Both forms decode cleanly; only a count that differs from the number of list
 * bytes is a violation. {@link Response#listsControl()} tells the forms apart.
 */
public final class GetMessageTypeSupport {

    public static final ControlCommand COMMAND = ControlCommand.GET_MESSAGE_TYPE_SUPPORT;

    private GetMessageTypeSupport() {
    }

    /** A request for instance ID {@code instanceId}; it has no data. */
    public static NoDataRequest request(int instanceId) {
        return NoDataRequest.of(COMMAND, instanceId);
    }

    /** Decodes a request; besides the header checks it reports request data present. */
    public static Decoded<NoDataRequest> decodeRequest(Bytes message) {
        return NoDataRequest.decode(COMMAND, Req.MCTP_GET_MESSAGE_TYPES, message);
    }

    /**
     * When the completion code is not Success, {@code count} is 0 and {@code types} holds whatever
     * followed the code (ignored).
     *
     * @param count the count byte as sent
     * @param types every byte after the count: the list (its length is the truth; the count may lie)
     */
    public record Response(ControlHeader header, int completionCode, int count, Bytes types) {
        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(types, "types");
            ControlHeader.fits("completionCode", completionCode, 0xFF);
            ControlHeader.fits("count", count, 0xFF);
        }

        /** The DSP0236 form: list exactly {@code types} (normally without 00h); count = their number. */
        public static Response of(int instanceId, int... types) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), CompletionCode.SUCCESS,
                    types.length, Bytes.ofUnsigned(types));
        }

        public static Response error(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, 0, Bytes.EMPTY);
        }

        /** A copy with another count byte (count/list mismatch vectors). */
        public Response withCount(int v) {
            return new Response(header, completionCode, v, types);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        /** The listed types (bits 6:0 of each byte are the type; the list should not set bit 7). */
        public List<Integer> typeList() {
            List<Integer> out = new ArrayList<>(types.length());
            for (int i = 0; i < types.length(); i++) {
                out.add(types.u8(i));
            }
            return out;
        }

        /** True if {@code type} is in the list (e.g. {@link MessageType#NVME_MI}). */
        public boolean supports(int type) {
            return isSuccess() && typeList().contains(type);
        }

        /** True for the libmctp/mctpd form that lists MCTP control (00h) itself. */
        public boolean listsControl() {
            return supports(MessageType.CONTROL);
        }

        /** With a non-Success completion code only the header, code and {@code types} bytes are sent. */
        public Bytes encode() {
            LeWriter w = new LeWriter().bytes(header.encode()).u8(completionCode);
            if (isSuccess()) {
                w.u8(count);
            }
            return w.bytes(types).build();
        }

        /** Besides the header checks: a missing count, a count that is not the list length. */
        public static Decoded<Response> decode(Bytes message) {
            return Body.decodeResponse(message, COMMAND, (r, v) -> {
                if (!r.isSuccess()) {
                    return new Response(r.header(), r.completionCode(), 0, r.data());
                }
                Body b = Body.of(r, Req.MCTP_GET_MESSAGE_TYPES, v).expect(1);
                int count = b.u8(0);
                Bytes types = b.slice(1, b.length());
                if (b.length() >= 1 && count != types.length()) {
                    b.violation("count", 0, "count " + count + ", list has " + types.length() + " byte(s): " + types);
                }
                return new Response(r.header(), r.completionCode(), count, types);
            });
        }
    }
}
