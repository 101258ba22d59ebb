package org.nvmehil.protocol.mi;

import java.util.Optional;

/**
 * NVMe-MI Message Type (NMP byte bits 6:3). MI 1.2 §3.1.1, Fig. 18: 3h and 5h-Fh are reserved in
 * MI 1.2; {@link #AE} (5h) arrives with MI 2.0. Headers keep the raw code so reserved values stay
 * representable.
 */
public enum Nmimt {
    CONTROL_PRIMITIVE(0),
    MI_COMMAND(1),
    ADMIN(2),
    PCIE(4),
    /** Asynchronous Event message, NVMe-MI 2.0 (reserved in 1.2). */
    AE(5);

    public final int code;

    Nmimt(int code) {
        this.code = code;
    }

    public static Optional<Nmimt> of(int code) {
        for (Nmimt t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
