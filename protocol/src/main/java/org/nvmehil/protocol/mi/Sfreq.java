package org.nvmehil.protocol.mi;

import java.util.Optional;

/** SMBus/I2C frequency codes (SFREQ, 4 bits; MI 1.2 §5.1-5.2). 4h-Fh are reserved. */
public enum Sfreq {
    NOT_SUPPORTED(0, 0),
    KHZ_100(1, 100_000),
    KHZ_400(2, 400_000),
    MHZ_1(3, 1_000_000);

    public final int code;
    public final int hertz;

    Sfreq(int code, int hertz) {
        this.code = code;
        this.hertz = hertz;
    }

    public static Optional<Sfreq> of(int code) {
        for (Sfreq s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
