package org.nvmehil.model.tcp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nvmehil.model.tcp.TcpConnection.Cmd;
import org.nvmehil.protocol.fabrics.Cap;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.FabricsCommand;
import org.nvmehil.protocol.fabrics.FabricsType;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.lab.ModelEvent.Kind;
import org.nvmehil.protocol.tcp.PduType;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Fabrics commands (opcode 7Fh, Base 2.2 §6): Connect (§6.3), Property Get/Set (§6.5-6.6) on the admin queue and
 * Disconnect on I/O queues. Fabrics commands run whatever CC.EN is (§3.3.2.2). PSDT 01b (what every Linux host
 * sends), 00b and 10b are accepted, 11b is Invalid Field; a reserved or unsupported FCTYPE (Authentication:
 * AUTHREQ is 0) is Invalid Field, and Property Get/Set on an I/O queue too (Fig. 541).
 */
final class FabricsCommands {

    /** VS: the model implements Base 2.0 (so CRTO exists), as its Identify VER says. */
    static final long VS = 0x0002_0000L;
    /** Connect data offsets used as IPO with IPS = 1. */
    private static final int IPO_CNTLID = ConnectData.OFFSET_CNTLID;

    private FabricsCommands() {
    }

    static Optional<Status> precheck(TcpConnection c, Cmd cmd) {
        if (cmd.sqe.psdt() == 3) {
            return Optional.of(Status.INVALID_FIELD);
        }
        Optional<FabricsType> t = FabricsType.of(cmd.fctype);
        if (t.isEmpty() || t.get() == FabricsType.AUTHENTICATION_SEND || t.get() == FabricsType.AUTHENTICATION_RECEIVE) {
            return Optional.of(Status.INVALID_FIELD);
        }
        if (!cmd.adminQueue && !t.get().allowedOnIoQueue) {
            return Optional.of(Status.INVALID_FIELD);
        }
        return Optional.empty();
    }

    static Completion execute(TcpConnection c, Cmd cmd, Bytes data) {
        return switch (FabricsType.of(cmd.fctype).orElseThrow()) {
            case CONNECT -> connect(c, cmd, data);
            case PROPERTY_GET -> propertyGet(c, cmd);
            case PROPERTY_SET -> propertySet(c, cmd);
            case DISCONNECT -> disconnect(c);
            default -> Completion.error(Status.INVALID_FIELD);
        };
    }

    // ------------------------------------------------------------------ Connect

    private static Completion invalid(TcpConnection c, String why, boolean ips, int ipo) {
        c.target.info("connection " + c.id() + ": Connect Invalid Parameters (" + why + "), IPS " + (ips ? 1 : 0)
                + " IPO " + ipo, Bytes.EMPTY);
        return Completion.error(Status.CONNECT_INVALID_PARAMETERS, (ips ? 1L << 16 : 0) | ipo);
    }

