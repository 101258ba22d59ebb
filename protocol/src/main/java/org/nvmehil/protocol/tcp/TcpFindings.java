package org.nvmehil.protocol.tcp;

import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** Violations found while decoding a PDU; offsets count from the first byte of the PDU. */
final class TcpFindings extends org.nvmehil.protocol.wire.Findings {

    /** Reports bytes {@code [from, to)} of {@code b} that are not zero, once for the whole range (at the lowest one). */
    TcpFindings reservedRange(Req req, Bytes b, int from, int to, String field) {
        int first = -1;
        int count = 0;
        for (int i = from; i < Math.min(to, b.length()); i++) {
            if (b.u8(i) != 0) {
                first = first < 0 ? i : first;
                count++;
            }
        }
        if (first >= 0) {
            add(req, field, first, "reserved bytes " + from + "-" + (to - 1) + " must be 00h: byte " + first + " is "
                    + hex8(b.u8(first)) + (count > 1 ? " (" + count + " non-zero bytes)" : ""));
        }
        return this;
    }

    static String hex16(long v) {
        return String.format("%04Xh", v & 0xFFFF);
    }

    static String hex32(long v) {
        return String.format("%08Xh", v & 0xFFFF_FFFFL);
    }
}
