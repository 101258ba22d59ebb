package org.nvmehil.suites.slots;

import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.spec.Req;

/**
 * Both command slots driven from several threads at once, as a management controller with several clients would:
 * every command answered exactly once, on its own slot and tag. The threads share one requester; a slot carries one
 * command at a time (NVMe-MI 1.2 §4.2.1), so two threads per slot take turns on it.
 */
@Conformance
@DisplayName("NVMe-MI command slots from several threads")
class SlotThreadsTest {
    static final int THREADS = 4;
    static final int COMMANDS_PER_THREAD = 250;

    /**
     * Steps: {@value #THREADS} threads, thread i on slot i % 2, each sending {@value #COMMANDS_PER_THREAD} seeded random
     * commands (health polls, data structures, configuration, VPD, tunnelled Identify) and checking each answer as it
     * comes; bounded by count and by half of timing.testWatchdog. Assertions: each answer well formed, successful, on
     * its slot and tag, one final response per command; nothing stray at the end.
     */
    @Test
    @DisplayName("4 threads on 2 slots, 1,000 commands → none lost, duplicated or misrouted")
    @Spec({Req.MI_TWO_SLOTS, Req.MI_RESPONSE_CSI, Req.MCTP_RESPONSE_TAG})
    void threadsOnBothSlots_noResponseLostDuplicatedOrMisrouted(MiClient mi, LabConfig config) throws Throwable {
        int done = run(mi, COMMANDS_PER_THREAD, config.timing().testWatchdog().dividedBy(2));
        Allure.parameter("commands answered", done);
    }

    /** Runs the threads; the first failure of any thread is thrown as it was (a ConformanceFailure stays one). */
    static int run(MiClient mi, int perThread, Duration budget) throws Throwable {
        Semaphore[] slot = {new Semaphore(1), new Semaphore(1)};
        AtomicInteger answered = new AtomicInteger();
        long end = System.nanoTime() + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int csi = t % 2;
                Random rnd = new Random(SlotStressTest.SEED + t);
                threads.add(pool.submit(() -> {
                    for (int i = 0; i < perThread && System.nanoTime() < end; i++) {
                        MiRequest r = SlotStressTest.POOL.get(rnd.nextInt(SlotStressTest.POOL.size())).apply(csi);
                        slot[csi].acquireUninterruptibly();
                        try {
                            SlotStressTest.check(mi, r, mi.sendShared(r.seal()));
                        } finally {
                            slot[csi].release();
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : threads) {
                try {
                    f.get(Math.max(1, end - System.nanoTime()) + mi.timing().responseTimeout().toNanos() * 2,
                            TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause();
                } catch (TimeoutException e) {
                    throw new AssertionError("a thread did not finish within the budget: " + answered.get()
                            + " commands answered");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Expect.silence(mi.listen(mi.timing().silenceWindow()), Req.MCTP_RESPONSE_TAG);
        return answered.get();
    }
}
