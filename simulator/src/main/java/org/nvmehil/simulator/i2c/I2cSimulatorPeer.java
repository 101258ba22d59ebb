package org.nvmehil.simulator.i2c;

import com.diozero.api.RuntimeIOException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.nvmehil.fixtures.peer.MiPeer;
import org.nvmehil.model.link.ModelLink;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.model.mi.ManagementEndpoint;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.simulator.ModelServer;

/**
 * Peer {@code simulator-i2c} (SIMULATED BUS): the reference model attached to a {@link SimulatedI2cBus} at
 * {@code dut.mi.smbus.deviceAddr} (and at 6Ah for the Basic Management Command), served in wall time, so that the
 * {@code linux-i2c} driver reaches it through its real diozero calls with the {@link SimulatedI2cDeviceFactory}
 * provider. The model's responses are block writes to the requester's address, delivered to whatever is attached
 * there (the driver's target half). Frames are logged to {@code target/simulator-i2c.log}.
 */
public final class I2cSimulatorPeer implements MiPeer {
    public static final String ID = "simulator-i2c";
    private final MctpEndpointCore.Options options;

    public I2cSimulatorPeer() {
        this(MctpEndpointCore.Options.defaults());
    }

    /** A model with other endpoint options (its EID policy, say), for tests. */
    I2cSimulatorPeer(MctpEndpointCore.Options options) {
        this.options = options;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty(); // all in this JVM
    }

    @Override
    public AutoCloseable start(LabConfig config) {
        String provider = System.getProperty("diozero.devicefactory");
        if (!SimulatedI2cDeviceFactory.NAME_PROPERTY_VALUE.equals(provider)) {
            throw new IllegalStateException("peer " + ID + " attaches the model to a simulated bus, which the linux-i2c"
                    + " driver reaches only with -Ddiozero.devicefactory=" + SimulatedI2cDeviceFactory.NAME_PROPERTY_VALUE
                    + " (now: " + provider + ")");
        }
        LabConfig.Mi mi = config.dut().mi().orElseThrow(() -> new IllegalStateException("peer " + ID + " needs dut.mi"));
        LabConfig.Smbus smbus = mi.smbus().orElseThrow(() -> new IllegalStateException(
                "peer " + ID + " needs dut.mi.smbus (bus, deviceAddr, hostAddr) in the lab-config"));
        PrintStream log;
        try {
            Files.createDirectories(Path.of("target"));
            log = new PrintStream(Files.newOutputStream(Path.of("target", "simulator-i2c.log")), true);
        } catch (IOException e) {
            throw new IllegalStateException("peer " + ID + ": cannot write target/simulator-i2c.log: " + e.getMessage(), e);
        }
        Consumer<String> logLine = line -> log.println(LocalTime.now() + " " + line);
        ModelLink model = new ModelLink(forModel(config, mi, smbus), options, ManagementEndpoint::create);
        SimulatedI2cBus bus = SimulatedI2cBus.controller(smbus.bus());
        DeviceSide device = new DeviceSide(bus, model, logLine);
        List<AutoCloseable> attached = new ArrayList<>();
        try {
            attached.add(bus.attach(smbus.deviceAddr(), device));
            if (config.model().personality().basicManagement() && smbus.deviceAddr() != BasicManagement.ADDRESS) {
                attached.add(bus.attach(BasicManagement.ADDRESS, device));
            }
        } catch (RuntimeException taken) {
            detach(attached);
            log.close();
            throw taken;
        }
        ModelServer server = new ModelServer(device, model, logLine).start();
        logLine.accept(String.format("model on simulated bus %d at %02Xh", smbus.bus(), smbus.deviceAddr()));
        return () -> {
            server.close();
            detach(attached);
            log.close();
        };
    }

    private static void detach(List<AutoCloseable> attached) {
        for (AutoCloseable a : attached) {
            try {
                a.close();
            } catch (Exception e) {
                throw new IllegalStateException(e); // detaching from the in-JVM bus does no I/O
            }
        }
    }

    /** The lab-config as the model needs it: model mode, the endpoint on SMBus at the configured addresses. */
    static LabConfig forModel(LabConfig c, LabConfig.Mi mi, LabConfig.Smbus smbus) {
        LabConfig.Mi m = new LabConfig.Mi("model", LabConfig.Binding.SMBUS, Optional.of(smbus), Optional.empty(),
                mi.eid(), mi.mtu());
        return new LabConfig(c.lab(), LabConfig.Mode.MODEL, c.allowDestructive(),
                new LabConfig.Dut(c.dut().name(), Optional.of(m), Optional.empty()), c.timing(), c.model(), c.source());
    }

    /**
     * The model's side of the bus as a {@link Link} for the {@link ModelServer}: writes to the model's address queue
     * up for it; the model's frames are master writes to the address in their first byte (one nobody acknowledges is
     * logged and lost, as on a wire). Block reads go straight to the model.
     */
    static final class DeviceSide implements Link, SimulatedI2cBus.Target {
        private final SimulatedI2cBus bus;
        private final ModelLink model;
        private final Consumer<String> log;
        private final LinkedBlockingQueue<Bytes> in = new LinkedBlockingQueue<>();

        DeviceSide(SimulatedI2cBus bus, ModelLink model, Consumer<String> log) {
            this.bus = bus;
            this.model = model;
            this.log = log;
        }

        @Override
        public void onWrite(Bytes write) {
            in.add(write);
        }

        @Override
        public Optional<Bytes> onWriteRead(int addr7, Bytes written, int length) {
            Optional<Bytes> r = model.blockRead(addr7, written.isEmpty() ? 0 : written.u8(0), length);
            log.accept(String.format("READ %02Xh cmd %s -> %s", addr7, written, r.map(Bytes::toString).orElse("NACK")));
            return r;
        }

        @Override
        public void send(Bytes frame) {
            try {
                bus.write(frame.u8(0) >>> 1, frame.slice(1).toArray());
            } catch (RuntimeIOException nack) {
                log.accept("TX not acknowledged: " + nack.getMessage());
            }
        }

        @Override
        public Optional<Bytes> receive(Duration timeout) {
            return SimulatedI2cBus.next(in, timeout);
        }

        @Override
        public Map<String, String> describe() {
            return Map.of("driver", "simulated-i2c");
        }

        @Override
        public void close() {
            in.clear();
        }
    }
}
