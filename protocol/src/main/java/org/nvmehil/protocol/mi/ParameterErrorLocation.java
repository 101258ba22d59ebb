package org.nvmehil.protocol.mi;

/**
 * Parameter Error Location of an Invalid Parameter response (MI 1.2 §4.1.2.2, Figs. 28-29): the
 * offset, counted from the message-type byte of the request, of the least significant byte of the
 * bad field (saturating at 65535), and the field's least significant bit within that byte.
 * It fills response bytes 5-7: byte 5 bits 2:0 = bit, bytes 6-7 = byte offset (LE).
 *
 * @param byteOffset 16 bits
 * @param bit        3 bits
 */
public record ParameterErrorLocation(int byteOffset, int bit) {

    public static final int SATURATED = 0xFFFF;

    public ParameterErrorLocation {
        Findings.checkBits("byteOffset", byteOffset, 16);
        Findings.checkBits("bit", bit, 3);
    }

    /** A location, saturating offsets beyond 65535 as MI requires. */
    public static ParameterErrorLocation at(int byteOffset, int bit) {
        return new ParameterErrorLocation(Math.min(byteOffset, SATURATED), bit);
    }

    /** The 24-bit NMRESP value (bytes 5-7). */
    public int nmresp() {
        return byteOffset << 8 | bit;
    }

    /** Reads NMRESP; reserved bits 7:3 of byte 5 are ignored here (the response decoder reports them). */
    public static ParameterErrorLocation fromNmresp(int nmresp) {
        return new ParameterErrorLocation(nmresp >>> 8 & 0xFFFF, nmresp & 7);
    }

    @Override
    public String toString() {
        return "PEL[byte " + byteOffset + " bit " + bit + "]";
    }
}
