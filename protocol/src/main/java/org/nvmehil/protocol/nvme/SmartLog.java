package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * SMART / Health Information log page (log identifier 02h, 512 bytes; NVMe Base 2.0). Offsets: CW 0,
 * CTEMP 1-2 (kelvin), AVSP 3, AVSPT 4, PUSED 5, EGCWS 6, then 16-byte counters DUR 32, DUW 48, HRC
 * 64, HWC 80, CBT 96, PWRC 112, POH 128, UPWRC 144, MDIE 160, NEILE 176; WCTT 192, CCTT 196, TSEN1-8
 * 200-215 (kelvin), TMT1TC 216, TMT2TC 220, TTFTMT1 224, TTFTMT2 228; the rest reserved.
 */
public record SmartLog(int cw, int ctemp, int avsp, int avspt, int pused, int egcws, BigInteger dur,
                       BigInteger duw, BigInteger hrc, BigInteger hwc, BigInteger cbt, BigInteger pwrc,
                       BigInteger poh, BigInteger upwrc, BigInteger mdie, BigInteger neile, long wctt, long cctt,
                       List<Integer> tsen, long tmt1tc, long tmt2tc, long ttftmt1, long ttftmt2) {

    public static final int LID = 0x02;
    public static final int SIZE = 512;

    // Critical warning bits.
    public static final int CW_SPARE = 1;
    public static final int CW_TEMPERATURE = 1 << 1;
    public static final int CW_RELIABILITY = 1 << 2;
    public static final int CW_READ_ONLY = 1 << 3;
    public static final int CW_VOLATILE_BACKUP = 1 << 4;
    public static final int CW_PMR_READ_ONLY = 1 << 5;

    public SmartLog {
        checkBits("cw", cw, 8);
        checkBits("ctemp", ctemp, 16);
        checkBits("avsp", avsp, 8);
        checkBits("avspt", avspt, 8);
        checkBits("pused", pused, 8);
        checkBits("egcws", egcws, 8);
        for (BigInteger v : List.of(dur, duw, hrc, hwc, cbt, pwrc, poh, upwrc, mdie, neile)) {
            U128.check("counter", v);
        }
        checkBits("wctt", wctt, 32);
        checkBits("cctt", cctt, 32);
        tsen = List.copyOf(tsen);
        if (tsen.size() != 8) {
            throw new IllegalArgumentException("eight temperature sensors, 0 = not implemented");
        }
        tsen.forEach(t -> checkBits("tsen", t, 16));
        checkBits("tmt1tc", tmt1tc, 32);
        checkBits("tmt2tc", tmt2tc, 32);
        checkBits("ttftmt1", ttftmt1, 32);
        checkBits("ttftmt2", ttftmt2, 32);
    }

    /** A healthy log: no warnings, the given temperature (kelvin), spare 100 %, threshold 10 %, counters 0. */
    public static SmartLog healthy(int ctempKelvin, int pused) {
        BigInteger z = BigInteger.ZERO;
        return new SmartLog(0, ctempKelvin, 100, 10, pused, 0, z, z, z, z, z, z, z, z, z, z, 0, 0,
                List.of(0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0);
    }

    public Bytes encode() {
        LeWriter w = new LeWriter().u8(cw).u16(ctemp).u8(avsp).u8(avspt).u8(pused).u8(egcws).zeros(25);
        for (BigInteger v : List.of(dur, duw, hrc, hwc, cbt, pwrc, poh, upwrc, mdie, neile)) {
            U128.write(w, v);
        }
        w.u32(wctt).u32(cctt);
        tsen.forEach(w::u16);
        w.u32(tmt1tc).u32(tmt2tc).u32(ttftmt1).u32(ttftmt2);
        return w.zeros(SIZE - w.size()).build();
    }

    public static Decoded<SmartLog> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "SMART / Health log")) {
            return f.rejected(b);
        }
        List<BigInteger> c = new ArrayList<>();
        for (int at = 32; at < 192; at += 16) {
            c.add(U128.read(b, at));
        }
        List<Integer> t = new ArrayList<>();
        for (int at = 200; at < 216; at += 2) {
            t.add(b.u16le(at));
        }
        return f.result(new SmartLog(b.u8(0), b.u16le(1), b.u8(3), b.u8(4), b.u8(5), b.u8(6), c.get(0), c.get(1),
                c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), c.get(7), c.get(8), c.get(9), b.u32le(192),
                b.u32le(196), t, b.u32le(216), b.u32le(220), b.u32le(224), b.u32le(228)), b);
    }
}
