package org.nvmehil.protocol.mi;

import java.util.Optional;

/**
 * Response status values of NVMe-MI command messages (MI 1.2 §4.1.2, Fig. 26). Responses keep the
 * raw code; {@link #of} maps it when it is defined and {@link #describe} names any code.
 */
public enum MiStatus {
    SUCCESS(0x00, "Success"),
    MORE_PROCESSING_REQUIRED(0x01, "More Processing Required"),
    INTERNAL_ERROR(0x02, "Internal Error"),
    INVALID_COMMAND_OPCODE(0x03, "Invalid Command Opcode"),
    INVALID_PARAMETER(0x04, "Invalid Parameter"),
    INVALID_COMMAND_SIZE(0x05, "Invalid Command Size"),
    INVALID_COMMAND_INPUT_DATA_SIZE(0x06, "Invalid Command Input Data Size"),
    ACCESS_DENIED(0x07, "Access Denied"),
    /** NVMe-MI 2.x only; reserved in MI 1.2. */
    UNABLE_TO_ABORT(0x08, "Unable to Abort (MI 2.x)"),
    VPD_UPDATES_EXCEEDED(0x20, "VPD Updates Exceeded"),
    PCIE_INACCESSIBLE(0x21, "PCIe Inaccessible"),
    MEB_CLEARED_BY_SANITIZE(0x22, "Management Endpoint Buffer Cleared Due to Sanitize"),
    ENC_SERVICES_FAILURE(0x23, "Enclosure Services Failure"),
    ENC_SERVICES_TRANSFER_FAILURE(0x24, "Enclosure Services Transfer Failure"),
    ENC_FAILURE(0x25, "Enclosure Failure"),
    ENC_SERVICES_TRANSFER_REFUSED(0x26, "Enclosure Services Transfer Refused"),
    ENC_UNSUPPORTED_FUNCTION(0x27, "Unsupported Enclosure Function"),
    ENC_SERVICES_UNAVAILABLE(0x28, "Enclosure Services Unavailable"),
    ENC_DEGRADED(0x29, "Enclosure Degraded"),
    SANITIZE_IN_PROGRESS(0x2A, "Sanitize In Progress");

    public final int code;
    public final String title;

    MiStatus(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public static Optional<MiStatus> of(int code) {
        for (MiStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True for codes MI 1.2 leaves reserved (08h-1Fh, 2Bh-DFh). */
    public static boolean isReservedInMi12(int code) {
        return code >= 0x08 && code <= 0x1F || code >= 0x2B && code <= 0xDF;
    }

    public static boolean isVendorSpecific(int code) {
        return code >= 0xE0 && code <= 0xFF;
    }

    /** A name for any status byte, e.g. {@code 04h Invalid Parameter} or {@code 30h reserved}. */
    public static String describe(int code) {
        String name = of(code).map(s -> s.title)
                .orElse(isVendorSpecific(code) ? "vendor specific" : "reserved");
        return Findings.hex8(code) + " " + name;
    }
}
