package org.nvmehil.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.nvmehil.drivers.serial.PtyPair;
import org.nvmehil.fixtures.peer.MiPeer;
import org.nvmehil.protocol.lab.LabConfig;

/**
 * Peer {@code simulator-serial}: a socat pty pair standing in for a serial cable, with the simulator serving the
 * far end. The host end is the lab-config's {@code dut.mi.serial.port}; the simulator's end is that path with
 * {@code -dut} appended. Frames are logged to {@code target/simulator-serial.log}. A model that is unplugged
 * (lab-config {@code model.dying: [Unplug(at, calls)]}) takes the pty pair with it: the host's port vanishes, and
 * comes back at the same path once the unplugged calls are spent (one per 2 ms).
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
            AtomicReference<PtyPair> pair = new AtomicReference<>(PtyPair.start(host, dut, PTY_WAIT));
            PrintStream log = new PrintStream(Files.newOutputStream(Path.of("target", "simulator-serial.log")), true);
            Simulator sim = new Simulator(log);
            sim.serial = dut.toString();
            sim.baud = line.baud();
            // model.dying Unplug: the pty pair goes away (the host's port vanishes) and comes back at the same paths
            sim.onPull = () -> pair.get().close();
            sim.onReplug = () -> {
                try {
                    pair.set(PtyPair.start(host, dut, PTY_WAIT));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            try {
                sim.start(config);
            } catch (IOException | RuntimeException e) {
                sim.shutdown(); // what started is stopped, the pty pair and the log released
                pair.get().close();
                log.close();
                throw e;
            }
            return () -> {
                sim.shutdown();
                pair.get().close();
                log.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("peer " + ID + " could not start: " + e.getMessage(), e);
        }
    }
}
