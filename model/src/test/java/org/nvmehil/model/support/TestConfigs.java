package org.nvmehil.model.support;

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
 * LabConfig records for model tests, with the values of lab-config.yaml (the model module cannot depend on
 * fixtures' Defaults). Each {@code with…} changes one part.
 */
public final class TestConfigs {
    public static final int ME_ADDR = 0x1D;
    public static final int HOST_ADDR = 0x10;
    public static final int HOST_EID = 0x08;
    public static final int ME_EID = 0x09;
    public static final String UUID = "3f1c2b7a-9d4e-4c61-8b05-6e2a1f9c7d13";

    private TestConfigs() {
    }

    public static LabConfig defaults() {
        return build(new Eid(HOST_EID, ME_EID), Binding.SMBUS, timing(Duration.ofSeconds(6)),
                new Health(35, 0, 100, 10, 0), personality(Duration.ZERO, true));
    }

    public static LabConfig withDeviceEid(int eid) {
        LabConfig c = defaults();
        return build(new Eid(HOST_EID, eid), Binding.SMBUS, c.timing(), c.model().health(), c.model().personality());
    }

    public static LabConfig withHealth(Health h) {
        LabConfig c = defaults();
        return build(c.dut().mi().get().eid(), Binding.SMBUS, c.timing(), h, c.model().personality());
    }

    public static LabConfig withLatency(Duration latency) {
        LabConfig c = defaults();
        return build(c.dut().mi().get().eid(), Binding.SMBUS, c.timing(), c.model().health(), personality(latency, true));
    }

    public static LabConfig withBasicManagement(boolean on) {
        LabConfig c = defaults();
        return build(c.dut().mi().get().eid(), Binding.SMBUS, c.timing(), c.model().health(),
                personality(Duration.ZERO, on));
    }

    public static LabConfig withReassemblyTimeout(Duration d) {
        LabConfig c = defaults();
        return build(c.dut().mi().get().eid(), Binding.SMBUS, timing(d), c.model().health(), c.model().personality());
    }

    public static LabConfig withBinding(Binding b) {
        LabConfig c = defaults();
        return build(c.dut().mi().get().eid(), b, c.timing(), c.model().health(), c.model().personality());
    }

    private static Timing timing(Duration reassembly) {
        return new Timing(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(10),
                reassembly, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2),
                Duration.ofSeconds(3));
    }

    private static Personality personality(Duration latency, boolean basicManagement) {
        return new Personality(latency, 0, Duration.ofSeconds(1), 100, 4096, basicManagement);
    }

    private static LabConfig build(Eid eid, Binding binding, Timing timing, Health health, Personality personality) {
        Mi mi = new Mi("model", binding, Optional.of(new Smbus(1, ME_ADDR, HOST_ADDR, 100_000)),
                Optional.of(new Serial("/dev/ttyUSB0", 115_200)), eid, 64);
        Tcp tcp = new Tcp("model", "127.0.0.1", 4420, "nqn.2025-01.org.nvmehil:reference-model",
                "nqn.2014-08.org.nvmexpress:uuid:6b1f3c2e-8d4a-4f0b-9e27-5a1c0d9e4b73", false, false);
        Identity id = new Identity(0x1b36, 0x0010, 0x1af4, 0x1100, "NVMEHIL-0001", "nvme-hil reference model", "0.1.0",
                "ac-de-48", "nqn.2025-01.org.nvmehil:reference-model", UUID);
        Topology topo = new Topology(1, 1, 1, List.of(new Namespace(2_097_152L, 512, List.of(0))));
        return new LabConfig("test", Mode.MODEL, true, new Dut("reference-model", Optional.of(mi), Optional.of(tcp)),
                timing, new Model(id, health, topo, personality), "test");
    }
}
