package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.hex16;
import static org.nvmehil.protocol.wire.Findings.hex32;
import static org.nvmehil.protocol.wire.Findings.hex8;

import java.util.Optional;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Findings;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;

/**
 * Decodes one whole PDU against the negotiated {@link TcpParams} and reports, never throwing, every departure
 * from NVMe/TCP 1.0 with the byte offset within the PDU:
 * <ul>
 *   <li>framing: PLEN against the bytes received and against the type's length rule (TCP_PLEN), HLEN (TCP_HLEN),
 *       PDO alignment and range (TCP_PDO, TCP_PDO_NO_DATA), direction bit (TCP_PDU_DIRECTION), reserved types
 *       (TCP_RESERVED_PDU_TYPE, decoded as {@link UnknownPdu});</li>
 *   <li>flags: reserved FLAGS bits (TCP_RESERVED_ZERO), HDGSTF/DDGSTF against the negotiated digests
 *       (TCP_HDGST_PRESENCE, TCP_DDGST_PRESENCE), SUCCESS without LAST_PDU (TCP_C2H_SUCCESS_NOT_LAST);</li>
 *   <li>digests: HDGST and DDGST values, separately (TCP_HEADER_DIGEST, TCP_DATA_DIGEST);</li>
 *   <li>fields: PFV, HPDA/CPDA, MAXH2CDATA, FES, TermReq PLEN 24..152, dword alignment of DATAO/DATAL/R2TO/R2TL,
 *       reserved bytes and PAD, and the in-capsule data against SGL1 (TCP_SGL_DESCRIPTORS,
 *       TCP_CAPSULE_NO_TRAILING).</li>
 * </ul>
 * The layout is read from the type's fixed HLEN and the negotiated digests (not from a wrong HLEN or flag); DATA
 * starts at PDO when PDO is usable, else where a correct PDO would put it. A value is returned whenever the header
 * can be read; the PDU is rejected only when it is shorter than its type's header.
 */
public final class PduDecoder {

    private PduDecoder() {
    }

    /**
     * @param arriving the direction the PDU travelled, or null to skip that check
     */
    public static Decoded<Pdu> decode(Bytes b, TcpParams p, Direction arriving) {
        Findings f = new Findings();
        int len = b.length();
        if (len < CommonHeader.SIZE) {
            f.add(Req.TCP_PLEN, "plen", len, "PDU is " + len + " bytes, shorter than the 8-byte common header");
            return f.rejected(b);
        }
        CommonHeader ch = CommonHeader.decode(b);
        if (ch.plen() != len) {
            f.add(Req.TCP_PLEN, "plen", CommonHeader.OFFSET_PLEN, "PLEN is " + ch.plen() + " but the PDU has " + len + " bytes");
        }
        if (arriving != null && ch.direction() != arriving) {
            f.add(Req.TCP_PDU_DIRECTION, "pduType", CommonHeader.OFFSET_TYPE, "type " + hex8(ch.pduType())
                    + " has direction bit " + (ch.pduType() & 1) + " (sent by the " + ch.direction().sender()
                    + ") but arrived from the " + arriving.sender());
        }
        Optional<PduType> ot = ch.type();
        if (ot.isEmpty()) {
            f.add(Req.TCP_RESERVED_PDU_TYPE, "pduType", CommonHeader.OFFSET_TYPE, "type " + hex8(ch.pduType()) + " is reserved");
            return f.result(new UnknownPdu(ch, b.slice(CommonHeader.SIZE)), b);
        }
        PduType t = ot.get();
        String name = t.specName();
        if (ch.hlen() != t.hlen) {
            f.add(Req.TCP_HLEN, "hlen", CommonHeader.OFFSET_HLEN, "HLEN is " + ch.hlen() + ", expected " + t.hlen + " for " + name);
        }
        int reservedFlags = ch.flags() & ~t.definedFlags;
        if (reservedFlags != 0) {
            f.add(Req.TCP_RESERVED_ZERO, "flags", CommonHeader.OFFSET_FLAGS, "FLAGS " + hex8(ch.flags()) + " has reserved bits "
                    + hex8(reservedFlags) + " set (" + name + " defines " + hex8(t.definedFlags) + ")");
        }
        boolean hd = p.hdgst() && t.headerDigest();
        if (t.headerDigest() && ch.hdgstf() != hd) {
            f.add(Req.TCP_HDGST_PRESENCE, "flags.hdgstf", CommonHeader.OFFSET_FLAGS, "HDGSTF is " + (ch.hdgstf() ? 1 : 0)
                    + " but header digests are " + (p.hdgst() ? "on" : "off"));
        }
        int hdrEnd = t.hlen + (hd ? 4 : 0);
        if (len < hdrEnd) {
            f.add(Req.TCP_PLEN, "plen", Math.min(len, CommonHeader.OFFSET_PLEN), "PDU is " + len + " bytes, too short for the "
                    + name + " header (" + hdrEnd + " bytes" + (hd ? " with HDGST" : "") + ")");
            return f.rejected(b);
        }
        if (hd) {
            long observed = b.u32le(t.hlen);
            long expected = Crc.crc32c(b.slice(0, t.hlen));
            if (observed != expected) {
                f.add(Req.TCP_HEADER_DIGEST, "hdgst", t.hlen, "HDGST is " + hex32(observed) + ", CRC32C of bytes 0-"
                        + (t.hlen - 1) + " is " + hex32(expected));
            }
        }
        Pdu pdu = switch (t) {
            case IC_REQ, IC_RESP -> ic(t, b, ch, f);
            case H2C_TERM_REQ, C2H_TERM_REQ -> termReq(t, b, ch, f);
            case CAPSULE_CMD -> capsuleCmd(b, ch, p, hdrEnd, f);
            case CAPSULE_RESP -> {
                noData(t, ch, hdrEnd, f);
                yield new CapsuleResp(Cqe.decode(b.slice(8, 24)).get());
            }
            case H2C_DATA, C2H_DATA -> data(t, b, ch, p, hdrEnd, f);
            case R2T -> r2t(b, ch, hdrEnd, f);
        };
        return f.result(pdu, b);
    }

