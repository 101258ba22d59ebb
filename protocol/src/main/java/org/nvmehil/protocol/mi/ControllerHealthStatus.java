package org.nvmehil.protocol.mi;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Controller Health Status Poll response (MI 1.2 §5.3): bytes 5-6 reserved, byte 7 RENT (entries
 * returned), then RENT {@link ControllerHealth} entries of 16 bytes.
 *
 * @param rent    the RENT byte as sent (encoders may disagree with the entry count on purpose)
 * @param entries the entries
 */
public record ControllerHealthStatus(int rent, List<ControllerHealth> entries) {

    public static final int RENT_OFFSET = 7;

    public ControllerHealthStatus {
        Findings.checkBits("rent", rent, 8);
        entries = List.copyOf(entries);
    }

    /** RENT equal to the number of entries. */
    public static ControllerHealthStatus of(List<ControllerHealth> entries) {
        return new ControllerHealthStatus(entries.size(), entries);
    }

    public MiResponse toResponse(MiHeader header) {
        LeWriter w = new LeWriter();
        entries.forEach(e -> w.bytes(e.encode()));
        return MiResponse.success(header, rent << 16, w.build());
    }

    public static Decoded<ControllerHealthStatus> decode(Bytes wire) {
        return Findings.fromResponseWire(wire, ControllerHealthStatus::decode);
    }

    public static Decoded<ControllerHealthStatus> decode(MiResponse r) {
        return Findings.fromResponse(r, ControllerHealthStatus::decode);
    }

    static ControllerHealthStatus decode(MiResponse r, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        f.reservedBytes(r.nmrespBytes(), 0, 2, 5, "nmresp.reserved");
        int rent = r.nmresp() >>> 16;
        Bytes d = r.data();
        if (d.length() != rent * ControllerHealth.SIZE) {
            f.add(Req.MI_CHSP, "rent", RENT_OFFSET, "RENT " + rent + " calls for " + rent * ControllerHealth.SIZE
                    + " data bytes, the response has " + d.length());
        }
        List<ControllerHealth> list = new ArrayList<>();
        for (int i = 0; i + ControllerHealth.SIZE <= d.length(); i += ControllerHealth.SIZE) {
            list.add(ControllerHealth.decode(d, i, MiResponse.DATA_OFFSET, f));
        }
        return new ControllerHealthStatus(rent, list);
    }

    /**
     * Checks the answer against its request: no more than MAXRENT + 1 entries and no controller below
     * SCTLID (MI_CHSP).
     */
    public List<Violation> checkAgainst(MiCommand.ControllerHealthStatusPoll request) {
        Findings f = new Findings();
        if (rent > request.maxEntries()) {
            f.add(Req.MI_CHSP, "rent", RENT_OFFSET, "RENT " + rent + " exceeds MAXRENT+1 = " + request.maxEntries());
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).ctlid() < request.sctlid()) {
                f.add(Req.MI_CHSP, "ctlid", MiResponse.DATA_OFFSET + i * ControllerHealth.SIZE, "entry " + i
                        + " reports controller " + entries.get(i).ctlid() + ", below SCTLID " + request.sctlid());
            }
        }
        return f.list();
    }
}
