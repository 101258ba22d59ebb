package org.nvmehil.suites.mctp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** Each MCTP transport and control check fails when the model commits the matching fault. */
@SelfTest.Of
class MctpSelfTest {
    private static final MiRequest POLL = new MiCommand.SubsystemHealthStatusPoll(false);
    private static final MiRequest IDENTIFY = AdminRequest.identify(0, 1, 0, 0, 4096);

    private static SelfTest.Check packets(MiRequest r) {
        return mi -> MctpTransportTest.checkResponsePackets(mi, r);
    }

    static Stream<Arguments> cases() {
        FaultRule answer = FaultRule.always(new Fault.AnswerDroppable());
        return Stream.of(
                argumentSet("header version 2", FaultRule.once(new Fault.WrongHeaderVersion(2)), Req.MCTP_HEADER_VERSION,
                        packets(POLL)),
                argumentSet("reserved header bits set", FaultRule.once(new Fault.MctpReservedBits()), Req.MCTP_HEADER_FORMAT,
                        packets(POLL)),
                argumentSet("wrong tag", FaultRule.once(new Fault.WrongTag()), Req.MCTP_RESPONSE_TAG, packets(POLL)),
                argumentSet("tag owner set", FaultRule.once(new Fault.TagOwnerSet()), Req.MCTP_RESPONSE_TAG, packets(POLL)),
                argumentSet("sequence number skipped", FaultRule.once(new Fault.SkipSequence()), Req.MCTP_SEQUENCE,
                        packets(IDENTIFY)),
                argumentSet("first packet without SOM", FaultRule.once(new Fault.MissingSom()), Req.MCTP_SOM_EOM,
                        packets(IDENTIFY)),
                argumentSet("last packet without EOM", FaultRule.once(new Fault.MissingEom()), Req.MCTP_SOM_EOM,
                        packets(IDENTIFY)),
                argumentSet("wrong source EID", FaultRule.once(new Fault.WrongSourceEid()), Req.MCTP_RESPONSE_EIDS,
                        packets(POLL)),
                argumentSet("new transmission unit ignored", FaultRule.always(new Fault.IgnoreMtu(64)).on(
                        FaultRule.Match.mi(2, 0x06)), Req.MCTP_PACKET_SIZE, (SelfTest.Check) mi -> MctpTransportTest.checkMtu(mi, 128)),
                argumentSet("end packet without SOM answered", answer, Req.MCTP_SOM_REQUIRED, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_SOM_REQUIRED,
                                ps -> List.of(ps.get(0).withSom(false)), POLL)),
                argumentSet("TO = 0 request answered", answer, Req.MCTP_REQUEST_TAG_OWNER, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_REQUEST_TAG_OWNER,
                                ps -> List.of(ps.get(0).withTagOwner(false)), POLL)),
                argumentSet("header version 0 request answered", answer, Req.MCTP_HEADER_VERSION, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_HEADER_VERSION,
                                ps -> List.of(ps.get(0).withHdrVersion(0)), POLL)),
                argumentSet("request to another EID answered", answer, Req.MCTP_UNKNOWN_DEST_EID_DROP, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_UNKNOWN_DEST_EID_DROP,
                                ps -> List.of(ps.get(0).withDestEid(ps.get(0).destEid() + 1)), POLL)),
                argumentSet("out-of-sequence request answered", answer, Req.MCTP_SEQUENCE_ERROR_DROP, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_SEQUENCE_ERROR_DROP,
                                ps -> MctpFragmenter.with(ps, 1, p -> p.withSeq((p.seq() + 1) & 3)), IDENTIFY)),
                argumentSet("message without its first packet answered", answer, Req.MCTP_SOM_REQUIRED, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_SOM_REQUIRED, ps -> ps.subList(1, ps.size()), IDENTIFY)),
                argumentSet("packet with another tag answered", answer, Req.MCTP_TAG_CONSISTENT, (SelfTest.Check) mi ->
                        MctpTransportTest.checkPacketDropped(mi, Req.MCTP_TAG_CONSISTENT,
                                ps -> MctpFragmenter.with(ps, 1, p -> p.withTag((p.tag() + 1) & 7)), IDENTIFY)),
                argumentSet("two-packet request not answered", FaultRule.once(new Fault.NoResponse()), Req.MCTP_BASELINE_TU,
                        (SelfTest.Check) mi -> new MctpTransportTest().multiPacketRequestAtBaseline_isAnswered(mi)),
                argumentSet("control instance ID not echoed", FaultRule.once(new Fault.WrongInstanceId()),
                        Req.MCTP_CONTROL_RESPONSE_HEADER, (SelfTest.Check) mi ->
                                new MctpControlTest().controlRequest_responseHeaderEchoesRequest(GetEndpointId.request(0)::encode, mi)),
                argumentSet("control request with D = 1 answered", answer, Req.MCTP_CONTROL_FLAGS_DISCARD, (SelfTest.Check) mi ->
                        new MctpControlTest().controlRequestWithUnexpectedFlags_isDiscarded(
                                GetEndpointId.request(0).encode().withByte(1, 0xC0), mi)),
                argumentSet("Get Endpoint ID reports another EID", control(0x02, 4, 0x01), Req.MCTP_GET_EID,
                        (SelfTest.Check) mi -> control.getEndpointId_reportsEidWithReservedBitsClear(mi)),
                argumentSet("Get Endpoint ID reserved bit set", control(0x02, 5, 0x80), Req.MCTP_GET_EID,
                        (SelfTest.Check) mi -> control.getEndpointId_reportsEidWithReservedBitsClear(mi)),
                argumentSet("Set Endpoint ID reports a rejection", control(0x01, 4, 0x10), Req.MCTP_SET_EID,
                        (SelfTest.Check) mi -> control.setEndpointId_isAcceptedAndReported(mi)),
                argumentSet("Set Endpoint ID FFh accepted", control(0x01, 3, 0x02), Req.MCTP_SET_EID,
                        (SelfTest.Check) mi -> control.setEndpointIdIllegal_isRejected(0xFF, mi)),
                argumentSet("UUID changes between calls", new FaultRule(new Fault.CorruptField(4, 0x01),
                        FaultRule.Match.control(0x03), FaultRule.Times.nth(2)), Req.MCTP_GET_UUID,
                        (SelfTest.Check) mi -> control.getEndpointUuid_isStable(mi)),
                argumentSet("version support fails", control(0x04, 3, 0x80), Req.MCTP_GET_VERSION,
                        (SelfTest.Check) mi -> control.getVersionSupport_reportsVersions(0xFF, mi)),
                argumentSet("unsupported type reported supported", control(0x04, 3, 0x80), Req.MCTP_GET_VERSION,
                        (SelfTest.Check) mi -> control.getVersionSupportUnsupportedType_is80h(mi)),
                argumentSet("NVMe-MI missing from the message types", control(0x05, 5, 0x04), Req.MCTP_GET_MESSAGE_TYPES,
                        (SelfTest.Check) mi -> control.getMessageTypeSupport_listsNvmeMi(mi)),
                argumentSet("Prepare for Endpoint Discovery answered Success", control(0x0B, 3, 0x05),
                        Req.MCTP_PREPARE_DISCOVERY, (SelfTest.Check) mi -> control.prepareForEndpointDiscovery_isUnsupported(mi)),
                argumentSet("unsupported command answered Success", control(0x08, 3, 0x05), Req.MCTP_CONTROL_UNSUPPORTED,
                        (SelfTest.Check) mi -> control.unsupportedControlCommand_is05h(0x08, mi)));
    }

    private static final MctpControlTest control = new MctpControlTest();

    /** Byte {@code offset} of every response to control command {@code command} XORed with {@code xor}. */
    private static FaultRule control(int command, int offset, int xor) {
        return FaultRule.always(new Fault.CorruptField(offset, xor)).on(FaultRule.Match.control(command));
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }

}
