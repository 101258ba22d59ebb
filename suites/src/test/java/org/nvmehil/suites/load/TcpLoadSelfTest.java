package org.nvmehil.suites.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.SelfTest;

/** The load check fails when the model target commits the matching fault. */
@SelfTest.Of
class TcpLoadSelfTest {

    /** The check fails when the target misroutes one completion deep into the run (its 3,000th: a wrong CID). */
    @Test
    void oneMisroutedCompletion_failsTheCheck(TcpHost host) {
        ModelControl model = assertInstanceOf(ModelControl.class, host.openLink(), "the model target's hooks");
        model.reset();
        model.arm(new FaultRule(new Fault.WrongCid(), FaultRule.Match.ANY, FaultRule.Times.nth(3000)));
        try {
            ConformanceFailure f = assertThrows(ConformanceFailure.class, () -> TcpLoadTest.check(host, Duration.ofSeconds(2)));
            assertEquals(Req.NVME_ONE_COMPLETION_PER_COMMAND, f.requirement(), f::getMessage);
            assertTrue(f.getMessage().contains(Req.NVME_ONE_COMPLETION_PER_COMMAND.cite()), f::getMessage);
            assertTrue(f.evidence().isPresent(), () -> "the failure shows no bytes:\n" + f.getMessage());
            assertTrue(model.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED), "the fault fired");
        } finally {
            model.disarmAll();
        }
    }

}
