package org.nvmehil.protocol.mctp.control;

import java.util.Objects;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Get Endpoint ID, command 02h (DSP0236 §12.4). Data violations cite {@link Req#MCTP_GET_EID}
 * (UNH-IOL 1.1, 1.1.1).
 *
 * <pre>
 * request  no data
 * response byte 4: EID (00h: not assigned yet)
 *          byte 5: rsvd 7:6 | endpoint type 5:4 | rsvd 3:2 | EID type 1:0
 *          byte 6: medium-specific information
 * </pre>
 */
public final class GetEndpointId {

    public static final ControlCommand COMMAND = ControlCommand.GET_ENDPOINT_ID;

    /** Endpoint type: simple endpoint. */
    public static final int ENDPOINT_SIMPLE = 0b00;
    /** Endpoint type: bus owner and/or bridge. */
    public static final int ENDPOINT_BUS_OWNER_BRIDGE = 0b01;

    /** EID type: dynamic EID only. */
    public static final int EID_DYNAMIC = 0b00;
    /** EID type: static EID supported. */
    public static final int EID_STATIC = 0b01;
    /** EID type: static EID present and equal to the current EID. */
    public static final int EID_STATIC_MATCHES = 0b10;
    /** EID type: static EID present but the current EID differs. */
    public static final int EID_STATIC_DIFFERS = 0b11;

    private GetEndpointId() {
    }

    /** A request for instance ID {@code instanceId}; it has no data (libmctp answers 03h to request data). */
    public static NoDataRequest request(int instanceId) {
        return NoDataRequest.of(COMMAND, instanceId);
    }

    /** Decodes a request; besides the header checks it reports request data present. */
    public static Decoded<NoDataRequest> decodeRequest(Bytes message) {
        return NoDataRequest.decode(COMMAND, Req.MCTP_GET_EID, message);
    }

    /**
     * Fields after the completion code are 0 when it is not Success; {@code trailing} then holds
     * what followed the code (ignored).
     *
     * @param rsvd           reserved bits where they sit in byte 5 (mask {@code CCh}); UNH 1.1.1 checks they are 0
     * @param endpointType   byte 5 bits 5:4, see {@code ENDPOINT_*}
     * @param eidType        byte 5 bits 1:0, see {@code EID_*}
     * @param mediumSpecific byte 6 (00h unless the binding defines it)
     */
    public record Response(ControlHeader header, int completionCode, int eid, int rsvd, int endpointType,
                           int eidType, int mediumSpecific, Bytes trailing) {
        public static final int RSVD_MASK = 0xCC;

        public Response {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(trailing, "trailing");
            ControlHeader.fits("completionCode", completionCode, 0xFF);
            ControlHeader.fits("eid", eid, 0xFF);
            ControlHeader.fits("rsvd", rsvd, RSVD_MASK);
            ControlHeader.fits("endpointType", endpointType, 0x03);
            ControlHeader.fits("eidType", eidType, 0x03);
            ControlHeader.fits("mediumSpecific", mediumSpecific, 0xFF);
        }

        public static Response of(int instanceId, int eid, int endpointType, int eidType, int mediumSpecific) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), CompletionCode.SUCCESS, eid, 0,
                    endpointType, eidType, mediumSpecific, Bytes.EMPTY);
        }

        public static Response error(int instanceId, int completionCode) {
            return new Response(ControlHeader.response(COMMAND.code, instanceId), completionCode, 0, 0, 0, 0, 0,
                    Bytes.EMPTY);
        }

        public boolean isSuccess() {
            return completionCode == CompletionCode.SUCCESS;
        }

        /** Byte 5 of the response. */
        public int endpointTypeByte() {
            return rsvd | endpointType << 4 | eidType;
        }

        /** With a non-Success completion code only the header, code and {@code trailing} are sent. */
        public Bytes encode() {
            LeWriter w = new LeWriter().bytes(header.encode()).u8(completionCode);
            if (isSuccess()) {
                w.u8(eid).u8(endpointTypeByte()).u8(mediumSpecific);
            }
            return w.bytes(trailing).build();
        }

        /**
         * Besides the header checks: short data, reserved bits of byte 5, a reserved endpoint type,
         * a broadcast or reserved EID (01h–07h, FFh), trailing bytes.
         */
        public static Decoded<Response> decode(Bytes message) {
            return Body.decodeResponse(message, COMMAND, (r, v) -> {
                if (!r.isSuccess()) {
                    return new Response(r.header(), r.completionCode(), 0, 0, 0, 0, 0, r.data());
                }
                Body b = Body.of(r, Req.MCTP_GET_EID, v).expect(3);
                int eid = b.u8(0);
                int type = b.u8(1);
                if (b.length() >= 1 && (eid == 0xFF || eid != 0 && eid < 0x08)) {
                    b.violation("eid", 0,
                            String.format("%02Xh is %s", eid, eid == 0xFF ? "the broadcast EID" : "reserved"));
                }
                b.reserved("rsvd", 1, type & RSVD_MASK, RSVD_MASK);
                int endpointType = type >> 4 & 0x03;
                if (endpointType > ENDPOINT_BUS_OWNER_BRIDGE) {
                    b.violation("endpointType", 1, "bits 5:4 = " + Integer.toBinaryString(endpointType)
                            + "b, a reserved value");
                }
                Bytes trailing = b.trailing(3, "the medium-specific byte");
                return new Response(r.header(), r.completionCode(), eid, type & RSVD_MASK, endpointType,
                        type & 0x03, b.u8(2), trailing);
            });
        }
    }
}