    /** Decodes and narrows to {@code type}; another PDU type is rejected as a PDU sequence error. */
    public static <T extends Pdu> Decoded<T> decodeAs(Class<T> type, Bytes b, TcpParams p, Direction arriving) {
        Decoded<Pdu> d = decode(b, p, arriving);
        if (d.value().isEmpty() || type.isInstance(d.get())) {
            return d.map(type::cast);
        }
        Findings f = new Findings();
        f.addAll(d.violations());
        f.add(Req.TCP_PDU_SEQUENCE, "pduType", CommonHeader.OFFSET_TYPE, "expected " + type.getSimpleName() + ", got "
                + d.get().type().map(PduType::specName).orElse("type " + hex8(d.get().pduType())));
        return f.rejected(b);
    }

    private static void expectPlen(CommonHeader ch, long expected, String why, Findings f) {
        if (ch.plen() != expected) {
            f.add(Req.TCP_PLEN, "plen", CommonHeader.OFFSET_PLEN, "PLEN is " + ch.plen() + ", expected " + expected + " (" + why + ")");
        }
    }

    private static void pdoReserved(CommonHeader ch, Findings f) {
        if (ch.pdo() != 0) {
            f.add(Req.TCP_RESERVED_ZERO, "pdo", CommonHeader.OFFSET_PDO, "PDO is " + ch.pdo() + ", reserved (00h) in this PDU");
        }
    }

    /** CapsuleResp and R2T: PDO reserved, PLEN = header (+ HDGST). */
    private static void noData(PduType t, CommonHeader ch, int hdrEnd, Findings f) {
        pdoReserved(ch, f);
        expectPlen(ch, hdrEnd, t.specName() + " header" + (hdrEnd > t.hlen ? " and HDGST" : "") + ", no data", f);
    }

