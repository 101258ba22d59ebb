package org.nvmehil.protocol.nvme;

import java.util.Optional;

/**
 * Admin command opcodes (NVMe Base 2.0, Admin Command Set opcode figure). Bits 1:0 of an opcode give
 * its data direction: 00b none, 01b host to controller, 10b controller to host, 11b both.
 */
public enum AdminOpcode {
    DELETE_IO_SQ(0x00),
    CREATE_IO_SQ(0x01),
    GET_LOG_PAGE(0x02),
    DELETE_IO_CQ(0x04),
    CREATE_IO_CQ(0x05),
    IDENTIFY(0x06),
    ABORT(0x08),
    SET_FEATURES(0x09),
    GET_FEATURES(0x0A),
    ASYNC_EVENT_REQUEST(0x0C),
    NAMESPACE_MANAGEMENT(0x0D),
    FIRMWARE_COMMIT(0x10),
    FIRMWARE_IMAGE_DOWNLOAD(0x11),
    DEVICE_SELF_TEST(0x14),
    NAMESPACE_ATTACHMENT(0x15),
    KEEP_ALIVE(0x18),
    DIRECTIVE_SEND(0x19),
    DIRECTIVE_RECEIVE(0x1A),
    VIRTUALIZATION_MANAGEMENT(0x1C),
    NVME_MI_SEND(0x1D),
    NVME_MI_RECEIVE(0x1E),
    CAPACITY_MANAGEMENT(0x20),
    LOCKDOWN(0x24),
    DOORBELL_BUFFER_CONFIG(0x7C),
    FABRICS_COMMANDS(0x7F),
    FORMAT_NVM(0x80),
    SECURITY_SEND(0x81),
    SECURITY_RECEIVE(0x82),
    SANITIZE(0x84),
    GET_LBA_STATUS(0x86);

    public final int code;

    AdminOpcode(int code) {
        this.code = code;
    }

    public static Optional<AdminOpcode> of(int code) {
        for (AdminOpcode o : values()) {
            if (o.code == code) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public static boolean isVendorSpecific(int code) {
        return code >= 0xC0 && code <= 0xFF;
    }

    /** Data direction of an opcode (bits 1:0). */
    public enum Direction {
        NONE, HOST_TO_CONTROLLER, CONTROLLER_TO_HOST, BIDIRECTIONAL
    }

    public static Direction direction(int code) {
        return Direction.values()[code & 3];
    }
}
