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
                argumentSet("control instance ID not echoed", FaultRule.once(new Fault.WrongInstanceId()),
                        Req.MCTP_CONTROL_RESPONSE_HEADER, (SelfTest.Check) mi ->
                                new MctpControlTest().controlRequest_responseHeaderEchoesRequest(GetEndpointId.Request.of(0)::encode, mi)),
                argumentSet("control request with D = 1 answered", answer, Req.MCTP_CONTROL_FLAGS_DISCARD, (SelfTest.Check) mi ->
                        new MctpControlTest().controlRequestWithUnexpectedFlags_isDiscarded(
                                GetEndpointId.Request.of(0).encode().withByte(1, 0xC0), mi)));
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, SelfTest.Check check, Dut dut) {
        SelfTest.failsWith(dut, rule, expected, check);
    }

}
