package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/** NVMe Admin commands tunnelled over NVMe-MI (NMIMT 2; MI 1.2 §6; facts §8.1-8.3). */
class AdminTest {
    static final MiHeader RSP = MiHeader.response(Nmimt.ADMIN, 0);

    @Test
    @DisplayName("request layout: CTLID 6-7, NSID 8, DOFST 28, DLEN 32, CDW10 44, data from 68 (facts §8.1)")
    void requestLayout() {
        AdminRequest a = AdminRequest.builder(0x09).cflgs(3).ctlid(0x0102).nsid(0xFFFFFFFFL).dofst(0x10).dlen(8)
                .cdw10(0x0A).cdw(15, 0xCAFEBABEL).data(Bytes.hex("01 02 03 04 05 06 07 08")).build();
        Bytes c = a.content();
        assertEquals(68 + 8, c.length());
        assertEquals(0x09, c.u8(4));
        assertEquals(3, c.u8(5));
        assertEquals(0x0102, c.u16le(6));
        assertEquals(0xFFFFFFFFL, c.u32le(8));
        assertEquals(0x10, c.u32le(AdminRequest.DOFST_OFFSET));
        assertEquals(8, c.u32le(AdminRequest.DLEN_OFFSET));
        assertEquals(0x0A, c.u32le(44));
        assertEquals(0xCAFEBABEL, c.u32le(64));
        assertEquals(Bytes.hex("01 02 03 04 05 06 07 08"), c.slice(68));
        assertEquals(a, AdminRequest.fromMessage(a.seal()));
        assertEquals(a, a.toBuilder().build());
        assertEquals(0xCAFEBABEL, a.cdw(15));
        assertEquals(AdminOpcode.Direction.HOST_TO_CONTROLLER, a.direction());
    }

    @Test
    @DisplayName("Get Log Page: LID and NUMDL in CDW10, NUMDU in CDW11, LPOL/LPOU in CDW12/13")
    void getLogPageDwords() {
        AdminRequest a = AdminRequest.getLogPage(0, 0x02, 0xFFFFFFFFL, 512, 0x1_0000_0200L);
        assertEquals(0x02 | 127L << 16, a.cdw10());
        assertEquals(0, a.cdw11());
        assertEquals(0x200, a.cdw12());
        assertEquals(1, a.cdw13());
        assertEquals(512, a.dlen());
        assertEquals(0x0A, AdminRequest.getFeatures(0, 0x0A, 0).cdw10());
    }

    static Stream<Arguments> figure114() {
        return Stream.of(
                argumentSet("02h Get Log Page mandatory", 0x02, AdminCommandSupport.MANDATORY),
                argumentSet("06h Identify mandatory", 0x06, AdminCommandSupport.MANDATORY),
                argumentSet("0Ah Get Features mandatory", 0x0A, AdminCommandSupport.MANDATORY),
                argumentSet("09h Set Features optional", 0x09, AdminCommandSupport.OPTIONAL),
                argumentSet("84h Sanitize optional", 0x84, AdminCommandSupport.OPTIONAL),
                argumentSet("C5h vendor specific optional", 0xC5, AdminCommandSupport.OPTIONAL),
                argumentSet("00h Delete I/O SQ prohibited", 0x00, AdminCommandSupport.PROHIBITED),
                argumentSet("0Ch AER prohibited", 0x0C, AdminCommandSupport.PROHIBITED),
                argumentSet("18h Keep Alive prohibited", 0x18, AdminCommandSupport.PROHIBITED),
                argumentSet("7Fh Fabrics prohibited", 0x7F, AdminCommandSupport.PROHIBITED),
                argumentSet("03h not listed", 0x03, AdminCommandSupport.NOT_LISTED),
                argumentSet("21h (MI 2.x opcode) not listed in MI 1.2", 0x21, AdminCommandSupport.NOT_LISTED));
    }

    @ParameterizedTest
    @MethodSource("figure114")
    @DisplayName("MI 1.2 Figure 114 classification for a storage device (facts §8.3)")
    void figure114Class(int opcode, AdminCommandSupport expected) {
        assertEquals(expected, AdminCommandSupport.of(opcode));
    }

