package org.nvmehil.suites.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.nvmehil.fixtures.config.LabConfigLoader;
import org.nvmehil.fixtures.dut.Trace;
import org.nvmehil.fixtures.tcp.Command;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.IoQueue;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/**
 * NVMe/TCP throughput and latency of our host stack against the lab-config target (the reference model's target on
 * loopback by default; a bench target with {@code -Dlab.config}), next to what a bare loopback socket carries. Not
 * a test: the numbers depend on the machine. Every command is checked (status, PDU rules), so a fast but wrong run
 * stops with the command that went wrong.
 *
 * <pre>
 * mvn -pl suites -am test-compile exec:java [-Dbench.seconds=3] [-Dlab.config=bench.yaml]
 * </pre>
 *
 * Cases: 4 KiB random reads at queue depth 1 and 32; 128 KiB sequential reads and writes at queue depth 1 without
 * digests, with the data digest and with both digests, and at queue depth 8 with the data digest; raw loopback: one 128 KiB write after another through a plain
 * socket pair in this JVM (the ceiling for the 128 KiB cases).
 */
public final class TcpBenchmark {
    private static final int SMALL = 4096;
    private static final int LARGE = 128 * 1024;
    private static final int DEEP = 32;
    private static final int DEEP_LARGE = 8;
    private static final int IO_SQSIZE = 63;

    private final TcpHost host;
    private final Trace trace;
    private final long seconds;
    private final long warmupSeconds;

    private TcpBenchmark(TcpHost host, Trace trace, long seconds, long warmupSeconds) {
        this.host = host;
        this.trace = trace;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
    }

    /** One measured case: operations done, bytes moved, nanoseconds taken and per-command latencies (ns). */
    record Result(String name, long ops, long bytes, long nanos, long[] latencies) {
        double iops() {
            return ops * 1e9 / nanos;
        }

        double mibPerSecond() {
            return bytes * 1e9 / nanos / (1024 * 1024);
        }

