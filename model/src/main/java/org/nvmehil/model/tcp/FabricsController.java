package org.nvmehil.model.tcp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Csts;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.wire.Bytes;

/**
 * One dynamic controller of the target, created by an admin queue Connect (Base 2.2 §3.3.2.2): its host, the
 * Controller Configuration and Status it reports as properties (Base 2.2 §3.1.4, §3.5.2, §3.6.2), the Keep Alive
 * Timer (§3.9), the features it keeps, and its queues (the admin connection and one connection per I/O queue,
 * NVMe/TCP 1.0 §3.2). Time is an input ({@code now}, model time since the target started); nothing here does
 * I/O.
 */
final class FabricsController {

    final int cntlid;
    final boolean discovery;
    final String hostnqn;
    final Bytes hostid;
    final TcpConnection admin;
    final Map<Integer, TcpConnection> ioQueues = new TreeMap<>();
    /** Outstanding Asynchronous Event Requests (CIDs); they are never completed. */
    final List<Integer> aers = new ArrayList<>();
    /** Error Information log, newest first. */
    final Deque<ErrorLogEntry> errorLog = new ArrayDeque<>();
    long errorCount;

    private final TcpTargetConfig cfg;
    /** KATO in use, ms (rounded up to KAS); 0 = no keep alive. */
    long katoMs;
    long cc;
    boolean cfs;
    /** When CC.EN went to 1 with valid settings; null while disabled or after an invalid enable. */
    Duration enabledAt;
    /** The {@link org.nvmehil.protocol.fault.Fault.NeverReady} fault fired on this enable. */
    boolean neverReady;
    /** When CC.SHN went non-zero; null without a shutdown. */
    Duration shutdownAt;
    /** Last keep alive (re)start: a command (traffic based) or Keep Alive / Set Features KATO (command based). */
    Duration keepAliveRef;
    /** Last command on a discovery controller (idle timeout). */
    Duration lastCommand;
    /** Granted Number of Queues (0's based), or -1 before Set Features 07h. */
    int queuesGranted = -1;
    int overThresholdKelvin;
    int underThresholdKelvin;
    boolean destroyed;

    FabricsController(int cntlid, boolean discovery, String hostnqn, Bytes hostid, TcpConnection admin,
                      TcpTargetConfig cfg, long katoMs, int defaultOverThreshold, Duration now) {
        this.cntlid = cntlid;
        this.discovery = discovery;
        this.hostnqn = hostnqn;
        this.hostid = hostid;
        this.admin = admin;
        this.cfg = cfg;
        this.katoMs = katoMs;
        this.keepAliveRef = now;
        this.lastCommand = now;
        this.overThresholdKelvin = defaultOverThreshold;
    }

    /** KATO rounded up to the KAS granularity (Base 2.2 §3.9.1). */
    static long roundKato(long ms, int kas) {
        long unit = kas * 100L;
        return (ms + unit - 1) / unit * unit;
    }

    Cc cc() {
        return new Cc(cc);
    }

    boolean enabled() {
        return cc().en();
    }

    /** When CSTS.RDY becomes (or became) 1, if the controller is being enabled. */
    Optional<Duration> readyAt() {
        return enabledAt == null || neverReady ? Optional.empty() : Optional.of(enabledAt.plus(cfg.readyDelay()));
    }

    boolean ready(Duration now) {
        return readyAt().map(t -> now.compareTo(t) >= 0).orElse(false);
    }

    /** CSTS.SHST: 00b, 01b while the shutdown is processed, 10b once done. */
    int shst(Duration now) {
        if (shutdownAt == null) {
            return Csts.SHST_NORMAL;
        }
        return now.compareTo(shutdownAt.plus(cfg.shutdownDelay())) >= 0 ? Csts.SHST_COMPLETE : Csts.SHST_OCCURRING;
    }

    Csts csts(Duration now) {
        return Csts.of(ready(now), cfs, shst(now));
    }

    /** Ready, enabled and not shutting down: Admin and I/O commands are processed (Base 2.2 §3.3.2.3, §3.6.2). */
    boolean operational(Duration now) {
        return enabled() && ready(now) && shutdownAt == null && !cfs;
    }

    /**
     * When the Keep Alive Timer expires: KATO after the last restart (command based), 2 x KATO after the last
     * command (traffic based, the latest detection Base 2.2 Fig. 90 allows); counted from activation at the
     * earliest.
     */
    Optional<Duration> keepAliveDeadline() {
        if (discovery || katoMs == 0 || !enabled() || shutdownAt != null || cfs) {
            return Optional.empty();
        }
        return readyAt().map(r -> {
            Duration from = keepAliveRef.compareTo(r) > 0 ? keepAliveRef : r;
            return from.plus(Duration.ofMillis(cfg.trafficBasedKeepAlive() ? 2 * katoMs : katoMs));
        });
    }

    /** Granted I/O queues, 0's based (the maximum until the host asks). */
    int queuesAllowed() {
        return queuesGranted >= 0 ? queuesGranted : cfg.maxIoQueues() - 1;
    }

    /** Every connection of the association: the admin queue first. */
    List<TcpConnection> connections() {
        List<TcpConnection> l = new ArrayList<>();
        l.add(admin);
        l.addAll(ioQueues.values());
        return l;
    }

    /** Controller Level Reset by CC.EN 1 to 0 (Base 2.2 §3.6.2): not ready, no shutdown, no fatal status. */
    void reset() {
        enabledAt = null;
        neverReady = false;
        shutdownAt = null;
        cfs = false;
        aers.clear();
    }

    String name() {
        return (discovery ? "discovery controller " : "controller ") + cntlid;
    }
}
