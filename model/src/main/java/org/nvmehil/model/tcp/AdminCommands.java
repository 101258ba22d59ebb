package org.nvmehil.model.tcp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nvmehil.model.tcp.TcpConnection.Cmd;
import org.nvmehil.model.tcp.TcpConnection.Dir;
import org.nvmehil.model.tcp.TcpConnection.Plan;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.protocol.fabrics.DiscoveryLog;
import org.nvmehil.protocol.fabrics.DiscoveryLogEntry;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.tcp.PduType;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Admin commands of the target's controllers (Base 2.2 §5, as far as a Fabrics controller needs them). They run
 * only while the controller is enabled, ready and not shut down (otherwise Command Sequence Error, §3.3.2.3,
 * §3.6.2). NVM controllers: Identify (CNS 00h, 01h, 02h, 03h), Get Log Page (00h, 01h, 02h, 03h), Get/Set
 * Features (04h Temperature Threshold, 07h Number of Queues, 0Fh Keep Alive Timer), Keep Alive, Asynchronous
 * Event Request (held, never completed; up to AERL + 1). Discovery controllers: Identify (CNS 01h) and Get Log
 * Page 70h. Any other opcode is Invalid Command Opcode.
 */
final class AdminCommands {

    static final long NSID_BROADCAST = 0xFFFF_FFFFL;
    static final int FID_TEMPERATURE_THRESHOLD = 0x04;
    static final int FID_NUMBER_OF_QUEUES = 0x07;
    static final int FID_KEEP_ALIVE_TIMER = 0x0F;
    /** Default KATO of transports that need keep alive (Base 2.1 Fig. 397): 2 minutes. */
    static final long DEFAULT_KATO_MS = 120_000;
    /** AERL: 0's based number of outstanding Asynchronous Event Requests. */
    static final int AERL = 3;
    static final int SUPPORTED_LOG_PAGES = 0x00;
    /** Identify Controller offsets the {@link IdentifyController} record does not carry. */
    static final int OFFSET_AERL = 259;
    static final int OFFSET_ELPE = 262;
    static final int OFFSET_KAS = 320;
    static final int OFFSET_MAXCMD = 514;
    static final int OFFSET_SGLS = 536;
    static final int OFFSET_IOCCSZ = 1792;
    static final int OFFSET_IORCSZ = 1796;
    static final int OFFSET_ICDOFF = 1800;
    static final int OFFSET_FCATT = 1802;
    static final int OFFSET_MSDBD = 1803;
    static final int OFFSET_OFCS = 1804;
    /** SGLS: SGLs supported (bit 0) and SGL offsets for in-capsule data (bit 20), as Linux nvmet reports. */
    static final long SGLS = 0x0010_0001L;

    private AdminCommands() {
    }

    static Optional<Status> precheck(TcpConnection c, Cmd cmd) {
        FabricsController ctrl = c.controller;
        if (!ctrl.operational(c.now())) {
            return Optional.of(Status.COMMAND_SEQUENCE_ERROR);
        }
        int opc = cmd.sqe.opc();
        boolean supported = ctrl.discovery
                ? opc == AdminOpcode.IDENTIFY.code || opc == AdminOpcode.GET_LOG_PAGE.code
                : opc == AdminOpcode.IDENTIFY.code || opc == AdminOpcode.GET_LOG_PAGE.code
                || opc == AdminOpcode.GET_FEATURES.code || opc == AdminOpcode.SET_FEATURES.code
                || opc == AdminOpcode.KEEP_ALIVE.code || opc == AdminOpcode.ASYNC_EVENT_REQUEST.code;
        if (!supported) {
            return Optional.of(Status.INVALID_OPCODE);
        }
        if (opc == AdminOpcode.GET_LOG_PAGE.code
                && (logLength(cmd) > c.cfg().maxTransfer() || logLength(cmd) > IoCommands.HARD_LIMIT)) {
            return Optional.of(Status.INVALID_FIELD);
        }
        return Optional.empty();
    }

