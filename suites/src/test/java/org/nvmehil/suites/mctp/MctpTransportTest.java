package org.nvmehil.suites.mctp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.Mi;

/** DSP0236 packet rules on the responses, and the drop rules on bad request packets (UNH-IOL 1.x). */
@Conformance
@DisplayName("MCTP transport (DSP0236)")
class MctpTransportTest {

    /**
     * Steps: send one request of each kind. Assertions: the response packets have header version 1, the
     * DUT's EID as source and the host's as destination, the request's tag with TO = 0 in every packet,
     * SOM only on the first, EOM only on the last, sequence numbers +1 mod 4, and exactly the transmission
     * unit in every packet but the last.
     */
    @ParameterizedTest(name = "{argumentSetName} → response packets follow DSP0236")
    @MethodSource("org.nvmehil.suites.support.Requests#everyKind")
    @Spec({Req.MCTP_SEQUENCE, Req.MCTP_SOM_EOM, Req.MCTP_TAG_CONSISTENT, Req.MCTP_RESPONSE_TAG, Req.MCTP_PACKET_SIZE,
            Req.MCTP_RESPONSE_EIDS, Req.MCTP_HEADER_VERSION, Req.MCTP_HEADER_FORMAT, Req.MCTP_SOURCE_EID})
    void anyRequest_responsePacketsFollowDsp0236(MiRequest request, MiClient mi) {
        checkResponsePackets(mi, request);
    }

    static void checkResponsePackets(MiClient mi, MiRequest request) {
        Expect.wellFormedPackets(mi.send(request), mi);
    }

    /** Steps: send the same poll with each of the 8 tags. Assertions: the response carries that tag, TO = 0. */
    @ParameterizedTest(name = "request tag {0} → echoed with TO = 0")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    @Spec(Req.MCTP_RESPONSE_TAG)
    void requestTag_isEchoedWithTagOwnerClear(int tag, MiClient mi) {
        Exchange ex = mi.exchangePackets(mi.packetsFor(new MiCommand.SubsystemHealthStatusPoll(false).seal().toWire(), tag),
                tag, mi.timing().responseTimeout());
        Expect.wellFormedPackets(ex, mi);
    }

    /**
     * Setup: the DUT's two-wire port advertises its largest unit (MMTUS). Steps: Configuration Set of the
     * MCTP transmission unit to {@code tu}; Identify Controller (4096 bytes). Assertions: the set succeeds
     * and every response packet but the last carries exactly {@code tu} bytes. Teardown: back to 64.
     */
    @ParameterizedTest(name = "transmission unit {0} → responses fragmented at {0}")
    @ValueSource(ints = {64, 65, 128, 250})
    @Spec({Req.MI_CONFIG_MTU, Req.MCTP_PACKET_SIZE})
    void configSetMtu_responsesUseTheNewUnit(int tu, MiClient mi) {
        checkMtu(mi, tu);
    }

