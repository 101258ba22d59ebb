package org.nvmehil.simulator.i2c;

import com.diozero.api.RuntimeIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nvmehil.protocol.wire.Bytes;

/**
 * SIMULATED BUS. An I2C/SMBus segment inside this JVM, standing in for {@code /dev/i2c-N} where the machine has no
 * I2C hardware (CI): targets attach at 7-bit addresses; a write reaches the target at its address as the bus would
 * carry it (address byte, then the bytes written) or is not acknowledged; a write-then-read asks the target for
 * bytes. No timing, arbitration or electrical behaviour: the model's own wire timing applies on its side.
 * One bus per controller number, shared by everything in the JVM.
 */
public final class SimulatedI2cBus {
    /** Linux's errno for a transfer nobody acknowledged (EREMOTEIO), as the native provider reports it. */
    static final int EREMOTEIO = 121;
    private static final Map<Integer, SimulatedI2cBus> BUSES = new ConcurrentHashMap<>();

    /** Something with an address on the bus. */
    public interface Target {
        /** A write to our address: the address byte ({@code addr7 << 1}) and every byte written. */
        void onWrite(Bytes write);

        /** Write {@code written}, repeated start, read {@code length} bytes; empty = address not acknowledged. */
        default Optional<Bytes> onWriteRead(int addr7, Bytes written, int length) {
            return Optional.empty();
        }
    }

    private final int controller;
    private final Map<Integer, Target> targets = new ConcurrentHashMap<>();

    private SimulatedI2cBus(int controller) {
        this.controller = controller;
    }

    /** The simulated bus with this controller number. */
    public static SimulatedI2cBus controller(int n) {
        return BUSES.computeIfAbsent(n, SimulatedI2cBus::new);
    }

    /** Attaches {@code target} at {@code addr7}; closing the handle detaches it. */
    public AutoCloseable attach(int addr7, Target target) {
        if (targets.putIfAbsent(addr7, target) != null) {
            throw new IllegalStateException(String.format("simulated bus %d: address %02Xh is taken", controller, addr7));
        }
        return () -> targets.remove(addr7, target);
    }

    /** A controller write of {@code data} to {@code addr7}. */
    public void write(int addr7, byte[] data) {
        Target t = targets.get(addr7);
        if (t == null) {
            throw nack(addr7);
        }
        byte[] unit = new byte[data.length + 1];
        unit[0] = (byte) (addr7 << 1);
        System.arraycopy(data, 0, unit, 1, data.length);
        t.onWrite(Bytes.of(unit));
    }

    /** A controller write of {@code written}, repeated start, read of {@code length} bytes from {@code addr7}. */
    public Bytes writeRead(int addr7, byte[] written, int length) {
        Target t = targets.get(addr7);
        Optional<Bytes> r = t == null ? Optional.empty() : t.onWriteRead(addr7, Bytes.of(written.clone()), length);
        return r.orElseThrow(() -> nack(addr7));
    }

    /** The next write queued for a target, waiting up to {@code timeout}; empty when none came. */
    static Optional<Bytes> next(java.util.concurrent.BlockingQueue<Bytes> writes, java.time.Duration timeout) {
        try {
            return Optional.ofNullable(writes.poll(Math.max(0, timeout.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private RuntimeIOException nack(int addr7) {
        return new RuntimeIOException(String.format("simulated bus %d: no target acknowledged address %02Xh", controller,
                addr7), -EREMOTEIO);
    }
}
