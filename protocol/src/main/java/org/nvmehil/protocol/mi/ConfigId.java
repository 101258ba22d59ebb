package org.nvmehil.protocol.mi;

import java.util.Optional;

/**
 * Configuration identifiers of Configuration Set/Get (MI 1.2 §5.1-5.2): 00h reserved, 01h-03h
 * defined, 04h-BFh reserved in MI 1.2 (04h is Asynchronous Event in MI 2.0), C0h-FFh vendor specific.
 */
public enum ConfigId {
    SMBUS_FREQUENCY(0x01),
    HEALTH_STATUS_CHANGE(0x02),
    MCTP_TRANSMISSION_UNIT(0x03),
    /** NVMe-MI 2.0; reserved in 1.2. */
    ASYNCHRONOUS_EVENT(0x04);

    public final int code;

    ConfigId(int code) {
        this.code = code;
    }

    public static Optional<ConfigId> of(int code) {
        for (ConfigId c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Reserved under MI 1.2: 00h and 04h-BFh. */
    public static boolean isReservedInMi12(int cid) {
        return cid == 0x00 || cid >= 0x04 && cid <= 0xBF;
    }

    public static boolean isVendorSpecific(int cid) {
        return cid >= 0xC0 && cid <= 0xFF;
    }
}
