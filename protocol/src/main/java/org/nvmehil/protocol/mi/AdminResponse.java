package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.List;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Success response to a tunnelled Admin command (MI 1.2 §6, Figs. 117-118; facts §8.2): MI status
 * (4), reserved (5-7), CQE DW0 (8-11), DW1 (12-15), DW3 (16-19; CID 15:0 must be 0, phase 16, NVMe
 * status 31:17), response data (20 on). The NVMe command's own status travels in DW3 under MI status
 * 00h. Error statuses use the generic 8-byte format: read those with {@link MiResponse}.
 */
public record AdminResponse(MiHeader header, int status, int reserved, long cqeDw0, long cqeDw1, long cqeDw3,
                            Bytes data) {

    public static final int HEADER_SIZE = 20;
    public static final int DW3_OFFSET = 16;

    public AdminResponse {
        if (header == null || data == null) {
            throw new NullPointerException("header/data");
        }
        checkBits("status", status, 8);
        checkBits("reserved", reserved, 24);
        checkBits("cqeDw0", cqeDw0, 32);
        checkBits("cqeDw1", cqeDw1, 32);
        checkBits("cqeDw3", cqeDw3, 32);
    }

    /** MI Success carrying {@code cqe} (its DW2 is not sent) and data. */
    public static AdminResponse of(MiHeader header, Cqe cqe, Bytes data) {
        return new AdminResponse(header, MiStatus.SUCCESS.code, 0, cqe.dw0(), cqe.dw1(), cqe.dw3(), data);
    }

    /** The completion as a {@link Cqe} (SQHD and SQID are not carried and read as 0). */
    public Cqe cqe() {
        return Cqe.of(cqeDw0, cqeDw1, 0, cqeDw3);
    }

    /** Command identifier, DW3 15:0. */
    public int cid() {
        return (int) (cqeDw3 & 0xFFFF);
    }

    /** NVMe status field, DW3 31:17. */
    public int nvmeStatus() {
        return (int) (cqeDw3 >>> 17);
    }

    public int sc() {
        return cqe().sc();
    }

    public int sct() {
        return cqe().sct();
    }

    public boolean dnr() {
        return cqe().dnr();
    }

    public Bytes content() {
        return new LeWriter().bytes(header.encode()).u8(status).u8(reserved).u16(reserved >>> 8).u32(cqeDw0)
                .u32(cqeDw1).u32(cqeDw3).bytes(data).build();
    }

    public MiMessage seal() {
        return MiMessage.seal(content());
    }

    public static Decoded<AdminResponse> decode(Bytes wire) {
        return Findings.fromResponseWire(wire, AdminResponse::decode);
    }

    /** Rejected without violations when the MI status is not Success. */
    public static Decoded<AdminResponse> decode(MiResponse r) {
        return Findings.fromResponse(r, AdminResponse::decode);
    }

    static AdminResponse decode(MiResponse r, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        Bytes d = r.data();
        if (d.length() < HEADER_SIZE - MiResponse.DATA_OFFSET) {
            f.add(Req.MI_RESPONSE_FORMAT, "length", MiResponse.DATA_OFFSET + d.length(), "Admin success response has "
                    + (MiResponse.DATA_OFFSET + d.length()) + " bytes before the MIC, at least 20 expected (CQE DW0, DW1, DW3)");
            return null;
        }
        f.reservedBytes(r.nmrespBytes(), 0, 3, 5, "reserved");
        AdminResponse a = new AdminResponse(r.header(), r.status(), r.nmresp(), d.u32le(0), d.u32le(4), d.u32le(8),
                d.slice(12));
        if (a.cid() != 0) {
            f.add(Req.MI_ADMIN_CQE_CID_ZERO, "cid", DW3_OFFSET, "CQE DW3 CID is " + Findings.hex16(a.cid())
                    + ", expected 0");
        }
        return a;
    }

    /**
     * For a successful controller-to-host command: the response carries DLEN bytes (MI_ADMIN_DATA_SLICE,
     * a SHOULD: DOFST + DLEN may exceed the command's data).
     */
    public List<Violation> checkDataLength(AdminRequest request) {
        Findings f = new Findings();
        if (cqe().isSuccess() && data.length() != request.dlen()) {
            f.add(Req.MI_ADMIN_DATA_SLICE, "data", HEADER_SIZE, "response carries " + data.length()
                    + " data bytes, DLEN asked for " + request.dlen());
        }
        return f.list();
    }
}
