package org.nvmehil.protocol.fabrics;

import java.util.Optional;
import org.nvmehil.protocol.nvme.Cqe;

/**
 * Status codes Fabrics and NVMe/TCP suites check (Base 2.2 Figs. 102, 105; facts §11). {@link #code()} is
 * {@code SCT << 8 | SC}, the form Linux prints (Connect Invalid Host = 184h); the CQE status word puts it one bit
 * further left with P, CRD, M and DNR around it.
 */
public enum FabricsStatus {
    SUCCESS(0, 0x00),
    INVALID_COMMAND_OPCODE(0, 0x01),
    INVALID_FIELD(0, 0x02),
    DATA_TRANSFER_ERROR(0, 0x04),
    COMMAND_SEQUENCE_ERROR(0, 0x0C),
    INVALID_NUMBER_OF_SGL_DESCRIPTORS(0, 0x0E),
    SGL_DESCRIPTOR_TYPE_INVALID(0, 0x11),
    SGL_OFFSET_INVALID(0, 0x16),
    KEEP_ALIVE_TIMER_EXPIRED(0, 0x19),
    KEEP_ALIVE_TIMEOUT_INVALID(0, 0x1A),
    /** The status of a command failed by a non-fatal transport error (e.g. a data digest error). */
    TRANSIENT_TRANSPORT_ERROR(0, 0x22),
    INVALID_QUEUE_IDENTIFIER(1, 0x01),
    INVALID_LOG_PAGE(1, 0x09),
    INCOMPATIBLE_FORMAT(1, 0x80),
    CONTROLLER_BUSY(1, 0x81),
    CONNECT_INVALID_PARAMETERS(1, 0x82),
    CONNECT_RESTART_DISCOVERY(1, 0x83),
    CONNECT_INVALID_HOST(1, 0x84),
    INVALID_QUEUE_TYPE(1, 0x85),
    DISCOVER_RESTART(1, 0x90),
    AUTHENTICATION_REQUIRED(1, 0x91);

    public final int sct;
    public final int sc;

    FabricsStatus(int sct, int sc) {
        this.sct = sct;
        this.sc = sc;
    }

    /** {@code SCT << 8 | SC}. */
    public int code() {
        return sct << 8 | sc;
    }

    public boolean matches(Cqe cqe) {
        return cqe.sct() == sct && cqe.sc() == sc;
    }

    public static Optional<FabricsStatus> of(Cqe cqe) {
        for (FabricsStatus s : values()) {
            if (s.matches(cqe)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A completion with this status for {@code cid}, DNR as given, everything else zero. */
    public Cqe cqe(int cid, int sqhd, boolean dnr) {
        return new Cqe(0, 0, sqhd, 0, cid, false, sc, sct, 0, false, dnr);
    }
}
