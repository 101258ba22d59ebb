package org.nvmehil.suites.serial;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.SerialOnly;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.Inbound;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.binding.serial.SerialFrame;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;
import org.nvmehil.suites.support.Slots;

/**
 * DSP0253 §7: every MCTP packet is one serial frame — flag 7Eh, revision 01h, byte count, the packet with 7Eh and
 * 7Dh escaped, FCS (CRC-16/MCRF4XX), flag — and a receiver drops a frame whose FCS, revision or count is wrong.
 */
@Conformance
@SerialOnly
@DisplayName("MCTP serial binding (DSP0253)")
class SerialBindingTest {

    /**
     * Steps: send one request of each kind. Assertions: every frame the DUT sends is delineated by flags and has
     * revision 01h, a byte count matching the packet, valid escapes and a valid FCS.
     */
    @ParameterizedTest(name = "{argumentSetName} → every response frame is a valid serial frame")
    @MethodSource("org.nvmehil.suites.support.Requests#everyKind")
    @Spec({Req.SERIAL_FRAME_FORMAT, Req.SERIAL_FCS, Req.SERIAL_ESCAPING})
    void anyRequest_responseFramesAreValidSerialFrames(MiRequest request, MiClient mi) {
        checkResponseFrames(mi, request);
    }

    static void checkResponseFrames(MiClient mi, MiRequest request) {
        Exchange ex = mi.send(request);
        Expect.wellFormedUnits(ex);
        Expect.response(ex, Req.SERIAL_FRAME_FORMAT);
    }

    /**
     * Steps: Get State with TAG 7Eh (then 7Dh), which the response echoes. Assertions: the response frame carries
     * that byte as 7Dh 5Eh (7Dh 5Dh), never raw; the frame decodes cleanly and the TAG comes back intact.
     */
    @ParameterizedTest(name = "response byte {0} → sent escaped")
    @ValueSource(ints = {0x7E, 0x7D})
    @Spec(Req.SERIAL_ESCAPING)
    void flagAndEscapeBytes_areEscaped(int tag, MiClient mi) {
        checkEscaped(mi, tag);
    }

    static void checkEscaped(MiClient mi, int tag) {
        ControlPrimitive getState = ControlPrimitive.getState(0, tag, false);
        Exchange ex = mi.send(getState.seal());
        Bytes wire = ex.received().stream().map(Inbound::raw).reduce(Bytes.EMPTY, Bytes::concat);
        if (indexOf(wire, SerialFrame.ESCAPE, tag ^ SerialFrame.ESCAPE_XOR) < 0) {
            throw new ConformanceFailure(Req.SERIAL_ESCAPING, String.format("the response echoes TAG %02Xh, but the"
                    + " line never carried it escaped as 7Dh %02Xh", tag, tag ^ SerialFrame.ESCAPE_XOR), wire);
        }
        Expect.wellFormedUnits(ex);
        Slots.primitive(mi, getState); // decodes again on a fresh exchange, TAG echo included
    }

    private static int indexOf(Bytes b, int first, int second) {
        for (int i = 0; i + 1 < b.length(); i++) {
            if (b.u8(i) == first && b.u8(i + 1) == second) {
                return i;
            }
        }
        return -1;
    }

    static Stream<Arguments> frameDefects() {
        return Stream.of(
                argumentSet("FCS bit 0 flipped", (UnaryOperator<SerialFrame>) f -> f.withFcs(f.expectedFcs() ^ 0x0001)),
                argumentSet("FCS bit 15 flipped", (UnaryOperator<SerialFrame>) f -> f.withFcs(f.expectedFcs() ^ 0x8000)),
                argumentSet("FCS with initial value 0 (pre-2024 Linux)", (UnaryOperator<SerialFrame>) f -> f.withFcs(
                        Crc.fcs16(0x0000, Bytes.ofUnsigned(f.revision(), f.byteCount()).concat(f.packet())))),
                argumentSet("revision 02h (FCS recomputed)", (UnaryOperator<SerialFrame>) f -> f.withRevision(0x02).withValidFcs()),
                argumentSet("byte count one too large (FCS recomputed)",
                        (UnaryOperator<SerialFrame>) f -> f.withByteCount(f.byteCount() + 1).withValidFcs()),
                argumentSet("byte count one too small (FCS recomputed)",
                        (UnaryOperator<SerialFrame>) f -> f.withByteCount(f.byteCount() - 1).withValidFcs()));
    }

    /**
     * Steps: send an NVM Subsystem Health Status Poll in a frame with one defect; listen for the silence window;
     * then send it well formed. Assertions: 1: nothing comes back for the bad frame; 2: the DUT still answers.
     */
    @ParameterizedTest(name = "{argumentSetName} → frame dropped, DUT still answers")
    @MethodSource("frameDefects")
    @Spec({Req.SERIAL_BAD_FRAME_DROP, Req.SERIAL_FCS})
    void defectiveFrame_isDropped(UnaryOperator<SerialFrame> defect, MiClient mi) {
        checkDefectiveFrameDropped(mi, defect);
    }

    static void checkDefectiveFrameDropped(MiClient mi, UnaryOperator<SerialFrame> defect) {
        MiRequest poll = new MiCommand.SubsystemHealthStatusPoll(false);
        int tag = mi.nextTag();
        List<Bytes> units = mi.packetsFor(poll.seal().toWire(), tag).stream()
                .map(p -> defect.apply(SerialFrame.of(p.encode())).encode()).toList();
        Exchange ex = mi.exchangeUnits(units, tag, mi.timing().silenceWindow());
        Expect.silence(ex, Req.SERIAL_BAD_FRAME_DROP);
        Mi.ok(mi, poll, Req.SERIAL_BAD_FRAME_DROP);
    }
}
