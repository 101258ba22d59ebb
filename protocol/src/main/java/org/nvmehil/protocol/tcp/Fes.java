package org.nvmehil.protocol.tcp;

import java.util.Optional;

/**
 * Fatal Error Status of a TermReq (NVMe/TCP 1.0 Figs. 22-23). Code 05h means R2T Limit Exceeded when the host
 * sends it (H2CTermReq) and Data Transfer Limit Exceeded when the controller does (C2HTermReq); 00h and
 * 07h-FFFFh are reserved.
 */
public enum Fes {
    /** FEI: byte offset of the (first) bad header field. */
    INVALID_PDU_HEADER_FIELD(0x01, null),
    PDU_SEQUENCE_ERROR(0x02, null),
    /** FEI: the HDGST value that was received. */
    HEADER_DIGEST_ERROR(0x03, null),
    /** Host: C2HData outside the command buffer; controller: H2CData outside its R2T. */
    DATA_TRANSFER_OUT_OF_RANGE(0x04, null),
    /** Host only: more R2Ts than MAXR2T allows. */
    R2T_LIMIT_EXCEEDED(0x05, Direction.H2C),
    /** Controller only: H2CData longer than MAXH2CDATA. */
    DATA_TRANSFER_LIMIT_EXCEEDED(0x05, Direction.C2H),
    /** FEI: byte offset of the unsupported field. */
    UNSUPPORTED_PARAMETER(0x06, null);

    public final int code;
    /** The TermReq direction this meaning belongs to, or null for both. */
    private final Direction only;

    Fes(int code, Direction only) {
        this.code = code;
        this.only = only;
    }

    /** The meaning of {@code code} in a TermReq travelling {@code d}; empty for reserved codes. */
    public static Optional<Fes> of(int code, Direction d) {
        for (Fes f : values()) {
            if (f.code == code && (f.only == null || f.only == d)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a TermReq travelling {@code d} may carry this value. */
    public boolean validFor(Direction d) {
        return only == null || only == d;
    }
}
