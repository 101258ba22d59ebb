package org.nvmehil.suites.mi;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

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
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;

/** The NVMe-MI message layer: type byte, MIC, header echo, drops and the generic error statuses (MI 1.2 §3–4). */
@Conformance
@DisplayName("NVMe-MI messages (NVMe-MI 1.2 §3.1, §4.1)")
class MiMessageTest {

    private static final MiRequest POLL = new MiCommand.SubsystemHealthStatusPoll(false);

    /**
     * Steps: send one request of each kind. Assertions: the response message starts 84h, its MIC is the
     * CRC-32C of everything before it (little-endian), ROR = 1, NMIMT and CSI echoed, reserved header
     * fields zero.
     */
    @ParameterizedTest(name = "{argumentSetName} → valid MIC and header")
    @MethodSource("org.nvmehil.suites.support.Requests#everyKind")
    @Spec({Req.MI_MIC, Req.MI_MESSAGE_TYPE, Req.MI_RESPONSE_HEADER, Req.MI_RESERVED_ZERO, Req.MI_RESPONSE_FORMAT})
    void anyRequest_responseHasValidMicAndHeader(MiRequest request, MiClient mi) {
        Mi.ask(mi, request);
    }

    static Stream<Arguments> slots() {
        return Stream.of(
                argumentSet("NVMe-MI command on slot 0", new MiCommand.SubsystemHealthStatusPoll(false)),
                argumentSet("NVMe-MI command on slot 1", new MiCommand.SubsystemHealthStatusPoll(false)
                        .withHeader(MiHeader.request(Nmimt.MI_COMMAND, 1))),
                argumentSet("Admin command on slot 0", AdminRequest.identify(0, 1, 0, 0, 64)),
                argumentSet("Admin command on slot 1", AdminRequest.identify(0, 1, 0, 0, 64)
                        .withHeader(MiHeader.request(Nmimt.ADMIN, 1))),
                argumentSet("control primitive for slot 0", ControlPrimitive.getState(0, 0x11, false)),
                argumentSet("control primitive for slot 1", ControlPrimitive.getState(1, 0x12, false)));
    }

    /** Assertions: the response carries the request's CSI and NMIMT. */
    @ParameterizedTest(name = "{argumentSetName} → CSI and NMIMT echoed")
    @MethodSource("slots")
    @Spec({Req.MI_RESPONSE_CSI, Req.MI_RESPONSE_HEADER})
    void commandSlot_isEchoed(MiRequest request, MiClient mi) {
        Mi.ask(mi, request);
    }

    static Stream<Arguments> micDefects() {
        return Stream.of(
                argumentSet("MIC bit 0 flipped", (UnaryOperator<MiMessage>) m -> m.withMic(m.mic() ^ 1)),
                argumentSet("MIC bit 31 flipped", (UnaryOperator<MiMessage>) m -> m.withMic(m.mic() ^ 0x8000_0000L)),
                argumentSet("MIC sent big-endian", (UnaryOperator<MiMessage>) m ->
                        m.withMic(Integer.toUnsignedLong(Integer.reverseBytes((int) m.mic())))),
                argumentSet("MIC over the header only", (UnaryOperator<MiMessage>) m ->
                        m.withMic(Crc.crc32c(m.content().slice(0, 4)))),
                argumentSet("MIC zero", (UnaryOperator<MiMessage>) m -> m.withMic(0)));
    }

    /**
     * Steps: send a health poll whose MIC is wrong; listen; send it right. Assertions: no response to the
     * bad one (UNH-IOL 1.4.2, 5.6); the DUT still answers.
     */
    @ParameterizedTest(name = "{argumentSetName} → discarded without a response")
    @MethodSource("micDefects")
    @Spec(Req.MI_BAD_MIC_DISCARD)
    void badMic_requestIsDiscarded(UnaryOperator<MiMessage> defect, MiClient mi) {
        checkDiscarded(mi, defect.apply(POLL.seal()), Req.MI_BAD_MIC_DISCARD);
    }

    static void checkDiscarded(MiClient mi, MiMessage bad, Req req) {
        Exchange ex = mi.exchange(bad.toWire(), mi.timing().silenceWindow());
        Expect.silence(ex, req);
        Mi.ok(mi, POLL, req);
    }

    /** Steps: clear error flags; send a bad-MIC request; Get State. Assertions: BMICE (bit 4) is set. */
    @Test
    @DisplayName("bad MIC → BMICE set in the next Get State")
    @Spec({Req.MI_BAD_MIC_DISCARD, Req.MI_CP_GET_STATE})
    void badMic_setsBmice(MiClient mi) {
        getState(mi, true);
        mi.exchange(POLL.seal().withMic(0).toWire(), mi.timing().silenceWindow());
        ManagementEndpointState mes = getState(mi, true);
        Expect.that(mes.bmice(), Req.MI_BAD_MIC_DISCARD,
                "BMICE clear after a bad-MIC request; MES = " + mes, mi.lastEvidence());
    }

