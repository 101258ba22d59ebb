package org.nvmehil.suites.smbus;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.SmbusOnly;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;

/**
 * DSP0237 §6.3: every MCTP packet is one SMBus block write with command code 0Fh, a byte count, the
 * source address with bit 0 set and a PEC; a receiver drops what fails those checks.
 */
@Conformance
@SmbusOnly
@DisplayName("SMBus/I2C binding (DSP0237)")
class SmbusBindingTest {

    /**
     * Setup: none. Steps: send one request of each kind. Assertions: every frame the DUT writes back is
     * addressed to the host, carries command code 0Fh, the right byte count, source bit 0 set, a valid PEC.
     */
    @ParameterizedTest(name = "{argumentSetName} → every response frame is a valid block write")
    @MethodSource("org.nvmehil.suites.support.Requests#everyKind")
    @Spec({Req.SMBUS_PEC, Req.SMBUS_COMMAND_CODE, Req.SMBUS_BYTE_COUNT, Req.SMBUS_SOURCE_ADDRESS,
            Req.SMBUS_DESTINATION_ADDRESS, Req.SMBUS_MAX_TU})
    void anyRequest_responseFramesAreValidBlockWrites(MiRequest request, MiClient mi) {
        checkResponseFrames(mi, request);
    }

    static void checkResponseFrames(MiClient mi, MiRequest request) {
        Exchange ex = mi.send(request);
        Expect.response(ex, Req.SMBUS_PEC);
        Expect.wellFormedUnits(ex);
    }

    static Stream<Arguments> frameDefects() {
        return Stream.of(
                argumentSet("PEC bit 0 flipped", Req.SMBUS_BAD_PEC_DROP, (UnaryOperator<SmbusFrame>) f -> f.withPec(f.pec() ^ 0x01)),
                argumentSet("PEC bit 7 flipped", Req.SMBUS_BAD_PEC_DROP, (UnaryOperator<SmbusFrame>) f -> f.withPec(f.pec() ^ 0x80)),
                argumentSet("PEC computed without the address byte", Req.SMBUS_BAD_PEC_DROP,
                        (UnaryOperator<SmbusFrame>) f -> f.withPec(org.nvmehil.protocol.integrity.Crc.smbusPec(
                                f.encode().slice(1, f.encode().length() - 1)))),
                argumentSet("byte count one too large (PEC recomputed)", Req.SMBUS_BYTE_COUNT,
                        (UnaryOperator<SmbusFrame>) f -> f.withByteCount(f.byteCount() + 1).withValidPec()),
                argumentSet("byte count one too small (PEC recomputed)", Req.SMBUS_BYTE_COUNT,
                        (UnaryOperator<SmbusFrame>) f -> f.withByteCount(f.byteCount() - 1).withValidPec()),
                argumentSet("source address bit 0 clear (IPMB, not MCTP; PEC recomputed)", Req.SMBUS_SOURCE_ADDRESS,
                        (UnaryOperator<SmbusFrame>) f -> f.withSrcSlaveAddr(f.srcSlaveAddr() & 0xFE).withValidPec()),
                argumentSet("command code 0Eh (PEC recomputed)", Req.SMBUS_COMMAND_CODE,
                        (UnaryOperator<SmbusFrame>) f -> f.withCommandCode(0x0E).withValidPec()));
    }

    /**
     * Steps: send an NVM Subsystem Health Status Poll in a frame with one defect; listen for the silence
     * window; then send it well formed. Assertions: 1: nothing comes back for the bad frame; 2: the DUT
     * still answers the good one.
     */
    @ParameterizedTest(name = "{argumentSetName} → frame ignored, DUT still answers")
    @MethodSource("frameDefects")
    @Spec({Req.SMBUS_BAD_PEC_DROP, Req.SMBUS_BYTE_COUNT, Req.SMBUS_SOURCE_ADDRESS, Req.SMBUS_COMMAND_CODE})
    void defectiveFrame_isIgnored(Req req, UnaryOperator<SmbusFrame> defect, MiClient mi) {
        checkDefectiveFrameIgnored(mi, req, defect);
    }

    static void checkDefectiveFrameIgnored(MiClient mi, Req req, UnaryOperator<SmbusFrame> defect) {
        MiRequest poll = new MiCommand.SubsystemHealthStatusPoll(false);
        int tag = mi.nextTag();
        List<Bytes> units = mi.packetsFor(poll.seal().toWire(), tag).stream()
                .map(p -> defect.apply(Expect.value(SmbusFrame.decode(mi.port().encode(p)))).encode()).toList();
        Exchange ex = mi.exchangeUnits(units, tag, mi.timing().silenceWindow());
        Expect.silence(ex, req);
        Mi.ok(mi, poll, req);
    }
}
