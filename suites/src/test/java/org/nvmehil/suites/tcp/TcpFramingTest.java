package org.nvmehil.suites.tcp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.Received;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * Every PDU the controller sends obeys the framing rules for its type: HLEN, PDO, PLEN, digests present
 * exactly when negotiated and correct, reserved fields zero (NVMe/TCP 1.0 §3.6.2, Figs. 19–28).
 */
@Conformance
@DisplayName("NVMe/TCP PDU framing on every response")
class TcpFramingTest {

    static Stream<Arguments> operations() {
        List<Arguments> out = new ArrayList<>();
        String[] digestNames = {"no digests", "header digest", "data digest", "both digests"};
        for (int d = 0; d < 4; d++) {
            boolean h = (d & 1) != 0;
            boolean dd = (d & 2) != 0;
            String n = digestNames[d];
            out.add(argumentSet("Property Get CAP, " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.ctrl().propertyGet(Property.CAP).command()));
            out.add(argumentSet("Identify Controller (C2HData), " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.ctrl().identifyController().command()));
            out.add(argumentSet("Identify Namespace, " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.ctrl().identifyNamespace(io.nsid()).command()));
            out.add(argumentSet("Get Log Page Firmware Slot, " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.ctrl().getLogPage(0x03, 0, 512)));
            out.add(argumentSet("Read 4 KiB, " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.q().read(io.nsid(), 0, 4096 / io.blockSize())));
            out.add(argumentSet("Read 128 KiB, " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.q().read(io.nsid(), 0, 131072 / io.blockSize())));
            out.add(argumentSet("Write 4 KiB (in capsule), " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.q().write(io.nsid(), 64, TcpIoTest.pattern(4096, 1))));
            out.add(argumentSet("Write 64 KiB (R2T), " + n, h, dd, (Function<TcpIoTest.Io, CommandResult>) io ->
                    io.q().write(io.nsid(), 64, TcpIoTest.pattern(65536, 2))));
        }
        return out.stream();
    }

    /**
     * Steps: connect with the digests given, run the operation. Assertions: it succeeds and every PDU the
     * controller sent for it decodes with no framing, digest or reserved-field violation.
     */
    @ParameterizedTest(name = "{argumentSetName} → every PDU well framed")
    @MethodSource("operations")
    @Spec({Req.TCP_HLEN, Req.TCP_PLEN, Req.TCP_PDO, Req.TCP_PDO_NO_DATA, Req.TCP_HDGST_PRESENCE, Req.TCP_DDGST_PRESENCE,
            Req.TCP_HEADER_DIGEST, Req.TCP_DATA_DIGEST, Req.TCP_RESERVED_ZERO, Req.TCP_RESPONSE_NO_DATA})
    void operation_everyPduWellFramed(boolean hdgst, boolean ddgst, Function<TcpIoTest.Io, CommandResult> op, TcpHost host) {
        TcpIoTest.Io io = TcpIoTest.open(host, hdgst, ddgst);
        CommandResult r = op.apply(io);
        for (Received pdu : r.received()) {
            List<Violation> v = pdu.violations();
            Expect.none(v, pdu.raw().length() > 96 ? pdu.raw().head(96) : pdu.raw());
        }
        Expect.none(r.violations(), r.evidence());
        // a PDU the host had to reject (and terminate on) is recorded on its connection
        Expect.none(io.q().queue().connection().violations(), r.evidence());
        Expect.none(io.ctrl().admin().connection().violations(), r.evidence());
        r.requireSuccess(Req.TCP_PLEN);
        Expect.that(!r.received().isEmpty() || r.successFlag(), Req.TCP_PLEN, "no PDU received", Bytes.EMPTY);
    }
}
