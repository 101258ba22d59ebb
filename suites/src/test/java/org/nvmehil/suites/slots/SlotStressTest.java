package org.nvmehil.suites.slots;

import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.Mi;
import org.nvmehil.suites.support.Slots;

/** Many requests on both slots with control primitives in between: nothing lost, duplicated or misrouted. */
@Conformance
@DisplayName("NVMe-MI command slots under load")
class SlotStressTest {
    static final int ITERATIONS = 1500;
    static final long SEED = 0x5107_2026L;

    static final List<IntFunction<MiRequest>> POOL = List.of(
            csi -> new MiCommand.SubsystemHealthStatusPoll(false).withHeader(mi(csi)),
            csi -> MiCommand.ControllerHealthStatusPoll.all(0, 0, false).withHeader(mi(csi)),
            csi -> MiCommand.ReadDataStructure.subsystemInfo().withHeader(mi(csi)),
            csi -> MiCommand.ReadDataStructure.controllerList(0).withHeader(mi(csi)),
            csi -> new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(0)).withHeader(mi(csi)),
            csi -> new MiCommand.VpdRead(0, 64).withHeader(mi(csi)),
            csi -> AdminRequest.identify(0, 1, 0, 0, 256).withHeader(MiHeader.request(Nmimt.ADMIN, csi)));

    private static MiHeader mi(int csi) {
        return MiHeader.request(Nmimt.MI_COMMAND, csi);
    }

    /**
     * Steps: {@value #ITERATIONS} rounds (seeded): a random command on slot 0 and one on slot 1 in flight
     * together, now and then a Get State, or a Pause and Resume, between sending and reading; then listen.
     * Bounded by count and by half of timing.testWatchdog. Assertions: every command gets exactly one final
     * response, on its own slot and tag, well formed and successful; nothing stray arrives at the end.
     */
    @Test
    @DisplayName("thousands of commands on both slots with control primitives between → none lost, duplicated or misrouted")
    @Spec({Req.MI_TWO_SLOTS, Req.MI_RESPONSE_CSI, Req.MCTP_RESPONSE_TAG})
    void alternatingSlots_noResponseLostDuplicatedOrMisrouted(MiClient mi, LabConfig config) {
        run(mi, ITERATIONS, config.timing().testWatchdog().dividedBy(2));
    }

    static int run(MiClient mi, int iterations, Duration wallBudget) {
        Random rnd = new Random(SEED);
        Allure.parameter("seed", Long.toHexString(SEED));
        long wallEnd = System.nanoTime() + wallBudget.toNanos();
        int done = 0;
        for (; done < iterations && System.nanoTime() < wallEnd; done++) {
            MiRequest r0 = POOL.get(rnd.nextInt(POOL.size())).apply(0);
            MiRequest r1 = POOL.get(rnd.nextInt(POOL.size())).apply(1);
            int t0 = mi.submit(r0.seal());
            int t1 = mi.submit(r1.seal());
            int between = rnd.nextInt(10);
            if (between == 0) {
                Slots.getState(mi, rnd.nextInt(2), false);
            } else if (between == 1) {
                Slots.ok(mi, ControlPrimitive.pause(done & 0xFF), Req.MI_CP_PAUSE);
                Slots.ok(mi, ControlPrimitive.resume(done & 0xFF), Req.MI_CP_RESUME);
            }
            check(mi, r0, mi.await(t0, mi.timing().responseTimeout()));
            check(mi, r1, mi.await(t1, mi.timing().responseTimeout()));
        }
        Allure.parameter("rounds completed", done);
        Expect.silence(mi.listen(mi.timing().silenceWindow()), Req.MCTP_RESPONSE_TAG);
        return done;
    }

    static void check(MiClient mi, MiRequest request, Exchange ex) {
        Mi.answer(mi, request.seal(), ex).requireStatus(MiStatus.SUCCESS, Req.MI_TWO_SLOTS);
        long finals = ex.messages().stream().filter(c -> c.tag() == ex.tag() && !Exchange.isMpr(c.message())).count();
        Slots.require(finals == 1, Req.MI_TWO_SLOTS, finals + " final responses for one command (tag " + ex.tag() + ")", mi);
    }
}
