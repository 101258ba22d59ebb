package org.nvmehil.protocol.mctp;

/**
 * MCTP message types: bits 6:0 of the first message byte, with the IC flag in bit 7 (DSP0236
 * message type byte; numbers from the DMTF message-type registry, DSP0239).
 */
public final class MessageType {
    public static final int CONTROL = 0x00;
    public static final int PLDM = 0x01;
    public static final int NCSI = 0x02;
    public static final int ETHERNET = 0x03;
    public static final int NVME_MI = 0x04;
    public static final int SPDM = 0x05;
    public static final int SECURED = 0x06;
    public static final int VENDOR_PCI = 0x7E;
    public static final int VENDOR_IANA = 0x7F;

    /** The IC (integrity check) flag in the message-type byte. */
    public static final int IC = 0x80;

    private MessageType() {
    }

    /** The type byte for {@code type} with IC set or clear, e.g. {@code typeByte(true, NVME_MI) == 84h}. */
    public static int typeByte(boolean ic, int type) {
        return (ic ? IC : 0) | type & 0x7F;
    }
}
