package org.nvmehil.protocol.tcp;

import java.util.OptionalLong;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * A PDU laid out for the wire (NVMe/TCP 1.0 §2: {@code CH+PSH | HDGST | PAD | DATA | DDGST}), before it
 * becomes bytes. {@link Pdu#frame} builds a correct frame for the negotiated {@link TcpParams}; every part can
 * then be overridden for negative tests: common header fields (type, FLAGS, HLEN, PDO, PLEN) are written as
 * held, a digest can be dropped, added or given a wrong value, the PAD and DATA replaced. Digests without an
 * override are computed from the bytes actually written (HDGST over CH+PSH, DDGST over DATA, as CRC32C stored
 * little endian).
 *
 * @param ch             the common header, written verbatim
 * @param psh            the PDU specific header (the bytes after the common header, HLEN-8 in a correct PDU)
 * @param hdgst          whether an HDGST is written after the header
 * @param hdgstOverride  an HDGST value to write instead of the computed one
 * @param pad            PAD bytes between the header (and HDGST) and DATA
 * @param data           DATA (in-capsule data, transferred data, or a TermReq's copied header)
 * @param ddgst          whether a DDGST is written after DATA
 * @param ddgstOverride  a DDGST value to write instead of the computed one
 */
public record PduFrame(CommonHeader ch, Bytes psh, boolean hdgst, OptionalLong hdgstOverride, Bytes pad, Bytes data,
                       boolean ddgst, OptionalLong ddgstOverride) {

    /**
     * The correct frame of a PDU of type {@code t}: HDGST when negotiated and the type carries one, DDGST when
     * negotiated and the type carries one and has DATA (H2CData/C2HData always count as having DATA), HDGSTF and
     * DDGSTF set to match, PDO = roundup(HLEN + HDGST, alignment) for PDUs with DATA and 0 otherwise (a TermReq's
     * data follows its header directly, PDO reserved), PLEN the total.
     *
     * @param typeFlags the type's own FLAGS bits (LAST_PDU, SUCCESS); the digest flags are derived
     *                  (an illegal CPDA/HPDA above 31 can give a PDO over 255, which the 8-bit field truncates)
     */
    public static PduFrame build(PduType t, int typeFlags, Bytes psh, Bytes data, TcpParams p) {
        boolean hd = p.hdgst() && t.headerDigest();
        boolean hasData = t.isData() || (t.dataDigest() && !data.isEmpty());
        boolean dd = p.ddgst() && t.dataDigest() && hasData;
        int flags = typeFlags | (hd ? CommonHeader.HDGSTF : 0) | (dd ? CommonHeader.DDGSTF : 0);
        int headerSize = t.hlen + (hd ? 4 : 0);
        int pdo = hasData ? p.dataOffset(t) : 0;
        Bytes pad = Bytes.zeros(hasData ? Math.max(0, pdo - headerSize) : 0);
        long plen = (long) headerSize + pad.length() + data.length() + (dd ? 4 : 0);
        CommonHeader ch = new CommonHeader(t.code, flags, t.hlen, pdo & 0xFF, plen & 0xFFFF_FFFFL);
        return new PduFrame(ch, psh, hd, OptionalLong.empty(), pad, data, dd, OptionalLong.empty());
    }

    /** CH and PSH: the bytes HDGST covers. */
    public Bytes header() {
        return ch.encode().concat(psh);
    }

    /** The HDGST this frame writes (override, else CRC32C of {@link #header()}). */
    public long headerDigest() {
        return hdgstOverride.orElse(Crc.crc32c(header()));
    }

    /** The DDGST this frame writes (override, else CRC32C of {@link #data()}). */
    public long dataDigest() {
        return ddgstOverride.orElse(Crc.crc32c(data));
    }

    /** Number of bytes {@link #encode()} writes. */
    public int length() {
        return CommonHeader.SIZE + psh.length() + (hdgst ? 4 : 0) + pad.length() + data.length() + (ddgst ? 4 : 0);
    }

    public Bytes encode() {
        LeWriter w = new LeWriter().bytes(header());
        if (hdgst) {
            w.u32(headerDigest());
        }
        w.bytes(pad).bytes(data);
        if (ddgst) {
            w.u32(dataDigest());
        }
        return w.build();
    }

    public PduFrame withCh(CommonHeader v) {
        return new PduFrame(v, psh, hdgst, hdgstOverride, pad, data, ddgst, ddgstOverride);
    }

    public PduFrame withPduType(int v) {
        return withCh(new CommonHeader(v, ch.flags(), ch.hlen(), ch.pdo(), ch.plen()));
    }

    public PduFrame withFlags(int v) {
        return withCh(new CommonHeader(ch.pduType(), v, ch.hlen(), ch.pdo(), ch.plen()));
    }

    public PduFrame withHlen(int v) {
        return withCh(new CommonHeader(ch.pduType(), ch.flags(), v, ch.pdo(), ch.plen()));
    }

    public PduFrame withPdo(int v) {
        return withCh(new CommonHeader(ch.pduType(), ch.flags(), ch.hlen(), v, ch.plen()));
    }

    public PduFrame withPlen(long v) {
        return withCh(new CommonHeader(ch.pduType(), ch.flags(), ch.hlen(), ch.pdo(), v));
    }

    /** PLEN set to the number of bytes actually written (after PAD or DATA were replaced). */
    public PduFrame withActualPlen() {
        return withPlen(length());
    }

    public PduFrame withPsh(Bytes v) {
        return new PduFrame(ch, v, hdgst, hdgstOverride, pad, data, ddgst, ddgstOverride);
    }

    /** Header byte {@code offset} (counted from the start of the PDU, at least 8) set to {@code v}; HDGST follows. */
    public PduFrame withHeaderByte(int offset, int v) {
        return withPsh(psh.withByte(offset - CommonHeader.SIZE, v));
    }

    /** An HDGST with the given value, whatever was negotiated (FLAGS unchanged). */
    public PduFrame withHeaderDigest(long v) {
        return new PduFrame(ch, psh, true, OptionalLong.of(v & 0xFFFF_FFFFL), pad, data, ddgst, ddgstOverride);
    }

    /** No HDGST (FLAGS unchanged). */
    public PduFrame withoutHeaderDigest() {
        return new PduFrame(ch, psh, false, OptionalLong.empty(), pad, data, ddgst, ddgstOverride);
    }

    /** A DDGST with the given value, whatever was negotiated (FLAGS unchanged). */
    public PduFrame withDataDigest(long v) {
        return new PduFrame(ch, psh, hdgst, hdgstOverride, pad, data, true, OptionalLong.of(v & 0xFFFF_FFFFL));
    }

    /** No DDGST (FLAGS unchanged). */
    public PduFrame withoutDataDigest() {
        return new PduFrame(ch, psh, hdgst, hdgstOverride, pad, data, false, OptionalLong.empty());
    }

    public PduFrame withPad(Bytes v) {
        return new PduFrame(ch, psh, hdgst, hdgstOverride, v, data, ddgst, ddgstOverride);
    }

    public PduFrame withData(Bytes v) {
        return new PduFrame(ch, psh, hdgst, hdgstOverride, pad, v, ddgst, ddgstOverride);
    }
}