    static Plan plan(TcpConnection c, Cmd cmd) {
        int opc = cmd.sqe.opc();
        if (opc == AdminOpcode.IDENTIFY.code) {
            return new Plan(Dir.C2H, IdentifyController.SIZE);
        }
        if (opc == AdminOpcode.GET_LOG_PAGE.code) {
            return new Plan(Dir.C2H, logLength(cmd));
        }
        return Plan.NONE;
    }

    /** (NUMDU:NUMDL + 1) dwords. */
    private static long logLength(Cmd cmd) {
        long numd = cmd.sqe.cdw10() >>> 16 | (cmd.sqe.cdw11() & 0xFFFF) << 16;
        return (numd + 1) * 4;
    }

    static Completion execute(TcpConnection c, Cmd cmd) {
        AdminOpcode op = AdminOpcode.of(cmd.sqe.opc()).orElseThrow();
        return switch (op) {
            case IDENTIFY -> identify(c, cmd);
            case GET_LOG_PAGE -> getLogPage(c, cmd);
            case GET_FEATURES -> getFeatures(c, cmd);
            case SET_FEATURES -> setFeatures(c, cmd);
            case KEEP_ALIVE -> keepAlive(c);
            case ASYNC_EVENT_REQUEST -> asyncEventRequest(c, cmd);
            default -> Completion.error(Status.INVALID_OPCODE);
        };
    }

    // ------------------------------------------------------------------ Identify

    private static Completion identify(TcpConnection c, Cmd cmd) {
        int cns = (int) (cmd.sqe.cdw10() & 0xFF);
        long nsid = cmd.sqe.nsid();
        TcpTarget t = c.target;
        FabricsController ctrl = c.controller;
        if (ctrl.discovery) {
            return cns == 0x01 ? Completion.data(identifyController(c, cmd)) : Completion.error(Status.INVALID_FIELD);
        }
        switch (cns) {
            case 0x00: {
                Optional<SparseNamespace> ns = t.namespace(nsid);
                if (ns.isEmpty()) {
                    return Completion.error(Status.INVALID_NAMESPACE);
                }
                return Completion.data(t.subsystem().namespace(nsid).orElseThrow().identify().encode());
            }
            case 0x01:
                return Completion.data(identifyController(c, cmd));
            case 0x02: {
                if (nsid >= 0xFFFF_FFFEL) {
                    return Completion.error(Status.INVALID_NAMESPACE);
                }
                LeWriter w = new LeWriter();
                for (SparseNamespace n : t.namespaces()) {
                    if (n.nsid() > nsid && w.size() < IdentifyController.SIZE) {
                        w.u32(n.nsid());
                    }
                }
                return Completion.data(w.zeros(IdentifyController.SIZE - w.size()).build());
            }
            case 0x03: {
                if (t.namespace(nsid).isEmpty()) {
                    return Completion.error(Status.INVALID_NAMESPACE);
                }
                UUID u = UUID.nameUUIDFromBytes((c.cfg().subnqn() + "/" + nsid).getBytes(StandardCharsets.UTF_8));
                LeWriter w = new LeWriter().u8(0x03).u8(16).u16(0)
                        .bytes(org.nvmehil.protocol.fabrics.ConnectData.uuidBytes(u))
                        .u8(0x04).u8(1).u16(0).u8(0).zeros(3);
                return Completion.data(w.zeros(IdentifyController.SIZE - w.size()).build());
            }
            default:
                return Completion.error(Status.INVALID_FIELD);
        }
    }

