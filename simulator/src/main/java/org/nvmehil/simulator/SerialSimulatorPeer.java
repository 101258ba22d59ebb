package org.nvmehil.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
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
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return Optional.empty();
            }
        }
        return Optional.of("socat is not installed (apt-get install socat): no pty pair to serve the simulator on");
    }

    @Override
    public AutoCloseable start(LabConfig config) {
        LabConfig.Serial line = config.dut().mi().flatMap(LabConfig.Mi::serial).orElseThrow(() ->
                new IllegalStateException("peer " + ID + " needs dut.mi.serial.port in the lab-config"));
        Path host = Path.of(line.port()).toAbsolutePath();
        Path dut = Path.of(host + "-dut");
        try {
            Files.createDirectories(host.getParent());
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + dut)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + PTY_WAIT.toNanos();
            while (!(Files.exists(host) && Files.exists(dut))) {
                if (System.nanoTime() > deadline || !socat.isAlive()) {
                    socat.destroy();
                    throw new IllegalStateException("socat made no pty pair at " + host + " within " + PTY_WAIT.toSeconds() + " s");
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            PrintStream log = new PrintStream(Files.newOutputStream(Path.of("target", "simulator-serial.log")), true);
            Simulator sim = new Simulator(log);
            sim.serial = dut.toString();
            sim.baud = line.baud();
            sim.start(config);
            return () -> {
                sim.shutdown();
                socat.destroy();
                log.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("peer " + ID + " could not start: " + e.getMessage(), e);
        }
    }
}