    static Stream<Arguments> verdicts() {
        AdminRequest identify = AdminRequest.identify(0, 1, 0, 0, 4096);
        AdminRequest setFeatures = AdminRequest.builder(0x09).dlen(8).data(Bytes.zeros(8)).build();
        return Stream.of(
                argumentSet("Identify, no data → well formed", identify.content(), null, null),
                argumentSet("Identify cut to 67 bytes → 05h", identify.content().head(67), 0x05, Req.MI_INVALID_COMMAND_SIZE),
                argumentSet("Identify with DLEN 0 and 4 data bytes → 06h (data larger than DLEN)",
                        identify.toBuilder().dlen(0).data(Bytes.zeros(4)).build().content(), 0x06, Req.MI_INVALID_INPUT_DATA_SIZE),
                argumentSet("Identify with 4 data bytes within DLEN → 05h (the command takes no data)",
                        identify.toBuilder().data(Bytes.zeros(4)).build().content(), 0x05, Req.MI_INVALID_COMMAND_SIZE),
                argumentSet("Set Features, data = DLEN → well formed", setFeatures.content(), null, null),
                argumentSet("Set Features, data short of DLEN → 06h", setFeatures.content().head(72), 0x06, Req.MI_INVALID_INPUT_DATA_SIZE),
                argumentSet("opcode 03h (not listed) → 03h", AdminRequest.builder(0x03).build().content(), 0x03, Req.MI_ADMIN_PROHIBITED),
                argumentSet("Keep Alive (prohibited) → 04h", AdminRequest.builder(0x18).build().content(), 0x04, Req.MI_ADMIN_PROHIBITED),
                argumentSet("vendor opcode C1h → left to the model", AdminRequest.builder(0xC1).dlen(4).data(Bytes.zeros(4)).build().content(),
                        null, null));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    @DisplayName("ME verdicts on tunnelled Admin requests (MI 1.2 §6.2 well-formedness; facts §8.1)")
    void meVerdict(Bytes content, Integer status, Req req) {
        MeParse p = MeRequestParser.parse(MiMessage.seal(content).toWire());
        if (status == null) {
            assertTrue(p.isWellFormed(), () -> p.error().toString());
            return;
        }
        assertEquals(status.intValue(), p.error().orElseThrow().status());
        assertEquals(req, p.error().get().req());
    }

    @Test
    @DisplayName("prohibited opcode → 04h with PEL byte 4 bit 0 (MI 1.2 §6.2, R31)")
    void prohibitedPel() {
        MeParse p = MeRequestParser.parse(AdminRequest.builder(0x08).build().seal().toWire());
        MiResponse r = MiResponse.decode(p.errorResponse().orElseThrow()).get();
        assertEquals(new ParameterErrorLocation(4, 0), r.pel().orElseThrow());
    }

    @Test
    @DisplayName("CQE DW3 80050000h: DNR, SC 02h Invalid Field, phase 1, CID 0 (facts §8.2, nvme-mi-dev tests/admin.rs)")
    void dw3StatusAccessors() {
        AdminResponse r = new AdminResponse(RSP, 0, 0, 0, 0, 0x80050000L, Bytes.EMPTY);
        assertEquals(0, r.cid());
        assertTrue(r.dnr());
        assertEquals(Cqe.SC_INVALID_FIELD, r.sc());
        assertEquals(Cqe.SCT_GENERIC, r.sct());
        assertTrue(r.cqe().p());
        assertEquals(0x4002, r.nvmeStatus());
    }

    @Test
    @DisplayName("response round trip from a Cqe; DW2 is not carried (facts §8.2)")
    void responseFromCqe() {
        Cqe cqe = Cqe.success(0x1234).withPhase(true);
        AdminResponse r = AdminResponse.of(RSP, cqe, Bytes.hex("aa bb cc dd"));
        assertEquals(Bytes.hex("84 90 00 00 00 00 00 00 34 12 00 00 00 00 00 00 00 00 01 00 aa bb cc dd"), r.content());
        Decoded<AdminResponse> d = AdminResponse.decode(r.seal().toWire());
        assertTrue(d.isClean());
        assertEquals(r, d.get());
        assertEquals(cqe, d.get().cqe());
    }

    @Test
    @DisplayName("CQE CID ≠ 0 → MI_ADMIN_CQE_CID_ZERO at byte 16; reserved bytes 5-7 → MI_RESERVED_ZERO")
    void responseFaults() {
        Decoded<AdminResponse> cid = AdminResponse.decode(new AdminResponse(RSP, 0, 0, 0, 0, 0x0001_0007L, Bytes.EMPTY).seal().toWire());
        assertEquals(Req.MI_ADMIN_CQE_CID_ZERO, cid.violations().get(0).req());
        assertEquals(16, cid.violations().get(0).offset());
        Decoded<AdminResponse> rsvd = AdminResponse.decode(new AdminResponse(RSP, 0, 0x010000, 0, 0, 0, Bytes.EMPTY).seal().toWire());
        assertEquals(Req.MI_RESERVED_ZERO, rsvd.violations().get(0).req());
        assertEquals(7, rsvd.violations().get(0).offset());
    }

    @Test
    @DisplayName("an Admin success shorter than 20 bytes is rejected; an MI error is left to MiResponse")
    void shortAndErrorResponses() {
        Decoded<AdminResponse> s = AdminResponse.decode(MiMessage.seal(Bytes.hex("84 90 00 00 00 00 00 00 00 00 00 00")).toWire());
        assertFalse(s.isPresent());
        assertTrue(s.violates(Req.MI_RESPONSE_FORMAT));
        Decoded<AdminResponse> e = AdminResponse.decode(Bytes.hex("84 90 00 00 03 00 00 00 e8 db 23 92"));
        assertFalse(e.isPresent());
        assertTrue(e.violations().isEmpty());
    }

    @Test
    @DisplayName("a successful command returns DLEN bytes (MI_ADMIN_DATA_SLICE)")
    void dataLengthAgainstRequest() {
        AdminRequest req = AdminRequest.identify(0, 1, 0, 4, 20);
        AdminResponse ok = AdminResponse.of(RSP, Cqe.success(0), Bytes.zeros(20));
        assertTrue(ok.checkDataLength(req).isEmpty());
        assertEquals(List.of(Req.MI_ADMIN_DATA_SLICE),
                AdminResponse.of(RSP, Cqe.success(0), Bytes.zeros(16)).checkDataLength(req).stream().map(v -> v.req()).toList());
        assertTrue(AdminResponse.of(RSP, Cqe.error(0, 2), Bytes.EMPTY).checkDataLength(req).isEmpty());
    }
}
