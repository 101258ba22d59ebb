package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/** Control primitives (NMIMT 0; MI 1.2 §4.2.1; facts §7.1-7.4). */
class ControlPrimitiveTest {

    static Stream<Arguments> requests() {
        return Stream.of(
                argumentSet("Pause, tag 11h, always CSI 0", ControlPrimitive.pause(0x11), "84 00 00 00 00 11 00 00"),
                argumentSet("Resume", ControlPrimitive.resume(0x12), "84 00 00 00 01 12 00 00"),
                argumentSet("Abort slot 1", ControlPrimitive.abort(1, 0x13), "84 01 00 00 02 13 00 00"),
                argumentSet("Get State slot 1 without CESF", ControlPrimitive.getState(1, 0x14, false), "84 01 00 00 03 14 00 00"),
                argumentSet("Replay slot 0 from packet 3", ControlPrimitive.replay(0, 0x15, 3), "84 00 00 00 04 15 03 00"),
                argumentSet("reserved CPO 05h with CPSP FFFFh", new ControlPrimitive(MiHeader.request(Nmimt.CONTROL_PRIMITIVE), 5, 0, 0xFFFF),
                        "84 00 00 00 05 00 ff ff"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    @DisplayName("control primitive requests: CPO byte 4, TAG 5, CPSP 6-7 LE (facts §7.1)")
    void requestLayout(ControlPrimitive cp, String content) {
        assertEquals(Bytes.hex(content), cp.content());
        assertEquals(cp, ControlPrimitive.fromMessage(cp.seal()));
        assertEquals(12, cp.seal().length());
    }

    @Test
    @DisplayName("CESF = CPSP bit 0, RRO = CPSP bits 7:0 (facts §7.2)")
    void parameterAccessors() {
        assertTrue(ControlPrimitive.getState(0, 0, true).cesf());
        assertEquals(0x7F, ControlPrimitive.replay(0, 0, 0x7F).rro());
        assertEquals(java.util.Optional.of(Cpo.REPLAY), ControlPrimitive.replay(0, 0, 0).cpoValue());
    }

    static Stream<Arguments> mesBits() {
        return Stream.of(
                argumentSet("PFLG bit 15", Flag.PFLG, 0x8000), argumentSet("NSSRO bit 14", Flag.NSSRO, 0x4000),
                argumentSet("BPOPL bit 13", Flag.BPOPL, 0x2000), argumentSet("BUEMT bit 12", Flag.BUEMT, 0x1000),
                argumentSet("OSPSN bit 11", Flag.OSPSN, 0x0800), argumentSet("UMEP bit 10", Flag.UMEP, 0x0400),
                argumentSet("ITU bit 9", Flag.ITU, 0x0200), argumentSet("UDSTID bit 8", Flag.UDSTID, 0x0100),
                argumentSet("BHVS bit 7", Flag.BHVS, 0x0080), argumentSet("UTUNT bit 6", Flag.UTUNT, 0x0040),
                argumentSet("BMICE bit 4", Flag.BMICE, 0x0010), argumentSet("CMNICS bit 3", Flag.CMNICS, 0x0008));
    }

    @ParameterizedTest
    @MethodSource("mesBits")
    @DisplayName("MES flag positions (facts §7.4, three independent readings)")
    void mesFlagPosition(Flag flag, int mask) {
        ManagementEndpointState s = new ManagementEndpointState(mask | 2);
        assertEquals(EnumSet.of(flag), s.flags());
        assertEquals(SlotState.PROCESS, s.ssta());
        assertEquals(mask | 2, ManagementEndpointState.of(SlotState.PROCESS, flag).mes());
    }

    @Test
    @DisplayName("CESF clears bits 14:3 and keeps PFLG and SSTA (facts §7.4, R19)")
    void cesfClearsErrorFlags() {
        ManagementEndpointState s = new ManagementEndpointState(0xFFFB);
        ManagementEndpointState after = s.errorFlagsCleared();
        assertEquals(0x8003, after.mes());
        assertTrue(after.pflg());
        assertEquals(SlotState.TRANSMIT, after.ssta());
        assertEquals(0xFFFB & ~0x10, s.with(Flag.BMICE).without(Flag.BMICE).mes());
        assertEquals(SlotState.IDLE, s.withSsta(SlotState.IDLE).ssta());
    }

    @Test
    @DisplayName("responses round-trip; CPAS and RR accessors (facts §7.2)")
    void responsesRoundTrip() {
        ControlPrimitive abort = ControlPrimitive.abort(1, 7);
        ControlPrimitiveResponse r = ControlPrimitiveResponse.abort(abort, ControlPrimitiveResponse.CPAS_PARTIAL);
        assertEquals(Bytes.hex("84 81 00 00 00 07 02 00"), r.content());
        Decoded<ControlPrimitiveResponse> d = ControlPrimitiveResponse.decode(r.seal().toWire());
        assertTrue(d.isClean());
        assertEquals(r, d.get());
        assertEquals(2, d.get().cpas());
        assertTrue(d.get().checkAgainst(abort).isEmpty());
        assertTrue(ControlPrimitiveResponse.replay(ControlPrimitive.replay(0, 1, 0), true).rr());
    }

    static Stream<Arguments> responseFaults() {
        ControlPrimitive gs = ControlPrimitive.getState(0, 0x5A, false);
        ControlPrimitive ab = ControlPrimitive.abort(0, 1);
        ControlPrimitive rp = ControlPrimitive.replay(1, 2, 0);
        MiHeader r0 = MiHeader.response(Nmimt.CONTROL_PRIMITIVE, 0);
        return Stream.of(
                argumentSet("TAG not echoed (UNH 7.1)", gs, new ControlPrimitiveResponse(r0, 0, 0x5B, 0), Req.MI_CP_TAG_ECHO, 5),
                argumentSet("CSI not echoed", rp, new ControlPrimitiveResponse(r0, 0, 2, 1), Req.MI_RESPONSE_CSI, 1),
                argumentSet("NMIMT changed", gs, new ControlPrimitiveResponse(MiHeader.response(Nmimt.MI_COMMAND, 0), 0, 0x5A, 0),
                        Req.MI_RESPONSE_HEADER, 1),
                argumentSet("Get State MES bit 5 set", gs, new ControlPrimitiveResponse(r0, 0, 0x5A, 0x20), Req.MI_RESERVED_ZERO, 6),
                argumentSet("Get State MES bit 2 set", gs, new ControlPrimitiveResponse(r0, 0, 0x5A, 0x04), Req.MI_RESERVED_ZERO, 6),
                argumentSet("Abort CPAS 11b", ab, new ControlPrimitiveResponse(r0, 0, 1, 3), Req.MI_CP_ABORT, 6),
                argumentSet("Abort CPSR bit 2 set", ab, new ControlPrimitiveResponse(r0, 0, 1, 4), Req.MI_RESERVED_ZERO, 6),
                argumentSet("Replay CPSR bit 1 set", rp, new ControlPrimitiveResponse(MiHeader.response(Nmimt.CONTROL_PRIMITIVE, 1), 0, 2, 2),
                        Req.MI_RESERVED_ZERO, 6));
    }

    @ParameterizedTest
    @MethodSource("responseFaults")
    @DisplayName("responses are checked against their request: header, TAG echo, reserved CPSR bits")
    void responseFaultReported(ControlPrimitive request, ControlPrimitiveResponse response, Req req, int offset) {
        List<Violation> v = response.checkAgainst(request);
        assertEquals(1, v.size(), v::toString);
        assertEquals(req, v.get(0).req());
        assertEquals(offset, v.get(0).offset());
    }

    @Test
    @DisplayName("a control primitive response is exactly 8 bytes before the MIC")
    void responseLength() {
        Decoded<ControlPrimitiveResponse> longer = ControlPrimitiveResponse.decode(
                MiMessage.seal(Bytes.hex("84 80 00 00 00 01 00 00 00")).toWire());
        assertTrue(longer.isPresent());
        assertTrue(longer.violates(Req.MI_RESPONSE_FORMAT));
        Decoded<ControlPrimitiveResponse> shorter = ControlPrimitiveResponse.decode(
                MiMessage.seal(Bytes.hex("84 80 00 00 00 01 00")).toWire());
        assertFalse(shorter.isPresent());
        assertTrue(ControlPrimitiveResponse.decode(MiMessage.seal(Bytes.hex("84 00 00 00 00 01 00 00")))
                .violates(Req.MI_RESPONSE_HEADER));
    }

    static Stream<Arguments> meVerdicts() {
        MiHeader slot1 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 1);
        return Stream.of(
                argumentSet("reserved CPO 05h → 03h, TAG echoed", new ControlPrimitive(MiHeader.request(Nmimt.CONTROL_PRIMITIVE), 5, 0x33, 0).content(),
                        0x03, Req.MI_CP_INVALID_OPCODE, "84 80 00 00 03 33 00 00"),
                argumentSet("Pause on CSI 1 → 04h (R16)", ControlPrimitive.pause(0x44).withHeader(slot1).content(),
                        0x04, Req.MI_CP_PAUSE, "84 81 00 00 04 44 00 00"),
                argumentSet("9-byte primitive → 05h", ControlPrimitive.resume(0x55).content().concat(Bytes.hex("00")),
                        0x05, Req.MI_INVALID_COMMAND_SIZE, "84 80 00 00 05 55 00 00"));
    }

    @ParameterizedTest
    @MethodSource("meVerdicts")
    @DisplayName("ME verdicts on control primitives use the control primitive response layout")
    void meVerdict(Bytes content, int status, Req req, String response) {
        MeParse p = MeRequestParser.parse(MiMessage.seal(content).toWire());
        assertEquals(status, p.error().orElseThrow().status());
        assertEquals(req, p.error().get().req());
        assertEquals(Bytes.hex(response), p.errorResponse().orElseThrow().content());
    }

    @Test
    @DisplayName("vendor CPO F0h and Get State on CSI 1 are accepted as they are")
    void wellFormedPrimitives() {
        assertTrue(MeRequestParser.parse(new ControlPrimitive(MiHeader.request(Nmimt.CONTROL_PRIMITIVE), 0xF0, 1, 0)
                .seal().toWire()).isWellFormed());
        MeParse p = MeRequestParser.parse(ControlPrimitive.getState(1, 9, true).seal().toWire());
        assertEquals(ControlPrimitive.getState(1, 9, true), p.requestAs(ControlPrimitive.class).orElseThrow());
    }
}
