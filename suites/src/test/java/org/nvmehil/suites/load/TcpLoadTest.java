package org.nvmehil.suites.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.Command;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.IoQueue;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The reference NVMe/TCP target under load: one controller, {@value #QUEUES} I/O queues on their own connections,
 * each driven by its own thread at queue depth {@value #QD} for {@code -Dnvmehil.load.seconds} (default 5): writes
 * of a pattern unique to queue, LBA and round, each read back and compared. Assertions: every command completes
 * exactly once, successfully, on its own queue and CID, with the data written; no queue saw an unknown,
 * duplicated or late completion. Figures (commands, IOPS) are printed, not asserted: performance is measured by the
 * benchmark (README, Benchmarks). It writes, so on a bench it runs only with allowDestructive: true (the interlock).
 */
@Conformance
@Tag("load")
class TcpLoadTest {
    static final int QUEUES = 8;
    static final int QD = 32;
    /** LBAs each queue owns; a command reads or writes one block. */
    static final int SPAN = 4096;

    @Test
    @Spec({Req.NVME_ONE_COMPLETION_PER_COMMAND, Req.NVME_READ_RETURNS_WRITTEN})
    void manyConnectionsAtQd32_everyCompletionOnceAndRight(TcpHost host) throws Exception {
        check(host, Duration.ofSeconds(Long.getLong("nvmehil.load.seconds", 5)));
    }

    static void check(TcpHost host, Duration run) throws Exception {
        TcpController c = host.connect(host.adminOptions());
        c.enable().requireReady();
        long nsid = c.activeNamespaces().require(Req.NVMEOF_IDENTIFY_SUBNQN).get(0);
        int block = (int) c.blockSize(nsid);
        c.setNumberOfQueues(QUEUES, QUEUES);
        List<IoQueue> queues = new ArrayList<>();
        for (int q = 1; q <= QUEUES; q++) {
            queues.add(c.ioQueue(q, QD)); // SQSIZE is 0's based and a queue of n entries holds n - 1
        }
        ExecutorService pool = Executors.newFixedThreadPool(QUEUES);
        long started = System.nanoTime();
        List<Future<long[]>> done = new ArrayList<>();
        for (IoQueue q : queues) {
            done.add(pool.submit(() -> drive(q, nsid, block, run)));
        }
        long commands = 0;
        for (Future<long[]> f : done) {
            try {
                commands += f.get(run.toSeconds() + 120, TimeUnit.SECONDS)[0];
            } catch (ExecutionException e) {
                pool.shutdownNow();
                if (e.getCause() instanceof Error err) {
                    throw err; // a queue's ConformanceFailure, as it is
                }
                throw e;
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        for (IoQueue q : queues) {
            if (!q.queue().anomalies().isEmpty()) {
                throw new ConformanceFailure(Req.NVME_ONE_COMPLETION_PER_COMMAND, "q" + q.qid()
                        + ": unknown, duplicated or late completions: " + q.queue().anomalies());
            }
        }
        assertTrue(commands > QUEUES * QD, commands + " commands: every queue reached its depth");
        System.out.printf("[nvme-hil] load: %d queues x QD%d, %d commands (%d-byte reads and writes, each read checked)"
                + " in %.1f s: %.0f IOPS%n", QUEUES, QD, commands, block, seconds, commands / seconds);
        modelMemory(host, (long) QUEUES * SPAN * block);
    }

    /**
     * On the reference model's target: the namespace data it holds stays within the blocks the run wrote (the
     * namespaces are sparse: a 1 GiB namespace does not cost 1 GiB), printed with the JVM's heap in use.
     */
    private static void modelMemory(TcpHost host, long touched) {
        String stored;
        try (Link l = host.openLink()) {
            stored = l.describe().get("namespaceBytesStored");
        }
        if (stored == null) {
            return; // hardware: its memory is its own
        }
        Runtime rt = Runtime.getRuntime();
        System.gc(); // a hint, for a figure that is printed, not asserted
        long heap = rt.totalMemory() - rt.freeMemory();
        System.out.printf("[nvme-hil] load: the model holds %d KiB of namespace data (at most the %d KiB the run"
                + " touched); JVM heap in use %d MiB of %d MiB max%n", Long.parseLong(stored) / 1024, touched / 1024,
                heap >> 20, rt.maxMemory() >> 20);
        assertTrue(Long.parseLong(stored) <= touched, "sparse namespaces: " + stored + " bytes held for " + touched
                + " bytes of blocks written");
    }

    /** Keeps {@value #QD} commands in flight on {@code q} until {@code run} is over; returns {commands completed}. */
    private static long[] drive(IoQueue q, long nsid, int block, Duration run) {
        long end = System.nanoTime() + run.toNanos();
        long base = (long) (q.qid() - 1) * SPAN;
        Deque<Pending> inFlight = new ArrayDeque<>();
        long completed = 0;
        int round = 0;
        while (System.nanoTime() < end || !inFlight.isEmpty()) {
            while (System.nanoTime() < end && inFlight.size() < QD) {
                long lba = base + (round * 37L) % SPAN;
                Bytes data = pattern(block, q.qid(), lba, round);
                inFlight.add(new Pending(q.submitWrite(nsid, lba, data), lba, data, true));
                round++;
            }
            Pending p = inFlight.poll();
            CommandResult r = q.queue().await(p.command());
            // the host routes a completion to its command by CID (the CQE's SQID is reserved in Fabrics), so a
            // misrouted one shows as a command that never completes, another command's data, or a queue anomaly
            r.requireSuccess(Req.NVME_ONE_COMPLETION_PER_COMMAND);
            completed++;
            if (p.write()) {
                // the write is done: read it back behind the others in flight
                inFlight.add(new Pending(q.submitRead(nsid, p.lba(), 1), p.lba(), p.data(), false));
            } else if (!p.data().equals(r.data())) {
                throw new ConformanceFailure(Req.NVME_READ_RETURNS_WRITTEN, "q" + q.qid() + " LBA " + p.lba()
                        + ": read back other data than was written", r.data());
            }
        }
        return new long[] {completed};
    }

    private record Pending(Command command, long lba, Bytes data, boolean write) {
    }

    /** A block nobody else writes: queue, LBA and round in every 8 bytes. */
    static Bytes pattern(int length, int qid, long lba, int round) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (switch (i % 8) {
                case 0 -> qid;
                case 1, 2, 3 -> lba >>> 8 * (i % 8 - 1);
                default -> round >>> 8 * (i % 8 - 4) ^ i;
            });
        }
        return Bytes.of(b);
    }
}
