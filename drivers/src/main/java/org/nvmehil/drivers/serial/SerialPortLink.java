package org.nvmehil.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A serial line through jSerialComm (USB-UART bridges, CDC-ACM devices, ptys), 8N1 at the configured baud. Bytes
 * out as given; bytes in as they arrive, in whatever pieces the line delivers — framing is the binding's job (the
 * host's DSP0253 stream decoder), not jSerialComm's delimiter listener, which splits MCTP frames wrongly on their
 * opening flag. A port that cannot be opened, or that disappears mid-run (a USB adapter unplugged), is a
 * {@link Link.LinkException}: a lab fault, never a DUT verdict.
 */
public final class SerialPortLink implements Link {
    private static final int CHUNK = 4096;
    static final int POLL_MICROS = 500;

    private final SerialPort port;
    private final String path;
    private final int baud;

    private SerialPortLink(SerialPort port, String path, int baud) {
        this.port = port;
        this.path = path;
        this.baud = baud;
    }

    /** Opens {@code path} (a symlink is followed) at {@code baud} 8N1, no flow control. */
    public static SerialPortLink open(String path, int baud) {
        if (!Files.exists(Path.of(path))) {
            throw new Link.LinkException("usb-serial: " + path + " does not exist (dut.mi.serial.port): is the adapter"
                    + " plugged in, and is this the right device (ls /dev/serial/by-id/)?");
        }
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!p.openPort()) {
            throw new Link.LinkException("usb-serial: cannot open " + path + " (error " + p.getLastErrorCode()
                    + "): is another program using it, and may this user open it (group dialout)?");
        }
        return new SerialPortLink(p, path, baud);
    }

    @Override
    public void send(Bytes unit) {
        byte[] b = unit.toArray();
        int done = 0;
        while (done < b.length) {
            int n = port.writeBytes(b, b.length - done, done);
            if (n <= 0) {
                throw gone("write");
            }
            done += n;
        }
    }

    /**
     * What arrived within {@code timeout}: at least one byte, or empty when the line stayed silent. Returns as soon as
     * any byte is there, with whatever else is already buffered. jSerialComm's own read timeouts are not used: on
     * Linux they are termios VTIME, counted in tenths of a second, so a 2 ms wait took 100 ms; instead the port is
     * polled every {@value #POLL_MICROS} µs until the timeout.
     */
    @Override
    public Optional<Bytes> receive(Duration timeout) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            int available = port.bytesAvailable();
            if (available < 0) {
                throw gone("read");
            }
            if (available > 0) {
                byte[] buf = new byte[Math.min(available, CHUNK)];
                int n = port.readBytes(buf, buf.length);
                if (n < 0) {
                    throw gone("read");
                }
                return Optional.of(Bytes.of(Arrays.copyOf(buf, n)));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            LockSupport.parkNanos(Math.min(left, POLL_MICROS * 1_000L));
        }
    }

    private Link.LinkException gone(String what) {
        return new Link.LinkException("usb-serial: " + what + " on " + path + " failed (error " + port.getLastErrorCode()
                + "): the port went away (adapter unplugged?)");
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("driver", SerialLinkFactory.DRIVER_ID);
        m.put("port", path);
        m.put("device", port.getSystemPortPath());
        m.put("baud", Integer.toString(baud));
        m.put("framing", "8N1, no flow control");
        return m;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
