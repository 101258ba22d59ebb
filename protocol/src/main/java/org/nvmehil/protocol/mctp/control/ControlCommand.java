package org.nvmehil.protocol.mctp.control;

import java.util.Optional;

/**
 * MCTP control command codes (DSP0236 §12, command code table). Command codes stay plain
 * {@code int} in messages so that unknown and transport-specific codes (F0h–FFh) are representable;
 * {@link #of(int)} names the known ones.
 */
public enum ControlCommand {
    SET_ENDPOINT_ID(0x01),
    GET_ENDPOINT_ID(0x02),
    GET_ENDPOINT_UUID(0x03),
    GET_MCTP_VERSION_SUPPORT(0x04),
    GET_MESSAGE_TYPE_SUPPORT(0x05),
    GET_VENDOR_DEFINED_MESSAGE_SUPPORT(0x06),
    RESOLVE_ENDPOINT_ID(0x07),
    ALLOCATE_ENDPOINT_IDS(0x08),
    ROUTING_INFORMATION_UPDATE(0x09),
    GET_ROUTING_TABLE_ENTRIES(0x0A),
    PREPARE_FOR_ENDPOINT_DISCOVERY(0x0B),
    ENDPOINT_DISCOVERY(0x0C),
    DISCOVERY_NOTIFY(0x0D),
    GET_NETWORK_ID(0x0E),
    QUERY_HOP(0x0F),
    RESOLVE_UUID(0x10),
    QUERY_RATE_LIMIT(0x11),
    REQUEST_TX_RATE_LIMIT(0x12),
    UPDATE_RATE_LIMIT(0x13),
    QUERY_SUPPORTED_INTERFACES(0x14);

    /** First of the transport-specific command codes (F0h–FFh). */
    public static final int TRANSPORT_SPECIFIC_FIRST = 0xF0;

    public final int code;

    ControlCommand(int code) {
        this.code = code;
    }

    public static Optional<ControlCommand> of(int code) {
        for (ControlCommand c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The command's name, or its code in hex when unknown, e.g. {@code 7Fh}. */
    public static String describe(int code) {
        return of(code).map(Enum::name).orElse(String.format("%02Xh", code));
    }
}
