package org.nvmehil.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.nvmehil.model.link.ModelLink;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Serves the model's NVMe-MI endpoint on a line in wall time (a serial line, or the device side of a simulated I2C
 * bus): units from the line go to the model as they arrive; the model's virtual clock is kept level with the wall
 * clock, so each response leaves when the model says it is on the wire (response latency, MPR timing, 10 bits per
 * byte at the baud or 9 clocks per byte on SMBus). Each unit in and out is logged.
 *
 * <p>When the model is unplugged (lab-config {@code model.dying: [Unplug(at, calls)]}) the line goes away as well
 * ({@link Plug#pulled}: the port is closed, a socat pty is removed); the server spends the model's unplugged calls one
 * per {@link #POLL} of wall time, then the line comes back ({@link Plug#plugged}).
 */
public final class ModelServer implements AutoCloseable {
    /** How long one read of the line waits before the model's clock is brought level again. */
    static final Duration POLL = Duration.ofMillis(2);

    private Link line;
    private final ModelLink model;
    private final Plug plug;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** What happens to the line when the model is unplugged and when it is back. */
    public interface Plug {
        /** The model is unplugged: the line (already closed) goes away too. */
        void pulled();

        /** The model is back: the line, open again. */
        Link plugged();
    }

    public ModelServer(Link line, ModelLink model, Consumer<String> log) {
        this(line, model, log, null);
    }

    /** @param plug what an unplugged model does to the line; null: the server stops when the model is unplugged */
    public ModelServer(Link line, ModelLink model, Consumer<String> log, Plug plug) {
        this.line = line;
        this.model = model;
        this.plug = plug;
        this.log = log;
        this.thread = new Thread(this::run, "nvme-hil-sim-" + line.describe().getOrDefault("driver", "line"));
        this.thread.setDaemon(true);
    }

    public ModelServer start() {
        thread.start();
        return this;
    }

    private void run() {
        long start = System.nanoTime();
        Duration base = model.now();
        try {
            while (!stopping) {
                Optional<Bytes> in = line.receive(POLL);
                // the model's clock first catches up with the wall clock, so a unit arrives at the time it was read
                // (a partial message's age, a command's latency) even when this thread was kept waiting
                catchUp(base.plus(Duration.ofNanos(System.nanoTime() - start)));
                if (in.isPresent()) {
                    log.accept("RX " + in.get());
                    try {
                        model.send(in.get());
                    } catch (Link.LinkException unplugged) {
                        if (plug == null) {
                            throw unplugged;
                        }
                        replug(unplugged);
                        continue;
                    }
                    catchUp(base.plus(Duration.ofNanos(System.nanoTime() - start))); // what is due at once goes now
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                failure = e;
                log.accept("line stopped: " + e.getMessage());
            }
        }
    }

    /** The model is unplugged: the line goes away until the model's unplugged calls are spent, then comes back. */
    private void replug(Link.LinkException why) {
        log.accept("unplugged: " + why.getMessage());
        line.close();
        plug.pulled();
        while (!stopping && model.unplugged()) {
            LockSupport.parkNanos(POLL.toNanos()); // a wall-time pace for the unplugged calls; not a test wait
        }
        if (stopping) {
            return; // shutting down: nothing to plug in again
        }
        line = plug.plugged();
        log.accept("plugged in again");
    }

    /** Moves the model's clock to {@code wall}, sending every unit that is due on the line by then. */
    private void catchUp(Duration wall) {
        for (Duration behind = wall.minus(model.now()); !behind.isNegative() && !behind.isZero(); behind = wall.minus(model.now())) {
            Optional<Bytes> out = model.receive(behind);
            if (out.isEmpty()) {
                break;
            }
            log.accept("TX " + out.get());
            line.send(out.get());
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
        model.close();
    }
}
