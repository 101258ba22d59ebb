package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * Each violation the PDU decoder reports, on a PDU built illegal through {@link PduFrame} (the encoders accept
 * every value): the requirement, the byte offset within the PDU and the evidence in the detail. Rules: facts §1-§6.
 */
class PduViolationTest {

    static final TcpParams N = TcpParams.NONE;
    static final TcpParams D = TcpParams.DIGESTS;
    static final Bytes DATA = TcpVectors.pattern(64, i -> i);
    static final Sqe WRITE = SglDescriptor.inCapsule(0, 64).applyTo(Sqe.of(0x01, 2, 1, 0));
    static final CapsuleCmd WRITE_CAPSULE = new CapsuleCmd(WRITE, DATA);
    static final CapsuleCmd NO_DATA = CapsuleCmd.of(SglDescriptor.transport(0).applyTo(Sqe.of(0x06, 3, 0, 1)));
    static final C2HData C2H = C2HData.of(3, 0, DATA, true, false);
    static final H2CData H2C = H2CData.of(3, 7, 0, DATA, true);
    static final R2T R2T_PDU = new R2T(3, 7, 0, 64);
    static final CapsuleResp RESP = new CapsuleResp(Cqe.success(0).withCid(3));

    /** The PDU must carry a violation of {@code req} at {@code offset} whose detail contains {@code detail}. */
    record Case(Bytes wire, TcpParams params, Direction dir, Req req, int offset, String detail, boolean decodable) {
        static Case of(Bytes wire, TcpParams p, Direction d, Req req, int offset, String detail) {
            return new Case(wire, p, d, req, offset, detail, true);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---- framing
                argumentSet("fewer than 8 bytes → rejected (facts §1.1)",
                        new Case(Bytes.hex("05 00 18 00 18"), N, Direction.C2H, Req.TCP_PLEN, 5, "shorter than the 8-byte", false)),
                argumentSet("PLEN says more than the bytes received (facts §1.1)",
                        Case.of(RESP.frame(N).withPlen(28).encode(), N, Direction.C2H, Req.TCP_PLEN, 4, "PLEN is 28 but the PDU has 24")),
                argumentSet("CapsuleResp with trailing bytes: PLEN 24 [+4] only (facts §1.3; TCP_RESPONSE_NO_DATA)",
                        Case.of(RESP.frame(N).withData(Bytes.zeros(4)).withActualPlen().encode(), N, Direction.C2H, Req.TCP_PLEN, 4,
                                "expected 24")),
                argumentSet("too short for the CapsuleCmd header → rejected",
                        new Case(NO_DATA.encode(N).head(40), N, Direction.H2C, Req.TCP_PLEN, 4, "too short for the CapsuleCmd header", false)),
                argumentSet("HDGST on but PDU ends at the header → rejected",
                        new Case(R2T_PDU.encode(N).withByte(1, 1), D, Direction.C2H, Req.TCP_PLEN, 4, "28 bytes with HDGST", false)),
                argumentSet("PDU of the wrong direction: CapsuleResp arriving at the controller (facts §1.2)",
                        Case.of(RESP.encode(N), N, Direction.H2C, Req.TCP_PDU_DIRECTION, 0, "sent by the controller")),
                argumentSet("reserved PDU type 08h (facts §1.2)",
                        Case.of(Bytes.hex("08 00 18 00 18 00 00 00").concat(Bytes.zeros(16)), N, Direction.H2C, Req.TCP_RESERVED_PDU_TYPE, 0,
                                "type 08h is reserved")),
                argumentSet("reserved PDU type FFh",
                        Case.of(Bytes.hex("ff 00 08 00 08 00 00 00"), N, Direction.C2H, Req.TCP_RESERVED_PDU_TYPE, 0, "FFh is reserved")),
                argumentSet("HLEN 64 in a CapsuleCmd (facts §4.3, nvmet 'bad hlen 64')",
                        Case.of(NO_DATA.frame(N).withHlen(64).encode(), N, Direction.H2C, Req.TCP_HLEN, 2, "HLEN is 64, expected 72")),
                argumentSet("HLEN 28 in an R2T (HLEN excludes HDGST)",
                        Case.of(R2T_PDU.frame(D).withHlen(28).encode(), D, Direction.C2H, Req.TCP_HLEN, 2, "expected 24")),
                argumentSet("HLEN 0 in an ICReq",
                        Case.of(IcReq.of(false, false, 0, 0).frame(N).withHlen(0).encode(), N, Direction.H2C, Req.TCP_HLEN, 2, "expected 128")),
                // ---- flags and digests
                argumentSet("FLAGS bit in an ICReq (reserved)",
                        Case.of(IcReq.of(false, false, 0, 0).frame(N).withFlags(0x01).encode(), N, Direction.H2C, Req.TCP_RESERVED_ZERO, 1,
                                "reserved bits 01h")),
                argumentSet("SUCCESS in an H2CData (reserved in H2C)",
                        Case.of(H2C.frame(N).withFlags(0x0C).encode(), N, Direction.H2C, Req.TCP_RESERVED_ZERO, 1, "reserved bits 08h")),
                argumentSet("LAST_PDU in a CapsuleResp (reserved)",
                        Case.of(RESP.frame(N).withFlags(0x04).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 1, "reserved bits 04h")),
                argumentSet("HDGSTF in a TermReq, digests on (TermReqs never carry HDGST)",
                        Case.of(new C2HTermReq(1, 2, Bytes.zeros(24)).frame(D).withFlags(1).encode(), D, Direction.C2H, Req.TCP_RESERVED_ZERO, 1,
                                "reserved bits 01h")),
                argumentSet("HDGSTF 0 while header digests are on (facts §3)",
                        Case.of(RESP.frame(D).withFlags(0).encode(), D, Direction.C2H, Req.TCP_HDGST_PRESENCE, 1, "HDGSTF is 0")),
                argumentSet("HDGSTF 1 while header digests are off (facts §3)",
                        Case.of(R2T_PDU.frame(N).withFlags(1).encode(), N, Direction.C2H, Req.TCP_HDGST_PRESENCE, 1, "HDGSTF is 1")),
                argumentSet("DDGSTF 0 in a C2HData while data digests are on",
                        Case.of(C2H.frame(D).withFlags(0x05).encode(), D, Direction.C2H, Req.TCP_DDGST_PRESENCE, 1, "DDGSTF is 0")),
                argumentSet("DDGSTF 1 in an H2CData while data digests are off",
                        Case.of(H2C.frame(N).withFlags(0x06).encode(), N, Direction.H2C, Req.TCP_DDGST_PRESENCE, 1, "DDGSTF is 1")),
                argumentSet("DDGSTF 1 in a CapsuleCmd without data (facts §3: only with in-capsule data)",
                        Case.of(NO_DATA.frame(D).withFlags(0x03).encode(), D, Direction.H2C, Req.TCP_DDGST_PRESENCE, 1, "without data")),
                argumentSet("DDGSTF 0 in a CapsuleCmd with data, digests on",
                        Case.of(WRITE_CAPSULE.frame(D).withFlags(0x01).encode(), D, Direction.H2C, Req.TCP_DDGST_PRESENCE, 1, "DDGSTF is 0")),
                argumentSet("wrong HDGST (facts §3.1: fatal, FES 03h)",
                        Case.of(RESP.frame(D).withHeaderDigest(0xDEADBEEFL).encode(), D, Direction.C2H, Req.TCP_HEADER_DIGEST, 24,
                                "HDGST is DEADBEEFh, CRC32C of bytes 0-23 is")),
                argumentSet("wrong DDGST (facts §3.1: non-fatal)",
                        Case.of(C2H.frame(D).withDataDigest(0).encode(), D, Direction.C2H, Req.TCP_DATA_DIGEST, 28 + 64,
                                "DDGST is 00000000h, CRC32C of the 64 data bytes is")),
                argumentSet("wrong DDGST on in-capsule data",
                        Case.of(WRITE_CAPSULE.frame(D).withDataDigest(1).encode(), D, Direction.H2C, Req.TCP_DATA_DIGEST, 76 + 64, "DDGST is 00000001h")),
                argumentSet("SUCCESS without LAST_PDU in a C2HData (facts §6.2; host: FES 01h, FEI 1)",
                        Case.of(C2HData.of(3, 0, DATA, false, true).encode(N), N, Direction.C2H, Req.TCP_C2H_SUCCESS_NOT_LAST, 1, "FLAGS 08h")),
                // ---- PDO
                argumentSet("CapsuleCmd without data, PDO 72 (facts §1.3: PDO 0 without data)",
                        Case.of(NO_DATA.frame(N).withPdo(72).encode(), N, Direction.H2C, Req.TCP_PDO_NO_DATA, 3, "PDO is 72")),
                argumentSet("PDO inside the header of a C2HData",
                        Case.of(C2H.frame(N).withPdo(16).encode(), N, Direction.C2H, Req.TCP_PDO, 3, "before the end of the header (24)")),
                argumentSet("PDO 24 with HDGST on (data would overlap the digest)",
                        Case.of(C2H.frame(D).withPdo(24).encode(), D, Direction.C2H, Req.TCP_PDO, 3, "before the end of the header (28 with HDGST)")),
                argumentSet("PDO past the end of an H2CData",
                        Case.of(H2CData.of(3, 7, 0, Bytes.zeros(8), true).frame(N).withPdo(200).encode(), N, Direction.H2C, Req.TCP_PDO, 3,
                                "beyond the end")),
                argumentSet("PDO 28 not a multiple of the 64-byte CPDA alignment (facts §6.1)",
                        Case.of(H2C.frame(N.withCpda(0x0F)).withPdo(28).withPad(Bytes.zeros(4)).withActualPlen().encode(), N.withCpda(0x0F),
                                Direction.H2C, Req.TCP_PDO, 3, "not a multiple of the 64-byte alignment (CPDA 15)")),
                argumentSet("PDO 24 with HPDA 03h: not a multiple of 16",
                        Case.of(C2H.frame(N.withHpda(3)).withPdo(24).withPad(Bytes.EMPTY).withActualPlen().encode(), N.withHpda(3),
                                Direction.C2H, Req.TCP_PDO, 3, "16-byte alignment (HPDA 3)")),
                argumentSet("in-capsule data with PDO 76, misaligned for CPDA 0Fh",
                        Case.of(WRITE_CAPSULE.frame(N.withCpda(0x0F)).withPdo(76).withPad(Bytes.zeros(4)).withActualPlen().encode(),
                                N.withCpda(0x0F), Direction.H2C, Req.TCP_PDO, 3, "PDO 76 is not a multiple of the 64-byte")),
                argumentSet("non-zero PAD bytes (reserved)",
                        Case.of(C2H.frame(N.withHpda(3)).withPad(Bytes.hex("00 00 00 00 00 7e 00 00")).encode(), N.withHpda(3), Direction.C2H,
                                Req.TCP_RESERVED_ZERO, 29, "byte 29 is 7Eh")),
                argumentSet("PDO 5 in an R2T (reserved)",
                        Case.of(R2T_PDU.frame(N).withPdo(5).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 3, "PDO is 5")),
                argumentSet("PDO 24 in a CapsuleResp (reserved)",
                        Case.of(RESP.frame(N).withPdo(24).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 3, "PDO is 24")),
                // ---- data PDU fields
                argumentSet("C2HData PLEN disagrees with DATAL (facts §1.3: 24 [+4] + PAD + DATAL [+4])",
                        Case.of(new C2HData(3, 0, 60, true, false, DATA).encode(N), N, Direction.C2H, Req.TCP_PLEN, 4, "PDO 24 + DATAL 60")),
                argumentSet("H2CData DATAO not dword aligned (facts §6.1)",
                        Case.of(H2CData.of(3, 7, 2, DATA, true).encode(N), N, Direction.H2C, Req.TCP_DATA_DWORD_ALIGNED, 12, "DATAO 2")),
                argumentSet("C2HData DATAL not dword aligned",
                        Case.of(C2HData.of(3, 0, Bytes.zeros(5), true, false).encode(N), N, Direction.C2H, Req.TCP_DATA_DWORD_ALIGNED, 16, "DATAL 5")),
                argumentSet("R2T R2TO not dword aligned",
                        Case.of(new R2T(3, 7, 6, 64).encode(N), N, Direction.C2H, Req.TCP_DATA_DWORD_ALIGNED, 12, "R2TO 6")),
                argumentSet("R2T R2TL not dword aligned",
                        Case.of(new R2T(3, 7, 0, 63).encode(N), N, Direction.C2H, Req.TCP_DATA_DWORD_ALIGNED, 16, "R2TL 63")),
                argumentSet("C2HData reserved bytes 10-11",
                        Case.of(C2H.frame(N).withHeaderByte(10, 0x33).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 10, "byte 10 is 33h")),
                argumentSet("H2CData reserved bytes 20-23",
                        Case.of(H2C.frame(D).withHeaderByte(23, 1).encode(), D, Direction.H2C, Req.TCP_RESERVED_ZERO, 23, "byte 23 is 01h")),
                argumentSet("R2T reserved bytes 20-23",
                        Case.of(R2T_PDU.frame(N).withHeaderByte(20, 9).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 20, "byte 20 is 09h")),
                // ---- capsules and SGL
                argumentSet("in-capsule data with SGL1 5Ah (facts §5.3: in-capsule uses 01h)",
                        Case.of(new CapsuleCmd(SglDescriptor.transport(64).applyTo(WRITE), DATA).encode(N), N, Direction.H2C,
                                Req.TCP_SGL_DESCRIPTORS, 47, "SGL1 is 5Ah, expected 01h")),
                argumentSet("in-capsule data longer than SGL1 describes (facts §5.2: no trailing bytes)",
                        Case.of(new CapsuleCmd(WRITE, DATA.concat(Bytes.zeros(4))).encode(N), N, Direction.H2C, Req.TCP_CAPSULE_NO_TRAILING, 40,
                                "0..64 but the capsule carries 68")),
                argumentSet("SGL1 01h with length but no in-capsule data",
                        Case.of(CapsuleCmd.of(WRITE).encode(N), N, Direction.H2C, Req.TCP_CAPSULE_NO_TRAILING, 40, "carries 0 data bytes")),
                // ---- ICReq / ICResp
                argumentSet("ICReq PFV 1 (facts §2.2, nvmet 'bad pfv 1')",
                        Case.of(new IcReq(1, 0, 0, 0).encode(), N, Direction.H2C, Req.TCP_ICREQ_PFV, 8, "PFV is 0001h")),
                argumentSet("ICResp PFV 1",
                        Case.of(new IcResp(1, 0, 0, 4096).encode(), N, Direction.C2H, Req.TCP_ICRESP_PFV, 8, "PFV is 0001h")),
                argumentSet("ICReq HPDA 32 (> 128-byte alignment)",
                        Case.of(new IcReq(0, 32, 0, 0).encode(), N, Direction.H2C, Req.TCP_PDA_MAX, 10, "HPDA is 32")),
                argumentSet("ICResp CPDA 255",
                        Case.of(new IcResp(0, 255, 0, 4096).encode(), N, Direction.C2H, Req.TCP_PDA_MAX, 10, "CPDA is 255")),
                argumentSet("ICReq DGST reserved bits 7:2",
                        Case.of(new IcReq(0, 0, 0x07, 0).encode(), N, Direction.H2C, Req.TCP_RESERVED_ZERO, 11, "DGST 07h")),
                argumentSet("ICResp reserved byte 100",
                        Case.of(IcResp.of(false, false, 0, 4096).frame(N).withHeaderByte(100, 0xAA).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO,
                                100, "byte 100 is AAh")),
                argumentSet("ICResp MAXH2CDATA 4098, not a dword multiple",
                        Case.of(IcResp.of(false, false, 0, 4098).encode(), N, Direction.C2H, Req.TCP_MAXH2CDATA_DWORD, 12, "4098")),
                argumentSet("ICResp MAXH2CDATA 2048 (below the recommended 4096: a SHOULD)",
                        Case.of(IcResp.of(false, false, 0, 2048).encode(), N, Direction.C2H, Req.TCP_MAXH2CDATA_MIN, 12, "below the recommended")),
                argumentSet("ICReq PLEN 136 (fixed 128)",
                        Case.of(IcReq.of(false, false, 0, 0).frame(N).withData(Bytes.zeros(8)).withActualPlen().encode(), N, Direction.H2C,
                                Req.TCP_PLEN, 4, "expected 128")),
                argumentSet("ICReq PDO 128 (reserved)",
                        Case.of(IcReq.of(false, false, 0, 0).frame(N).withPdo(128).encode(), N, Direction.H2C, Req.TCP_RESERVED_ZERO, 3, "PDO is 128")),
                // ---- TermReq
                argumentSet("C2HTermReq with 129 bytes of header copy: PLEN 153 (facts §4.3)",
                        Case.of(new C2HTermReq(1, 0, Bytes.zeros(129)).encode(N), N, Direction.C2H, Req.TCP_TERMREQ_PLEN, 4, "PLEN is 153")),
                argumentSet("H2CTermReq with reserved FES 0",
                        Case.of(new H2CTermReq(0, 0, Bytes.EMPTY).encode(N), N, Direction.H2C, Req.TCP_TERMREQ_FES, 8, "FES 0000h")),
                argumentSet("C2HTermReq with reserved FES 7",
                        Case.of(new C2HTermReq(7, 0, Bytes.EMPTY).encode(N), N, Direction.C2H, Req.TCP_TERMREQ_FES, 8, "FES 0007h")),
                argumentSet("TermReq reserved bytes 14-23",
                        Case.of(new H2CTermReq(2, 0, Bytes.EMPTY).frame(N).withHeaderByte(14, 1).encode(), N, Direction.H2C, Req.TCP_RESERVED_ZERO,
                                14, "byte 14 is 01h")),
                argumentSet("TermReq PDO 24 (reserved)",
                        Case.of(new C2HTermReq(1, 0, Bytes.zeros(8)).frame(N).withPdo(24).encode(), N, Direction.C2H, Req.TCP_RESERVED_ZERO, 3,
                                "PDO is 24")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    @DisplayName("illegal PDU → the violation, at the field's offset, with the evidence")
    void reports(Case c) {
        Decoded<Pdu> d = Pdu.decode(c.wire(), c.params(), c.dir());
        List<Violation> hits = d.violations().stream().filter(v -> v.req() == c.req()).collect(Collectors.toList());
        assertFalse(hits.isEmpty(), () -> "no " + c.req() + " in " + d.violations());
        assertTrue(hits.stream().anyMatch(v -> v.offset() == c.offset() && v.detail().contains(c.detail())),
                () -> "expected @" + c.offset() + " '" + c.detail() + "' in " + hits);
        assertEquals(c.decodable(), d.isPresent(), () -> "value " + d.value());
    }

    @Test
    @DisplayName("HDGST and DDGST errors are told apart: a header byte flip is a header digest error only (facts §3.1)")
    void digestErrorsSeparately() {
        Bytes golden = TcpVectors.READ_C2H_DGST;
        Decoded<Pdu> header = Pdu.decode(golden.flipBit(8, 0), D, Direction.C2H);
        assertEquals(List.of(Req.TCP_HEADER_DIGEST), reqs(header));
        Decoded<Pdu> data = Pdu.decode(golden.flipBit(100, 7), D, Direction.C2H);
        assertEquals(List.of(Req.TCP_DATA_DIGEST), reqs(data));
        Decoded<Pdu> hdgst = Pdu.decode(golden.flipBit(25, 1), D, Direction.C2H);
        assertEquals(List.of(Req.TCP_HEADER_DIGEST), reqs(hdgst));
        Decoded<Pdu> ddgst = Pdu.decode(golden.flipBit(golden.length() - 1, 0), D, Direction.C2H);
        assertEquals(List.of(Req.TCP_DATA_DIGEST), reqs(ddgst));
        assertEquals(TcpVectors.PAYLOAD_512, ((C2HData) ddgst.get()).data(), "the data is still delivered");
    }

    @Test
    @DisplayName("a PDU decoded as another type is a PDU sequence error (facts §4.3)")
    void wrongTypeIsSequenceError() {
        Decoded<IcResp> d = IcResp.decode(TcpVectors.CONNECT_RESP);
        assertTrue(d.violates(Req.TCP_PDU_SEQUENCE));
        assertFalse(d.isPresent());
        assertTrue(IcResp.decode(TcpVectors.ICRESP).isClean());
        assertTrue(CapsuleResp.decode(TcpVectors.CONNECT_RESP, N).isClean());
        assertTrue(R2T.decode(TcpVectors.R2T_DGST, D).isClean());
        assertTrue(H2CData.decode(TcpVectors.H2C_DGST, D).isClean());
        assertTrue(C2HData.decode(TcpVectors.READ_C2H_DGST, D).isClean());
        assertTrue(CapsuleCmd.decode(TcpVectors.CONNECT, N).isClean());
        assertTrue(IcReq.decode(TcpVectors.ICREQ_DGST).isClean());
        assertTrue(C2HTermReq.decode(new C2HTermReq(3, 0x5a0d91e6L, TcpVectors.R2T).encode(D), D).isClean());
        assertTrue(H2CTermReq.decode(new H2CTermReq(6, 12, TcpVectors.ICRESP).encode(D), D).isClean());
    }

    @Test
    @DisplayName("digest mode mismatch: a no-digest capture decoded with digests on is reported, not thrown")
    void paramsMismatch() {
        Decoded<Pdu> d = Pdu.decode(TcpVectors.READ_C2H_DGST, N, Direction.C2H);
        assertTrue(d.violates(Req.TCP_HDGST_PRESENCE));
        assertTrue(d.violates(Req.TCP_DDGST_PRESENCE));
        Decoded<Pdu> e = Pdu.decode(TcpVectors.CONNECT, D, Direction.H2C);
        assertTrue(e.violates(Req.TCP_HDGST_PRESENCE));
        assertTrue(e.violates(Req.TCP_HEADER_DIGEST));
    }

    static List<Req> reqs(Decoded<?> d) {
        return d.violations().stream().map(Violation::req).collect(Collectors.toList());
    }
}
