package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The first 1024 bytes of the discovery log page (LID 70h; layout from libnvme, facts §9.2): GENCTR 0-7 (bumped on
 * every change, wraps), NUMREC 8-15, RECFMT 16-17 (0), 18-1023 reserved. Entries follow at 1024 + 1024 x i.
 */
public record DiscoveryLogHeader(long genctr, long numrec, int recfmt) {

    public static final int SIZE = 1024;

    public DiscoveryLogHeader {
        checkBits("recfmt", recfmt, 16);
    }

    public Bytes encode() {
        return new LeWriter().u64(genctr).u64(numrec).u16(recfmt).zeros(SIZE - 18).build();
    }
}
