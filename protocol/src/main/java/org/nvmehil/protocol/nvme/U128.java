package org.nvmehil.protocol.nvme;

import java.math.BigInteger;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/** 128-bit little-endian unsigned counters (SMART data units, capacities). */
final class U128 {
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private U128() {
    }

    static BigInteger read(Bytes b, int at) {
        byte[] be = new byte[17];
        for (int i = 0; i < 16; i++) {
            be[16 - i] = (byte) b.u8(at + i);
        }
        return new BigInteger(be);
    }

    static void write(LeWriter w, BigInteger v) {
        byte[] be = v.toByteArray();
        for (int i = 0; i < 16; i++) {
            int j = be.length - 1 - i;
            w.u8(j >= 0 ? be[j] : 0);
        }
    }

    static void check(String name, BigInteger v) {
        if (v == null || v.signum() < 0 || v.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " = " + v + " does not fit 128 bits");
        }
    }
}
