package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.fabrics.FabricsFindings.hex16;

import java.util.List;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Violation;

/**
 * The Connect response CQE read the Connect way (Base 2.2 §6.3, Figs. 548-549). On success DW0 15:0 is CNTLID and
 * 31:16 AUTHREQ (bit 1 ATR, bit 2 ASCR); SQHD FFFFh means the controller disabled SQ flow control. On Connect
 * Invalid Parameters DW0 15:0 is IPO (byte offset of the bad field) and bits 23:16 IATTR (bit 0 IPS: 0 = offset
 * into the SQE, 1 = into the Connect data).
 */
public record ConnectResponse(Cqe cqe) {

    public static final int SQHD_FLOW_CONTROL_DISABLED = 0xFFFF;
    /** Controller IDs from FFF0h up are never allocated. */
    public static final int CNTLID_FIRST_RESERVED = 0xFFF0;

    public ConnectResponse {
        if (cqe == null) {
            throw new IllegalArgumentException("cqe is required");
        }
    }

    public static ConnectResponse success(int cid, int cntlid, int sqhd) {
        return new ConnectResponse(new Cqe(cntlid, 0, sqhd, 0, cid, false, 0, 0, 0, false, false));
    }

    /** Connect Invalid Parameters with DNR set: {@code ips} true when {@code ipo} counts into the Connect data. */
    public static ConnectResponse invalidParameters(int cid, int sqhd, boolean ips, int ipo) {
        return new ConnectResponse(new Cqe((ips ? 1L << 16 : 0) | ipo, 0, sqhd, 0, cid, false,
                FabricsStatus.CONNECT_INVALID_PARAMETERS.sc, 1, 0, false, true));
    }

    public boolean isSuccess() {
        return cqe.isSuccess();
    }

    public int cntlid() {
        return (int) (cqe.dw0() & 0xFFFF);
    }

    public int authreq() {
        return (int) (cqe.dw0() >>> 16 & 0xFFFF);
    }

    /** Authentication transaction required. */
    public boolean atr() {
        return (authreq() & 2) != 0;
    }

    /** Authentication and secure channel required. */
    public boolean ascr() {
        return (authreq() & 4) != 0;
    }

    /** Invalid parameter offset (valid with Connect Invalid Parameters). */
    public int ipo() {
        return (int) (cqe.dw0() & 0xFFFF);
    }

    public int iattr() {
        return (int) (cqe.dw0() >>> 16 & 0xFF);
    }

    /** IPO counts from the start of the Connect data (true) or of the SQE (false). */
    public boolean ips() {
        return (iattr() & 1) != 0;
    }

    public boolean sqFlowControlDisabled() {
        return cqe.sqhd() == SQHD_FLOW_CONTROL_DISABLED;
    }

    /**
     * Checks the response against its request: a success allocates a CNTLID below FFF0h, the requested one when a
     * specific controller was asked for (NVMEOF_CONNECT_CNTLID_ALLOCATED), and has SQHD FFFFh only if DISSQFC was
     * asked for (NVMEOF_CONNECT_SQHD_FFFF); a failure is never Invalid Field in Command
     * (NVMEOF_CONNECT_NO_INVALID_FIELD). Offsets are CQE byte offsets.
     */
    public List<Violation> check(Connect request, ConnectData data) {
        FabricsFindings f = new FabricsFindings();
        if (isSuccess()) {
            if (cntlid() >= CNTLID_FIRST_RESERVED) {
                f.add(Req.NVMEOF_CONNECT_CNTLID_ALLOCATED, "cntlid", 0, "allocated CNTLID " + hex16(cntlid())
                        + " is in the reserved range FFF0h-FFFFh");
            } else if (data.cntlid() < ConnectData.CNTLID_STATIC_ANY && cntlid() != data.cntlid()) {
                f.add(Req.NVMEOF_CONNECT_CNTLID_ALLOCATED, "cntlid", 0, "CNTLID " + hex16(cntlid()) + " differs from the "
                        + "requested " + hex16(data.cntlid()));
            }
            if (sqFlowControlDisabled() && !request.dissqfc()) {
                f.add(Req.NVMEOF_CONNECT_SQHD_FFFF, "sqhd", 8, "SQHD FFFFh (flow control disabled) but the Connect did not"
                        + " set DISSQFC");
            }
        } else if (FabricsStatus.INVALID_FIELD.matches(cqe)) {
            f.add(Req.NVMEOF_CONNECT_NO_INVALID_FIELD, "status", 14, "a failed Connect completed with Invalid Field in Command");
        }
        return f.list();
    }
}