    private static Pdu ic(PduType t, Bytes b, CommonHeader ch, Findings f) {
        boolean req = t == PduType.IC_REQ;
        pdoReserved(ch, f);
        expectPlen(ch, t.hlen, "fixed for " + t.specName(), f);
        LeReader r = new LeReader(b, IcReq.OFFSET_PFV);
        int pfv = r.u16();
        int pda = r.u8();
        int dgst = r.u8();
        long max = r.u32();
        if (pfv != 0) {
            f.add(req ? Req.TCP_ICREQ_PFV : Req.TCP_ICRESP_PFV, "pfv", IcReq.OFFSET_PFV, "PFV is " + hex16(pfv) + ", expected 0000h");
        }
        if (pda > 31) {
            f.add(Req.TCP_PDA_MAX, req ? "hpda" : "cpda", IcReq.OFFSET_HPDA, (req ? "HPDA" : "CPDA") + " is " + pda
                    + ", at most 31 (128-byte alignment)");
        }
        if ((dgst & 0xFC) != 0) {
            f.add(Req.TCP_RESERVED_ZERO, "dgst", IcReq.OFFSET_DGST, "DGST " + hex8(dgst) + " has reserved bits 7:2 set");
        }
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, 16, t.hlen, "reserved");
        if (req) {
            return new IcReq(pfv, pda, dgst, max);
        }
        if (max % 4 != 0) {
            f.add(Req.TCP_MAXH2CDATA_DWORD, "maxh2cdata", IcResp.OFFSET_MAXH2CDATA, "MAXH2CDATA " + max + " is not a multiple of 4");
        }
        if (max < IcResp.MAXH2CDATA_MIN) {
            f.add(Req.TCP_MAXH2CDATA_MIN, "maxh2cdata", IcResp.OFFSET_MAXH2CDATA, "MAXH2CDATA " + max
                    + " is below the recommended 4096 (a should; Linux hosts refuse the connection)");
        }
        return new IcResp(pfv, pda, dgst, max);
    }

    private static Pdu termReq(PduType t, Bytes b, CommonHeader ch, Findings f) {
        pdoReserved(ch, f);
        if (ch.plen() < t.hlen || ch.plen() > PduType.TERM_REQ_MAX_PLEN) {
            f.add(Req.TCP_TERMREQ_PLEN, "plen", CommonHeader.OFFSET_PLEN, "PLEN is " + ch.plen() + ", outside " + t.hlen + ".."
                    + PduType.TERM_REQ_MAX_PLEN + " (at most 128 bytes of copied header): the receiver ignores it and terminates");
        }
        int fes = b.u16le(TermReq.OFFSET_FES);
        long fei = b.u32le(TermReq.OFFSET_FEI);
        if (Fes.of(fes, t.direction()).isEmpty()) {
            f.add(Req.TCP_TERMREQ_FES, "fes", TermReq.OFFSET_FES, "FES " + hex16(fes) + " is reserved in a " + t.specName());
        }
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, 14, t.hlen, "reserved");
        Bytes data = b.slice(t.hlen);
        return t == PduType.H2C_TERM_REQ ? new H2CTermReq(fes, fei, data) : new C2HTermReq(fes, fei, data);
    }

    /**
     * Where DATA starts: PDO if it is at or after the header end and inside the PDU (reported when misaligned),
     * else where a correct PDO would be.
     */
    private static int dataStart(PduType t, CommonHeader ch, TcpParams p, int hdrEnd, int limit, Findings f) {
        int pdo = ch.pdo();
        int align = p.alignment(t.direction());
        String pda = t.direction() == Direction.H2C ? "CPDA " + p.cpda() : "HPDA " + p.hpda();
        if (pdo < hdrEnd) {
            f.add(Req.TCP_PDO, "pdo", CommonHeader.OFFSET_PDO, "PDO is " + pdo + ", before the end of the header ("
                    + hdrEnd + (hdrEnd > t.hlen ? " with HDGST" : "") + "); expected " + p.dataOffset(t));
        } else if (pdo > limit) {
            f.add(Req.TCP_PDO, "pdo", CommonHeader.OFFSET_PDO, "PDO is " + pdo + ", beyond the end of the data (" + limit
                    + "); expected " + p.dataOffset(t));
        } else {
            if (pdo % align != 0) {
                f.add(Req.TCP_PDO, "pdo", CommonHeader.OFFSET_PDO, "PDO " + pdo + " is not a multiple of the " + align
                        + "-byte alignment (" + pda + "); expected " + p.dataOffset(t));
            }
            return pdo;
        }
        return Math.max(hdrEnd, Math.min(p.dataOffset(t), limit));
    }

    private static void padAndDigest(Bytes b, int hdrEnd, int start, int end, boolean dd, Findings f) {
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, hdrEnd, start, "pad");
        if (dd && end + 4 <= b.length()) {
            long observed = b.u32le(end);
            long expected = Crc.crc32c(b.slice(start, end));
            if (observed != expected) {
                f.add(Req.TCP_DATA_DIGEST, "ddgst", end, "DDGST is " + hex32(observed) + ", CRC32C of the " + (end - start)
                        + " data bytes is " + hex32(expected));
            }
        }
    }

    private static Pdu capsuleCmd(Bytes b, CommonHeader ch, TcpParams p, int hdrEnd, Findings f) {
        PduType t = PduType.CAPSULE_CMD;
        Sqe sqe = Sqe.decode(b.slice(CapsuleCmd.OFFSET_SQE, t.hlen)).get();
        int len = b.length();
        boolean hasData = len > hdrEnd;
        Bytes data = Bytes.EMPTY;
        if (!hasData) {
            if (ch.pdo() != 0) {
                f.add(Req.TCP_PDO_NO_DATA, "pdo", CommonHeader.OFFSET_PDO, "PDO is " + ch.pdo() + " in a CapsuleCmd without data, expected 0");
            }
            if (ch.ddgstf()) {
                f.add(Req.TCP_DDGST_PRESENCE, "flags.ddgstf", CommonHeader.OFFSET_FLAGS, "DDGSTF is 1 in a CapsuleCmd without data");
            }
            expectPlen(ch, hdrEnd, "CapsuleCmd header" + (hdrEnd > t.hlen ? " and HDGST" : "") + ", no data", f);
        } else {
            boolean dd = p.ddgst();
            if (ch.ddgstf() != dd) {
                f.add(Req.TCP_DDGST_PRESENCE, "flags.ddgstf", CommonHeader.OFFSET_FLAGS, "DDGSTF is " + (ch.ddgstf() ? 1 : 0)
                        + " in a CapsuleCmd with data but data digests are " + (dd ? "on" : "off"));
            }
            int end = Math.max(hdrEnd, len - (dd ? 4 : 0));
            int start = dataStart(t, ch, p, hdrEnd, end, f);
            data = b.slice(start, end);
            padAndDigest(b, hdrEnd, start, end, dd, f);
        }
        checkInCapsuleSgl(b, data, f);
        return new CapsuleCmd(sqe, data);
    }

    /** SQE bytes 24-39 = SGL1: ADDR at PDU offset 32, LEN at 40, SGL identifier at 47. */
    private static void checkInCapsuleSgl(Bytes b, Bytes data, Findings f) {
        int id = b.u8(47);
        long addr = b.u32le(32) | b.u32le(36) << 32;
        long sglLen = b.u32le(40);
        if (!data.isEmpty() && id != 0x01) {
            f.add(Req.TCP_SGL_DESCRIPTORS, "sgl1.id", 47, "the capsule carries " + data.length()
                    + " data bytes but SGL1 is " + hex8(id) + ", expected 01h (Data Block, Offset)");
        } else if (id == 0x01 && addr + sglLen != data.length()) {
            f.add(Req.TCP_CAPSULE_NO_TRAILING, "sgl1.len", 40, "SGL1 describes in-capsule bytes " + addr + ".." + (addr + sglLen)
                    + " but the capsule carries " + data.length() + " data bytes");
        }
    }

    private static Pdu data(PduType t, Bytes b, CommonHeader ch, TcpParams p, int hdrEnd, Findings f) {
        boolean h2c = t == PduType.H2C_DATA;
        LeReader r = new LeReader(b, 8);
        int cccid = r.u16();
        int ttag = r.u16();
        long datao = r.u32();
        long datal = r.u32();
        if (!h2c) {
            f.reservedRange(Req.TCP_RESERVED_ZERO, b, 10, 12, "reserved");
        }
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, 20, 24, "reserved");
        boolean dd = p.ddgst();
        if (ch.ddgstf() != dd) {
            f.add(Req.TCP_DDGST_PRESENCE, "flags.ddgstf", CommonHeader.OFFSET_FLAGS, "DDGSTF is " + (ch.ddgstf() ? 1 : 0)
                    + " but data digests are " + (dd ? "on" : "off"));
        }
        int len = b.length();
        int end = Math.max(hdrEnd, len - (dd ? 4 : 0));
        int start = dataStart(t, ch, p, hdrEnd, end, f);
        expectPlen(ch, start + datal + (dd ? 4 : 0), "PDO " + start + " + DATAL " + datal + (dd ? " + DDGST" : ""), f);
        padAndDigest(b, hdrEnd, start, end, dd, f);
        if (datao % 4 != 0) {
            f.add(Req.TCP_DATA_DWORD_ALIGNED, "datao", 12, "DATAO " + datao + " is not a multiple of 4");
        }
        if (datal % 4 != 0) {
            f.add(Req.TCP_DATA_DWORD_ALIGNED, "datal", 16, "DATAL " + datal + " is not a multiple of 4");
        }
        Bytes data = b.slice(start, end);
        if (h2c) {
            return new H2CData(cccid, ttag, datao, datal, ch.lastPdu(), data);
        }
        if (ch.success() && !ch.lastPdu()) {
            f.add(Req.TCP_C2H_SUCCESS_NOT_LAST, "flags.success", CommonHeader.OFFSET_FLAGS, "SUCCESS is set without LAST_PDU (FLAGS "
                    + hex8(ch.flags()) + ")");
        }
        return new C2HData(cccid, datao, datal, ch.lastPdu(), ch.success(), data);
    }

    private static Pdu r2t(Bytes b, CommonHeader ch, int hdrEnd, Findings f) {
        noData(PduType.R2T, ch, hdrEnd, f);
        LeReader r = new LeReader(b, 8);
        R2T v = new R2T(r.u16(), r.u16(), r.u32(), r.u32());
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, 20, 24, "reserved");
        if (v.r2to() % 4 != 0) {
            f.add(Req.TCP_DATA_DWORD_ALIGNED, "r2to", R2T.OFFSET_R2TO, "R2TO " + v.r2to() + " is not a multiple of 4");
        }
        if (v.r2tl() % 4 != 0) {
            f.add(Req.TCP_DATA_DWORD_ALIGNED, "r2tl", R2T.OFFSET_R2TL, "R2TL " + v.r2tl() + " is not a multiple of 4");
        }
        return v;
    }
}
