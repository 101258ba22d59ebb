package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;
import static org.nvmehil.protocol.mi.Findings.hex8;

import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * The 4-byte NVMe-MI message header (MI 1.2 §3.1.1, Fig. 18). Byte 0: IC (bit 7) and MCTP message
 * type (bits 6:0, 04h). Byte 1 (NMP): ROR (7), NMIMT (6:3), reserved (2:1), CSI (0). Byte 2: MEB (0),
 * CIAP (1), reserved (7:2). Byte 3: reserved.
 *
 * <p>Every field is representable, including IC = 0, other message types, reserved NMIMT codes and
 * set reserved bits; the record only checks that each value fits its bit field.
 *
 * @param ic        integrity check bit; 1 out of band
 * @param type      MCTP message type, 7 bits (04h for NVMe-MI)
 * @param ror       request (false) or response (true)
 * @param nmimtCode NVMe-MI message type, 4 bits
 * @param nmpRsvd   NMP bits 2:1
 * @param csi       command slot identifier, 0 or 1
 * @param meb       data is in the Management Endpoint Buffer
 * @param ciap      command initiated auto pause
 * @param byte2Rsvd byte 2 bits 7:2 (6 bits)
 * @param byte3Rsvd byte 3
 */
public record MiHeader(boolean ic, int type, boolean ror, int nmimtCode, int nmpRsvd, int csi,
                       boolean meb, boolean ciap, int byte2Rsvd, int byte3Rsvd) {

    /** MCTP message type of NVMe-MI messages (DSP0239). */
    public static final int MCTP_TYPE_NVME_MI = 0x04;
    public static final int SIZE = 4;

    public MiHeader {
        checkBits("type", type, 7);
        checkBits("nmimtCode", nmimtCode, 4);
        checkBits("nmpRsvd", nmpRsvd, 2);
        checkBits("csi", csi, 1);
        checkBits("byte2Rsvd", byte2Rsvd, 6);
        checkBits("byte3Rsvd", byte3Rsvd, 8);
    }

    /** A well-formed out-of-band request header: IC set, type 04h, ROR 0, nothing reserved set. */
    public static MiHeader request(Nmimt nmimt, int csi) {
        return new MiHeader(true, MCTP_TYPE_NVME_MI, false, nmimt.code, 0, csi, false, false, 0, 0);
    }

    /** Slot 0 request header. */
    public static MiHeader request(Nmimt nmimt) {
        return request(nmimt, 0);
    }

    /** A well-formed response header. */
    public static MiHeader response(Nmimt nmimt, int csi) {
        return new MiHeader(true, MCTP_TYPE_NVME_MI, true, nmimt.code, 0, csi, false, false, 0, 0);
    }

    /** The header a conforming ME puts on its answer to {@code request}: ROR set, same NMIMT and CSI. */
    public static MiHeader responseTo(MiHeader request) {
        return new MiHeader(true, MCTP_TYPE_NVME_MI, true, request.nmimtCode, 0, request.csi, false, false, 0, 0);
    }

    public Optional<Nmimt> nmimt() {
        return Nmimt.of(nmimtCode);
    }

    /** Byte 0: IC and message type ({@code 84h} out of band). */
    public int typeByte() {
        return (ic ? 0x80 : 0) | type;
    }

    /** Byte 1, the NMP byte ({@code 08h} MI command request, {@code 88h} its response...). */
    public int nmp() {
        return (ror ? 0x80 : 0) | nmimtCode << 3 | nmpRsvd << 1 | csi;
    }

    public int byte2() {
        return byte2Rsvd << 2 | (ciap ? 2 : 0) | (meb ? 1 : 0);
    }

    public Bytes encode() {
        return new LeWriter().u8(typeByte()).u8(nmp()).u8(byte2()).u8(byte3Rsvd).build();
    }

    /** Reads the first four bytes of {@code message}; missing bytes read as zero (never throws). */
    public static MiHeader decode(Bytes message) {
        LeReader r = new LeReader(message);
        int b0 = r.u8();
        int b1 = r.u8();
        int b2 = r.u8();
        int b3 = r.u8();
        return new MiHeader((b0 & 0x80) != 0, b0 & 0x7F, (b1 & 0x80) != 0, b1 >> 3 & 0xF, b1 >> 1 & 3, b1 & 1,
                (b2 & 1) != 0, (b2 & 2) != 0, b2 >> 2, b3);
    }

    /** Non-zero reserved header fields (MI 1.2 §3.1.1: cleared in responses). */
    public List<Violation> reservedViolations() {
        return new Findings()
                .reservedBits(nmp(), 0x06, 1, "nmp.reserved")
                .reservedBits(byte2(), 0xFC, 2, "byte2.reserved")
                .reservedBits(byte3Rsvd, 0xFF, 3, "byte3.reserved")
                .list();
    }

    /**
     * Checks this header as the answer to {@code request}: ROR set and the request's NMIMT
     * (MI_RESPONSE_HEADER), the request's CSI (MI_RESPONSE_CSI), reserved fields zero.
     */
    public List<Violation> checkResponseTo(MiHeader request) {
        Findings f = new Findings();
        if (!ror) {
            f.add(Req.MI_RESPONSE_HEADER, "ror", 1, "ROR is 0, expected 1 in a response");
        }
        if (nmimtCode != request.nmimtCode) {
            f.add(Req.MI_RESPONSE_HEADER, "nmimt", 1,
                    "NMIMT is " + hex8(nmimtCode) + ", expected the request's " + hex8(request.nmimtCode));
        }
        if (csi != request.csi) {
            f.add(Req.MI_RESPONSE_CSI, "csi", 1, "CSI is " + csi + ", expected the request's " + request.csi);
        }
        return f.addAll(reservedViolations()).list();
    }

    public MiHeader withIc(boolean v) {
        return new MiHeader(v, type, ror, nmimtCode, nmpRsvd, csi, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withType(int v) {
        return new MiHeader(ic, v, ror, nmimtCode, nmpRsvd, csi, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withRor(boolean v) {
        return new MiHeader(ic, type, v, nmimtCode, nmpRsvd, csi, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withNmimtCode(int v) {
        return new MiHeader(ic, type, ror, v, nmpRsvd, csi, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withCsi(int v) {
        return new MiHeader(ic, type, ror, nmimtCode, nmpRsvd, v, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withMeb(boolean v) {
        return new MiHeader(ic, type, ror, nmimtCode, nmpRsvd, csi, v, ciap, byte2Rsvd, byte3Rsvd);
    }

    public MiHeader withCiap(boolean v) {
        return new MiHeader(ic, type, ror, nmimtCode, nmpRsvd, csi, meb, v, byte2Rsvd, byte3Rsvd);
    }

    /** Sets the three reserved fields (NMP bits 2:1, byte 2 bits 7:2, byte 3) for negative tests. */
    public MiHeader withReserved(int nmpRsvd, int byte2Rsvd, int byte3Rsvd) {
        return new MiHeader(ic, type, ror, nmimtCode, nmpRsvd, csi, meb, ciap, byte2Rsvd, byte3Rsvd);
    }

    @Override
    public String toString() {
        return "MiHeader[" + encode() + ": ic=" + (ic ? 1 : 0) + " type=" + hex8(type) + " ror=" + (ror ? 1 : 0)
                + " nmimt=" + nmimt().map(Enum::name).orElse(hex8(nmimtCode)) + " csi=" + csi
                + (meb ? " meb" : "") + (ciap ? " ciap" : "") + "]";
    }
}
