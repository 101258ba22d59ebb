package org.nvmehil.model.tcp;

import org.nvmehil.protocol.fabrics.FabricsStatus;
import org.nvmehil.protocol.nvme.Cqe;

/**
 * A completion status: SCT, SC, More and DNR (Base 2.2 §4.2, Figs. 100-105). Constants name the statuses the
 * target uses.
 */
record Status(int sct, int sc, boolean more, boolean dnr) {

    static final Status SUCCESS = new Status(0, 0, false, false);
    static final Status INVALID_OPCODE = generic(0x01);
    static final Status INVALID_FIELD = generic(0x02);
    static final Status CID_CONFLICT = generic(0x03);
    static final Status INTERNAL_ERROR = generic(0x06);
    static final Status INVALID_NAMESPACE = generic(0x0B);
    static final Status COMMAND_SEQUENCE_ERROR = generic(0x0C);
    static final Status DATA_SGL_LENGTH_INVALID = generic(0x0F);
    static final Status SGL_DESCRIPTOR_TYPE_INVALID = generic(0x11);
    static final Status SGL_OFFSET_INVALID = generic(0x16);
    static final Status KEEP_ALIVE_TIMEOUT_INVALID = generic(0x1A);
    /** Non-fatal transport error (NVMe/TCP 1.0 §3.5.1): a retry is expected to work, so no DNR. */
    static final Status TRANSIENT_TRANSPORT_ERROR = new Status(0, 0x22, false, false);
    static final Status LBA_OUT_OF_RANGE = generic(0x80);
    static final Status CAPACITY_EXCEEDED = generic(0x81);
    static final Status AER_LIMIT_EXCEEDED = specific(0x05);
    static final Status INVALID_LOG_PAGE = specific(0x09);
    static final Status FEATURE_NOT_SAVEABLE = specific(0x0D);
    static final Status INCOMPATIBLE_FORMAT = specific(FabricsStatus.INCOMPATIBLE_FORMAT.sc);
    static final Status CONNECT_INVALID_PARAMETERS = specific(FabricsStatus.CONNECT_INVALID_PARAMETERS.sc);
    static final Status CONNECT_INVALID_HOST = specific(FabricsStatus.CONNECT_INVALID_HOST.sc);
    static final Status INVALID_QUEUE_TYPE = specific(FabricsStatus.INVALID_QUEUE_TYPE.sc);

    /** Generic status type, DNR set. */
    static Status generic(int sc) {
        return new Status(Cqe.SCT_GENERIC, sc, false, true);
    }

    /** Command specific status type, DNR set. */
    static Status specific(int sc) {
        return new Status(Cqe.SCT_COMMAND_SPECIFIC, sc, false, true);
    }

    boolean isSuccess() {
        return sct == 0 && sc == 0;
    }

    @Override
    public String toString() {
        return String.format("SCT %d SC %02Xh%s%s", sct, sc, dnr ? " DNR" : "", more ? " M" : "");
    }
}
