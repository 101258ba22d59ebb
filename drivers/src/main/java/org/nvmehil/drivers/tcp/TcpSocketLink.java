package org.nvmehil.drivers.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * One TCP connection to an NVMe/TCP target: bytes out as given, byte-stream chunks in (PDU boundaries are
 * the host's business). A connection the target closes is reported through {@link #peerClosed()}, not as
 * a lab fault; a connection that cannot be made or breaks is a lab fault.
 */
public final class TcpSocketLink implements Link {
    private static final int CHUNK = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String target;
    private volatile boolean peerClosed;

    private TcpSocketLink(Socket socket, String target) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.target = target;
    }

    /** Connects within {@code timeout}; NODELAY on, since NVMe/TCP is request/response. */
    public static TcpSocketLink connect(String host, int port, Duration timeout) {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), Link.timeoutMillis(timeout));
            return new TcpSocketLink(s, host + ":" + port);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new LinkException("cannot connect to NVMe/TCP target " + host + ":" + port + " within "
                    + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
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
            throw new LinkException("write to " + target + " failed: " + e.getMessage(), e);
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
            // a reset by the peer is the peer closing (abortively), not lab trouble
            peerClosed = true;
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
        m.put("driver", TcpLinkFactory.DRIVER_ID);
        m.put("target", target);
        m.put("local", String.valueOf(socket.getLocalSocketAddress()));
        return m;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
