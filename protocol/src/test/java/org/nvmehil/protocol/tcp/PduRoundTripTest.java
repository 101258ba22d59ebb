package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Every PDU type encodes and decodes back to itself, cleanly, with every combination of digests and with data
 * alignment (NVMe/TCP 1.0 §3.3, §3.3.1.1, Figs. 20-28), and the layout follows the per-type table of facts §1.3.
 */
class PduRoundTripTest {

    static final Bytes DATA = TcpVectors.pattern(100, i -> i * 3 + 1);

    static List<Pdu> pdus() {
        return List.of(
                IcReq.of(true, false, 5, 3),
                IcResp.of(false, true, 7, 8192),
                H2CTermReq.of(Fes.R2T_LIMIT_EXCEEDED, 0, TcpVectors.R2T_DGST),
                new C2HTermReq(Fes.HEADER_DIGEST_ERROR.code, 0x12345678L, TcpVectors.R2T.head(24)),
                CapsuleCmd.of(Sqe.of(0x06, 9, 0, 1)),
                new CapsuleCmd(org.nvmehil.protocol.fabrics.SglDescriptor.inCapsule(0, 100).applyTo(Sqe.of(0x01, 9, 1, 0)), DATA),
                new CapsuleResp(Cqe.error(1, 0x82).withCid(9)),
                H2CData.of(9, 0x1234, 0x40, DATA, false),
                H2CData.of(9, 0x1234, 0x40, DATA, true),
                C2HData.of(9, 0x80, DATA, false, false),
                C2HData.of(9, 0x80, DATA, true, true),
                new R2T(9, 0xBEEF, 0x1000, 0x2000));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Pdu pdu : pdus()) {
            for (TcpParams p : List.of(TcpParams.NONE, new TcpParams(true, false, 0, 0), new TcpParams(false, true, 0, 0),
                    TcpParams.DIGESTS, new TcpParams(true, true, 0x0F, 0x03), new TcpParams(false, false, 31, 31))) {
                String name = pdu.type().orElseThrow().specName() + " " + (pdu instanceof CapsuleCmd c && c.hasData() ? "with data " : "")
                        + "hdgst=" + p.hdgst() + " ddgst=" + p.ddgst() + " cpda=" + p.cpda() + " hpda=" + p.hpda();
                out.add(argumentSet(name, pdu, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    @DisplayName("encode → decode gives the same PDU and no violations; the layout follows facts §1.3")
    void roundTrip(Pdu pdu, TcpParams p) {
        PduType t = pdu.type().orElseThrow();
        Bytes wire = pdu.encode(p);
        Decoded<Pdu> d = Pdu.decode(wire, p, t.direction());
        assertEquals(List.of(), d.violations());
        assertEquals(pdu, d.get());

        CommonHeader ch = CommonHeader.decode(wire);
        boolean hd = p.hdgst() && t.headerDigest();
        boolean hasData = t.isData() || t.isTermReq() || (pdu instanceof CapsuleCmd c && c.hasData());
        boolean dd = p.ddgst() && hasData && !t.isTermReq();
        int align = p.alignment(t.direction());
        assertAll(
                () -> assertEquals(t.hlen, ch.hlen(), "HLEN"),
                () -> assertEquals(wire.length(), ch.plen(), "PLEN"),
                () -> assertEquals(hd, ch.hdgstf(), "HDGSTF"),
                () -> assertEquals(dd, ch.ddgstf(), "DDGSTF"),
                () -> {
                    if (hasData && !t.isTermReq()) {
                        assertEquals(0, ch.pdo() % align, "PDO aligned");
                        assertTrue(ch.pdo() >= t.hlen + (hd ? 4 : 0) && ch.pdo() < t.hlen + (hd ? 4 : 0) + align, "minimal PDO");
                    } else {
                        assertEquals(0, ch.pdo(), "PDO 0 without data / reserved");
                    }
                },
                () -> {
                    if (hd) {
                        assertEquals(Crc.crc32c(wire.head(t.hlen)), wire.u32le(t.hlen), "HDGST at HLEN");
                    }
                },
                () -> {
                    if (dd) {
                        Bytes data = wire.slice(ch.pdo(), wire.length() - 4);
                        assertEquals(Crc.crc32c(data), wire.u32le(wire.length() - 4), "DDGST last");
                    }
                });
    }

    @Test
    @DisplayName("CPDA 0Fh → H2CData without HDGST has PDO 64 and 40 PAD bytes (NVMe/TCP 1.0 §3.3 Fig. 8; facts §1.3)")
    void cpda0F_pdo64() {
        TcpParams p = TcpParams.NONE.withCpda(0x0F);
        PduFrame f = H2CData.of(1, 0, 0, DATA, true).frame(p);
        assertEquals(64, f.ch().pdo());
        assertEquals(40, f.pad().length());
        assertEquals(64 + DATA.length(), f.ch().plen());
        assertEquals(64, p.dataOffset(PduType.H2C_DATA));
        assertTrue(Pdu.decode(f.encode(), p, Direction.H2C).isClean());
    }

    @Test
    @DisplayName("HPDA 03h → C2HData has PDO 32 and 8 PAD bytes (NVMe/TCP 1.0 §3.3 Fig. 9; facts §1.3)")
    void hpda03_pdo32() {
        TcpParams p = TcpParams.NONE.withHpda(0x03);
        PduFrame f = C2HData.of(1, 0, DATA, true, false).frame(p);
        assertEquals(32, f.ch().pdo());
        assertEquals(8, f.pad().length());
        assertTrue(Pdu.decode(f.encode(), p, Direction.C2H).isClean());
    }

    @Test
    @DisplayName("CPDA applies only to H2C and HPDA only to C2H PDUs; with HDGST the PDO is roundup(28, alignment)")
    void alignmentPerDirection() {
        TcpParams p = new TcpParams(true, false, 0x0F, 0x03);
        assertEquals(64, p.dataOffset(PduType.H2C_DATA));
        assertEquals(32, p.dataOffset(PduType.C2H_DATA));
        assertEquals(128, p.dataOffset(PduType.CAPSULE_CMD));
        assertEquals(28, TcpParams.DIGESTS.dataOffset(PduType.C2H_DATA));
        assertEquals(76, TcpParams.DIGESTS.dataOffset(PduType.CAPSULE_CMD));
        assertEquals(72, TcpParams.NONE.dataOffset(PduType.CAPSULE_CMD));
    }

    @Test
    @DisplayName("TermReq: data follows the 24-byte header, no digest even with digests on, PDO 0 (facts §4.1)")
    void termReqLayout() {
        C2HTermReq t = C2HTermReq.of(Fes.INVALID_PDU_HEADER_FIELD, 2, TcpVectors.WRITE_32K);
        assertEquals(TcpVectors.WRITE_32K.head(72), t.data());
        Bytes wire = t.encode(TcpParams.DIGESTS);
        assertEquals(Bytes.hex("03 00 18 00 60 00 00 00 01 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00")
                .concat(TcpVectors.WRITE_32K.head(72)), wire);
        assertEquals(Fes.INVALID_PDU_HEADER_FIELD, t.fesValue().orElseThrow());
    }

    @Test
    @DisplayName("TermReq header copy: the offending type's HLEN, at most 128 bytes (facts §4.1)")
    void headerCopy() {
        assertEquals(128, TermReq.headerCopy(TcpVectors.ICREQ).length());
        assertEquals(24, TermReq.headerCopy(TcpVectors.READ_C2H_DGST).length());
        assertEquals(128, TermReq.headerCopy(Bytes.hex("0a 00 ff 00 00 01 00 00").concat(Bytes.zeros(300))).length());
        assertEquals(3, TermReq.headerCopy(Bytes.hex("04 00 48")).length());
    }

    @Test
    @DisplayName("FES 05h means R2T Limit Exceeded from the host and Data Transfer Limit Exceeded from the controller (facts §4.2)")
    void fes05PerDirection() {
        assertEquals(Fes.R2T_LIMIT_EXCEEDED, new H2CTermReq(5, 0, Bytes.EMPTY).fesValue().orElseThrow());
        assertEquals(Fes.DATA_TRANSFER_LIMIT_EXCEEDED, new C2HTermReq(5, 0, Bytes.EMPTY).fesValue().orElseThrow());
        assertTrue(Fes.of(0, Direction.C2H).isEmpty());
        assertTrue(Fes.of(7, Direction.H2C).isEmpty());
        assertTrue(!Fes.R2T_LIMIT_EXCEEDED.validFor(Direction.C2H));
    }

    @Test
    @DisplayName("unknown PDU types keep their bytes verbatim")
    void unknownPduVerbatim() {
        Bytes wire = Bytes.hex("08 5a 18 00 0c 00 00 00 de ad be ef");
        Decoded<Pdu> d = Pdu.decode(wire, TcpParams.DIGESTS);
        UnknownPdu u = (UnknownPdu) d.get();
        assertEquals(wire, u.encode(TcpParams.DIGESTS));
        assertEquals(8, u.pduType());
        assertTrue(u.type().isEmpty());
    }

    @Test
    @DisplayName("negotiation: a digest is on only if both sides set it; CPDA from ICResp, HPDA from ICReq (facts §2.2)")
    void negotiate() {
        Decoded<TcpParams> both = TcpParams.negotiate(IcReq.of(true, true, 3, 0), IcResp.of(true, false, 0x0F, 4096));
        assertEquals(new TcpParams(true, false, 0x0F, 3), both.get());
        assertTrue(both.isClean(), "refusing a requested digest is legal");
        Decoded<TcpParams> unasked = TcpParams.negotiate(IcReq.of(false, true, 0, 0), IcResp.of(true, true, 0, 4096));
        assertTrue(unasked.violates(org.nvmehil.protocol.spec.Req.TCP_ICRESP_DIGEST_NOT_REQUESTED));
        assertEquals(11, unasked.violations().get(0).offset());
        assertEquals(new TcpParams(false, true, 0, 0), unasked.get());
    }
}