    /**
     * Identify Controller of a TCP controller: identity (VID, SN, MN, FR, IEEE, TNVMCAP, WCTEMP/CCTEMP, NVMSR,
     * MEC) as the NVMe-MI model reports it, plus the Fabrics fields (facts §10.1): CNTLID, VER 2.0, MDTS,
     * CMIC (several controllers), CTRATT (128-bit Host ID, TBKAS when traffic based), CNTRLTYPE 1 (discovery: 2),
     * AERL, ELPE, KAS, SQES 66h/CQES 44h, MAXCMD = MQES + 1, NN, ONCS (Write Zeroes), SGLS, SUBNQN of the
     * connection, IOCCSZ, IORCSZ 1, ICDOFF 0, FCATT 0 (dynamic), MSDBD 1, OFCS (Disconnect). A fired
     * {@link Fault.InconsistentIdentify} changes one of them.
     */
    static Bytes identifyController(TcpConnection c, Cmd cmd) {
        TcpTarget t = c.target;
        TcpTargetConfig cfg = c.cfg();
        FabricsController ctrl = c.controller;
        Subsystem s = t.subsystem();
        LabConfig.Identity id = s.identity();
        boolean disc = ctrl.discovery;
        IdentifyController.Builder b = s.controllers().isEmpty()
                ? IdentifyController.builder().vid(id.vid()).ssvid(id.ssvid()).sn(id.sn()).mn(id.mn()).fr(id.fr())
                : s.identifyController(s.controllers().get(0)).toBuilder();
        b.cntlid(ctrl.cntlid).ver(FabricsCommands.VS).cmic(0x02).mdts(disc ? 0 : cfg.mdts())
                .ctratt(1 | (cfg.trafficBasedKeepAlive() && !disc ? 0x40 : 0)).cntrltype(disc ? 2 : 1)
                .sqes(disc ? 0 : 0x66).cqes(disc ? 0 : 0x44).nn(disc ? 0 : t.namespaces().size())
                .oncs(disc ? 0 : 0x08).frmw(0x03).lpa(0x04).oacs(0)
                .subnqn(disc ? TcpTargetConfig.DISCOVERY_NQN : cfg.subnqn());
        if (disc) {
            b.tnvmcap(BigInteger.ZERO);
        }
        int kas = disc ? 0 : cfg.kas();
        long ioccsz = disc ? 0 : cfg.ioccsz();
        long iorcsz = disc ? 0 : 1;
        int icdoff = 0;
        int mdts = disc ? 0 : cfg.mdts();
        Optional<Fault> f = c.fire(cmd.key(PduType.C2H_DATA.code), x -> x instanceof Fault.InconsistentIdentify,
                "Identify Controller of " + ctrl.name(), Bytes.EMPTY);
        if (f.isPresent()) {
            switch (((Fault.InconsistentIdentify) f.get()).field()) {
                case SUBNQN -> {
                    String nqn = disc ? TcpTargetConfig.DISCOVERY_NQN : cfg.subnqn();
                    b.subnqn((nqn.length() > 240 ? nqn.substring(0, 240) : nqn) + ".other");
                }
                case MDTS -> {
                    mdts = 1;
                    ioccsz = Math.max(ioccsz, (64 + 16 * 1024) / 16);
                }
                case ICDOFF -> icdoff = 1;
                case IORCSZ -> iorcsz = 2;
                case KAS -> kas = 0;
                case CNTRLTYPE -> b.cntrltype(disc ? 1 : 2);
            }
            b.mdts(mdts);
        }
        byte[] base = new byte[IdentifyController.SIZE];
        put(base, OFFSET_AERL, new LeWriter().u8(AERL).build());
        put(base, OFFSET_ELPE, new LeWriter().u8(s.options().errorLogEntries() - 1).build());
        put(base, OFFSET_KAS, new LeWriter().u16(kas).build());
        put(base, OFFSET_MAXCMD, new LeWriter().u16(cfg.mqes() + 1).build());
        put(base, OFFSET_SGLS, new LeWriter().u32(SGLS).build());
        put(base, OFFSET_IOCCSZ, new LeWriter().u32(ioccsz).u32(iorcsz).u16(icdoff).u8(0).u8(1)
                .u16(disc ? 0 : 1).build());
        put(base, Subsystem.PSD0_OFFSET, new LeWriter().u16(Subsystem.PSD0_MAX_POWER_CW).build());
        return b.build().encodeOnto(Bytes.of(base));
    }

    private static void put(byte[] img, int at, Bytes b) {
        System.arraycopy(b.toArray(), 0, img, at, b.length());
    }

