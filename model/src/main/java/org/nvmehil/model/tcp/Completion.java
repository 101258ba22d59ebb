package org.nvmehil.model.tcp;

import org.nvmehil.protocol.wire.Bytes;

/**
 * How a command ends: its status, CQE DW0/DW1, and the data the controller returns through C2HData (empty for
 * none). {@link #HELD} marks a command that stays outstanding (an Asynchronous Event Request).
 */
record Completion(Status status, long dw0, long dw1, Bytes data) {

    static final Completion HELD = new Completion(Status.SUCCESS, 0, 0, Bytes.EMPTY);

    static Completion ok() {
        return new Completion(Status.SUCCESS, 0, 0, Bytes.EMPTY);
    }

    static Completion ok(long dw0) {
        return new Completion(Status.SUCCESS, dw0 & 0xFFFF_FFFFL, 0, Bytes.EMPTY);
    }

    static Completion value(long v) {
        return new Completion(Status.SUCCESS, v & 0xFFFF_FFFFL, v >>> 32, Bytes.EMPTY);
    }

    static Completion data(Bytes d) {
        return new Completion(Status.SUCCESS, 0, 0, d);
    }

    static Completion error(Status s) {
        return new Completion(s, 0, 0, Bytes.EMPTY);
    }

    /** An error with DW0 set (Connect Invalid Parameters carries IPO/IATTR there). */
    static Completion error(Status s, long dw0) {
        return new Completion(s, dw0 & 0xFFFF_FFFFL, 0, Bytes.EMPTY);
    }
}