    static ManagementEndpointState getState(MiClient mi, boolean cesf) {
        Mi.Answer a = Mi.ask(mi, ControlPrimitive.getState(0, 0x33, cesf));
        a.requireStatus(MiStatus.SUCCESS, Req.MI_CP_GET_STATE);
        return Mi.decoded(ControlPrimitiveResponse.decode(a.message())).mes();
    }

    /** Assertions: an NVMe-MI request with IC = 0 (type byte 04h, MIC over it) gets no response. */
    @Test
    @DisplayName("IC = 0 on an out-of-band request → discarded")
    @Spec(Req.MI_IC_CLEAR_DISCARD)
    void icClear_requestIsDiscarded(MiClient mi) {
        checkDiscarded(mi, MiMessage.seal(POLL.content().withByte(0, 0x04)), Req.MI_IC_CLEAR_DISCARD);
    }

    /** Assertions: a message with ROR = 1 sent to the ME is not processed as a command. */
    @Test
    @DisplayName("ROR = 1 (a response) sent to the ME → discarded")
    @Spec(Req.MI_ROR_REQUEST_DISCARD)
    void rorSet_requestIsDiscarded(MiClient mi) {
        checkDiscarded(mi, MiMessage.seal(POLL.content().withByte(1, 0x88)), Req.MI_ROR_REQUEST_DISCARD);
    }

    /**
     * Steps: a Configuration Get padded to 4228 bytes (over the 4224-byte NVMe-MI limit). Assertions: no
     * Success response (an error status or silence are both acceptable).
     */
    @Test
    @DisplayName("request over 4224 bytes → not completed successfully")
    @Spec(Req.MI_MESSAGE_MAX_SIZE)
    void oversizeRequest_isNotSuccessful(MiClient mi) {
        MiRequest get = new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(0));
        MiMessage big = MiMessage.seal(get.content().concat(Bytes.zeros(MiMessage.MAX_SIZE + 4 - get.content().length())));
        Exchange ex = mi.exchange(big.toWire(), mi.timing().responseTimeout());
        ex.response().ifPresent(r -> Expect.that(r.length() < 5 || r.u8(4) != MiStatus.SUCCESS.code,
                Req.MI_MESSAGE_MAX_SIZE, "a " + big.toWire().length() + "-byte request completed with Success", r.head(16)));
        Mi.ok(mi, POLL, Req.MI_MESSAGE_MAX_SIZE);
    }

    /** Assertions: reserved NVMe-MI opcodes complete with 03h Invalid Command Opcode. */
    @ParameterizedTest(name = "reserved opcode {0} → 03h Invalid Command Opcode")
    @ValueSource(ints = {0x0D, 0x40, 0xBF})
    @Spec(Req.MI_INVALID_OPCODE)
    void reservedOpcode_isInvalidCommandOpcode(int opcode, MiClient mi) {
        Mi.expectStatus(mi, new MiCommand.Raw(opcode, 0, 0, Bytes.EMPTY), MiStatus.INVALID_COMMAND_OPCODE,
                Req.MI_INVALID_OPCODE);
    }

    static Stream<Arguments> wrongSizes() {
        MiRequest mtu = new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(0));
        return Stream.of(
                argumentSet("Configuration Get (MCTP TU) with 4 extra bytes [UNH 4.10]",
                        MiMessage.seal(mtu.content().concat(Bytes.zeros(4)))),
                argumentSet("NVM Subsystem Health Status Poll with 4 extra bytes",
                        MiMessage.seal(POLL.content().concat(Bytes.zeros(4)))),
                argumentSet("Read Data Structure with 1 extra byte",
                        MiMessage.seal(MiCommand.ReadDataStructure.subsystemInfo().content().concat(Bytes.zeros(1)))),
                argumentSet("NVM Subsystem Health Status Poll without NMD1",
                        MiMessage.seal(POLL.content().slice(0, 12))),
                argumentSet("Configuration Get without NMD0 and NMD1",
                        MiMessage.seal(mtu.content().slice(0, 8))));
    }

    /** Assertions: a body of the wrong size on a command without request data gets 05h. */
    @ParameterizedTest(name = "{argumentSetName} → 05h Invalid Command Size")
    @MethodSource("wrongSizes")
    @Spec(Req.MI_INVALID_COMMAND_SIZE)
    void wrongBodySize_isInvalidCommandSize(MiMessage request, MiClient mi) {
        Mi.ask(mi, request).requireStatus(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE);
    }

    /**
     * Setup: destructive commands allowed (VPD Write). Assertions: VPD Write whose DLEN differs from the
     * data carried gets 06h.
     */
    @ParameterizedTest(name = "VPD Write with DLEN {0} and 8 data bytes → 06h")
    @ValueSource(ints = {4, 12})
    @Spec(Req.MI_INVALID_INPUT_DATA_SIZE)
    void vpdWriteDataMismatch_isInvalidInputDataSize(int dlen, MiClient mi, LabConfig config) {
        Assumptions.assumeTrue(config.allowDestructive(), "not run: allowDestructive is false (VPD Write changes the DUT)");
        MiRequest write = new MiCommand.VpdWrite(MiCommand.REQUEST, 0x80, dlen, Bytes.zeros(8));
        Mi.ask(mi, write).requireStatus(MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE, Req.MI_INVALID_INPUT_DATA_SIZE);
    }

}