    // ------------------------------------------------------------------ Get Log Page

    /**
     * Get Log Page (CDW10 LID 7:0, NUMDL 31:16; CDW11 NUMDU; CDW12/13 offset; CDW14 bit 23 OT): (NUMD + 1) dwords
     * from the offset, zeros past the end. An offset not a dword multiple or past the end, or OT set, is Invalid
     * Field; an unsupported LID Invalid Log Page. SMART is controller scope (NSID 0 or FFFFFFFFh).
     */
    private static Completion getLogPage(TcpConnection c, Cmd cmd) {
        int lid = (int) (cmd.sqe.cdw10() & 0xFF);
        long length = logLength(cmd);
        long lpo = cmd.sqe.cdw12() | cmd.sqe.cdw13() << 32;
        if ((cmd.sqe.cdw14() >>> 23 & 1) != 0) {
            return Completion.error(Status.INVALID_FIELD);
        }
        FabricsController ctrl = c.controller;
        Bytes page;
        if (ctrl.discovery) {
            if (lid != DiscoveryLog.LID) {
                return Completion.error(Status.INVALID_LOG_PAGE);
            }
            page = discoveryLog(c).encode();
        } else {
            switch (lid) {
                case SUPPORTED_LOG_PAGES -> page = supportedLogPages();
                case ErrorLogEntry.LID -> page = errorLog(c);
                case SmartLog.LID -> {
                    long nsid = cmd.sqe.nsid();
                    if (nsid != 0 && nsid != NSID_BROADCAST) {
                        return Completion.error(Status.INVALID_FIELD);
                    }
                    page = smartLog(c.target).encode();
                }
                case FirmwareSlotLog.LID -> page = c.target.subsystem().firmwareSlotLog().encode();
                default -> {
                    return Completion.error(Status.INVALID_LOG_PAGE);
                }
            }
        }
        if ((lpo & 3) != 0 || Long.compareUnsigned(lpo, page.length()) > 0) {
            return Completion.error(Status.INVALID_FIELD);
        }
        Bytes slice = page.slice((int) lpo);
        Bytes out = slice.length() >= length ? slice.slice(0, (int) length) : slice.concat(Bytes.zeros((int) length - slice.length()));
        return Completion.data(out);
    }

    private static Bytes supportedLogPages() {
        LeWriter w = new LeWriter();
        List<Integer> supported = List.of(SUPPORTED_LOG_PAGES, ErrorLogEntry.LID, SmartLog.LID, FirmwareSlotLog.LID);
        for (int lid = 0; lid < 256; lid++) {
            w.u32(supported.contains(lid) ? 1 : 0);
        }
        return w.build();
    }

    private static Bytes errorLog(TcpConnection c) {
        int entries = c.target.subsystem().options().errorLogEntries();
        LeWriter w = new LeWriter();
        c.controller.errorLog.stream().limit(entries).forEach(e -> w.bytes(e.encode()));
        return w.zeros(entries * ErrorLogEntry.SIZE - w.size()).build();
    }

