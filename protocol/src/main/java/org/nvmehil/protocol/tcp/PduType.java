package org.nvmehil.protocol.tcp;

import java.util.Optional;

/**
 * The defined PDU types (NVMe/TCP 1.0 Fig. 10) with their fixed header length (HLEN, Figs. 20-28), the FLAGS
 * bits each defines, and the direction bit. Codes 08h and 0Ah-FFh are reserved.
 */
public enum PduType {
    IC_REQ(0x00, 128, 0),
    IC_RESP(0x01, 128, 0),
    H2C_TERM_REQ(0x02, 24, 0),
    C2H_TERM_REQ(0x03, 24, 0),
    CAPSULE_CMD(0x04, 72, CommonHeader.HDGSTF | CommonHeader.DDGSTF),
    CAPSULE_RESP(0x05, 24, CommonHeader.HDGSTF),
    H2C_DATA(0x06, 24, CommonHeader.HDGSTF | CommonHeader.DDGSTF | CommonHeader.LAST_PDU),
    C2H_DATA(0x07, 24, CommonHeader.HDGSTF | CommonHeader.DDGSTF | CommonHeader.LAST_PDU | CommonHeader.SUCCESS),
    R2T(0x09, 24, CommonHeader.HDGSTF);

    /** Largest TermReq PLEN: 24-byte header plus at most 128 bytes of copied header (Figs. 22-23). */
    public static final int TERM_REQ_MAX_PLEN = 152;
    /** Most bytes of the offending PDU header a TermReq carries. */
    public static final int TERM_REQ_MAX_DATA = 128;

    public final int code;
    /** Fixed HLEN: common header plus PDU specific header, without HDGST. */
    public final int hlen;
    /** FLAGS bits this type defines; all others are reserved. */
    public final int definedFlags;

    PduType(int code, int hlen, int definedFlags) {
        this.code = code;
        this.hlen = hlen;
        this.definedFlags = definedFlags;
    }

    public static Optional<PduType> of(int code) {
        for (PduType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public Direction direction() {
        return Direction.ofType(code);
    }

    /** Carries HDGST when header digests are on (everything but ICReq/ICResp and the TermReqs). */
    public boolean headerDigest() {
        return (definedFlags & CommonHeader.HDGSTF) != 0;
    }

    /** Carries DDGST when data digests are on (CapsuleCmd only with in-capsule data). */
    public boolean dataDigest() {
        return (definedFlags & CommonHeader.DDGSTF) != 0;
    }

    /** H2CData or C2HData. */
    public boolean isData() {
        return this == H2C_DATA || this == C2H_DATA;
    }

    public boolean isTermReq() {
        return this == H2C_TERM_REQ || this == C2H_TERM_REQ;
    }

    /** The spec's name, e.g. {@code CapsuleCmd}. */
    public String specName() {
        return switch (this) {
            case IC_REQ -> "ICReq";
            case IC_RESP -> "ICResp";
            case H2C_TERM_REQ -> "H2CTermReq";
            case C2H_TERM_REQ -> "C2HTermReq";
            case CAPSULE_CMD -> "CapsuleCmd";
            case CAPSULE_RESP -> "CapsuleResp";
            case H2C_DATA -> "H2CData";
            case C2H_DATA -> "C2HData";
            case R2T -> "R2T";
        };
    }
}
