package org.nvmehil.model.fault;

import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.wire.Bytes;

/**
 * What a {@link Match} is tested against: the request an exchange answers. Fields the request does not
 * carry (or that could not be read, e.g. on a middle packet) are {@value #UNKNOWN} and match only rules
 * that leave them open.
 *
 * @param messageType MCTP message type (bits 6:0 of the type byte)
 * @param nmimt       NVMe-MI message type (NMP bits 6:3), NVMe-MI requests only
 * @param opcode      MCTP control command code (byte 2), or for NMIMT 0/1/2 the opcode in byte 4
 */
public record RequestKey(int messageType, int nmimt, int opcode) implements FaultKey {

    public static final int UNKNOWN = -1;
    /** Nothing known (a packet without SOM, a frame too short to hold a packet). */
    public static final RequestKey NONE = new RequestKey(UNKNOWN, UNKNOWN, UNKNOWN);

    /**
     * The key of the message an MCTP packet (transport header first) starts: from its payload when SOM is set,
     * {@link #NONE} for a middle or last packet or bytes that are no packet.
     */
    public static RequestKey ofPacket(Bytes packet) {
        return MctpPacket.decode(packet).value().filter(MctpPacket::som).map(p -> of(p.payload())).orElse(NONE);
    }

    /** Reads the key from a message (or a SOM packet's payload), starting at the message-type byte. */
    public static RequestKey of(Bytes message) {
        if (message.isEmpty()) {
            return NONE;
        }
        int type = message.u8(0) & 0x7F;
        if (type == MessageType.CONTROL) {
            return new RequestKey(type, UNKNOWN, message.length() > 2 ? message.u8(2) : UNKNOWN);
        }
        if (type == MessageType.NVME_MI) {
            int nmimt = message.length() > 1 ? message.u8(1) >> 3 & 0x0F : UNKNOWN;
            // Control primitive, MI command and Admin command all carry their opcode in byte 4.
            int opcode = nmimt >= 0 && nmimt <= 2 && message.length() > 4 ? message.u8(4) : UNKNOWN;
            return new RequestKey(type, nmimt, opcode);
        }
        return new RequestKey(type, UNKNOWN, UNKNOWN);
    }

    @Override
    public boolean matches(Match m) {
        return m.matches(messageType, nmimt, opcode);
    }
}
