package org.nvmehil.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every bad command line gets a message naming what to fix, and a non-zero exit; nothing starts. */
class SimulatorCliTest {

    record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Simulator(new PrintStream(new ByteArrayOutputStream(), true)));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    private static void assertRefused(Run r, int exit, String... says) {
        assertEquals(exit, r.exit(), r.err());
        for (String s : says) {
            assertTrue(r.err().contains(s), "says '" + s + "': " + r.err());
        }
    }

    @Test
    void nothingToServe() {
        assertRefused(run(), 2, "nothing to serve: give --serial and/or --tcp-port", "Usage: nvme-hil-sim");
    }

    @Test
    void unknownOptionSuggestsTheRightOne() {
        assertRefused(run("--seriall", "/dev/ttyUSB0"), 2, "Unknown options: '--seriall'", "Possible solutions: --serial");
    }

    @Test
    void baudNotANumberOrNotARate() {
        assertRefused(run("--serial", "/dev/null", "--baud", "fast"), 2, "Invalid value for option '--baud'", "'fast'");
        assertRefused(run("--serial", "/dev/null", "--baud", "0"), 2, "--baud 0 is not a serial rate: give 50 to 4000000");
    }

    @Test
    void tcpPortOutOfRange() {
        assertRefused(run("--tcp-port", "70000"), 2, "--tcp-port 70000 is not a TCP port: give 1 to 65535");
        assertRefused(run("--tcp-port", "-1"), 2, "--tcp-port -1 is not a TCP port");
    }

    @Test
    void missingOrBrokenConfigNamesTheFileAndTheFix(@TempDir Path dir) throws IOException {
        assertRefused(run("--tcp-port", "0", "--config", dir.resolve("nope.yaml").toString()), 2, "nope.yaml",
                "file not found");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "model:\n  health:\n    ctempCelsius: hot\n");
        assertRefused(run("--tcp-port", "0", "--config", bad.toString()), 2, "model.health.ctempCelsius", "fix:");
    }

    @Test
    void serialDeviceMissing() {
        assertRefused(run("--serial", "/dev/nvme-hil-no-such-tty"), 1, "nvme-hil-sim: cannot serve:",
                "/dev/nvme-hil-no-such-tty does not exist");
    }

    @Test
    void tcpPortTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertRefused(run("--tcp-port", Integer.toString(taken.getLocalPort())), 1, "nvme-hil-sim: cannot serve:",
                    "pick another with --tcp-port");
        }
    }
}