    /**
     * Connect (Base 2.2 §3.3.2.2, §6.3, Figs. 546-549). Checks in this order: RECFMT (Incompatible Format), the
     * SUBNQN (known: this subsystem or the discovery NQN; IPS 1, IPO 256), HOSTNQN well formed (IPO 512) and
     * allowed (Connect Invalid Host). Admin queue: CNTLID FFFFh (dynamic model, IPO 16), SQSIZE 1..ASQSZ-1 (IPS
     * 0, IPO 44), CATTR reserved bits and PRIOCLASS 0 (IPO 46), KATO (discovery: non-zero asks for an explicit
     * persistent connection, not supported, IPO 48; NVM: 0 is Keep Alive Timeout Invalid when configured so),
     * then a controller with a new CNTLID. I/O queue: not on discovery (IPO 42), CNTLID of a live controller of
     * this host (IPO 16), same HOSTNQN (IPO 512) and HOSTID unless 0 (IPO 0), controller enabled (IPO 16), QID
     * within the granted queues (IPO 42), QID not yet connected (Command Sequence Error), SQSIZE 1..MQES (IPO
     * 44), CATTR reserved bits (IPO 46). The response carries the CNTLID and SQHD (FFFFh when DISSQFC asked to
     * disable SQ flow control, which the model always grants).
     */
    private static Completion connect(TcpConnection c, Cmd cmd, Bytes data) {
        TcpTarget t = c.target;
        TcpTargetConfig cfg = c.cfg();
        Connect k = (Connect) FabricsCommand.decode(cmd.sqe).get();
        if (k.recfmt() != 0) {
            return Completion.error(Status.INCOMPATIBLE_FORMAT);
        }
        Decoded<ConnectData> dd = ConnectData.decode(data);
        ConnectData cd = dd.get();
        boolean subnqnBad = dd.violations().stream().anyMatch(v -> v.field().equals("subnqn"));
        boolean discovery = !subnqnBad && cd.subnqn().equals(TcpTargetConfig.DISCOVERY_NQN);
        if (subnqnBad || !discovery && !cd.subnqn().equals(cfg.subnqn())) {
            return invalid(c, "unknown SUBNQN \"" + cd.subnqn() + "\"", true, ConnectData.OFFSET_SUBNQN);
        }
        if (cd.hostnqn().isEmpty() || dd.violations().stream().anyMatch(v -> v.field().equals("hostnqn"))) {
            return invalid(c, "malformed HOSTNQN", true, ConnectData.OFFSET_HOSTNQN);
        }
        if (!discovery && !cfg.hostAllowed(cd.hostnqn())) {
            t.info("connection " + c.id() + ": host " + cd.hostnqn() + " not allowed: Connect Invalid Host", Bytes.EMPTY);
            return Completion.error(Status.CONNECT_INVALID_HOST);
        }
        int reservedCattr = k.cattr() & 0xE0;
        Duration now = c.now();
        if (k.isAdmin()) {
            if (cd.cntlid() != ConnectData.CNTLID_DYNAMIC) {
                return invalid(c, "admin CNTLID " + cd.cntlid() + " in a dynamic-model subsystem", true, IPO_CNTLID);
            }
            if (k.sqsize() == 0 || k.sqEntries() > cfg.asqsz()) {
                return invalid(c, "admin SQSIZE " + k.sqsize(), false, Connect.OFFSET_SQSIZE);
            }
            if (reservedCattr != 0 || k.prioclass() != 0) {
                return invalid(c, "CATTR " + k.cattr(), false, Connect.OFFSET_CATTR);
            }
            long kato = 0;
            if (discovery) {
                if (k.kato() != 0) {
                    return invalid(c, "KATO " + k.kato() + " asks for an explicit persistent discovery connection",
                            false, Connect.OFFSET_KATO);
                }
            } else {
                if (k.kato() == 0 && cfg.rejectZeroKato()) {
                    t.info("connection " + c.id() + ": admin Connect with KATO 0 on NVMe/TCP: Keep Alive Timeout Invalid",
                            Bytes.EMPTY);
                    return Completion.error(Status.KEEP_ALIVE_TIMEOUT_INVALID);
                }
                kato = FabricsController.roundKato(k.kato(), cfg.kas());
            }
            FabricsController ctrl = t.createController(discovery, cd.hostnqn(), cd.hostid(), c, kato, now);
            c.bind(ctrl, 0, k.sqEntries(), k.dissqfc());
            return Completion.ok(ctrl.cntlid);
        }
        if (discovery) {
            return invalid(c, "I/O queue on the discovery controller", false, Connect.OFFSET_QID);
        }
        Optional<FabricsController> oc = cd.cntlid() >= 0xFFF0 ? Optional.empty() : t.controller(cd.cntlid());
        if (oc.isEmpty() || oc.get().discovery) {
            return invalid(c, "no controller " + cd.cntlid(), true, IPO_CNTLID);
        }
        FabricsController ctrl = oc.get();
        if (!ctrl.hostnqn.equals(cd.hostnqn())) {
            return invalid(c, "HOSTNQN differs from the admin queue's", true, ConnectData.OFFSET_HOSTNQN);
        }
        if (!cd.hostid().equals(Bytes.zeros(16)) && !cd.hostid().equals(ctrl.hostid)) {
            return invalid(c, "HOSTID differs from the admin queue's", true, ConnectData.OFFSET_HOSTID);
        }
        if (!ctrl.operational(now)) {
            return invalid(c, ctrl.name() + " is not enabled and ready", true, IPO_CNTLID);
        }
        if (k.qid() > ctrl.queuesAllowed() + 1) {
            return invalid(c, "QID " + k.qid() + " beyond the " + (ctrl.queuesAllowed() + 1) + " I/O queues", false,
                    Connect.OFFSET_QID);
        }
        if (ctrl.ioQueues.containsKey(k.qid())) {
            t.info("connection " + c.id() + ": Connect for existing QID " + k.qid() + ": Command Sequence Error",
                    Bytes.EMPTY);
            return Completion.error(Status.COMMAND_SEQUENCE_ERROR);
        }
        if (k.sqsize() == 0 || k.sqsize() > cfg.mqes()) {
            return invalid(c, "I/O SQSIZE " + k.sqsize(), false, Connect.OFFSET_SQSIZE);
        }
        if (reservedCattr != 0) {
            return invalid(c, "CATTR " + k.cattr(), false, Connect.OFFSET_CATTR);
        }
        ctrl.ioQueues.put(k.qid(), c);
        c.bind(ctrl, k.qid(), k.sqEntries(), k.dissqfc());
        t.info("connection " + c.id() + ": I/O queue " + k.qid() + " of " + ctrl.name() + " connected"
                + (k.dissqfc() ? ", SQ flow control disabled" : ""), Bytes.EMPTY);
        return Completion.ok(ctrl.cntlid);
    }

    // ------------------------------------------------------------------ properties

    /** CAP (Base 2.2 Fig. 36): MQES, CQR 1, TO, CSS NCSS only, MPSMIN = MPSMAX = 0 (4 KiB). */
    static long cap(TcpTargetConfig cfg) {
        return cfg.mqes() | 1L << 16 | (long) cfg.capTo() << 24 | (long) Cap.CSS_NCSS << 37;
    }

