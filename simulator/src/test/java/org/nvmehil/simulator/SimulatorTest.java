package org.nvmehil.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nvmehil.drivers.serial.PtyPair;
import org.nvmehil.drivers.serial.SerialPortLink;
import org.nvmehil.fixtures.config.LabConfigLoader;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The simulator serving a real pty pair (socat) and a real TCP port, reached through the usb-serial driver and a
 * plain socket, as a bench would reach it. Skips without socat unless external tools are required (ci profile).
 */
class SimulatorTest {

    /** Facts §11 V7: Get Endpoint ID, dest 09h (the shipped lab-config's device EID), src 08h, tag 0. */
    private static final Bytes V7_GET_EID = Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 0E B2 7E");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private PtyPair pair;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Simulator sim = new Simulator(new PrintStream(log, true));

    private static LabConfig shippedConfig() {
        Path root = Path.of(System.getProperty("nvmehil.root", ".."));
        return LabConfigLoader.load(root.resolve("lab-config.yaml"));
    }

    private Path[] ptyPair() throws IOException {
        Optional<String> missing = PtyPair.unavailableReason();
        if (missing.isPresent()) {
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                throw new IllegalStateException(missing.get() + " (required under the ci profile)");
            }
            Assumptions.abort(missing.get());
        }
        pair = PtyPair.start(dir.resolve("host"), dir.resolve("dut"), WAIT);
        return new Path[] {pair.host(), pair.dut()};
    }

    @AfterEach
    void stop() {
        sim.shutdown();
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void serial_answersV7GetEidOverARealPty_andLogsTheFrames() throws IOException {
        Path[] pty = ptyPair();
        sim.serial = pty[1].toString();
        sim.baud = 115_200;
        sim.start(shippedConfig());
        try (SerialPortLink host = SerialPortLink.open(pty[0].toString(), 115_200)) {
            host.send(V7_GET_EID);
            SerialStreamDecoder decoder = new SerialStreamDecoder();
            List<SerialStreamDecoder.Event>[] events = new List[1];
            await().atMost(WAIT).until(() -> {
                host.receive(Duration.ofMillis(100)).ifPresent(c -> events[0] = decoder.feed(c));
                return events[0] != null && !events[0].isEmpty();
            });
            var f = assertInstanceOf(SerialStreamDecoder.Frame.class, events[0].get(0));
            assertTrue(f.isClean(), f.violations()::toString);
            MctpPacket p = MctpPacket.decode(f.packet()).get();
            assertEquals(0x08, p.destEid());
            assertEquals(0x09, p.srcEid());
            assertEquals(Bytes.hex("00 00 02 00 09"), p.payload().head(5));
        }
        await().atMost(WAIT).until(() -> log.toString().contains("TX 7e 01"));
        assertTrue(log.toString().contains("RX 7e 01 07 01 09 08 c8"), log::toString);
    }

    @Test
    void tcp_answersAnIcReqOnItsPort() throws IOException {
        sim.tcpPort = 0;
        sim.start(shippedConfig());
        int port = Integer.parseInt(log.toString().replaceAll("(?s).*NVMe/TCP on 127\\.0\\.0\\.1:(\\d+).*", "$1"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            // ICReq (NVMe/TCP 1.0 Fig. 26): type 00h, HLEN 80h, PLEN 128, PFV 0, HPDA 0, no digests, MAXR2T 0
            byte[] icreq = new byte[128];
            icreq[2] = (byte) 0x80;
            icreq[4] = (byte) 0x80;
            s.getOutputStream().write(icreq);
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(8);
            assertEquals(Bytes.hex("01 00 80 00 80 00 00 00"), Bytes.of(head), "ICResp common header");
        }
    }

    @Test
    void shutdown_closesTheLineSoItCanBeOpenedAgain() throws IOException {
        Path[] pty = ptyPair();
        sim.serial = pty[1].toString();
        sim.start(shippedConfig());
        sim.shutdown();
        SerialPortLink.open(pty[1].toString(), 115_200).close();
        assertTrue(log.toString().contains("stopped"));
    }
}
