package org.nvmehil.drivers.i2c;

import com.diozero.api.I2CDevice;
import com.diozero.api.I2CDeviceInterface.I2CMessage;
import com.diozero.api.RuntimeIOException;
import com.diozero.internal.spi.I2CDeviceFactoryInterface;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.SmbusBlockReader;
import org.nvmehil.protocol.wire.Bytes;

/**
 * An SMBus/I2C bus through diozero: each unit sent is a whole SMBus block-write frame (destination address byte,
 * command code 0Fh, byte count, source address, MCTP packet, PEC — the PEC computed in Java by the binding, since
 * diozero has none), written with one raw I2C write ({@code writeBytes}) to the frame's destination address:
 * diozero's SMBus block helpers stop at 32 bytes, shorter than a baseline MCTP packet (DSP0237 §6.3). Units received
 * are the writes the DUT makes to our own address, from an {@link I2cTarget}. The NVMe Basic Management Command is
 * an I2C_RDWR transfer: write the command code, repeated start, read.
 *
 * <p>A write the DUT's address does not acknowledge is retried {@value #NACK_RETRIES} times (DSP0237 lets a busy
 * endpoint NACK), then it is a {@link Link.LinkException}: a DUT that never acknowledges is unpowered, miswired or
 * at another address. A write to any other address (negative tests aim frames elsewhere) may go unacknowledged;
 * that is counted in {@link #describe()}, not thrown.
 */
public final class LinuxI2cLink implements Link, SmbusBlockReader {
    static final int NACK_RETRIES = 3;

    private final I2CDeviceFactoryInterface factory;
    private final int bus;
    private final int deviceAddr;
    private final int hostAddr;
    private final I2cTarget target;
    private final Map<Integer, I2CDevice> devices = new HashMap<>();
    private int unacknowledged;
    private boolean closed;

    /**
     * @param factory the diozero provider opening controller-side devices (the native {@code /dev/i2c-N} one on a
     *                bench)
     * @param target  where writes to {@code hostAddr} arrive; closed with this link
     */
    public LinuxI2cLink(I2CDeviceFactoryInterface factory, int bus, int deviceAddr, int hostAddr, I2cTarget target) {
        this.factory = factory;
        this.bus = bus;
        this.deviceAddr = deviceAddr;
        this.hostAddr = hostAddr;
        this.target = target;
    }

    @Override
    public synchronized void send(Bytes unit) {
        checkOpen();
        if (unit.isEmpty()) {
            return;
        }
        int addr7 = unit.u8(0) >>> 1;
        if ((unit.u8(0) & 1) != 0) {
            throw new Link.LinkException(String.format("linux-i2c: a frame with the R/W bit set (%02Xh) cannot be sent as"
                    + " an I2C write", unit.u8(0)));
        }
        byte[] body = unit.slice(1).toArray();
        for (int attempt = 1; ; attempt++) {
            try {
                device(addr7).writeBytes(body);
                return;
            } catch (RuntimeIOException e) {
                if (addr7 != deviceAddr) {
                    unacknowledged++;
                    return;
                }
                if (attempt > NACK_RETRIES) {
                    throw new Link.LinkException(String.format("linux-i2c: the DUT at %02Xh on /dev/i2c-%d did not take a"
                            + " %d-byte write after %d retries (%s): is it powered, wired, and at dut.mi.smbus.deviceAddr?",
                            addr7, bus, body.length, NACK_RETRIES, e.getMessage()), e);
                }
            }
        }
    }

    @Override
    public Optional<Bytes> receive(Duration timeout) {
        checkOpen();
        return target.receive(timeout);
    }

    /** Write {@code commandCode}, repeated start, read {@code length} bytes: one I2C_RDWR transfer. */
    @Override
    public synchronized Optional<Bytes> blockRead(int addr7, int commandCode, int length) {
        checkOpen();
        I2CMessage[] msgs = {new I2CMessage(I2CMessage.I2C_M_WR, 1), new I2CMessage(I2CMessage.I2C_M_RD, length)};
        byte[] buffer = new byte[1 + length];
        buffer[0] = (byte) commandCode;
        try {
            device(addr7).readWrite(msgs, buffer);
        } catch (RuntimeIOException notAcknowledged) {
            return Optional.empty();
        }
        return Optional.of(Bytes.of(Arrays.copyOfRange(buffer, 1, buffer.length)));
    }

    private I2CDevice device(int addr7) {
        return devices.computeIfAbsent(addr7, a -> {
            try {
                return I2CDevice.builder(a).setController(bus).setDeviceFactory(factory).build();
            } catch (RuntimeIOException e) {
                throw new Link.LinkException(String.format("linux-i2c: cannot open /dev/i2c-%d for address %02Xh: %s"
                        + " (is i2c-dev loaded, is dut.mi.smbus.bus right, may this user open it?)", bus, a, e.getMessage()), e);
            }
        });
    }

    @Override
    public synchronized Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("driver", LinuxI2cLinkFactory.DRIVER_ID);
        m.put("bus", "/dev/i2c-" + bus);
        m.put("provider", factory.getName());
        m.put("deviceAddr", String.format("0x%02x", deviceAddr));
        m.put("hostAddr", String.format("0x%02x", hostAddr));
        m.put("receive", target.describe());
        m.put("pec", "computed in Java");
        if (unacknowledged > 0) {
            m.put("unacknowledgedWritesToOtherAddresses", Integer.toString(unacknowledged));
        }
        return m;
    }

    private void checkOpen() {
        if (closed) {
            throw new Link.LinkException("linux-i2c: link is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        devices.values().forEach(I2CDevice::close);
        devices.clear();
        target.close();
    }
}
