package org.nvmehil.suites.slots;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.ModelOnly;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mctp.control.GetEndpointUuid;
import org.nvmehil.protocol.mctp.control.GetMessageTypeSupport;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;
import org.nvmehil.suites.support.Slots;

/**
 * Timing: More Processing Required, request-to-response time, MCTP control response time (MT1), and the
 * DUT's reassembly timeout. Every wait comes from lab-config timing; on the model they cost model time,
 * not wall time.
 */
@Conformance
@DisplayName("NVMe-MI timing (NVMe-MI 1.2 §4.1.2.3; DSP0237 Table 9)")
class TimingTest {

    /**
     * Setup (model only: a drive decides for itself when it needs more time): the model answers the next
     * command with More Processing Required, MPRT = {@code mprtMs}. Assertions: one MPR, well formed, with
     * MPRT covering the wait; the final response follows with the same tag, no later than MPRT after it.
     */
    @ParameterizedTest(name = "MPRT {0} ms → one MPR, then the final response with the same tag")
    @ValueSource(longs = {500, 2000, 5000, 9500})
    @ModelOnly
    @Spec({Req.MI_MPR_FORMAT, Req.MI_MPR_ONCE})
    void moreProcessingRequired_thenFinalResponse(long mprtMs, MiClient mi, Dut dut) {
        dut.model().orElseThrow().setTiming(Duration.ZERO, 1, Duration.ofMillis(mprtMs));
        checkMpr(mi);
    }

    static void checkMpr(MiClient mi) {
        MiRequest poll = Slots.poll(0);
        Exchange ex = mi.send(poll);
        Mi.answer(mi, poll.seal(), ex).requireStatus(MiStatus.SUCCESS, Req.MI_MPR_FORMAT);
        Slots.require(ex.mprs().size() == 1, Req.MI_MPR_FORMAT, ex.mprs().size() + " MPR responses, expected one", mi);
        Bytes mpr = ex.mprs().get(0).message();
        Duration mprt = MiResponse.mprtToDuration(mpr.u16le(6));
        List<MctpPacket> packets = ex.responsePackets();
        Slots.require(packets.stream().allMatch(p -> p.tag() == ex.mprs().get(0).tag()), Req.MI_MPR_FORMAT,
                "the final response does not carry the MPR's tag", mi);
        Duration finalAt = ex.waited();
        Slots.require(finalAt.compareTo(mprt.plus(mi.timing().responseTimeout())) <= 0, Req.MI_MPR_FORMAT,
                "final response " + finalAt.toMillis() + " ms after the request, MPRT promised " + mprt.toMillis() + " ms", mi);
    }

    /**
     * Assertions: the first response to each kind of command (final or More Processing Required) starts
     * arriving within the lab's request-to-response limit (timing.responseTimeout).
     */
    @ParameterizedTest(name = "{argumentSetName} → first response within timing.responseTimeout")
    @MethodSource("org.nvmehil.suites.support.Requests#everyKind")
    @Spec(Req.MI_REQUEST_TO_RESPONSE_TIME)
    void firstResponse_withinRequestToResponseTime(MiRequest request, MiClient mi) {
        checkFirstResponseWithin(mi, request.seal().toWire(), mi.timing().responseTimeout(), Req.MI_REQUEST_TO_RESPONSE_TIME);
    }

    static void checkFirstResponseWithin(MiClient mi, Bytes request, Duration limit, Req req) {
        // listen a silence window past the limit, so a late response is reported with its real delay
        Duration listen = limit.plus(mi.timing().silenceWindow());
        Exchange ex = mi.exchange(request, listen);
        Slots.require(!ex.received().isEmpty(), req, "nothing within " + listen.toMillis() + " ms (limit "
                + limit.toMillis() + " ms)", mi);
        Duration first = ex.received().get(0).at().minus(ex.started());
        Slots.require(first.compareTo(limit) <= 0, req, "first response unit after " + first.toMillis() + " ms, limit "
                + limit.toMillis() + " ms", mi);
    }

    static Stream<Arguments> controls() {
        return Stream.of(
                argumentSet("Get Endpoint ID", GetEndpointId.request(0).encode()),
                argumentSet("Get Endpoint UUID", GetEndpointUuid.request(0).encode()),
                argumentSet("Get Message Type Support", GetMessageTypeSupport.request(0).encode()));
    }

    /** Assertions: an MCTP control response starts within 100 ms of the request (DSP0237 Table 9, MT1). */
    @ParameterizedTest(name = "{argumentSetName} → response within MT1 (100 ms)")
    @MethodSource("controls")
    @Spec(Req.SMBUS_CONTROL_RESPONSE_TIME)
    void controlResponse_withinMt1(Bytes request, MiClient mi) {
        checkFirstResponseWithin(mi, request, MT1, Req.SMBUS_CONTROL_RESPONSE_TIME);
    }

    static final Duration MT1 = Duration.ofMillis(100);

    /**
     * Steps: send the first of two packets of a command on slot {@code csi}; wait the reassembly timeout
     * (timing.reassemblyTimeout) plus timing.responseTimeout (a device's timer need not be exact, and on a bench the
     * packets take their own time); send the second packet; then a fresh command. Assertions: the late second
     * packet completes nothing (no response), and the fresh command is answered.
     */
    @ParameterizedTest(name = "partial command on slot {0}, reassembly timeout passes → discarded, next command answered")
    @ValueSource(ints = {0, 1, 0, 1})
    @Spec(Req.MCTP_REASSEMBLY_TIMEOUT)
    void partialRequest_isDiscardedAfterReassemblyTimeout(int csi, MiClient mi) {
        checkReassemblyTimeout(mi, csi);
    }

    static void checkReassemblyTimeout(MiClient mi, int csi) {
        List<MctpPacket> packets = Slots.sendFirstPacketOnly(mi, Slots.identify(csi).seal());
        mi.listen(mi.timing().reassemblyTimeout().plus(mi.timing().responseTimeout()));
        Exchange late = mi.exchangePackets(packets.subList(1, packets.size()), packets.get(0).tag(), mi.timing().silenceWindow());
        Expect.silence(late, Req.MCTP_REASSEMBLY_TIMEOUT);
        Mi.ok(mi, new MiCommand.SubsystemHealthStatusPoll(false).withHeader(Slots.poll(csi).header()),
                Req.MCTP_REASSEMBLY_TIMEOUT);
    }
}
