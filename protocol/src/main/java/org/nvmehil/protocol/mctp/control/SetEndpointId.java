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
 * Set Endpoint ID, command 01h (DSP0236 §12.3). Data violations cite {@link Req#MCTP_SET_EID}.
 *
 * <pre>
 * request  byte 3: rsvd 7:2 | operation 1:0    byte 4: EID
 * response byte 4: rsvd 7:6 | assignment status 5:4 | rsvd 3:2 | allocation status 1:0
 *          byte 5: EID setting                 byte 6: EID pool size
 * </pre>
 */
public final class SetEndpointId {

    public static final ControlCommand COMMAND = ControlCommand.SET_ENDPOINT_ID;

    /** Operation: set the EID (a bus owner other than the current one may be refused). */
    public static final int OP_SET = 0b00;
    /** Operation: set the EID regardless of which bus owner assigned the current one. */
    public static final int OP_FORCE = 0b01;
    /** Operation: return to the static EID (ERROR_INVALID_DATA without static-EID support). */
    public static final int OP_RESET_STATIC = 0b10;
    /** Operation: set the Discovered flag. */
    public static final int OP_SET_DISCOVERED = 0b11;

    /** Assignment status: the EID was accepted. */
    public static final int ASSIGNMENT_ACCEPTED = 0b00;
    /** Assignment status: rejected (assigned by another bus owner and the request was not Force). */
    public static final int ASSIGNMENT_REJECTED = 0b01;

    /** Allocation status: the endpoint uses no EID pool. */
    public static final int ALLOCATION_NO_POOL = 0b00;
    /** Allocation status: the endpoint needs an EID pool allocated. */
    public static final int ALLOCATION_POOL_REQUIRED = 0b01;
    /** Allocation status: an EID pool is already allocated. */
    public static final int ALLOCATION_POOL_ALLOCATED = 0b10;

    private SetEndpointId() {
    }

    /**
     * @param rsvd      reserved bits where they sit in byte 3 (mask {@code FCh})
     * @param operation byte 3 bits 1:0, see {@code OP_*}
     * @param eid       the EID to set; 00h and FFh are not assignable
     * @param trailing  bytes after the EID (none in a well-formed request)
     */
    public record Request(ControlHeader header, int rsvd, int operation, int eid, Bytes trailing) {
        public static final int RSVD_MASK = 0xFC;

        public Request {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("rsvd", rsvd, RSVD_MASK);
            ControlHeader.fits("operation", operation, 0x03);
            ControlHeader.fits("eid", eid, 0xFF);
        }

        public static Request of(int instanceId, int operation, int eid) {
            return new Request(ControlHeader.request(COMMAND.code, instanceId), 0, operation, eid, Bytes.EMPTY);
        }

        public Bytes encode() {
            return new LeWriter().bytes(header.encode()).u8(rsvd | operation).u8(eid).bytes(trailing).build();
        }

        /**
         * Besides the header checks: short data, reserved bits, trailing bytes, and EID 00h/FFh
         * with operation Set or Force (a responder answers ERROR_INVALID_DATA).
         */
        public static Decoded<Request> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlRequest> env = Body.request(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            Body b = Body.of(env.get(), Req.MCTP_SET_EID, v).expect(2);
            int rsvd = b.u8(0) & RSVD_MASK;
            int op = b.u8(0) & 0x03;
            int eid = b.u8(1);
            b.reserved("rsvd", 0, rsvd, RSVD_MASK);
            if (b.length() >= 2 && (op == OP_SET || op == OP_FORCE)
                    && (eid == 0x00 || eid == 0xFF)) {
                b.violation("eid", 1, String.format("%02Xh is not an assignable EID", eid));
            }
            Bytes trailing = b.trailing(2, "the EID");
            return Decoded.of(new Request(env.get().header(), rsvd, op, eid, trailing), v, message);
        }
    }

    /**
     * Fields after the completion code are 0 when the completion code is not Success; then
     * {@code trailing} holds whatever followed the completion code (ignored, not a violation).
     *
     * @param rsvd             reserved bits where they sit in byte 4 (mask {@code CCh})
     * @param assignmentStatus byte 4 bits 5:4, see {@code ASSIGNMENT_*}
     * @param allocationStatus byte 4 bits 1:0, see {@code ALLOCATION_*}
     * @param eidSetting       the EID the endpoint now uses
     * @param poolSize         size of the EID pool the endpoint needs (00h: none)
     */
    public record Response(ControlHeader header, int completionCode, int rsvd, int assignmentStatus,
                           int allocationStatus, int eidSetting, int poolSize, Bytes trailing) {
        public static final int RSVD_MASK = 0xCC;

        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("completionCode", completionCode, 0xFF);
            ControlHeader.fits("rsvd", rsvd, RSVD_MASK);
            ControlHeader.fits("assignmentStatus", assignmentStatus, 0x03);
            ControlHeader.fits("allocationStatus", allocationStatus, 0x03);
            ControlHeader.fits("eidSetting", eidSetting, 0xFF);
            ControlHeader.fits("poolSize", poolSize, 0xFF);
        }

        public static Response of(int instanceId, int assignmentStatus, int allocationStatus, int eidSetting,
                                  int poolSize) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), CompletionCode.SUCCESS, 0,
                    assignmentStatus, allocationStatus, eidSetting, poolSize, Bytes.EMPTY);
        }

        public static Response error(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, 0, 0, 0, 0, 0,
                    Bytes.EMPTY);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        /** Byte 4 of the response. */
        public int statusByte() {
            return rsvd | assignmentStatus << 4 | allocationStatus;
        }

        /** With a non-Success completion code only the header, code and {@code trailing} are sent. */
        public Bytes encode() {
            LeWriter w = new LeWriter().bytes(header.encode()).u8(completionCode);
            if (isSuccess()) {
                w.u8(statusByte()).u8(eidSetting).u8(poolSize);
            }
            return w.bytes(trailing).build();
        }

        /** Besides the header checks: short data, reserved bits and values, trailing bytes. */
        public static Decoded<Response> decode(Bytes message) {
            List<Violation> v = new ArrayList<>();
            Optional<ControlResponse> env = Body.response(message, COMMAND, v);
            if (env.isEmpty()) {
                return Decoded.rejected(v, message);
            }
            ControlResponse r = env.get();
            if (!r.isSuccess()) {
                return Decoded.of(new Response(r.header(), r.completionCode(), 0, 0, 0, 0, 0, r.data()), v, message);
            }
            Body b = Body.of(r, Req.MCTP_SET_EID, v).expect(3);
            int status = b.u8(0);
            int assignment = status >> 4 & 0x03;
            int allocation = status & 0x03;
            b.reserved("rsvd", 0, status & RSVD_MASK, RSVD_MASK);
            if (assignment > ASSIGNMENT_REJECTED) {
                b.violation("assignmentStatus", 0, "bits 5:4 = " + Integer.toBinaryString(assignment)
                        + "b, a reserved value");
            }
            if (allocation == 0b11) {
                b.violation("allocationStatus", 0, "bits 1:0 = 11b, a reserved value");
            }
            Bytes trailing = b.trailing(3, "the EID pool size");
            return Decoded.of(new Response(r.header(), r.completionCode(), status & RSVD_MASK, assignment,
                    allocation, b.u8(1), b.u8(2), trailing), v, message);
        }
    }
}
