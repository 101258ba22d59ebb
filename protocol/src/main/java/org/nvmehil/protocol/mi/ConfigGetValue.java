package org.nvmehil.protocol.mi;

import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Values returned by Configuration Get (MI 1.2 §5.1) in NMRESP: SMBus/I2C Frequency in byte 5 bits
 * 3:0 (rest reserved); MCTP Transmission Unit Size in bytes 5-6 (byte 7 reserved); Health Status
 * Change returns nothing. No response data follows.
 */
public final class ConfigGetValue {
    /** Baseline MCTP transmission unit, and the MTUS after reset. */
    public static final int BASELINE_MTUS = 64;

    private ConfigGetValue() {
    }

    public static MiResponse sfreqResponse(MiHeader header, int sfreq) {
        Findings.checkBits("sfreq", sfreq, 4);
        return MiResponse.success(header, sfreq, Bytes.EMPTY);
    }

    public static MiResponse mtusResponse(MiHeader header, int mtus) {
        Findings.checkBits("mtus", mtus, 16);
        return MiResponse.success(header, mtus, Bytes.EMPTY);
    }

    public static Decoded<Integer> decodeSfreq(Bytes wire) {
        return Findings.fromResponseWire(wire, ConfigGetValue::sfreq);
    }

    /** SFREQ of a success response; reports set reserved bits and reserved codes (4h-Fh). */
    public static Decoded<Integer> decodeSfreq(MiResponse r) {
        return Findings.fromResponse(r, ConfigGetValue::sfreq);
    }

    public static Decoded<Integer> decodeMtus(Bytes wire) {
        return Findings.fromResponseWire(wire, ConfigGetValue::mtus);
    }

    public static Decoded<Integer> decodeMtus(MiResponse r) {
        return Findings.fromResponse(r, ConfigGetValue::mtus);
    }

    private static Integer sfreq(MiResponse r, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        Bytes n = r.nmrespBytes();
        f.reservedBits(n.u8(0), 0xF0, 5, "sfreq.reserved");
        f.reservedBytes(n, 1, 3, 5, "reserved");
        noData(r, f);
        int v = n.u8(0) & 0xF;
        if (Sfreq.of(v).isEmpty()) {
            f.add(Req.MI_CONFIG_SMBUS_FREQUENCY, "sfreq", 5, "SFREQ " + v + " is a reserved code");
        }
        return v;
    }

    private static Integer mtus(MiResponse r, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        f.reservedBytes(r.nmrespBytes(), 2, 3, 5, "reserved");
        noData(r, f);
        int v = r.nmresp() & 0xFFFF;
        if (v < BASELINE_MTUS) {
            f.add(Req.MI_CONFIG_MTU, "mtus", 5, "MTUS " + v + " is below the 64-byte baseline");
        }
        return v;
    }

    private static void noData(MiResponse r, Findings f) {
        if (!r.data().isEmpty()) {
            f.add(Req.MI_RESPONSE_FORMAT, "data", MiResponse.DATA_OFFSET,
                    "Configuration Get returns its value in NMRESP; " + r.data().length() + " data bytes follow");
        }
    }

    /**
     * Data of a VPD Read or MEB Read response: NMRESP reserved, exactly {@code dlen} bytes expected;
     * {@code req} is cited for a length mismatch ({@link Req#MI_VPD_READ} or {@link Req#MI_MEB_BOUNDS}).
     */
    public static Decoded<Bytes> decodeReadData(MiResponse r, int dlen, Req req) {
        return Findings.fromResponse(r, (x, f) -> {
            if (!x.isSuccess()) {
                return null;
            }
            f.reservedBytes(x.nmrespBytes(), 0, 3, 5, "nmresp");
            if (x.data().length() != dlen) {
                f.add(req, "data", MiResponse.DATA_OFFSET,
                        "read returned " + x.data().length() + " bytes, DLEN asked for " + dlen);
            }
            return x.data();
        });
    }
}
