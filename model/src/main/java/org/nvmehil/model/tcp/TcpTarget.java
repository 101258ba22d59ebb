package org.nvmehil.model.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.Deaths;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.time.VirtualClock;
import org.nvmehil.model.topology.Namespace;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.protocol.fault.Dying;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.ModelEvent.Kind;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The reference NVMe/TCP target: one NVM subsystem (identity and namespace sizes from the same
 * {@link Subsystem} the NVMe-MI model describes) plus the discovery subsystem, its dynamic controllers and its
 * connections. A pure state machine: every operation takes {@code now} (time since the target started, never
 * going back) and returns nothing but state; the bytes a connection must send wait in that
 * {@link TcpConnection}'s outbox. I/O lives in {@link TcpTargetServer}.
 *
 * <p>Not thread-safe: callers serialise every call (the server locks this object).
 */
public final class TcpTarget {

    private final TcpTargetConfig cfg;
    private final Subsystem subsystem;
    private final VirtualClock clock = new VirtualClock();
    private final EventLog events = new EventLog(clock);
    private final FaultInjector faults = new FaultInjector(events);
    private final SparseNamespace.Budget budget;
    private final Map<Long, SparseNamespace> namespaces = new LinkedHashMap<>();
    private final Map<Integer, FabricsController> controllers = new TreeMap<>();
    private final List<TcpConnection> connections = new ArrayList<>();
    private Deaths deaths = Deaths.none();
    private int nextConnectionId = 1;
    private int nextCntlid = 1;
    /** SMART counters: bytes and commands (Read, Write). */
    long bytesRead;
    long bytesWritten;
    long readCommands;
    long writeCommands;