    /**
     * SMART / Health: warnings, temperature, spare and life used of the NVMe-MI model's first controller (the same
     * drive), data units read/written (thousands of 512-byte units, rounded up) and host read/write commands.
     */
    static SmartLog smartLog(TcpTarget t) {
        Subsystem s = t.subsystem();
        BigInteger z = BigInteger.ZERO;
        int cw = 0;
        int kelvin = s.config().model().health().ctempCelsius() + 273;
        int spare = 100;
        int threshold = 10;
        int pdlu = 0;
        if (!s.controllers().isEmpty()) {
            Controller c = s.controllers().get(0);
            cw = c.criticalWarning();
            kelvin = c.temperatureKelvin();
            spare = c.spare();
            threshold = c.spareThreshold();
            pdlu = c.pdlu();
        }
        int temp = Math.max(0, Math.min(kelvin, 0xFFFF));
        return new SmartLog(cw & 0xFF, temp, spare, threshold, Math.min(255, pdlu), 0, units(t.bytesRead),
                units(t.bytesWritten), BigInteger.valueOf(t.readCommands), BigInteger.valueOf(t.writeCommands), z, z, z,
                z, z, z, 0, 0, List.of(temp, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0);
    }

    private static BigInteger units(long bytes) {
        long u512 = (bytes + 511) / 512;
        return BigInteger.valueOf((u512 + 999) / 1000);
    }

    /**
     * The discovery log page (facts §9.2): entry 0 the current discovery subsystem, entry 1 the NVM subsystem when
     * the host may connect to it; TCP over IPv4 (IPv6 when the address has a colon), TREQ 04h (SQ flow control
     * disable supported), dynamic CNTLID FFFFh, ASQSZ, the advertised address and port, SECTYPE 0.
     */
    static DiscoveryLog discoveryLog(TcpConnection c) {
        TcpTargetConfig cfg = c.cfg();
        String port = Integer.toString(cfg.advertisedPort());
        String addr = cfg.advertisedAddress();
        int adrfam = addr.contains(":") ? DiscoveryLogEntry.ADRFAM_IPV6 : DiscoveryLogEntry.ADRFAM_IPV4;
        java.util.ArrayList<DiscoveryLogEntry> entries = new java.util.ArrayList<>();
        entries.add(entry(cfg, adrfam, DiscoveryLogEntry.SUBTYPE_CURRENT_DISCOVERY, TcpTargetConfig.DISCOVERY_NQN, addr, port));
        if (cfg.hostAllowed(c.controller.hostnqn)) {
            entries.add(entry(cfg, adrfam, DiscoveryLogEntry.SUBTYPE_NVM, cfg.subnqn(), addr, port));
        }
        return DiscoveryLog.of(1, entries);
    }

    private static DiscoveryLogEntry entry(TcpTargetConfig cfg, int adrfam, int subtype, String nqn, String addr,
                                           String port) {
        return new DiscoveryLogEntry(DiscoveryLogEntry.TRTYPE_TCP, adrfam, subtype, DiscoveryLogEntry.TREQ_DISABLE_SQFLOW,
                cfg.portId(), 0xFFFF, cfg.asqsz(), 0, port, nqn, addr, Bytes.zeros(256));
    }

    // ------------------------------------------------------------------ features

    /**
     * Get Features (CDW10 FID 7:0, SEL 10:8): current, default, saved (= default: nothing is saveable) and
     * capabilities (changeable). 04h Temperature Threshold (TMPSEL 0, THSEL 0/1), 07h Number of Queues, 0Fh
     * Keep Alive Timer; any other FID or SEL is Invalid Field.
     */
    private static Completion getFeatures(TcpConnection c, Cmd cmd) {
        int fid = (int) (cmd.sqe.cdw10() & 0xFF);
        int sel = (int) (cmd.sqe.cdw10() >>> 8 & 7);
        FabricsController ctrl = c.controller;
        TcpTargetConfig cfg = c.cfg();
        if (fid != FID_TEMPERATURE_THRESHOLD && fid != FID_NUMBER_OF_QUEUES && fid != FID_KEEP_ALIVE_TIMER || sel > 3) {
            return Completion.error(Status.INVALID_FIELD);
        }
        if (sel == 3) {
            return Completion.ok(1 << 2);
        }
        boolean current = sel == 0;
        switch (fid) {
            case FID_NUMBER_OF_QUEUES -> {
                long q = current ? ctrl.queuesAllowed() : cfg.maxIoQueues() - 1;
                return Completion.ok(q | q << 16);
            }
            case FID_KEEP_ALIVE_TIMER -> {
                return Completion.ok(current ? ctrl.katoMs : FabricsController.roundKato(DEFAULT_KATO_MS, cfg.kas()));
            }
            default -> {
                int tmpsel = (int) (cmd.sqe.cdw11() >>> 16 & 0xF);
                int thsel = (int) (cmd.sqe.cdw11() >>> 20 & 3);
                if (tmpsel != 0 || thsel > 1) {
                    return Completion.error(Status.INVALID_FIELD);
                }
                int k = thsel == 1 ? (current ? ctrl.underThresholdKelvin : 0)
                        : (current ? ctrl.overThresholdKelvin : c.target.subsystem().options().wctempKelvin());
                return Completion.ok(k & 0xFFFF | (long) thsel << 20);
            }
        }
    }

    /**
     * Set Features (CDW10 FID 7:0, SV bit 31: not saveable, Feature Identifier Not Saveable). 07h: NSQR/NCQR FFFFh
     * is Invalid Field, after I/O queues exist Command Sequence Error; the grant is capped at the configured
     * queues. 0Fh: KATO in ms rounded up to KAS, 0 refused with Keep Alive Timeout Invalid when configured so;
     * restarts the timer. 04h: threshold in kelvin for TMPSEL 0 or Fh.
     */
    private static Completion setFeatures(TcpConnection c, Cmd cmd) {
        int fid = (int) (cmd.sqe.cdw10() & 0xFF);
        boolean sv = (cmd.sqe.cdw10() >>> 31 & 1) != 0;
        FabricsController ctrl = c.controller;
        TcpTargetConfig cfg = c.cfg();
        long v = cmd.sqe.cdw11();
        if (fid != FID_TEMPERATURE_THRESHOLD && fid != FID_NUMBER_OF_QUEUES && fid != FID_KEEP_ALIVE_TIMER) {
            return Completion.error(Status.INVALID_FIELD);
        }
        if (sv) {
            return Completion.error(Status.FEATURE_NOT_SAVEABLE);
        }
        switch (fid) {
            case FID_NUMBER_OF_QUEUES -> {
                int nsqr = (int) (v & 0xFFFF);
                int ncqr = (int) (v >>> 16 & 0xFFFF);
                if (nsqr == 0xFFFF || ncqr == 0xFFFF) {
                    return Completion.error(Status.INVALID_FIELD);
                }
                if (!ctrl.ioQueues.isEmpty()) {
                    return Completion.error(Status.COMMAND_SEQUENCE_ERROR);
                }
                int max = cfg.maxIoQueues() - 1;
                ctrl.queuesGranted = Math.min(max, Math.min(nsqr, ncqr));
                long granted = ctrl.queuesGranted;
                return Completion.ok(granted | granted << 16);
            }
            case FID_KEEP_ALIVE_TIMER -> {
                if (v == 0 && cfg.rejectZeroKato()) {
                    return Completion.error(Status.KEEP_ALIVE_TIMEOUT_INVALID);
                }
                ctrl.katoMs = FabricsController.roundKato(v, cfg.kas());
                ctrl.keepAliveRef = c.now();
                return Completion.ok();
            }
            default -> {
                int tmpsel = (int) (v >>> 16 & 0xF);
                int thsel = (int) (v >>> 20 & 3);
                if (tmpsel != 0 && tmpsel != 0xF || thsel > 1) {
                    return Completion.error(Status.INVALID_FIELD);
                }
                if (thsel == 1) {
                    ctrl.underThresholdKelvin = (int) (v & 0xFFFF);
                } else {
                    ctrl.overThresholdKelvin = (int) (v & 0xFFFF);
                }
                return Completion.ok();
            }
        }
    }

    /** Keep Alive (Base 2.2 §3.9): restarts the timer; with KATO 0 (keep alive off) Keep Alive Timeout Invalid. */
    private static Completion keepAlive(TcpConnection c) {
        FabricsController ctrl = c.controller;
        if (ctrl.katoMs == 0) {
            return Completion.error(Status.KEEP_ALIVE_TIMEOUT_INVALID);
        }
        ctrl.keepAliveRef = c.now();
        return Completion.ok();
    }

    private static Completion asyncEventRequest(TcpConnection c, Cmd cmd) {
        FabricsController ctrl = c.controller;
        if (ctrl.aers.size() > AERL) {
            return Completion.error(Status.AER_LIMIT_EXCEEDED);
        }
        ctrl.aers.add(cmd.cid);
        return Completion.HELD;
    }
}
