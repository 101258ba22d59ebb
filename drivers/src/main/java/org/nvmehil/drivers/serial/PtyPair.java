package org.nvmehil.drivers.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Two pseudo-terminals joined by socat ({@code pty,raw,echo=0} on both ends): a serial cable in software, for the
 * simulator and for tests that must go through a real tty. The ends appear as symlinks at the paths given.
 */
public final class PtyPair implements AutoCloseable {
    private final Process socat;
    private final Path host;
    private final Path dut;

    private PtyPair(Process socat, Path host, Path dut) {
        this.socat = socat;
        this.host = host;
        this.dut = dut;
    }

    /** Why no pair can be made here (socat not on the PATH), or empty. */
    public static Optional<String> unavailableReason() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return Optional.empty();
            }
        }
        return Optional.of("socat is not installed (apt-get install socat): no pty pair can be made");
    }

    /** Starts socat and waits up to {@code wait} for both symlinks. */
    public static PtyPair start(Path host, Path dut, Duration wait) throws IOException {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + dut)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!(Files.exists(host) && Files.exists(dut))) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroy();
                throw new IOException("socat made no pty pair at " + host + " and " + dut + " within " + wait.toMillis()
                        + " ms" + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")"));
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return new PtyPair(p, host, dut);
    }

    public Path host() {
        return host;
    }

    public Path dut() {
        return dut;
    }

    /** Stops socat: both ends go away, as an unplugged adapter would. */
    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
