package org.nvmehil.protocol.mi;

import java.util.Optional;

/**
 * NVMe-MI command set opcodes (NMIMT 1; MI 1.2 §5, Fig. 57). 0Dh-BFh are reserved, C0h-FFh vendor
 * specific.
 */
public enum MiOpcode {
    READ_DATA_STRUCTURE(0x00, false),
    SUBSYSTEM_HEALTH_STATUS_POLL(0x01, false),
    CONTROLLER_HEALTH_STATUS_POLL(0x02, false),
    CONFIGURATION_SET(0x03, false),
    CONFIGURATION_GET(0x04, false),
    VPD_READ(0x05, false),
    VPD_WRITE(0x06, true),
    RESET(0x07, false),
    SES_RECEIVE(0x08, false),
    SES_SEND(0x09, true),
    MEB_READ(0x0A, false),
    MEB_WRITE(0x0B, true),
    SHUTDOWN(0x0C, false);

    public final int code;
    /** The command carries request data after NMD1 (MI 1.2: VPD Write, SES Send, MEB Write). */
    public final boolean takesRequestData;

    MiOpcode(int code, boolean takesRequestData) {
        this.code = code;
        this.takesRequestData = takesRequestData;
    }

    public static Optional<MiOpcode> of(int code) {
        for (MiOpcode o : values()) {
            if (o.code == code) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public static boolean isReserved(int code) {
        return code >= 0x0D && code <= 0xBF;
    }

    public static boolean isVendorSpecific(int code) {
        return code >= 0xC0 && code <= 0xFF;
    }
}
