package org.nvmehil.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nvmehil.drivers.serial.SerialPortLink;
import org.nvmehil.fixtures.config.Defaults;
import org.nvmehil.fixtures.config.LabConfigException;
import org.nvmehil.fixtures.config.LabConfigLoader;
import org.nvmehil.model.link.ModelLink;
import org.nvmehil.model.tcp.TcpTarget;
import org.nvmehil.model.tcp.TcpTargetServer;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference model as a process, a bench stand-in: NVMe-MI over MCTP serial (DSP0253) on a serial device path
 * and/or NVMe/TCP on a TCP port, identity, topology and personality from a lab-config file's {@code model} section.
 * Runs until SIGTERM or Ctrl-C, then closes the line and the listener.
 */
@Command(name = "nvme-hil-sim", mixinStandardHelpOptions = true, version = "nvme-hil simulator 0.1.0",
        description = "Serves the nvme-hil reference model on a serial line (NVMe-MI over MCTP serial) and/or a TCP"
                + " port (NVMe/TCP), for running the suites against it as if it were hardware.")
public final class Simulator implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "lab-config.yaml",
            description = "lab-config whose model section (identity, topology, health, personality, dying) and"
                    + " dut.mi.eid describe the simulated device (default: ${DEFAULT-VALUE} if it is here, else the"
                    + " values the shipped one holds)")
    Path config = Path.of("lab-config.yaml");

    @Option(names = "--serial", paramLabel = "PATH",
            description = "serve NVMe-MI over MCTP serial on this device path (a pty from socat, a USB-UART...)")
    String serial;

    @Option(names = "--baud", defaultValue = "115200", description = "serial baud rate (default: ${DEFAULT-VALUE})")
    int baud = 115_200;

    @Option(names = "--tcp-port", paramLabel = "PORT", description = "serve NVMe/TCP on this port")
    Integer tcpPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "NVMe/TCP listen address (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--quiet", description = "do not log every frame")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final int MIN_BAUD = 50;
    static final int MAX_BAUD = 4_000_000;

    /**
     * When the model is unplugged (model.dying Unplug) the serial port is closed; these run as it goes away and
     * before it is opened again (the simulator-serial peer removes and restores its pty pair).
     */
    Runnable onPull = () -> { };
    Runnable onReplug = () -> { };

    private final PrintStream out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<AutoCloseable> running = new ArrayList<>();

    Simulator(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Simulator(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (serial == null && tcpPort == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to serve: give --serial and/or --tcp-port");
        }
        if (baud < MIN_BAUD || baud > MAX_BAUD) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--baud " + baud + " is not a serial rate: give "
                    + MIN_BAUD + " to " + MAX_BAUD + " (115200 is what most USB-UART bridges and the suites use)");
        }
        if (tcpPort != null && (tcpPort < 0 || tcpPort > 65_535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tcp-port " + tcpPort + " is not a TCP port:"
                    + " give 1 to 65535 (4420 is the NVMe/TCP default), or 0 for any free port (the log names it)");
        }
        LabConfig base;
        try {
            boolean given = spec.commandLine().getParseResult().hasMatchedOption("--config");
            if (!given && !java.nio.file.Files.exists(config)) {
                base = Defaults.modelConfig(); // the shipped lab-config.yaml holds exactly these values
                log("no " + config + " here: the model of the shipped lab-config.yaml (give --config FILE for another)");
            } else {
                base = LabConfigLoader.load(config);
            }
        } catch (LabConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        try {
            start(base);
        } catch (IOException | RuntimeException e) {
            shutdown(); // whatever did start is stopped again
            spec.commandLine().getErr().println("nvme-hil-sim: cannot serve: " + e.getMessage()
                    + (e instanceof java.net.BindException ? " (is another simulator or nvmet on that port? pick"
                    + " another with --tcp-port)" : ""));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "nvme-hil-sim-stop"));
        stop.await();
        return 0;
    }

    /** Starts what the options ask for; {@link #shutdown()} stops it. */
    void start(LabConfig base) throws IOException {
        LabConfig cfg = forSimulation(base, serial, baud);
        if (serial != null) {
            Link line = SerialPortLink.open(serial, baud);
            ModelServer s = new ModelServer(line, new ModelLink(cfg), this::log, new ModelServer.Plug() {
                @Override
                public void pulled() {
                    onPull.run();
                }

                @Override
                public Link plugged() {
                    onReplug.run();
                    return SerialPortLink.open(serial, baud);
                }
            }).start();
            running.add(s);
            log("NVMe-MI over MCTP serial on " + serial + " at " + baud + " baud (EID "
                    + String.format("%02Xh", cfg.dut().mi().orElseThrow().eid().device()) + ")");
        }
        if (tcpPort != null) {
            TcpTargetServer t = TcpTargetServer.start(TcpTarget.fromLab(cfg), bind, tcpPort);
            running.add(t);
            log("NVMe/TCP on " + bind + ":" + t.port() + ", subsystem " + cfg.model().identity().subnqn());
        }
    }

    /** Closes every server; idempotent. */
    void shutdown() {
        synchronized (running) {
            for (AutoCloseable c : running) {
                try {
                    c.close();
                } catch (Exception e) {
                    log("while stopping: " + e.getMessage());
                }
            }
            running.clear();
        }
        log("stopped");
        stop.countDown();
    }

    private void log(String line) {
        if (!quiet || !(line.startsWith("RX ") || line.startsWith("TX "))) {
            out.println(LocalTime.now() + " " + line);
        }
    }

    /**
     * The lab-config as the model needs it: model mode, the MI endpoint on the serial binding at {@code path} and
     * {@code baud} (EIDs, MTU from the file), the NVMe/TCP section kept.
     */
    static LabConfig forSimulation(LabConfig c, String path, int baud) {
        Optional<LabConfig.Mi> mi = c.dut().mi().map(m -> new LabConfig.Mi("model", LabConfig.Binding.SERIAL, m.smbus(),
                Optional.of(new LabConfig.Serial(path == null ? "-" : path, baud)), m.eid(), m.mtu()));
        return new LabConfig(c.lab(), LabConfig.Mode.MODEL, c.allowDestructive(), new LabConfig.Dut(c.dut().name(), mi,
                c.dut().tcp()), c.timing(), c.model(), c.source());
    }
}
