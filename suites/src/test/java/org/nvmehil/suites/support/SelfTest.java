package org.nvmehil.suites.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.dut.DutExtension;
import org.nvmehil.fixtures.dut.ModelOnly;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.spec.Req;

/**
 * "Test the tester": each self-test arms one fault in the reference model and proves that the
 * conformance check written for it fails, citing the requirement the fault breaks. A check that cannot
 * fail proves nothing. Self-tests are model-only and are not conformance tests (no {@code @Spec}).
 */
public final class SelfTest {
    private SelfTest() {
    }

    /** Marks a self-test class: the DUT injected, model only, holding the DUT lock. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    @ExtendWith(DutExtension.class)
    @ModelOnly
    @Tag("selftest")
    @ResourceLock("dut")
    public @interface Of {
    }

    /** A conformance check as the suites run it. */
    @FunctionalInterface
    public interface Check {
        void run(MiClient mi) throws Throwable;
    }

    /**
     * Arms {@code rule}, runs {@code check}, and asserts that it fails with a {@link ConformanceFailure}
     * citing {@code expected} and that the fault really fired.
     */
    public static ConformanceFailure failsWith(Dut dut, FaultRule rule, Req expected, Check check) {
        MiClient mi = dut.mi();
        ModelControl model = dut.model().orElseThrow();
        model.arm(rule);
        Executable run = () -> check.run(mi);
        ConformanceFailure f = assertThrows(ConformanceFailure.class, run,
                () -> "the check passed although the model committed " + rule.fault().label());
        assertEquals(expected, f.requirement(), () -> "the check failed, but citing the wrong requirement:\n" + f.getMessage());
        assertTrue(model.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED),
                () -> "the check failed but the fault never fired; events: " + model.events());
        assertTrue(f.getMessage().contains(expected.cite()), () -> "the failure does not name the clause:\n" + f.getMessage());
        assertTrue(f.evidence().isPresent(), () -> "the failure shows no bytes:\n" + f.getMessage());
        return f;
    }
}
