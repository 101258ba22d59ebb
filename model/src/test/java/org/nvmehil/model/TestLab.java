package org.nvmehil.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.LabConfig.Binding;
import org.nvmehil.protocol.lab.LabConfig.Dut;
import org.nvmehil.protocol.lab.LabConfig.Eid;
import org.nvmehil.protocol.lab.LabConfig.Health;
import org.nvmehil.protocol.lab.LabConfig.Identity;
import org.nvmehil.protocol.lab.LabConfig.Mi;
import org.nvmehil.protocol.lab.LabConfig.Mode;
import org.nvmehil.protocol.lab.LabConfig.Model;
import org.nvmehil.protocol.lab.LabConfig.Namespace;
import org.nvmehil.protocol.lab.LabConfig.Personality;
import org.nvmehil.protocol.lab.LabConfig.Serial;
import org.nvmehil.protocol.lab.LabConfig.Smbus;
import org.nvmehil.protocol.lab.LabConfig.Tcp;
import org.nvmehil.protocol.lab.LabConfig.Timing;
import org.nvmehil.protocol.lab.LabConfig.Topology;

/**
 * Lab configurations for model tests. The model module cannot see fixtures' {@code Defaults}, so the
 * default values of {@code lab-config.yaml} are repeated here; {@link #DEFAULTS} equals
 * {@code Defaults.modelConfig()} field for field. Withers replace one part.
 */
public record TestLab(Health health, Topology topology, Personality personality, Smbus smbus, Identity identity) {

    public static final Identity IDENTITY = new Identity(0x1b36, 0x0010, 0x1af4, 0x1100, "NVMEHIL-0001",
            "nvme-hil reference model", "0.1.0", "ac-de-48", "nqn.2025-01.org.nvmehil:reference-model",
            "3f1c2b7a-9d4e-4c61-8b05-6e2a1f9c7d13");
    public static final Health HEALTH = new Health(35, 0, 100, 10, 0);
    public static final Namespace NAMESPACE = new Namespace(2_097_152L, 512, List.of(0));
    public static final Topology TOPOLOGY = new Topology(1, 1, 1, List.of(NAMESPACE));
    public static final Personality PERSONALITY = new Personality(Duration.ZERO, 0, Duration.ofSeconds(1), 100,
            4096, true);
    public static final Smbus SMBUS = new Smbus(1, 0x1d, 0x10, 100_000);
    public static final TestLab DEFAULTS = new TestLab(HEALTH, TOPOLOGY, PERSONALITY, SMBUS, IDENTITY);

    public static TestLab defaults() {
        return DEFAULTS;
    }

    public TestLab health(int ctempCelsius, int pdlu, int spare, int spareThreshold, int criticalWarning) {
        return new TestLab(new Health(ctempCelsius, pdlu, spare, spareThreshold, criticalWarning), topology,
                personality, smbus, identity);
    }

    public TestLab topology(int pciePorts, int twoWirePorts, int controllers, Namespace... namespaces) {
        return new TestLab(health, new Topology(pciePorts, twoWirePorts, controllers, List.of(namespaces)),
                personality, smbus, identity);
    }

    public TestLab personality(int vpdWriteLimit, int mebSize, boolean basicManagement) {
        return new TestLab(health, topology, new Personality(Duration.ZERO, 0, Duration.ofSeconds(1), vpdWriteLimit,
                mebSize, basicManagement), smbus, identity);
    }

    /** The timing personality: response latency, how many commands get an MPR first, the MPRT then. */
    public TestLab timing(Duration responseLatency, int mprResponses, Duration mprt) {
        Personality p = personality;
        return new TestLab(health, topology, new Personality(responseLatency, mprResponses, mprt, p.vpdWriteLimit(),
                p.mebSize(), p.basicManagement()), smbus, identity);
    }

    public TestLab clockHz(int hz) {
        return new TestLab(health, topology, personality, new Smbus(1, smbus.deviceAddr(), 0x10, hz), identity);
    }

    public TestLab deviceAddr(int addr) {
        return new TestLab(health, topology, personality, new Smbus(1, addr, 0x10, smbus.clockHz()), identity);
    }

    public TestLab identity(Identity id) {
        return new TestLab(health, topology, personality, smbus, id);
    }

    public static Namespace ns(long blocks, int blockSize, Integer... attachedTo) {
        return new Namespace(blocks, blockSize, List.of(attachedTo));
    }

    public LabConfig config() {
        return config(Duration.ofSeconds(6));
    }

    /** {@link #config()} with {@code timing.reassemblyTimeout} set. */
    public LabConfig config(Duration reassemblyTimeout) {
        Mi mi = new Mi("model", Binding.SMBUS, Optional.of(smbus), Optional.of(new Serial("/dev/ttyUSB0", 115_200)),
                new Eid(0x08, 0x09), 64);
        Tcp tcp = new Tcp("model", "127.0.0.1", 4420, identity.subnqn(),
                "nqn.2014-08.org.nvmexpress:uuid:6b1f3c2e-8d4a-4f0b-9e27-5a1c0d9e4b73", false, false);
        Timing timing = new Timing(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(500),
                Duration.ofSeconds(10), reassemblyTimeout, Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(3));
        return new LabConfig("local", Mode.MODEL, true, new Dut("reference-model", Optional.of(mi), Optional.of(tcp)),
                timing, new Model(identity, health, topology, personality), "test");
    }
}
