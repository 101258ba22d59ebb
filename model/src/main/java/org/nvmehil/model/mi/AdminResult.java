package org.nvmehil.model.mi;

import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.wire.Bytes;

/**
 * What a tunnelled Admin command produced before MI slices it: the completion, and {@code length} bytes
 * of command data whose first {@code content.length()} bytes are {@code content} and the rest zero
 * (a log read past its end). Length 0 means no data.
 */
record AdminResult(Cqe cqe, Bytes content, long length) {

    // NVMe Base 2.0 status codes the model uses
    static final int SC_INVALID_LOG_PAGE = 0x09;
    static final int SC_FEATURE_NOT_SAVEABLE = 0x0D;

    static AdminResult ok(long dw0) {
        return new AdminResult(Cqe.success(dw0), Bytes.EMPTY, 0);
    }

    static AdminResult data(Bytes d) {
        return new AdminResult(Cqe.success(0), d, d.length());
    }

    static AdminResult data(Bytes d, long length) {
        return new AdminResult(Cqe.success(0), d, length);
    }

    /** A failed command: status type and code, DNR set, no data. */
    static AdminResult status(int sct, int sc) {
        return new AdminResult(Cqe.error(sct, sc), Bytes.EMPTY, 0);
    }

    static AdminResult invalidField() {
        return status(Cqe.SCT_GENERIC, Cqe.SC_INVALID_FIELD);
    }

    static AdminResult invalidNamespace() {
        return status(Cqe.SCT_GENERIC, Cqe.SC_INVALID_NAMESPACE);
    }

    /** Bytes {@code [from, from + n)} of the command data (zeros past {@code content}). */
    Bytes slice(long from, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            long at = from + i;
            if (at < content.length()) {
                out[i] = (byte) content.u8((int) at);
            }
        }
        return Bytes.of(out);
    }
}
