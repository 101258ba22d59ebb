package org.nvmehil.protocol.wire;

import org.nvmehil.protocol.spec.Req;

/**
 * One departure from a requirement, found while decoding device bytes.
 *
 * @param req    the requirement broken
 * @param field  the spec field name (e.g. {@code pec}, {@code byteCount}, {@code nmimt})
 * @param offset byte offset of the field within the decoded unit, or -1 if it has no position
 * @param detail the observed value and what was expected, in plain words
 */
public record Violation(Req req, String field, int offset, String detail) {

    public static Violation at(Req req, String field, int offset, String detail) {
        return new Violation(req, field, offset, detail);
    }

    @Override
    public String toString() {
        return req.cite() + " [" + req.name() + "] " + field + (offset >= 0 ? " @" + offset : "") + ": " + detail;
    }
}