        String percentile(double p) {
            if (latencies.length == 0) {
                return "-";
            }
            long[] s = latencies.clone();
            Arrays.sort(s);
            return String.format(Locale.ROOT, "%.1f", s[(int) Math.min(s.length - 1, Math.floor(p * s.length))] / 1e3);
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.seconds", 3);
        long warmup = Long.getLong("bench.warmup", 1);
        LabConfig config = LabConfigLoader.fromSystemProperties();
        Trace trace = new Trace();
        try (TcpHost host = new TcpHost(config, trace)) {
            TcpBenchmark b = new TcpBenchmark(host, trace, seconds, warmup);
            Result raw = b.rawLoopback();
            Result[] rs = {
                    b.randomRead(1), b.randomRead(DEEP),
                    b.sequential(false, false, false, 1), b.sequential(false, false, true, 1),
                    b.sequential(false, true, true, 1), b.sequential(false, false, true, DEEP_LARGE),
                    b.sequential(true, false, false, 1), b.sequential(true, false, true, 1),
                    b.sequential(true, true, true, 1), b.sequential(true, false, true, DEEP_LARGE),
                    raw};
            System.out.println();
            System.out.println("NVMe/TCP benchmark: target " + host.describe() + ", " + seconds + " s per case"
                    + " after " + warmup + " s warm-up, Java " + Runtime.version() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            System.out.printf(Locale.ROOT, "| %-42s | %10s | %10s | %9s | %9s | %9s | %8s |%n", "case", "ops",
                    "IOPS", "MiB/s", "p50 µs", "p99 µs", "× raw");
            System.out.println("|" + "-".repeat(44) + "|" + "-".repeat(12) + "|" + "-".repeat(12) + "|"
                    + "-".repeat(11) + "|" + "-".repeat(11) + "|" + "-".repeat(11) + "|" + "-".repeat(10) + "|");
            for (Result r : rs) {
                System.out.printf(Locale.ROOT, "| %-42s | %10d | %10.0f | %9.1f | %9s | %9s | %8.2f |%n", r.name,
                        r.ops, r.iops(), r.mibPerSecond(), r.percentile(0.5), r.percentile(0.99),
                        r.mibPerSecond() / raw.mibPerSecond());
            }
        }
    }

    // ---- NVMe/TCP cases ------------------------------------------------------------------------------------------

    private record Io(TcpController ctrl, IoQueue q, long nsid, int blockSize, long blocks) implements AutoCloseable {
        @Override
        public void close() {
            ctrl.close();
        }
    }

    private Io open(boolean hdgst, boolean ddgst) {
        TcpController c = host.connect(host.adminOptions().withDigests(hdgst, ddgst));
        c.enable().requireReady();
        long nsid = c.activeNamespaces().require(Req.NVMEOF_IDENTIFY_SUBNQN).get(0);
        long nsze = c.identifyNamespace(nsid).require(Req.NVME_DATA_LAYOUT).nsze();
        return new Io(c, c.ioQueue(1, IO_SQSIZE), nsid, (int) c.blockSize(nsid), nsze);
    }

    /** 4 KiB reads at random aligned LBAs of the first namespace, {@code depth} commands kept outstanding. */
    private Result randomRead(int depth) {
        try (Io io = open(false, false)) {
            int nlb = SMALL / io.blockSize();
            long slots = io.blocks() / nlb;
            SplittableRandom rnd = new SplittableRandom(42);
            return run("4 KiB random read, QD" + depth, io, depth, SMALL,
                    () -> io.q().submitRead(io.nsid(), rnd.nextLong(slots) * nlb, nlb));
        }
    }

    /** 128 KiB sequential reads or writes at queue depth {@code depth} over the first 64 MiB of the first namespace. */
    private Result sequential(boolean write, boolean hdgst, boolean ddgst, int depth) {
        try (Io io = open(hdgst, ddgst)) {
            int nlb = LARGE / io.blockSize();
            long span = Math.min(io.blocks(), 64L * 1024 * 1024 / io.blockSize()) / nlb;
            Bytes data = pattern(LARGE);
            long[] next = {0};
            String digests = hdgst && ddgst ? "HDGST + DDGST" : ddgst ? "DDGST" : "no digest";
            String name = "128 KiB seq " + (write ? "write" : "read") + ", QD" + depth + ", " + digests;
            return run(name, io, depth, LARGE, () -> {
                long slba = (next[0]++ % span) * nlb;
                return write ? io.q().submitWrite(io.nsid(), slba, data) : io.q().submitRead(io.nsid(), slba, nlb);
            });
        }
    }

    private Result run(String name, Io io, int depth, int bytesPerOp, Supplier<Command> submit) {
        measure(io, depth, submit, TimeUnit.SECONDS.toNanos(warmupSeconds), null);
        long[] lat = new long[1 << 16];
        long[] n = measure(io, depth, submit, TimeUnit.SECONDS.toNanos(seconds), lat);
        long ops = n[0];
        return new Result(name, ops, ops * bytesPerOp, n[1], Arrays.copyOf(lat, (int) Math.min(ops, lat.length)));
    }

    /** Keeps {@code depth} commands outstanding for {@code nanos}; returns {ops, elapsed ns}; fills {@code lat}. */
    private long[] measure(Io io, int depth, Supplier<Command> submit, long nanos, long[] lat) {
        Deque<Command> inFlight = new ArrayDeque<>();
        Deque<Long> started = new ArrayDeque<>();
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        while (System.nanoTime() < end || !inFlight.isEmpty()) {
            while (inFlight.size() < depth && System.nanoTime() < end) {
                started.add(System.nanoTime());
                inFlight.add(submit.get());
            }
            CommandResult r = io.q().await(inFlight.poll());
            long t = System.nanoTime() - started.poll();
            r.requireSuccess(Req.NVME_READ_RETURNS_WRITTEN).requireNoViolations();
            if (lat != null) {
                lat[(int) (ops % lat.length)] = t;
            }
            ops++;
            if ((ops & 255) == 0) {
                io.q().queue().connection().forgetReceived();
                trace.clear();
            }
        }
        io.q().queue().connection().forgetReceived();
        trace.clear();
        return new long[] {ops, System.nanoTime() - start};
    }

    static Bytes pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return Bytes.of(b);
    }

    // ---- raw loopback ceiling ------------------------------------------------------------------------------------

    /** One 128 KiB write after another through a loopback socket pair; the reader reads 64 KiB at a time. */
    private Result rawLoopback() throws IOException, InterruptedException, ExecutionException {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket tx = new Socket()) {
            tx.setTcpNoDelay(true);
            tx.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            Socket rx = server.accept();
            Future<Long> read = reader.submit(() -> {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                try (InputStream in = rx.getInputStream()) {
                    for (int k; (k = in.read(buf)) >= 0; ) {
                        total += k;
                    }
                }
                return total;
            });
            byte[] block = pattern(LARGE).toArray();
            OutputStream out = tx.getOutputStream();
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
            while (System.nanoTime() < warm) {
                out.write(block);
            }
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long ops = 0;
            while (System.nanoTime() < end) {
                out.write(block);
                ops++;
            }
            long elapsed = System.nanoTime() - start;
            tx.shutdownOutput();
            read.get(30, TimeUnit.SECONDS);
            return new Result("raw loopback socket, 128 KiB writes", ops, ops * LARGE, elapsed, new long[0]);
        } catch (TimeoutException e) {
            throw new IOException("loopback reader did not finish", e);
        } finally {
            reader.shutdownNow();
        }
    }
}
