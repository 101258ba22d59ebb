package org.nvmehil.model.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nvmehil.model.link.ModelLinkFactory;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A real loopback TCP connection to a {@link TcpTargetServer}, as the model driver's NVMe/TCP {@link Link}: bytes
 * out as given, stream chunks in, {@link #peerClosed()} once the target has closed (EOF or reset), like the
 * hardware driver's socket link. It also reaches the target's test hooks ({@link ModelControl}); the target is
 * shared by every link to the same server, so faults armed here apply to all its connections.
 *
 * <p>{@link #reset()} disarms the faults, clears the events and zeroes the namespaces; it closes no connection.
 * {@link #setTiming} has no effect (the MI personality does not apply to NVMe/TCP). {@link #now()} is the
 * target's wall-clock model time.
 */
public final class TcpTargetLink implements Link, ModelControl {
    private static final int CHUNK = 64 * 1024;
    /** {@link #describe()} key: bytes of namespace data the target holds in memory (written non-zero blocks). */
    public static final String STORED_BYTES = "namespaceBytesStored";

    private final TcpTargetServer server;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean peerClosed;

    private TcpTargetLink(TcpTargetServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code server} within {@code timeout}. */
    public static TcpTargetLink connect(TcpTargetServer server, Duration timeout) {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(server.address().getAddress(), server.port()),
                    Link.timeoutMillis(timeout));
            return new TcpTargetLink(server, s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new LinkException("model: cannot connect to the NVMe/TCP target on port " + server.port() + ": "
                    + e.getMessage(), e);
        }
    }

    public TcpTargetServer server() {
        return server;
    }

    @Override
    public void send(Bytes unit) {
        try {
            out.write(unit.toArray());
            out.flush();
        } catch (IOException e) {
            if (peerClosed || socket.isInputShutdown()) {
                peerClosed = true;
                return;
            }
            throw new LinkException("model: write to the NVMe/TCP target failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Bytes> receive(Duration timeout) {
        if (peerClosed) {
            return Optional.empty();
        }
        byte[] buf = new byte[CHUNK];
        try {
            socket.setSoTimeout(Link.timeoutMillis(timeout));
            int n = in.read(buf);
            if (n < 0) {
                peerClosed = true;
                return Optional.empty();
            }
            return Optional.of(Bytes.of(Arrays.copyOf(buf, n)));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            peerClosed = true; // a reset by the target is the target closing
            return Optional.empty();
        }
    }

    @Override
    public boolean peerClosed() {
        return peerClosed;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        TcpTargetConfig c = server.target().config();
        m.put("driver", ModelLinkFactory.DRIVER_ID);
        m.put("channel", "tcp");
        m.put("target", "127.0.0.1:" + server.port() + " (reference model, listening)");
        m.put("advertised", c.advertisedAddress() + ":" + c.advertisedPort());
        m.put("subnqn", c.subnqn());
        m.put("local", String.valueOf(socket.getLocalSocketAddress()));
        m.put("clock", "wall");
        synchronized (server.target()) {
            m.put(STORED_BYTES, Long.toString(server.target().storedBytes()));
        }
        m.put("namespaceBytesLimit", Long.toString(c.maxStoredBytes()));
        return m;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    // ------------------------------------------------------------------ ModelControl

    @Override
    public void arm(FaultRule rule) {
        server.target().faults().arm(rule);
    }

    @Override
    public void disarmAll() {
        server.target().faults().disarmAll();
    }

    /** The rules armed now, in arming order. */
    public List<FaultRule> armed() {
        return server.target().faults().armed();
    }

    @Override
    public List<ModelEvent> events() {
        return server.target().events().snapshot();
    }

    @Override
    public Duration now() {
        return server.now();
    }

    @Override
    public void setTiming(Duration responseLatency, int mprResponses, Duration mprt) {
        // the NVMe-MI timing personality has no meaning on the NVMe/TCP target
    }

    @Override
    public void reset() {
        TcpTarget t = server.target();
        synchronized (t) {
            t.reset();
        }
    }
}
