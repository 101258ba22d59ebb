package org.nvmehil.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.nvmehil.drivers.serial.PtyPair;
import org.nvmehil.fixtures.peer.MiPeer;
import org.nvmehil.protocol.lab.LabConfig;

/**
 * Peer {@code simulator-serial}: a socat pty pair standing in for a serial cable, with the simulator serving the
 * far end. The host end is the lab-config's {@code dut.mi.serial.port}; the simulator's end is that path with
 * {@code -dut} appended. Frames are logged to {@code target/simulator-serial.log}.
 */
public final class SerialSimulatorPeer implements MiPeer {
    public static final String ID = "simulator-serial";
    private static final Duration PTY_WAIT = Duration.ofSeconds(5);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> unavailableReason() {
        return PtyPair.unavailableReason();
    }

    @Override
    public AutoCloseable start(LabConfig config) {
        LabConfig.Serial line = config.dut().mi().flatMap(LabConfig.Mi::serial).orElseThrow(() ->
                new IllegalStateException("peer " + ID + " needs dut.mi.serial.port in the lab-config"));
        Path host = Path.of(line.port()).toAbsolutePath();
        Path dut = Path.of(host + "-dut");
        try {
            Files.createDirectories(host.getParent());
            PtyPair pair = PtyPair.start(host, dut, PTY_WAIT);
            PrintStream log = new PrintStream(Files.newOutputStream(Path.of("target", "simulator-serial.log")), true);
            Simulator sim = new Simulator(log);
            sim.serial = dut.toString();
            sim.baud = line.baud();
            try {
                sim.start(config);
            } catch (IOException | RuntimeException e) {
                sim.shutdown(); // what started is stopped, the pty pair and the log released
                pair.close();
                log.close();
                throw e;
            }
            return () -> {
                sim.shutdown();
                pair.close();
                log.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("peer " + ID + " could not start: " + e.getMessage(), e);
        }
    }
}
