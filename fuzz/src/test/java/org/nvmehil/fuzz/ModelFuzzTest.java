package org.nvmehil.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nvmehil.fixtures.config.Defaults;
import org.nvmehil.model.link.ModelLink;
import org.nvmehil.model.tcp.TcpConnection;
import org.nvmehil.model.tcp.TcpTarget;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.tcp.Direction;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.PduDecoder;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The reference model's request handlers fed whatever Jazzer makes, entered at bus level as a DUT is. Invariants: no
 * exception escapes (the model answers or drops, per spec, and never crashes), and afterwards it still serves — the
 * NVMe-MI endpoint answers facts §11 V7's Get Endpoint ID with a well-formed frame, and the NVMe/TCP target accepts
 * a new connection and answers its ICReq.
 */
class ModelFuzzTest {
    private static final LabConfig CONFIG = Defaults.modelConfig();
    /** Facts §11 V7: Get Endpoint ID, host 10h → ME 1Dh, null EIDs. */
    private static final Bytes V7_GET_EID = Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F");
    /** An ICReq: PFV 0, HPDA 0, no digests, MAXR2T 0. */
    private static final Bytes ICREQ = Bytes.hex("00 00 80 00 80 00 00 00").concat(Bytes.zeros(120));

    /**
     * Raw bytes, well-framed packets of fuzzed MCTP content, whole NVMe-MI messages with a valid MIC (so the fuzzer
     * reaches the command handlers), Basic Management reads and the passing of model time, in fuzzed order.
     */
    @FuzzTest(maxDuration = "30s")
    void miEndpoint(FuzzedDataProvider in) {
        ModelLink link = new ModelLink(CONFIG);
        int deviceAddr = CONFIG.dut().mi().orElseThrow().smbus().orElseThrow().deviceAddr();
        while (in.remainingBytes() > 0) {
            switch (in.consumeInt(0, 4)) {
                case 0 -> link.send(Bytes.of(in.consumeBytes(in.consumeInt(0, 300))));
                case 1 -> link.send(SmbusFrame.of(deviceAddr, 0x10, Bytes.of(in.consumeBytes(in.consumeInt(0, 254)))).encode());
                case 2 -> {
                    Bytes content = Bytes.ofUnsigned(0x84).concat(Bytes.of(in.consumeBytes(in.consumeInt(0, 300))));
                    List<MctpPacket> packets = MctpFragmenter.baseline().fragment(MiMessage.seal(content).toWire(),
                            in.pickValue(new Integer[] {0x00, 0x09, 0xFF}), 0x08, true, in.consumeInt(0, 7), 0);
                    packets.forEach(p -> link.send(SmbusFrame.of(deviceAddr, 0x10, p.encode()).encode()));
                }
                case 3 -> link.blockRead(in.consumeInt(0, 0x7F), in.consumeInt(0, 0xFF), in.consumeInt(0, 300));
                default -> link.receive(Duration.ofMillis(in.consumeInt(0, 20_000)));
            }
        }
        for (int i = 0; i < 100_000 && link.receive(Duration.ofSeconds(10)).isPresent(); i++) {
            // whatever was still due goes out first
        }
        link.send(V7_GET_EID);
        Optional<Bytes> answer = link.receive(Duration.ofSeconds(10));
        assertTrue(answer.isPresent(), "the endpoint still answers Get Endpoint ID");
        assertTrue(SmbusFrame.decode(answer.get()).isClean(), "a clean frame: " + answer.get());
    }

    /** A connection fed a fuzzed byte stream at fuzzed times; then a fresh connection is still served. */
    @FuzzTest(maxDuration = "30s")
    void tcpTarget(FuzzedDataProvider in) {
        TcpTarget target = TcpTarget.fromLab(CONFIG);
        Duration now = Duration.ZERO;
        TcpConnection c = target.accept(now);
        boolean icReqFirst = in.consumeBoolean();
        if (icReqFirst) {
            c.receive(ICREQ, now);
        }
        while (in.remainingBytes() > 0 && !c.closed()) {
            now = now.plusMillis(in.consumeInt(0, 200_000));
            target.tick(now);
            c.receive(Bytes.of(in.consumeBytes(in.consumeInt(0, 600))), now);
            c.drain(now);
            if (in.consumeBoolean()) {
                c.peerClosed(now);
            }
        }
        TcpConnection fresh = target.accept(now);
        fresh.receive(ICREQ, now);
        List<Bytes> out = fresh.drain(now);
        assertEquals(1, out.size(), "one ICResp to a new connection's ICReq");
        assertTrue(PduDecoder.decode(out.get(0), TcpParams.NONE, Direction.C2H).value().orElseThrow() instanceof IcResp,
                out.get(0)::toString);
    }
}