    static void checkMtu(MiClient mi, int tu) {
        int port = Mi.twoWirePort(mi);
        DataStructure.PortInfo info = (DataStructure.PortInfo) Mi.dataStructure(mi, MiCommand.ReadDataStructure.portInfo(port));
        Assumptions.assumeTrue(tu <= info.mmtus(), () -> "not applicable: the port's largest unit (MMTUS) is " + info.mmtus());
        Mi.ok(mi, new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(port, tu)), Req.MI_CONFIG_MTU);
        mi.setTransmissionUnit(tu);
        try {
            Expect.wellFormedPackets(mi.send(AdminRequest.identify(0, 1, 0, 0, 4096)), mi);
        } finally {
            Mi.ok(mi, new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(port, 64)), Req.MI_CONFIG_MTU);
            mi.setTransmissionUnit(64);
        }
    }

    /**
     * Steps: send an Admin Identify (72-byte request: two packets at the baseline unit).
     * Assertions: the DUT reassembles it and answers.
     */
    @Test
    @DisplayName("two-packet request at the 64-byte baseline unit → reassembled and answered")
    @Spec(Req.MCTP_BASELINE_TU)
    void multiPacketRequestAtBaseline_isAnswered(MiClient mi) {
        MiRequest identify = AdminRequest.identify(0, 1, 0, 0, 4096);
        Expect.that(mi.packetsFor(identify.seal().toWire(), 0).size() > 1, Req.MCTP_BASELINE_TU,
                "the request fits one packet; this test needs two", mi.lastEvidence());
        Exchange ex = mi.send(identify);
        Expect.response(ex, Req.MCTP_BASELINE_TU);
        Mi.answer(mi, identify.seal(), ex).requireStatus(org.nvmehil.protocol.mi.MiStatus.SUCCESS, Req.MCTP_BASELINE_TU);
    }

    static Stream<Arguments> badSinglePackets() {
        return Stream.of(
                argumentSet("middle packet, no SOM (flags 08h) [UNH 1.4.1]", Req.MCTP_SOM_REQUIRED,
                        (UnaryOperator<MctpPacket>) p -> p.withSom(false).withEom(false)),
                argumentSet("end packet, no SOM (flags 48h) [UNH 1.4.1]", Req.MCTP_SOM_REQUIRED,
                        (UnaryOperator<MctpPacket>) p -> p.withSom(false)),
                argumentSet("tag owner 0 in a request [UNH 1.4.3]", Req.MCTP_REQUEST_TAG_OWNER,
                        (UnaryOperator<MctpPacket>) p -> p.withTagOwner(false)),
                argumentSet("header version 0 [UNH 1.4.5]", Req.MCTP_HEADER_VERSION,
                        (UnaryOperator<MctpPacket>) p -> p.withHdrVersion(0)),
                argumentSet("header version 2 [UNH 1.4.5]", Req.MCTP_HEADER_VERSION,
                        (UnaryOperator<MctpPacket>) p -> p.withHdrVersion(2)),
                argumentSet("header version 15 [UNH 1.4.5]", Req.MCTP_HEADER_VERSION,
                        (UnaryOperator<MctpPacket>) p -> p.withHdrVersion(15)),
                argumentSet("destination EID one above the DUT's [UNH 1.4.4]", Req.MCTP_UNKNOWN_DEST_EID_DROP,
                        (UnaryOperator<MctpPacket>) p -> p.withDestEid(otherEid(p.destEid(), 1))),
                argumentSet("destination EID 7Fh (not the DUT's) [UNH 1.4.4]", Req.MCTP_UNKNOWN_DEST_EID_DROP,
                        (UnaryOperator<MctpPacket>) p -> p.withDestEid(otherEid(0x7F, 1))));
    }

    private static int otherEid(int eid, int step) {
        return eid == 0xFE ? 0x08 : eid + step;
    }

    /**
     * Steps: send an NVM Subsystem Health Status Poll in one packet with one defect; listen for the
     * silence window; send it well formed. Assertions: 1: no response to the bad packet; 2: the DUT still
     * answers.
     */
    @ParameterizedTest(name = "{argumentSetName} → silently dropped, DUT still answers")
    @MethodSource("badSinglePackets")
    @Spec({Req.MCTP_SOM_REQUIRED, Req.MCTP_REQUEST_TAG_OWNER, Req.MCTP_HEADER_VERSION, Req.MCTP_UNKNOWN_DEST_EID_DROP})
    void badRequestPacket_isSilentlyDropped(Req req, UnaryOperator<MctpPacket> defect, MiClient mi) {
        checkPacketDropped(mi, req, packets -> List.of(defect.apply(packets.get(0))),
                new MiCommand.SubsystemHealthStatusPoll(false));
    }

    static Stream<Arguments> badMultiPacketRequests() {
        return Stream.of(
                argumentSet("first packet missing (message starts without SOM) [UNH 1.4.1]", Req.MCTP_SOM_REQUIRED,
                        (UnaryOperator<List<MctpPacket>>) ps -> ps.subList(1, ps.size())),
                argumentSet("second packet skips a sequence number", Req.MCTP_SEQUENCE_ERROR_DROP,
                        (UnaryOperator<List<MctpPacket>>) ps -> MctpFragmenter.with(ps, 1, p -> p.withSeq((p.seq() + 1) & 3))),
                argumentSet("second packet repeats the first's sequence number", Req.MCTP_SEQUENCE_ERROR_DROP,
                        (UnaryOperator<List<MctpPacket>>) ps -> MctpFragmenter.with(ps, 1, p -> p.withSeq(ps.get(0).seq()))),
                argumentSet("second packet carries another tag", Req.MCTP_TAG_CONSISTENT,
                        (UnaryOperator<List<MctpPacket>>) ps -> MctpFragmenter.with(ps, 1, p -> p.withTag((p.tag() + 1) & 7))));
    }

    /**
     * Steps: send a two-packet Admin Identify with one defect; listen; send a good poll. Assertions: no
     * response to the broken message; the DUT still answers.
     */
    @ParameterizedTest(name = "{argumentSetName} → message dropped, DUT still answers")
    @MethodSource("badMultiPacketRequests")
    @Spec({Req.MCTP_SOM_REQUIRED, Req.MCTP_SEQUENCE_ERROR_DROP, Req.MCTP_TAG_CONSISTENT})
    void brokenMultiPacketRequest_isDropped(Req req, UnaryOperator<List<MctpPacket>> defect, MiClient mi) {
        checkPacketDropped(mi, req, defect, AdminRequest.identify(0, 1, 0, 0, 4096));
    }

    static void checkPacketDropped(MiClient mi, Req req, UnaryOperator<List<MctpPacket>> defect, MiRequest request) {
        int tag = mi.nextTag();
        List<MctpPacket> packets = defect.apply(mi.packetsFor(request.seal().toWire(), tag));
        Exchange ex = mi.exchangePackets(packets, tag, mi.timing().silenceWindow());
        Expect.silence(ex, req);
        Mi.ok(mi, new MiCommand.SubsystemHealthStatusPoll(false), req);
    }

}