    public TcpTarget(TcpTargetConfig cfg, Subsystem subsystem) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.subsystem = Objects.requireNonNull(subsystem, "subsystem");
        this.budget = new SparseNamespace.Budget(cfg.maxStoredBytes());
        for (Namespace n : subsystem.namespaces()) {
            namespaces.put(n.nsid(), new SparseNamespace(n.nsid(), n.blocks(), n.blockSize(), budget));
        }
    }

    /**
     * The target a lab-config describes: subsystem NQN and advertised address ({@link TcpTargetConfig#fromLab}), the
     * subsystem of {@code model.*}, and how it dies during the run ({@code model.dying}).
     */
    public static TcpTarget fromLab(LabConfig config) {
        TcpTarget t = new TcpTarget(TcpTargetConfig.fromLab(config), Subsystem.fromConfig(config));
        t.setDying(config.model().dying());
        return t;
    }

    /** How the target dies during the run (lab-config {@code model.dying}); {@link #reset()} keeps it and its count. */
    public synchronized void setDying(List<Dying> plan) {
        deaths = new Deaths(plan, true);
    }

    synchronized Deaths deaths() {
        return deaths;
    }

    public TcpTargetConfig config() {
        return cfg;
    }

    public Subsystem subsystem() {
        return subsystem;
    }

    public EventLog events() {
        return events;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Model time of the latest call (wall time since start, in the server). */
    public Duration now() {
        return clock.now();
    }

    /** A new TCP connection, waiting for its ICReq. */
    public TcpConnection accept(Duration now) {
        advance(now);
        TcpConnection c = new TcpConnection(this, nextConnectionId++);
        connections.add(c);
        info("connection " + c.id() + " accepted", Bytes.EMPTY);
        return c;
    }

    /** Connections not yet closed. */
    public List<TcpConnection> connections() {
        return List.copyOf(connections);
    }

    /** The CNTLIDs of the live controllers (NVM and discovery). */
    public List<Integer> controllerIds() {
        return List.copyOf(controllers.keySet());
    }

    /** Bytes of namespace data held in memory. */
    public long storedBytes() {
        return budget.used();
    }

    /**
     * Runs the timers up to {@code now}: keep alive expiry (Base 2.2 §3.9.5: error log entry, CSTS.CFS, the
     * association's connections closed and the controller removed) and the idle timeout of discovery
     * connections (§3.1.3.3).
     */
    public void tick(Duration now) {
        advance(now);
        for (FabricsController c : List.copyOf(controllers.values())) {
            if (c.discovery) {
                if (now.compareTo(c.lastCommand.plus(cfg.discoveryIdleTimeout())) >= 0) {
                    info(c.name() + ": no command for " + cfg.discoveryIdleTimeout().toMillis()
                            + " ms, discovery connection closed", Bytes.EMPTY);
                    destroy(c, "discovery idle timeout");
                }
                continue;
            }
            Optional<Duration> deadline = c.keepAliveDeadline();
            if (deadline.isPresent() && now.compareTo(deadline.get()) >= 0) {
                if (faults.fire(TcpKey.pdu(TcpKey.UNKNOWN), f -> f instanceof Fault.NoKeepAliveExpiry,
                        "keep alive expiry of " + c.name() + ", ignored", Bytes.EMPTY).isEmpty()) {
                    expireKeepAlive(c, now);
                } else {
                    c.keepAliveRef = now;
                }
            }
        }
    }

    private void expireKeepAlive(FabricsController c, Duration now) {
        events.add(now, Kind.EFFECT, c.name() + ": keep alive timer expired (KATO " + c.katoMs
                + " ms): CSTS.CFS set, association removed, connections closed", Bytes.EMPTY);
        c.cfs = true;
        c.errorLog.addFirst(new ErrorLogEntry(++c.errorCount, 0, 0xFFFF, 0x19 << 1, 0xFFFF, 0, 0, 0,
                0x03, 0, 0));
        destroy(c, "keep alive timeout");
    }

    /** The earliest time a {@link #tick} or a drain can change something, if any. */
    public Optional<Duration> nextDeadline() {
        Duration best = null;
        for (FabricsController c : controllers.values()) {
            Optional<Duration> d = c.discovery ? Optional.of(c.lastCommand.plus(cfg.discoveryIdleTimeout()))
                    : c.keepAliveDeadline();
            if (d.isPresent() && (best == null || d.get().compareTo(best) < 0)) {
                best = d.get();
            }
        }
        for (TcpConnection c : connections) {
            Optional<Duration> d = c.nextOutputAt();
            if (d.isPresent() && (best == null || d.get().compareTo(best) < 0)) {
                best = d.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Power-on state of the data and the test hooks: faults disarmed, events cleared, every namespace reads zero.
     * Connections and controllers are left alone (they belong to the links still open).
     */
    public void reset() {
        faults.disarmAll();
        events.clear();
        namespaces.values().forEach(SparseNamespace::clear);
        bytesRead = 0;
        bytesWritten = 0;
        readCommands = 0;
        writeCommands = 0;
    }

    // ------------------------------------------------------------------ for connections and commands

    void advance(Duration now) {
        clock.advanceTo(now);
    }

    Optional<SparseNamespace> namespace(long nsid) {
        return Optional.ofNullable(namespaces.get(nsid));
    }

    List<SparseNamespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    Optional<FabricsController> controller(int cntlid) {
        return Optional.ofNullable(controllers.get(cntlid));
    }

    /** A new controller with the lowest free CNTLID from the last one allocated (never FFF0h-FFFFh). */
    FabricsController createController(boolean discovery, String hostnqn, Bytes hostid, TcpConnection admin,
                                       long katoMs, Duration now) {
        int id = nextCntlid;
        while (controllers.containsKey(id)) {
            id = id >= 0xFFEF ? 1 : id + 1;
        }
        nextCntlid = id >= 0xFFEF ? 1 : id + 1;
        FabricsController c = new FabricsController(id, discovery, hostnqn, hostid, admin, cfg, katoMs,
                subsystem.options().wctempKelvin(), now);
        controllers.put(id, c);
        info(c.name() + " created for " + hostnqn + " on connection " + admin.id(), Bytes.EMPTY);
        return c;
    }

    /** Ends an association: the controller goes, every connection of it is closed. */
    void destroy(FabricsController c, String why) {
        if (c.destroyed) {
            return;
        }
        c.destroyed = true;
        controllers.remove(c.cntlid);
        info(c.name() + " removed (" + why + ")", Bytes.EMPTY);
        for (TcpConnection conn : c.connections()) {
            conn.close(why);
        }
    }

    /** Called by a connection when it closes. */
    void closed(TcpConnection c) {
        connections.remove(c);
    }

    void info(String reason, Bytes raw) {
        events.add(clock.now(), Kind.INFO, reason, raw);
    }

    void dropped(String reason, Bytes raw) {
        events.add(clock.now(), Kind.DROPPED, reason, raw);
    }
}
