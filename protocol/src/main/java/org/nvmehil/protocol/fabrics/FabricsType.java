package org.nvmehil.protocol.fabrics;

import java.util.Optional;

/**
 * Fabrics command types, FCTYPE at SQE byte 4 of opcode 7Fh (Base 2.2 §6, Fig. 541). Bits 1:0 give the data
 * direction (00b none, 01b host to controller, 10b controller to host); C0h-FFh are vendor specific, the rest
 * reserved.
 */
public enum FabricsType {
    PROPERTY_SET(0x00, false),
    CONNECT(0x01, true),
    PROPERTY_GET(0x04, false),
    AUTHENTICATION_SEND(0x05, true),
    AUTHENTICATION_RECEIVE(0x06, true),
    /** Only on I/O queues; on the admin queue it fails with Invalid Queue Type. */
    DISCONNECT(0x08, true);

    /** The Fabrics opcode. */
    public static final int OPCODE = 0x7F;

    public final int code;
    /** Whether the command may be sent on an I/O queue. */
    public final boolean allowedOnIoQueue;

    FabricsType(int code, boolean allowedOnIoQueue) {
        this.code = code;
        this.allowedOnIoQueue = allowedOnIoQueue;
    }

    public static Optional<FabricsType> of(int code) {
        for (FabricsType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static boolean isVendorSpecific(int code) {
        return code >= 0xC0 && code <= 0xFF;
    }

    /** Neither defined nor vendor specific. */
    public static boolean isReserved(int code) {
        return of(code).isEmpty() && !isVendorSpecific(code);
    }

    /** Data direction bits 1:0: 0 none, 1 host to controller, 2 controller to host. */
    public static int direction(int code) {
        return code & 3;
    }
}
