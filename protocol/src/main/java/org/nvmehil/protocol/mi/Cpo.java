package org.nvmehil.protocol.mi;

import java.util.Optional;

/** Control primitive opcodes (MI 1.2 §4.2.1). 05h-EFh reserved, F0h-FFh vendor specific. */
public enum Cpo {
    PAUSE(0x00),
    RESUME(0x01),
    ABORT(0x02),
    GET_STATE(0x03),
    REPLAY(0x04);

    public final int code;

    Cpo(int code) {
        this.code = code;
    }

    public static Optional<Cpo> of(int code) {
        for (Cpo c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static boolean isReserved(int code) {
        return code >= 0x05 && code <= 0xEF;
    }
}
