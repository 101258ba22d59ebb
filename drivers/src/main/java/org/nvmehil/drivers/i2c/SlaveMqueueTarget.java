package org.nvmehil.drivers.i2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Writes to our address through the Linux I2C target backend {@code slave-mqueue} (OpenBMC and vendor BMC kernels:
 * {@code CONFIG_I2C_SLAVE_MQUEUE}, on a controller whose driver has target mode, e.g. Aspeed, NPCM, DesignWare).
 * Instantiated with {@code echo slave-mqueue 0x10<addr> > /sys/bus/i2c/devices/i2c-<bus>/new_device}, it queues
 * each write that ends with a STOP; every read of {@code /sys/bus/i2c/devices/<bus>-10<addr>/slave-mqueue} at
 * offset 0 returns one whole write, our address byte first, or nothing when the queue is empty.
 *
 * <p>The file is read at offset 0 each time (a sysfs binary attribute bounds the offset by its size). An empty
 * queue is polled every {@value #POLL_MICROS} µs until the timeout; the kernel's notification needs poll(2) with
 * POLLPRI, which Java cannot ask for. A read error ({@code EOVERFLOW}: a write bigger than our buffer) or the file
 * vanishing is a {@link Link.LinkException}.
 */
public final class SlaveMqueueTarget implements I2cTarget {
    static final int POLL_MICROS = 200;
    /** Bigger than any SMBus write (a byte count of 255 plus the header bytes and PEC). */
    private static final int BUFFER = 512;

    private final Path path;
    private final FileChannel file;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);

    private SlaveMqueueTarget(Path path, FileChannel file) {
        this.path = path;
        this.file = file;
    }

    /** Where the backend for our 7-bit address on bus {@code bus} appears in sysfs (the 0x1000 marks an own address). */
    public static Path sysfsPath(int bus, int addr7) {
        return Path.of(String.format("/sys/bus/i2c/devices/%d-%04x/slave-mqueue", bus, 0x1000 | addr7));
    }

    /** Opens the backend's file, with the setup it needs in the message when it is not there. */
    public static SlaveMqueueTarget open(Path path, int bus, int addr7) {
        if (!Files.exists(path)) {
            throw new Link.LinkException(String.format("linux-i2c: no I2C target backend at %s, so the DUT's responses"
                    + " (block writes to our address %02Xh) cannot be received. On a kernel with CONFIG_I2C_SLAVE_MQUEUE"
                    + " and a controller with target mode: echo slave-mqueue 0x%04x > /sys/bus/i2c/devices/i2c-%d/new_device."
                    + " USB-I2C bridges (CP2112, MCP2221, CH341, i2c-tiny-usb) have no target mode in Linux: use a bridge"
                    + " that speaks MCTP over a serial port (driver usb-serial) instead", path, addr7, 0x1000 | addr7, bus));
        }
        try {
            return new SlaveMqueueTarget(path, FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new Link.LinkException("linux-i2c: cannot open " + path + ": " + e.getMessage()
                    + " (run as root, or give this user read access to it)", e);
        }
    }

    @Override
    public synchronized Optional<Bytes> receive(Duration timeout) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            buf.clear();
            int n;
            try {
                n = file.read(buf, 0);
            } catch (IOException e) {
                throw new Link.LinkException("linux-i2c: reading " + path + " failed: " + e.getMessage()
                        + " (a write longer than " + BUFFER + " bytes, or the backend was removed)", e);
            }
            if (n > 0) {
                return Optional.of(Bytes.of(java.util.Arrays.copyOf(buf.array(), n)));
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            LockSupport.parkNanos(POLL_MICROS * 1_000L);
        }
    }

    @Override
    public String describe() {
        return "slave-mqueue " + path;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // nothing was written through it; closing a read-only sysfs file cannot lose anything
        }
    }
}
