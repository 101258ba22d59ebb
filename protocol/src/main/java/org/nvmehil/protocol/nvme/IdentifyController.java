package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The Identify Controller data structure fields the suites use (NVMe Base 2.0, Identify Controller
 * figure; CNS 01h, 4096 bytes). Offsets: VID 0, SSVID 2, SN 4 (20), MN 24 (40), FR 64 (8), RAB 72,
 * IEEE 73 (3, LE), CMIC 76, MDTS 77, CNTLID 78, VER 80, CTRATT 96, CNTRLTYPE 111, NVMSR 253, VWCI
 * 254, MEC 255 (the NVMe-MI bytes), OACS 256, FRMW 260, LPA 261, NPSS 263, WCTEMP 266, CCTEMP 268,
 * TNVMCAP 280 (16), SANICAP 328, SQES 512, CQES 513, NN 516, ONCS 520, SUBNQN 768 (256, NUL-padded;
 * kept one char per byte up to the first NUL, see {@link #subnqnUtf8}). Everything else encodes as
 * zero; {@link #encodeOnto} keeps another image's bytes.
 *
 * <p>SN, MN and FR are strings with one char per byte so non-ASCII device bytes survive; the
 * decoder reports them (NVME_IDENTIFY_ASCII). The record pads them with spaces to their field width,
 * so a value always reads as it travels.
 */
public record IdentifyController(int vid, int ssvid, String sn, String mn, String fr, int rab, int ieee,
                                 int cmic, int mdts, int cntlid, long ver, long ctratt, int cntrltype,
                                 int nvmsr, int vwci, int mec, int oacs, int frmw, int lpa, int npss,
                                 int wctemp, int cctemp, BigInteger tnvmcap, long sanicap, int sqes, int cqes,
                                 long nn, int oncs, String subnqn) {

    public static final int SIZE = 4096;
    public static final int SN_OFFSET = 4;
    public static final int SN_LENGTH = 20;
    public static final int MN_OFFSET = 24;
    public static final int MN_LENGTH = 40;
    public static final int FR_OFFSET = 64;
    public static final int FR_LENGTH = 8;
    public static final int SUBNQN_OFFSET = 768;
    public static final int SUBNQN_LENGTH = 256;

    public IdentifyController {
        checkBits("vid", vid, 16);
        checkBits("ssvid", ssvid, 16);
        checkText("sn", sn, SN_LENGTH);
        checkText("mn", mn, MN_LENGTH);
        checkText("fr", fr, FR_LENGTH);
        checkBits("rab", rab, 8);
        checkBits("ieee", ieee, 24);
        checkBits("cmic", cmic, 8);
        checkBits("mdts", mdts, 8);
        checkBits("cntlid", cntlid, 16);
        checkBits("ver", ver, 32);
        checkBits("ctratt", ctratt, 32);
        checkBits("cntrltype", cntrltype, 8);
        checkBits("nvmsr", nvmsr, 8);
        checkBits("vwci", vwci, 8);
        checkBits("mec", mec, 8);
        checkBits("oacs", oacs, 16);
        checkBits("frmw", frmw, 8);
        checkBits("lpa", lpa, 8);
        checkBits("npss", npss, 8);
        checkBits("wctemp", wctemp, 16);
        checkBits("cctemp", cctemp, 16);
        U128.check("tnvmcap", tnvmcap);
        checkBits("sanicap", sanicap, 32);
        checkBits("sqes", sqes, 8);
        checkBits("cqes", cqes, 8);
        checkBits("nn", nn, 32);
        checkBits("oncs", oncs, 16);
        checkText("subnqn", subnqn, SUBNQN_LENGTH);
        sn = Findings.pad(sn, SN_LENGTH);
        mn = Findings.pad(mn, MN_LENGTH);
        fr = Findings.pad(fr, FR_LENGTH);
    }

    static void checkText(String name, String s, int n) {
        if (s == null || s.length() > n) {
            throw new IllegalArgumentException(name + " does not fit " + n + " bytes");
        }
    }

    /** SUBNQN read as the UTF-8 text the spec defines (invalid sequences become U+FFFD). */
    public String subnqnUtf8() {
        return new String(subnqn.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** VER as major.minor.tertiary. */
    public String version() {
        return (ver >>> 16) + "." + (ver >>> 8 & 0xFF) + "." + (ver & 0xFF);
    }

    /** NVMSR bit 0: the subsystem is part of an NVMe storage device (NVMESD). */
    public boolean nvmesd() {
        return (nvmsr & 1) != 0;
    }

    /** NVMSR bit 1: the subsystem is part of an NVMe enclosure (NVMEE). */
    public boolean nvmee() {
        return (nvmsr & 2) != 0;
    }

    /** VWCI bit 7 valid, bits 6:0 VPD write cycles remaining. */
    public boolean vwcrv() {
        return (vwci & 0x80) != 0;
    }

    public int vwcr() {
        return vwci & 0x7F;
    }

    /** MEC bit 0: an SMBus/I2C port ME (TWPME); bit 1: a PCIe port ME (PCIEME). */
    public boolean twpme() {
        return (mec & 1) != 0;
    }

    public boolean pcieme() {
        return (mec & 2) != 0;
    }

    /** SN without its padding. */
    public String snTrimmed() {
        return sn.stripTrailing();
    }

    /** MN without its padding. */
    public String mnTrimmed() {
        return mn.stripTrailing();
    }

    /** FR without its padding. */
    public String frTrimmed() {
        return fr.stripTrailing();
    }

    public Bytes encode() {
        return encodeOnto(Bytes.zeros(SIZE));
    }

    /** This record's fields written over {@code base} (padded or cut to 4096 bytes); other bytes kept. */
    public Bytes encodeOnto(Bytes base) {
        byte[] img = java.util.Arrays.copyOf(base.toArray(), SIZE);
        put(img, 0, new LeWriter().u16(vid).u16(ssvid).build());
        LeWriter t = new LeWriter();
        Findings.text(t, sn, SN_LENGTH);
        Findings.text(t, mn, MN_LENGTH);
        Findings.text(t, fr, FR_LENGTH);
        put(img, SN_OFFSET, t.build());
        put(img, 72, new LeWriter().u8(rab).u8(ieee).u16(ieee >>> 8).u8(cmic).u8(mdts).u16(cntlid).u32(ver).build());
        put(img, 96, new LeWriter().u32(ctratt).build());
        put(img, 111, new LeWriter().u8(cntrltype).build());
        put(img, 253, new LeWriter().u8(nvmsr).u8(vwci).u8(mec).u16(oacs).build());
        put(img, 260, new LeWriter().u8(frmw).u8(lpa).build());
        put(img, 263, new LeWriter().u8(npss).build());
        put(img, 266, new LeWriter().u16(wctemp).u16(cctemp).build());
        LeWriter cap = new LeWriter();
        U128.write(cap, tnvmcap);
        put(img, 280, cap.build());
        put(img, 328, new LeWriter().u32(sanicap).build());
        put(img, 512, new LeWriter().u8(sqes).u8(cqes).build());
        put(img, 516, new LeWriter().u32(nn).u16(oncs).build());
        byte[] q = java.util.Arrays.copyOf(subnqn.getBytes(StandardCharsets.ISO_8859_1), SUBNQN_LENGTH);
        put(img, SUBNQN_OFFSET, Bytes.of(q));
        return Bytes.of(img);
    }

    static void put(byte[] img, int at, Bytes b) {
        System.arraycopy(b.toArray(), 0, img, at, b.length());
    }

    /**
     * Decodes a 4096-byte image (rejected if shorter; longer input is reported). SN, MN and FR that
     * are not printable ASCII, or not left-justified, are reported as NVME_IDENTIFY_ASCII.
     */
    public static Decoded<IdentifyController> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "Identify Controller data")) {
            return f.rejected(b);
        }
        f.asciiField(b, SN_OFFSET, SN_LENGTH, "sn");
        f.asciiField(b, MN_OFFSET, MN_LENGTH, "mn");
        f.asciiField(b, FR_OFFSET, FR_LENGTH, "fr");
        Bytes q = b.slice(SUBNQN_OFFSET, SUBNQN_OFFSET + SUBNQN_LENGTH);
        int end = 0;
        while (end < q.length() && q.u8(end) != 0) {
            end++;
        }
        String subnqn = Findings.text(q, 0, end);
        return f.result(new IdentifyController(b.u16le(0), b.u16le(2), Findings.text(b, SN_OFFSET, SN_LENGTH),
                Findings.text(b, MN_OFFSET, MN_LENGTH), Findings.text(b, FR_OFFSET, FR_LENGTH), b.u8(72),
                b.u8(73) | b.u16le(74) << 8, b.u8(76), b.u8(77), b.u16le(78), b.u32le(80), b.u32le(96), b.u8(111),
                b.u8(253), b.u8(254), b.u8(255), b.u16le(256), b.u8(260), b.u8(261), b.u8(263), b.u16le(266),
                b.u16le(268), U128.read(b, 280), b.u32le(328), b.u8(512), b.u8(513), b.u32le(516), b.u16le(520),
                subnqn), b);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder x = new Builder();
        x.vid = vid;
        x.ssvid = ssvid;
        x.sn = sn;
        x.mn = mn;
        x.fr = fr;
        x.rab = rab;
        x.ieee = ieee;
        x.cmic = cmic;
        x.mdts = mdts;
        x.cntlid = cntlid;
        x.ver = ver;
        x.ctratt = ctratt;
        x.cntrltype = cntrltype;
        x.nvmsr = nvmsr;
        x.vwci = vwci;
        x.mec = mec;
        x.oacs = oacs;
        x.frmw = frmw;
        x.lpa = lpa;
        x.npss = npss;
        x.wctemp = wctemp;
        x.cctemp = cctemp;
        x.tnvmcap = tnvmcap;
        x.sanicap = sanicap;
        x.sqes = sqes;
        x.cqes = cqes;
        x.nn = nn;
        x.oncs = oncs;
        x.subnqn = subnqn;
        return x;
    }

    /** Fields default to zero and empty strings (SN/MN/FR encode as spaces). */
    public static final class Builder {
        private int vid;
        private int ssvid;
        private String sn = "";
        private String mn = "";
        private String fr = "";
        private int rab;
        private int ieee;
        private int cmic;
        private int mdts;
        private int cntlid;
        private long ver;
        private long ctratt;
        private int cntrltype;
        private int nvmsr;
        private int vwci;
        private int mec;
        private int oacs;
        private int frmw;
        private int lpa;
        private int npss;
        private int wctemp;
        private int cctemp;
        private BigInteger tnvmcap = BigInteger.ZERO;
        private long sanicap;
        private int sqes;
        private int cqes;
        private long nn;
        private int oncs;
        private String subnqn = "";

        private Builder() {
        }

        public Builder vid(int v) { vid = v; return this; }
        public Builder ssvid(int v) { ssvid = v; return this; }
        public Builder sn(String v) { sn = v; return this; }
        public Builder mn(String v) { mn = v; return this; }
        public Builder fr(String v) { fr = v; return this; }
        public Builder rab(int v) { rab = v; return this; }
        public Builder ieee(int v) { ieee = v; return this; }
        public Builder cmic(int v) { cmic = v; return this; }
        public Builder mdts(int v) { mdts = v; return this; }
        public Builder cntlid(int v) { cntlid = v; return this; }
        public Builder ver(long v) { ver = v; return this; }
        public Builder ctratt(long v) { ctratt = v; return this; }
        public Builder cntrltype(int v) { cntrltype = v; return this; }
        public Builder nvmsr(int v) { nvmsr = v; return this; }
        public Builder vwci(int v) { vwci = v; return this; }
        public Builder mec(int v) { mec = v; return this; }
        public Builder oacs(int v) { oacs = v; return this; }
        public Builder frmw(int v) { frmw = v; return this; }
        public Builder lpa(int v) { lpa = v; return this; }
        public Builder npss(int v) { npss = v; return this; }
        public Builder wctemp(int v) { wctemp = v; return this; }
        public Builder cctemp(int v) { cctemp = v; return this; }
        public Builder tnvmcap(BigInteger v) { tnvmcap = v; return this; }
        public Builder sanicap(long v) { sanicap = v; return this; }
        public Builder sqes(int v) { sqes = v; return this; }
        public Builder cqes(int v) { cqes = v; return this; }
        public Builder nn(long v) { nn = v; return this; }
        public Builder oncs(int v) { oncs = v; return this; }
        public Builder subnqn(String v) { subnqn = v; return this; }

        public IdentifyController build() {
            return new IdentifyController(vid, ssvid, sn, mn, fr, rab, ieee, cmic, mdts, cntlid, ver, ctratt,
                    cntrltype, nvmsr, vwci, mec, oacs, frmw, lpa, npss, wctemp, cctemp, tnvmcap, sanicap, sqes,
                    cqes, nn, oncs, subnqn);
        }
    }
}