    private static Optional<Property> property(long attrib, long ofst) {
        Optional<Property> p = Property.of(ofst);
        if ((attrib & 0xF8) != 0 || p.isEmpty() || p.get() == Property.NSSR || p.get() == Property.NSSD
                || p.get().size != Property.sizeOf((int) attrib)) {
            return Optional.empty();
        }
        return p;
    }

    /** Property Get of CAP, VS, CC, CSTS or CRTO; anything else (reserved, unsupported, wrong size) is Invalid Field. */
    private static Completion propertyGet(TcpConnection c, Cmd cmd) {
        Optional<Property> p = property(cmd.sqe.cdw10() & 0xFF, cmd.sqe.cdw11());
        if (p.isEmpty()) {
            return Completion.error(Status.INVALID_FIELD);
        }
        FabricsController ctrl = c.controller;
        long v = switch (p.get()) {
            case CAP -> cap(c.cfg());
            case VS -> VS;
            case CC -> ctrl.cc;
            case CSTS -> ctrl.csts(c.now()).value();
            case CRTO -> (long) c.cfg().capTo() << 16 | c.cfg().capTo();
            default -> 0;
        };
        Optional<Fault> f = c.fire(cmd.key(PduType.CAPSULE_RESP.code),
                x -> x instanceof Fault.CorruptProperty cp && cp.offset() == p.get().offset && cp.xor() != 0,
                "Property Get " + p.get(), Bytes.EMPTY);
        if (f.isPresent()) {
            long mask = p.get().size == 8 ? -1L : 0xFFFF_FFFFL;
            v = (v ^ ((Fault.CorruptProperty) f.get()).xor()) & mask;
        }
        return Completion.value(v);
    }

    /**
     * Property Set: only CC is writable (4 bytes). CC.EN 0 to 1 checks CSS 000b, MPS 0, AMS 0 and, on an NVM
     * controller, IOSQES 6 and IOCQES 4 (otherwise CSTS.CFS is set and RDY never comes); RDY follows after the
     * configured delay. EN 1 to 0 resets the controller and deletes its I/O queues (their connections close).
     * SHN 00b to non-zero starts a shutdown: SHST 01b, then 10b after the configured delay (Base 2.2 §3.6.2).
     */
    private static Completion propertySet(TcpConnection c, Cmd cmd) {
        Optional<Property> p = property(cmd.sqe.cdw10() & 0xFF, cmd.sqe.cdw11());
        if (p.isEmpty() || p.get() != Property.CC) {
            return Completion.error(Status.INVALID_FIELD);
        }
        FabricsController ctrl = c.controller;
        TcpTarget t = c.target;
        Duration now = c.now();
        Cc old = ctrl.cc();
        Cc nv = new Cc(cmd.sqe.cdw12());
        if (!old.en() && nv.en()) {
            boolean valid = nv.css() == Cc.CSS_NVM && nv.mps() == 0 && nv.ams() == 0
                    && (ctrl.discovery || nv.iosqes() == 6 && nv.iocqes() == 4);
            if (!valid) {
                ctrl.cfs = true;
                ctrl.enabledAt = null;
                t.events().add(now, Kind.EFFECT, ctrl.name() + ": CC " + String.format("%08Xh", nv.value())
                        + " cannot be enabled (CSS, MPS, AMS, IOSQES/IOCQES): CSTS.CFS set", Bytes.EMPTY);
            } else {
                ctrl.enabledAt = now;
                ctrl.shutdownAt = null;
                ctrl.neverReady = c.fire(cmd.key(PduType.CAPSULE_RESP.code), f -> f instanceof Fault.NeverReady,
                        "CC.EN of " + ctrl.name(), Bytes.EMPTY).isPresent();
                t.info(ctrl.name() + ": CC.EN = 1, ready in " + c.cfg().readyDelay().toMillis() + " ms", Bytes.EMPTY);
            }
        } else if (old.en() && !nv.en()) {
            for (TcpConnection io : List.copyOf(ctrl.ioQueues.values())) {
                io.close("I/O queue deleted by a controller reset");
            }
            ctrl.ioQueues.clear();
            ctrl.admin.forget(ctrl.aers); // outstanding Asynchronous Event Requests end with the reset
            ctrl.reset();
            t.info(ctrl.name() + ": CC.EN = 0, controller reset, I/O queues deleted", Bytes.EMPTY);
        }
        if (nv.shn() != Cc.SHN_NONE && old.shn() == Cc.SHN_NONE && nv.en() && ctrl.shutdownAt == null) {
            ctrl.shutdownAt = now;
            t.info(ctrl.name() + ": shutdown (SHN " + nv.shn() + ") started", Bytes.EMPTY);
        }
        ctrl.cc = nv.value();
        return Completion.ok();
    }

    /** Disconnect (Fig. 541): deletes the I/O queue; on the admin queue Invalid Queue Type. */
    private static Completion disconnect(TcpConnection c) {
        if (c.qid == 0) {
            return Completion.error(Status.INVALID_QUEUE_TYPE);
        }
        c.controller.ioQueues.remove(c.qid);
        c.deleted = true;
        c.target.info("connection " + c.id() + ": I/O queue " + c.qid + " deleted by Disconnect", Bytes.EMPTY);
        return Completion.ok();
    }
}
