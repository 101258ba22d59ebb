package org.nvmehil.protocol.mctp;

import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Golden frames from shared/reference/nvme-mi-protocol-facts.md §11, verbatim, and a helper that
 * takes the MCTP packet out of an SMBus frame. The helper checks the frame's byte count and PEC
 * first, so a transcription slip fails loudly instead of producing a wrong vector.
 */
public final class FactsVectors {
    /** §11 V7: Get EID request, host 10h to ME 1Dh, null EIDs, tag 0. */
    public static final String V7_GET_EID_REQ_FRAME = "3A 0F 08 21 01 00 00 C8 00 80 02 4F";
    /** §11 V7: the response, ME EID 09h, static simple endpoint. */
    public static final String V7_GET_EID_RSP_FRAME = "20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC";
    /** §11 V7: the same Get EID over serial (dest 09h, src 08h): 7E, rev, count, packet, FCS, 7E. */
    public static final String V7_GET_EID_SERIAL_FRAME = "7E 01 07 01 09 08 C8 00 80 02 0E B2 7E";
    /** §11 V8: Get Message Type Support request, host EID 08h to ME EID 09h, tag 1, IID 1. */
    public static final String V8_GET_TYPES_REQ_FRAME = "3A 0F 08 21 01 09 08 C9 00 81 05 26";
    /** §11 V8: DSP0236 form of the response, count 1: 04h. */
    public static final String V8_GET_TYPES_RSP_DSP0236_FRAME = "20 0F 0B 3B 01 08 09 C1 00 01 05 00 01 04 7C";
    /** §11 V8: libmctp/mctpd form of the response, count 2: 00h 04h. */
    public static final String V8_GET_TYPES_RSP_LIBMCTP_FRAME = "20 0F 0C 3B 01 08 09 C1 00 01 05 00 02 00 04 63";
    /** §11 V6: NVMe-MI Appendix example 7 request (flags byte 8Bh). */
    public static final String V6_SET_MTU_REQ_FRAME =
            "3A 0F 19 21 | 01 00 00 8B | 84 08 00 00 03 00 00 00 03 00 00 00 FA 00 00 00 | D2 88 B4 01 | 0C";

    private FactsVectors() {
    }

    /** The MCTP packet inside an SMBus frame (bytes 4 to the one before the PEC), after checking count and PEC. */
    public static Bytes smbusPacket(String frameHex) {
        Bytes f = Bytes.hex(frameHex);
        int pec = f.u8(f.length() - 1);
        int expected = Crc.smbusPec(f.slice(0, f.length() - 1));
        if (pec != expected || f.u8(2) != f.length() - 4) {
            throw new IllegalStateException("vector transcription error: " + f);
        }
        return f.slice(4, f.length() - 1);
    }

    /** The MCTP packet inside a serial frame without escapes (bytes 3 to the one before the FCS). */
    public static Bytes serialPacket(String frameHex) {
        Bytes f = Bytes.hex(frameHex);
        Bytes covered = f.slice(1, f.length() - 3);
        if (Crc.fcs16(covered) != f.u16be(f.length() - 3) || f.u8(2) != f.length() - 6) {
            throw new IllegalStateException("vector transcription error: " + f);
        }
        return f.slice(3, f.length() - 3);
    }

    /** The message (payload) of the MCTP packet inside an SMBus frame. */
    public static Bytes smbusMessage(String frameHex) {
        return smbusPacket(frameHex).slice(4);
    }
}
