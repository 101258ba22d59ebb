package org.nvmehil.model.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The socket shell around a {@link TcpTarget}: listens on a loopback address (an ephemeral port by default), runs
 * one daemon thread per connection that feeds the bytes it reads to the connection's state machine and writes
 * what the target has for that connection, and wakes up at least every {@value #MAX_WAIT_MS} ms, or when the
 * target's next timer is due, to run the timers (keep alive, delayed responses) and to pick up output another
 * connection's event produced (a controller reset closing the I/O queues). Only a connection's own thread writes
 * its socket, so a host that stops reading one connection cannot stall another. Model time is wall time since
 * {@link #start}. Every call into the target holds the target's lock.
 *
 * <p>When a connection must close (after a C2HTermReq, a TermReq from the host, the end of its association) the
 * shell writes the pending PDUs, half-closes (FIN), discards what the host still sends and closes once the host
 * has closed too or {@link #LINGER} has passed, so the host reads the C2HTermReq rather than a reset.
 * {@link #close()} stops accepting, closes every connection and joins the threads (bounded).
 */
public final class TcpTargetServer implements AutoCloseable {

    /** How long a half-closed connection waits for the host to close. */
    public static final Duration LINGER = Duration.ofSeconds(1);
    /** Longest sleep of a connection thread between timer checks. */
    static final long MAX_WAIT_MS = 100;
    private static final Duration JOIN = Duration.ofSeconds(2);

    private final TcpTarget target;
    private final ServerSocket server;
    private final long startNanos = System.nanoTime();
    private final Thread acceptor;
    private final Set<Handler> handlers = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TcpTargetServer(TcpTarget target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "nvme-tcp-target-accept-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code bindAddress}:{@code port} (0 = an ephemeral port) and starts accepting.
     *
     * @throws IOException when the address cannot be bound
     */
    public static TcpTargetServer start(TcpTarget target, String bindAddress, int port) throws IOException {
        Objects.requireNonNull(target, "target");
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 16);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        TcpTargetServer s = new TcpTargetServer(target, ss);
        s.acceptor.start();
        return s;
    }

    public TcpTarget target() {
        return target;
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Model time: wall time since start. */
    public Duration now() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits up to {@code timeout} until no connection is served; true if none is. */
    public boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (handlers) {
            while (!handlers.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                handlers.wait(left);
            }
            return true;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                break; // closed
            }
            try {
                s.setTcpNoDelay(true);
                TcpConnection conn;
                synchronized (target) {
                    conn = target.accept(now());
                }
                Handler h = new Handler(s, conn);
                handlers.add(h);
                Thread t = new Thread(h::run, "nvme-tcp-target-conn-" + conn.id());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
    }

    private long waitMillis() {
        Optional<Duration> next;
        synchronized (target) {
            next = target.nextDeadline();
        }
        if (next.isEmpty()) {
            return MAX_WAIT_MS;
        }
        long ms = next.get().minus(now()).toMillis() + 1;
        return Math.max(1, Math.min(MAX_WAIT_MS, ms));
    }

    /** One accepted socket and its state machine. */
    private final class Handler {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final TcpConnection conn;
        private boolean halfClosed;
        private long halfClosedAt;

        Handler(Socket socket, TcpConnection conn) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.conn = conn;
        }

        void run() {
            byte[] buf = new byte[64 * 1024];
            try {
                while (!closed && !socket.isClosed()) {
                    if (halfClosed && System.nanoTime() - halfClosedAt > LINGER.toNanos()) {
                        break;
                    }
                    socket.setSoTimeout((int) waitMillis());
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException e) {
                        synchronized (target) {
                            target.tick(now());
                        }
                        flush();
                        continue;
                    }
                    if (halfClosed) {
                        if (n < 0) {
                            break;
                        }
                        continue; // the host's bytes after our close are discarded
                    }
                    synchronized (target) {
                        Duration t = now();
                        if (n < 0) {
                            conn.peerClosed(t);
                        } else {
                            conn.receive(Bytes.of(Arrays.copyOf(buf, n)), t);
                        }
                        target.tick(t);
                    }
                    flush();
                    if (n < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                synchronized (target) {
                    conn.peerClosed(now());
                }
            } catch (RuntimeException e) {
                // a model bug must not leave the host waiting: record it and drop the connection
                synchronized (target) {
                    target.info("connection " + conn.id() + ": internal error, connection dropped: " + e, Bytes.EMPTY);
                    conn.peerClosed(now());
                }
            } finally {
                closeQuietly(socket);
                synchronized (handlers) {
                    handlers.remove(this);
                    handlers.notifyAll();
                }
                threads.remove(Thread.currentThread());
            }
        }

        /** Writes this connection's due PDUs; half-closes once the connection is done. */
        void flush() {
            if (halfClosed || socket.isClosed()) {
                return;
            }
            List<Bytes> pdus;
            boolean close;
            synchronized (target) {
                pdus = conn.drain(now());
                close = conn.closing();
            }
            try {
                for (Bytes b : pdus) {
                    out.write(b.toArray());
                }
                out.flush();
                if (close) {
                    halfClosedAt = System.nanoTime();
                    halfClosed = true;
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                halfClosed = true;
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Stops accepting, closes every connection, and waits (bounded) for the threads to end. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
        for (Handler h : handlers) {
            closeQuietly(h.socket);
        }
        long deadline = System.nanoTime() + JOIN.toNanos();
        join(acceptor, deadline);
        for (Thread t : List.copyOf(threads)) {
            join(t, deadline);
        }
    }

    private static void join(Thread t, long deadlineNanos) {
        long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        try {
            t.join(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
