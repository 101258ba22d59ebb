package org.nvmehil.model.mctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.control.CompletionCode;
import org.nvmehil.protocol.mctp.control.ControlResponse;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mctp.control.GetEndpointUuid;
import org.nvmehil.protocol.mctp.control.GetMctpVersionSupport;
import org.nvmehil.protocol.mctp.control.GetMessageTypeSupport;
import org.nvmehil.protocol.mctp.control.MctpVersion;
import org.nvmehil.protocol.mctp.control.SetEndpointId;
import org.nvmehil.protocol.wire.Bytes;

/** MCTP control responder (DSP0236 §11–12; facts §2), frame in, frame out through the SMBus shell. */
class ControlResponderTest {

    private final Bench bench = new Bench();

    private Bytes ask(int cmd, int iid, Bytes data) {
        List<Bytes> frames = bench.exchange(1, Bench.controlRequest(cmd, iid, data));
        assertEquals(1, frames.size(), "control responses are one packet");
        return Bench.message(frames);
    }

    @Test
    void v7_getEndpointId_nullEids_staticEid09_exactFrame() {
        Bench b = new Bench(TestConfigs.defaults(), EidPolicy.STATIC);
        List<Bytes> out = b.write(Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F"));
        assertEquals(List.of(Bytes.hex("20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC")), out);
    }

    @Test
    void v8_getMessageTypeSupport_specForm_exactFrame() {
        List<Bytes> out = bench.write(Bytes.hex("3A 0F 08 21 01 09 08 C9 00 81 05 26"));
        assertEquals(List.of(Bytes.hex("20 0F 0B 3B 01 08 09 C1 00 01 05 00 01 04 7C")), out);
    }

    @Test
    void getEndpointId_dynamicByDefault_reservedBitsZero_mediumSpecificZero() {
        var r = GetEndpointId.Response.decode(ask(0x02, 3, Bytes.EMPTY));
        assertTrue(r.isClean(), r.violations()::toString);
        assertEquals(3, r.get().header().instanceId());
        assertEquals(TestConfigs.ME_EID, r.get().eid());
        assertEquals(GetEndpointId.ENDPOINT_SIMPLE, r.get().endpointType());
        assertEquals(GetEndpointId.EID_DYNAMIC, r.get().eidType());
        assertEquals(0, r.get().rsvd());
        assertEquals(0, r.get().mediumSpecific());
    }

    @Test
    void getEndpointId_withTrailingData_isInvalidLength() {
        var r = ControlResponse.decode(ask(0x02, 0, Bytes.ofUnsigned(0xAA))).get();
        assertEquals(CompletionCode.ERROR_INVALID_LENGTH, r.completionCode());
    }

    @Test
    void getEndpointUuid_returnsConfiguredUuid() {
        var r = GetEndpointUuid.Response.decode(ask(0x03, 0, Bytes.EMPTY));
        assertTrue(r.isClean(), r.violations()::toString);
        assertEquals(UUID.fromString(TestConfigs.UUID), r.get().toUuid().orElseThrow());
    }

    @Test
    void getVersion_baseAndControl_are131_nvmeMi_is12_othersAre80h() {
        for (int type : new int[] {0xFF, 0x00}) {
            var r = GetMctpVersionSupport.Response.decode(ask(0x04, 0, Bytes.ofUnsigned(type)));
            assertTrue(r.isClean(), r.violations()::toString);
            assertEquals(List.of(0xF1F3F100L), r.get().entries());
        }
        var mi = GetMctpVersionSupport.Response.decode(ask(0x04, 0, Bytes.ofUnsigned(0x04)));
        assertTrue(mi.isClean(), mi.violations()::toString);
        assertEquals(List.of(0xF1F2FF00L), mi.get().entries());
        assertEquals(List.of(MctpVersion.of(1, 2, MctpVersion.NO_UPDATE)), mi.get().versions());
        var pldm = GetMctpVersionSupport.Response.decode(ask(0x04, 0, Bytes.ofUnsigned(0x01))).get();
        assertEquals(GetMctpVersionSupport.MESSAGE_TYPE_NOT_SUPPORTED, pldm.completionCode());
        var missing = ControlResponse.decode(ask(0x04, 0, Bytes.EMPTY)).get();
        assertEquals(CompletionCode.ERROR_INVALID_LENGTH, missing.completionCode());
    }

    @Test
    void getMessageTypeSupport_listsOnlyNvmeMi() {
        var r = GetMessageTypeSupport.Response.decode(ask(0x05, 0, Bytes.EMPTY));
        assertTrue(r.isClean(), r.violations()::toString);
        assertEquals(1, r.get().count());
        assertEquals(List.of(0x04), r.get().typeList());
        assertFalse(r.get().listsControl());
    }

    @ParameterizedTest(name = "command {0}h → 05h")
    @ValueSource(ints = {0x0B, 0x0C, 0x06, 0x07, 0x7F, 0xF0})
    void unsupportedCommands_includingPrepareForDiscovery_get05h(int cmd) {
        var r = ControlResponse.decode(ask(cmd, 7, Bytes.EMPTY));
        assertTrue(r.isClean(), r.violations()::toString);
        assertEquals(CompletionCode.ERROR_UNSUPPORTED_CMD, r.get().completionCode());
        assertEquals(cmd, r.get().header().commandCode());
        assertEquals(7, r.get().header().instanceId());
        assertTrue(r.get().data().isEmpty());
    }

    @Test
    void setEndpointId_acceptsAndMovesTheEndpoint() {
        var r = SetEndpointId.Response.decode(ask(0x01, 2, Bytes.ofUnsigned(SetEndpointId.OP_SET, 0x0A)));
        assertTrue(r.isClean(), r.violations()::toString);
        assertEquals(SetEndpointId.ASSIGNMENT_ACCEPTED, r.get().assignmentStatus());
        assertEquals(SetEndpointId.ALLOCATION_NO_POOL, r.get().allocationStatus());
        assertEquals(0x0A, r.get().eidSetting());
        assertEquals(0, r.get().poolSize());
        assertEquals(0x0A, bench.state.eid());
        assertEquals(1, bench.events(ModelEvent.Kind.EFFECT).size());

        // The response already came from the new EID; the old one is now unknown.
        List<Bytes> frames = bench.write(Bench.frame(MctpPacket.single(0x0A, TestConfigs.HOST_EID, true, 0,
                Bench.controlRequest(0x02, 0, Bytes.EMPTY)).encode()));
        assertEquals(0x0A, Bench.packets(frames).get(0).srcEid());
        assertEquals(0x0A, GetEndpointId.Response.decode(Bench.message(frames)).get().eid());
        assertTrue(bench.exchange(0, Bench.controlRequest(0x02, 0, Bytes.EMPTY)).isEmpty());
    }

    @Test
    void setEndpointId_force_isAccepted() {
        var r = SetEndpointId.Response.decode(ask(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_FORCE, 0x20))).get();
        assertEquals(CompletionCode.SUCCESS, r.completionCode());
        assertEquals(0x20, bench.state.eid());
    }

