package org.nvmehil.protocol.fabrics;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.Violation;

/**
 * The discovery log page, LID 70h (facts §9.2): a {@link DiscoveryLogHeader} and up to NUMREC
 * {@link DiscoveryLogEntry entries}. A host may read only part of the page; {@link #isComplete()} tells whether
 * every entry NUMREC announces was in the bytes decoded.
 */
public record DiscoveryLog(DiscoveryLogHeader header, List<DiscoveryLogEntry> entries) {

    public static final int LID = 0x70;

    public DiscoveryLog {
        entries = List.copyOf(entries);
    }

    /** NUMREC = the number of entries. */
    public static DiscoveryLog of(long genctr, List<DiscoveryLogEntry> entries) {
        return new DiscoveryLog(new DiscoveryLogHeader(genctr, entries.size(), 0), entries);
    }

    public boolean isComplete() {
        return entries.size() == header.numrec();
    }

    /** Size in bytes of the whole page. */
    public int size() {
        return DiscoveryLogHeader.SIZE + entries.size() * DiscoveryLogEntry.SIZE;
    }

    public Bytes encode() {
        Bytes b = header.encode();
        for (DiscoveryLogEntry e : entries) {
            b = b.concat(e.encode());
        }
        return b;
    }

    /**
     * Decodes the first bytes of the page (at least the 18 header bytes that carry fields; fewer is rejected).
     * Reports RECFMT other than 0 and non-zero bytes in whole entry slots after NUMREC
     * (NVMEOF_DISCOVERY_LOG_CONSISTENT), reserved header bytes (NVMEOF_RESERVED_ZERO), and every entry's
     * violations at its page offset. A trailing partial entry is not decoded.
     */
    public static Decoded<DiscoveryLog> decode(Bytes page) {
        FabricsFindings f = new FabricsFindings();
        if (page.length() < 18) {
            f.add(Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, "length", page.length(), "discovery log is " + page.length()
                    + " bytes, shorter than its header fields (18)");
            return f.rejected(page);
        }
        LeReader r = new LeReader(page);
        DiscoveryLogHeader h = new DiscoveryLogHeader(r.u64(), r.u64(), r.u16());
        if (h.recfmt() != 0) {
            f.add(Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, "recfmt", 16, "RECFMT is " + h.recfmt() + ", expected 0");
        }
        f.reservedRange(Req.NVMEOF_RESERVED_ZERO, page, 18, DiscoveryLogHeader.SIZE, "reserved");
        List<DiscoveryLogEntry> entries = new ArrayList<>();
        int slots = Math.max(0, (page.length() - DiscoveryLogHeader.SIZE) / DiscoveryLogEntry.SIZE);
        for (int i = 0; i < slots; i++) {
            int at = DiscoveryLogHeader.SIZE + i * DiscoveryLogEntry.SIZE;
            Bytes slot = page.slice(at, at + DiscoveryLogEntry.SIZE);
            if (Long.compareUnsigned(i, h.numrec()) < 0) {
                Decoded<DiscoveryLogEntry> d = DiscoveryLogEntry.decode(slot, at);
                f.addAll(d.violations());
                d.value().ifPresent(entries::add);
            } else {
                for (int k = at; k < at + DiscoveryLogEntry.SIZE; k++) {
                    if (page.u8(k) != 0) {
                        f.add(Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, "entries", k, "entry slot " + i + " lies beyond NUMREC "
                                + h.numrec() + " but holds data (byte " + k + " is " + FabricsFindings.hex8(page.u8(k)) + ")");
                        break;
                    }
                }
            }
        }
        return f.result(new DiscoveryLog(h, entries), page);
    }

    /**
     * Compares this log with the header read again after it (the host's GENCTR re-read): with the same GENCTR the
     * NUMREC must not have changed (NVMEOF_DISCOVERY_LOG_CONSISTENT). A changed GENCTR means read again, not a
     * violation.
     */
    public List<Violation> checkReread(DiscoveryLogHeader after) {
        FabricsFindings f = new FabricsFindings();
        if (after.genctr() == header.genctr() && after.numrec() != header.numrec()) {
            f.add(Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, "numrec", 8, "NUMREC changed from " + header.numrec() + " to "
                    + after.numrec() + " while GENCTR stayed " + header.genctr());
        }
        return f.list();
    }

    /**
     * Get Log Page for the discovery log (admin opcode 02h, PSDT 01b, Transport SGL of {@code length} bytes): CDW10
     * LID 70h and NUMDL, CDW11 NUMDU, CDW12/13 the byte offset. {@code length} is a positive multiple of 4.
     */
    public static Sqe getLogPage(int cid, long offset, int length) {
        if (length <= 0 || length % 4 != 0) {
            throw new IllegalArgumentException("length " + length + " is not a positive multiple of 4");
        }
        long numd = length / 4 - 1;
        Sqe s = new Sqe(AdminOpcode.GET_LOG_PAGE.code, 0, 1, cid, 0, 0, 0, 0, 0, 0, LID | (numd & 0xFFFF) << 16,
                numd >>> 16, offset & 0xFFFF_FFFFL, offset >>> 32, 0, 0);
        return SglDescriptor.transport(length).applyTo(s);
    }
}
