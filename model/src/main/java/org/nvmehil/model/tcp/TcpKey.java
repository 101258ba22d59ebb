package org.nvmehil.model.tcp;

import org.nvmehil.model.fault.FaultKey;
import org.nvmehil.protocol.fault.FaultRule.Match;

/**
 * What a TCP {@link Match} is tested against: the PDU a fault would act on and the command behind it. Unknown
 * fields are {@value #UNKNOWN} and match only rules that leave them open.
 *
 * @param pduType type of the outgoing PDU (01h ICResp, 03h C2HTermReq, 05h CapsuleResp, 07h C2HData, 09h R2T)
 * @param queue   {@link Match#ADMIN_QUEUE} or {@link Match#IO_QUEUE}
 * @param opcode  SQE opcode of the command
 * @param fctype  FCTYPE when the opcode is 7Fh
 */
public record TcpKey(int pduType, int queue, int opcode, int fctype) implements FaultKey {

    public static final int UNKNOWN = -1;

    /** A PDU not tied to a command (ICResp, C2HTermReq). */
    public static TcpKey pdu(int pduType) {
        return new TcpKey(pduType, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    public TcpKey withPduType(int t) {
        return new TcpKey(t, queue, opcode, fctype);
    }

    @Override
    public boolean matches(Match m) {
        return m.matchesTcp(pduType, queue, opcode, fctype);
    }
}