    @ParameterizedTest(name = "EID {0}h → 02h")
    @ValueSource(ints = {0x00, 0xFF, 0x01, 0x07})
    void setEndpointId_unassignableEids_areInvalidData(int eid) {
        var r = SetEndpointId.Response.decode(ask(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_SET, eid))).get();
        assertEquals(CompletionCode.ERROR_INVALID_DATA, r.completionCode());
        assertEquals(TestConfigs.ME_EID, bench.state.eid());
    }

    @Test
    void setEndpointId_resetStatic_withoutStaticEid_isInvalidData() {
        var r = SetEndpointId.Response.decode(ask(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_RESET_STATIC, 0))).get();
        assertEquals(CompletionCode.ERROR_INVALID_DATA, r.completionCode());
    }

    @Test
    void setEndpointId_setDiscoveredFlag_isInvalidDataOnSmbus() {
        var r = SetEndpointId.Response.decode(ask(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_SET_DISCOVERED, 0))).get();
        assertEquals(CompletionCode.ERROR_INVALID_DATA, r.completionCode());
    }

    @Test
    void setEndpointId_truncated_isInvalidLength() {
        var r = ControlResponse.decode(ask(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_SET))).get();
        assertEquals(CompletionCode.ERROR_INVALID_LENGTH, r.completionCode());
    }

    @Test
    void staticPolicy_resetStaticRestoresConfiguredEid() {
        Bench b = new Bench(TestConfigs.defaults(), EidPolicy.STATIC);
        b.state.setEid(0x30);
        List<Bytes> out = b.write(Bench.frame(MctpPacket.single(0x30, TestConfigs.HOST_EID, true, 0,
                Bench.controlRequest(0x01, 0, Bytes.ofUnsigned(SetEndpointId.OP_RESET_STATIC, 0))).encode()));
        var r = SetEndpointId.Response.decode(Bench.message(out)).get();
        assertEquals(CompletionCode.SUCCESS, r.completionCode());
        assertEquals(TestConfigs.ME_EID, r.eidSetting());
        assertEquals(TestConfigs.ME_EID, b.state.eid());
    }

    @Test
    void staticWithMatchPolicy_reports10bThen11b() {
        Bench b = new Bench(TestConfigs.defaults(), EidPolicy.STATIC_WITH_MATCH);
        var first = GetEndpointId.Response.decode(Bench.message(b.exchange(0, Bench.controlRequest(0x02, 0,
                Bytes.EMPTY)))).get();
        assertEquals(GetEndpointId.EID_STATIC_MATCHES, first.eidType());
        b.exchange(1, Bench.controlRequest(0x01, 1, Bytes.ofUnsigned(SetEndpointId.OP_SET, 0x40)));
        List<Bytes> out = b.write(Bench.frame(MctpPacket.single(0x40, TestConfigs.HOST_EID, true, 2,
                Bench.controlRequest(0x02, 2, Bytes.EMPTY)).encode()));
        assertEquals(GetEndpointId.EID_STATIC_DIFFERS, GetEndpointId.Response.decode(Bench.message(out)).get().eidType());
    }

    @Test
    void unassignedEndpoint_answersOnNullEid() {
        Bench b = new Bench(TestConfigs.withDeviceEid(0x00), EidPolicy.DYNAMIC);
        List<Bytes> out = b.write(Bench.frame(MctpPacket.single(0x00, 0x00, true, 0,
                Bench.controlRequest(0x02, 0, Bytes.EMPTY)).encode()));
        MctpPacket p = Bench.packets(out).get(0);
        assertEquals(0x00, p.srcEid());
        assertEquals(0x00, GetEndpointId.Response.decode(Bench.message(out)).get().eid());
    }

    @ParameterizedTest(name = "flags byte {0}h is discarded")
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void unexpectedControlFlags_areDiscardedSilently_withEvent(int flagsByte) {
        Bytes msg = Bytes.ofUnsigned(0x00, flagsByte, 0x02);
        assertTrue(bench.exchange(0, msg).isEmpty());
        assertEquals(ModelEvent.Kind.DROPPED, bench.lastEvent().kind());
        assertTrue(bench.lastEvent().reason().contains("unexpected control flags"), bench.lastEvent()::toString);
        assertTrue(bench.flags().isEmpty());
    }

    @Test
    void controlWithIcSet_isDiscarded() {
        assertTrue(bench.exchange(0, Bytes.ofUnsigned(0x80, 0x80, 0x02)).isEmpty());
        assertTrue(bench.lastEvent().reason().contains("IC 1"), bench.lastEvent()::toString);
    }
}
