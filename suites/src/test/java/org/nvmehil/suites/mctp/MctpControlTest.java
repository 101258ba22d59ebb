package org.nvmehil.suites.mctp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.mctp.control.CompletionCode;
import org.nvmehil.protocol.mctp.control.ControlHeader;
import org.nvmehil.protocol.mctp.control.ControlResponse;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mctp.control.GetEndpointUuid;
import org.nvmehil.protocol.mctp.control.GetMctpVersionSupport;
import org.nvmehil.protocol.mctp.control.GetMessageTypeSupport;
import org.nvmehil.protocol.mctp.control.PrepareForEndpointDiscovery;
import org.nvmehil.protocol.mctp.control.SetEndpointId;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;

/** MCTP control messages an NVMe-MI endpoint answers (DSP0236 §11–12; UNH-IOL group 1 and 3). */
@Conformance
@DisplayName("MCTP control messages (DSP0236)")
class MctpControlTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                argumentSet("Get Endpoint ID", (ControlBuilder) GetEndpointId.request(0)::encode),
                argumentSet("Get Endpoint UUID", (ControlBuilder) GetEndpointUuid.request(0)::encode),
                argumentSet("Get MCTP Version Support (base)",
                        (ControlBuilder) GetMctpVersionSupport.Request.of(0, GetMctpVersionSupport.BASE_SPEC)::encode),
                argumentSet("Get Message Type Support", (ControlBuilder) GetMessageTypeSupport.request(0)::encode),
                argumentSet("Prepare for Endpoint Discovery", (ControlBuilder) PrepareForEndpointDiscovery.request(0)::encode));
    }

    /** Builds a request message. */
    interface ControlBuilder {
        Bytes build();
    }

    /**
     * Steps: send each control command. Assertions: one packet back, IC 0, Rq 0, D 0, the request's
     * instance ID and command code, a completion code, tag echoed with TO = 0.
     */
    @ParameterizedTest(name = "{argumentSetName} → response header echoes the request")
    @MethodSource("commands")
    @Spec({Req.MCTP_CONTROL_RESPONSE_HEADER, Req.MCTP_RESPONSE_TAG})
    void controlRequest_responseHeaderEchoesRequest(ControlBuilder request, MiClient mi) {
        Mi.control(mi, request.build());
    }

    /** Assertions: Get Endpoint ID succeeds, reports the EID in use, reserved bits zero. */
    @Test
    @DisplayName("Get Endpoint ID → EID in use, endpoint and EID type, reserved bits zero")
    @Spec(Req.MCTP_GET_EID)
    void getEndpointId_reportsEidWithReservedBitsClear(MiClient mi) {
        checkGetEid(mi);
    }

    static GetEndpointId.Response checkGetEid(MiClient mi) {
        Bytes wire = Mi.control(mi, GetEndpointId.request(mi.nextInstanceId()).encode());
        GetEndpointId.Response r = Mi.decoded(GetEndpointId.Response.decode(wire));
        Expect.equal(Req.MCTP_GET_EID, "completion code", CompletionCode.SUCCESS, r.completionCode(), wire);
        if (mi.deviceEid() != 0) {
            Expect.equal(Req.MCTP_GET_EID, "EID", mi.deviceEid(), r.eid(), wire);
        }
        return r;
    }

    /**
     * Steps: Set Endpoint ID to another EID; Get Endpoint ID at the new EID; set the original back.
     * Assertions: accepted (status bits 5:4 = 00b), EID setting echoes it, Get EID reports it.
     */
    @Test
    @DisplayName("Set Endpoint ID → accepted, then reported by Get Endpoint ID")
    @Spec(Req.MCTP_SET_EID)
    void setEndpointId_isAcceptedAndReported(MiClient mi) {
        int original = checkGetEid(mi).eid();
        int next = original == 0x2A ? 0x2B : 0x2A;
        try {
            SetEndpointId.Response r = setEid(mi, next);
            Expect.equal(Req.MCTP_SET_EID, "completion code", CompletionCode.SUCCESS, r.completionCode(), r.encode());
            Expect.equal(Req.MCTP_SET_EID, "EID assignment status (bits 5:4)", SetEndpointId.ASSIGNMENT_ACCEPTED,
                    r.assignmentStatus(), r.encode());
            Expect.equal(Req.MCTP_SET_EID, "EID setting", next, r.eidSetting(), r.encode());
            mi.setDeviceEid(next);
            checkGetEid(mi);
        } finally {
            if (original != 0) {
                setEid(mi, original);
            }
            mi.setDeviceEid(original);
        }
    }

    /**
     * Set Endpoint ID sent the way a bus owner assigns EIDs: to the null EID at the endpoint's physical
     * address, so it reaches the endpoint whatever EID it holds (the response may come from the old or
     * the new EID, so the source EID is not checked here).
     */
    private static SetEndpointId.Response setEid(MiClient mi, int eid) {
        int addressed = mi.deviceEid();
        mi.setDeviceEid(0);
        try {
            Bytes wire = Mi.control(mi, SetEndpointId.Request.of(mi.nextInstanceId(), SetEndpointId.OP_SET, eid).encode());
            return Mi.decoded(SetEndpointId.Response.decode(wire));
        } finally {
            mi.setDeviceEid(addressed);
        }
    }

    /** Assertions: Set Endpoint ID to the null or broadcast EID is rejected (02h recommended). */
    @ParameterizedTest(name = "Set Endpoint ID {0} → rejected")
    @ValueSource(ints = {0x00, 0xFF})
    @Spec(Req.MCTP_SET_EID)
    void setEndpointIdIllegal_isRejected(int eid, MiClient mi) {
        SetEndpointId.Response r = setEid(mi, eid);
        Expect.that(r.completionCode() != CompletionCode.SUCCESS, Req.MCTP_SET_EID,
                String.format("EID %02Xh accepted (completion code 00h)", eid), r.encode());
        checkGetEid(mi);
    }

    /** Assertions: two Get Endpoint UUID calls succeed with the same 16 bytes. */
    @Test
    @DisplayName("Get Endpoint UUID → 16 bytes, the same on every call")
    @Spec(Req.MCTP_GET_UUID)
    void getEndpointUuid_isStable(MiClient mi) {
        GetEndpointUuid.Response a = uuid(mi);
        GetEndpointUuid.Response b = uuid(mi);
        Expect.that(a.uuid().equals(b.uuid()), Req.MCTP_GET_UUID, "UUID changed from " + a.uuid() + " to " + b.uuid(),
                b.encode());
    }

    private static GetEndpointUuid.Response uuid(MiClient mi) {
        Bytes wire = Mi.control(mi, GetEndpointUuid.request(mi.nextInstanceId()).encode());
        GetEndpointUuid.Response r = Mi.decoded(GetEndpointUuid.Response.decode(wire));
        Expect.equal(Req.MCTP_GET_UUID, "completion code", CompletionCode.SUCCESS, r.completionCode(), wire);
        return r;
    }

    /** Assertions: the base spec, the control protocol and NVMe-MI each report at least one BCD version. */
    @ParameterizedTest(name = "Get MCTP Version Support for type {0} → BCD version entries")
    @ValueSource(ints = {GetMctpVersionSupport.BASE_SPEC, GetMctpVersionSupport.CONTROL_PROTOCOL, MessageType.NVME_MI})
    @Spec(Req.MCTP_GET_VERSION)
    void getVersionSupport_reportsVersions(int type, MiClient mi) {
        GetMctpVersionSupport.Response r = version(mi, type);
        Expect.equal(Req.MCTP_GET_VERSION, "completion code", CompletionCode.SUCCESS, r.completionCode(), r.encode());
        Expect.that(!r.versions().isEmpty(), Req.MCTP_GET_VERSION, "no version entries", r.encode());
    }

    /** Assertions: a message type the endpoint does not list gets completion code 80h. */
    @Test
    @DisplayName("Get MCTP Version Support for an unsupported type → 80h")
    @Spec(Req.MCTP_GET_VERSION)
    void getVersionSupportUnsupportedType_is80h(MiClient mi) {
        List<Integer> listed = messageTypes(mi).typeList();
        int type = Stream.of(0x02, 0x03, 0x01, 0x05, 0x06).filter(t -> !listed.contains(t)).findFirst().orElseThrow();
        GetMctpVersionSupport.Response r = version(mi, type);
        Expect.equal(Req.MCTP_GET_VERSION, "completion code for type " + type,
                GetMctpVersionSupport.MESSAGE_TYPE_NOT_SUPPORTED, r.completionCode(), r.encode());
    }

    private static GetMctpVersionSupport.Response version(MiClient mi, int type) {
        Bytes wire = Mi.control(mi, GetMctpVersionSupport.Request.of(mi.nextInstanceId(), type).encode());
        return Mi.decoded(GetMctpVersionSupport.Response.decode(wire));
    }

    /**
     * Assertions: success, NVMe-MI (04h) listed, count equals the list length. Listing 00h (as libmctp
     * and mctpd do) is accepted: DSP0236 counts types besides control, common stacks count control too.
     */
    @Test
    @DisplayName("Get Message Type Support → lists NVMe-MI (04h), count matches the list")
    @Spec(Req.MCTP_GET_MESSAGE_TYPES)
    void getMessageTypeSupport_listsNvmeMi(MiClient mi) {
        GetMessageTypeSupport.Response r = messageTypes(mi);
        Expect.equal(Req.MCTP_GET_MESSAGE_TYPES, "completion code", CompletionCode.SUCCESS, r.completionCode(), r.encode());
        Expect.that(r.supports(MessageType.NVME_MI), Req.MCTP_GET_MESSAGE_TYPES,
                "NVMe-MI (04h) missing from " + r.typeList(), r.encode());
    }

    private static GetMessageTypeSupport.Response messageTypes(MiClient mi) {
        Bytes wire = Mi.control(mi, GetMessageTypeSupport.request(mi.nextInstanceId()).encode());
        return Mi.decoded(GetMessageTypeSupport.Response.decode(wire));
    }

    /** Assertions: Prepare for Endpoint Discovery over SMBus gets 05h (UNH-IOL 3.4). */
    @Test
    @DisplayName("Prepare for Endpoint Discovery over SMBus → 05h unsupported command")
    @Spec(Req.MCTP_PREPARE_DISCOVERY)
    void prepareForEndpointDiscovery_isUnsupported(MiClient mi) {
        Bytes wire = Mi.control(mi, PrepareForEndpointDiscovery.request(mi.nextInstanceId()).encode());
        PrepareForEndpointDiscovery.Response r = Mi.decoded(PrepareForEndpointDiscovery.Response.decode(wire));
        Expect.equal(Req.MCTP_PREPARE_DISCOVERY, "completion code", CompletionCode.ERROR_UNSUPPORTED_CMD,
                r.completionCode(), wire);
    }

    /** Assertions: control commands a simple endpoint does not implement complete with 05h. */
    @ParameterizedTest(name = "control command {0} (bridge/bus-owner only) → 05h")
    @ValueSource(ints = {0x08, 0x09, 0x0A})
    @Spec(Req.MCTP_CONTROL_UNSUPPORTED)
    void unsupportedControlCommand_is05h(int command, MiClient mi) {
        Bytes wire = Mi.control(mi, ControlHeader.request(command, mi.nextInstanceId()).encode());
        ControlResponse r = Mi.decoded(ControlResponse.decode(wire));
        Expect.equal(Req.MCTP_CONTROL_UNSUPPORTED, "completion code", CompletionCode.ERROR_UNSUPPORTED_CMD,
                r.completionCode(), wire);
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                argumentSet("Rq = 0 (a response sent to the endpoint)",
                        GetEndpointId.request(0).encode().withByte(1, 0x00)),
                argumentSet("D = 1 (datagram: no response expected)",
                        GetEndpointId.request(0).encode().withByte(1, 0xC0)));
    }

    /** Assertions: a Get Endpoint ID with unexpected Rq/D flags gets no response. */
    @ParameterizedTest(name = "Get Endpoint ID with {argumentSetName} → discarded")
    @MethodSource("badFlags")
    @Spec(Req.MCTP_CONTROL_FLAGS_DISCARD)
    void controlRequestWithUnexpectedFlags_isDiscarded(Bytes request, MiClient mi) {
        Exchange ex = mi.exchange(request, mi.timing().silenceWindow());
        Expect.silence(ex, Req.MCTP_CONTROL_FLAGS_DISCARD);
        checkGetEid(mi);
    }
}
