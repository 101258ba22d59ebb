package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Identify Namespace data structure, NVM command set (NVMe Base 2.0 / NVM Command Set 1.0; CNS 00h,
 * 4096 bytes), the fields suites use. Offsets: NSZE 0, NCAP 8, NUSE 16, NSFEAT 24, NLBAF 25 (0-based
 * count of LBA formats), FLBAS 26 (format index bits 3:0 and 6:5, extended metadata bit 4), MC 27, DPC
 * 28, DPS 29, NMIC 30, NVMCAP 48 (16), ANAGRPID 92, NGUID 104 (16), EUI64 120 (8), LBAF list from 128
 * (4 bytes each, up to 64).
 *
 * @param lbaf the LBA formats as written; its size is independent of {@code nlbaf} so mismatches
 *             can be built
 */
public record IdentifyNamespace(long nsze, long ncap, long nuse, int nsfeat, int nlbaf, int flbas, int mc,
                                int dpc, int dps, int nmic, BigInteger nvmcap, long anagrpid, Bytes nguid,
                                Bytes eui64, List<LbaFormat> lbaf) {

    public static final int SIZE = 4096;
    public static final int LBAF_OFFSET = 128;
    public static final int MAX_LBAF = 64;

    /** One LBA format: MS (metadata size, 15:0), LBADS (log2 of the data size, 23:16), RP (25:24). */
    public record LbaFormat(int ms, int lbads, int rp) {
        public LbaFormat {
            checkBits("ms", ms, 16);
            checkBits("lbads", lbads, 8);
            checkBits("rp", rp, 2);
        }

        /** Data size in bytes (2^LBADS), 0 if LBADS is 0. */
        public long dataSize() {
            return lbads == 0 ? 0 : 1L << Math.min(lbads, 62);
        }

        long dword() {
            return ms | (long) lbads << 16 | (long) rp << 24;
        }

        static LbaFormat of(long dw) {
            return new LbaFormat((int) (dw & 0xFFFF), (int) (dw >>> 16 & 0xFF), (int) (dw >>> 24 & 3));
        }
    }

    public IdentifyNamespace {
        checkBits("nsfeat", nsfeat, 8);
        checkBits("nlbaf", nlbaf, 8);
        checkBits("flbas", flbas, 8);
        checkBits("mc", mc, 8);
        checkBits("dpc", dpc, 8);
        checkBits("dps", dps, 8);
        checkBits("nmic", nmic, 8);
        U128.check("nvmcap", nvmcap);
        checkBits("anagrpid", anagrpid, 32);
        if (nguid.length() != 16 || eui64.length() != 8) {
            throw new IllegalArgumentException("NGUID is 16 bytes and EUI64 8 bytes");
        }
        lbaf = List.copyOf(lbaf);
        if (lbaf.size() > MAX_LBAF) {
            throw new IllegalArgumentException("at most 64 LBA formats fit");
        }
    }

    /** A namespace of {@code nsze} blocks, fully allocated and used, with one format of 2^lbads bytes. */
    public static IdentifyNamespace simple(long nsze, int lbads) {
        return new IdentifyNamespace(nsze, nsze, nsze, 0, 0, 0, 0, 0, 0, 0, BigInteger.ZERO, 0, Bytes.zeros(16),
                Bytes.zeros(8), List.of(new LbaFormat(0, lbads, 0)));
    }

    /** The format in use: FLBAS bits 3:0, with bits 6:5 as the high bits when more than 16 formats exist. */
    public int formatIndex() {
        return (flbas & 0xF) | (flbas >> 5 & 3) << 4;
    }

    public boolean extendedMetadata() {
        return (flbas & 0x10) != 0;
    }

    /** Data size of the format in use, 0 if FLBAS points past the list. */
    public long blockSize() {
        int i = formatIndex();
        return i < lbaf.size() ? lbaf.get(i).dataSize() : 0;
    }

    public Bytes encode() {
        LeWriter w = new LeWriter().u64(nsze).u64(ncap).u64(nuse).u8(nsfeat).u8(nlbaf).u8(flbas).u8(mc).u8(dpc)
                .u8(dps).u8(nmic).zeros(17);
        U128.write(w, nvmcap);
        w.zeros(92 - 64).u32(anagrpid).zeros(104 - 96).bytes(nguid).bytes(eui64);
        lbaf.forEach(f -> w.u32(f.dword()));
        return w.zeros(SIZE - w.size()).build();
    }

    /** Decodes 4096 bytes; NLBAF beyond 63 is reported and the list read to 64 entries. */
    public static Decoded<IdentifyNamespace> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "Identify Namespace data")) {
            return f.rejected(b);
        }
        int nlbaf = b.u8(25);
        if (nlbaf + 1 > MAX_LBAF) {
            f.add(Req.NVME_DATA_LAYOUT, "nlbaf", 25, "NLBAF " + nlbaf + " claims more than 64 LBA formats");
        }
        List<LbaFormat> list = new ArrayList<>();
        for (int i = 0; i < Math.min(nlbaf + 1, MAX_LBAF); i++) {
            list.add(LbaFormat.of(b.u32le(LBAF_OFFSET + 4 * i)));
        }
        return f.result(new IdentifyNamespace(b.le().getLong(0), b.le().getLong(8), b.le().getLong(16), b.u8(24),
                nlbaf, b.u8(26), b.u8(27), b.u8(28), b.u8(29), b.u8(30), U128.read(b, 48), b.u32le(92),
                b.slice(104, 120), b.slice(120, 128), list), b);
    }
}
