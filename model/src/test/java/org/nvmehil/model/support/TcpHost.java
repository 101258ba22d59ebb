package org.nvmehil.model.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.nvmehil.model.tcp.TcpConnection;
import org.nvmehil.model.tcp.TcpTarget;
import org.nvmehil.model.tcp.TcpTargetConfig;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.fabrics.PropertySet;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.C2HData;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.Direction;
import org.nvmehil.protocol.tcp.H2CData;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.Pdu;
import org.nvmehil.protocol.tcp.PduStreamDecoder;
import org.nvmehil.protocol.tcp.R2T;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * A test host driving one {@link TcpConnection} of a {@link TcpTarget} directly (no sockets): it builds PDUs with
 * the protocol codecs, feeds their bytes, and decodes what the target puts in the outbox. Time is a field the
 * test moves with {@link #advance}.
 */
public final class TcpHost {
    public static final String HOSTNQN = "nqn.2014-08.org.nvmexpress:uuid:6b1f3c2e-8d4a-4f0b-9e27-5a1c0d9e4b73";
    public static final UUID HOSTID = UUID.fromString("6b1f3c2e-8d4a-4f0b-9e27-5a1c0d9e4b73");
    /** The Linux host's default KATO (ms). */
    public static final long KATO = 5000;

    public final TcpTarget target;
    public final TcpConnection conn;
    private final Clock clock;
    public TcpParams params = TcpParams.NONE;
    public long maxH2CData = 4096;
    private final PduStreamDecoder in = new PduStreamDecoder();
    private final Deque<Bytes> pending = new ArrayDeque<>();
    private int nextCid = 1;

    /** Shared time of every host on one target. */
    public static final class Clock {
        public Duration now = Duration.ZERO;
    }

    /** What a command produced. */
    public record Result(Cqe cqe, Bytes data, List<Pdu> pdus, boolean viaSuccess) {
        public boolean ok() {
            return cqe.isSuccess();
        }
    }

    public TcpHost(TcpTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.conn = target.accept(clock.now);
    }

    public TcpHost(TcpTarget target) {
        this(target, new Clock());
    }

    /** Another connection to the same target, sharing this host's clock. */
    public TcpHost another() {
        return new TcpHost(target, clock);
    }

    public static TcpTarget target(TcpTargetConfig cfg) {
        return new TcpTarget(cfg, Subsystem.fromConfig(TestConfigs.defaults()));
    }

    public static TcpTarget target(TcpTargetConfig cfg, LabConfig lab) {
        return new TcpTarget(cfg, Subsystem.fromConfig(lab));
    }

    public static TcpTargetConfig config() {
        return TcpTargetConfig.fromLab(TestConfigs.defaults());
    }

    public static String subnqn() {
        return TestConfigs.defaults().model().identity().subnqn();
    }

    public Duration now() {
        return clock.now;
    }

    public int cid() {
        return nextCid++;
    }

    // ------------------------------------------------------------------ raw

    public void sendRaw(Bytes b) {
        conn.receive(b, clock.now);
        pump();
    }

    public void send(Pdu p) {
        sendRaw(p.encode(params));
    }

    /** Moves time on, runs the target's timers, collects output. */
    public void advance(Duration d) {
        clock.now = clock.now.plus(d);
        target.tick(clock.now);
        pump();
    }

    /** Collects what the target has sent so far. */
    public void pump() {
        for (Bytes b : conn.drain(clock.now)) {
            for (PduStreamDecoder.Event e : in.feed(b)) {
                pending.add(e.raw());
            }
        }
    }

    /** Raw PDUs received and not yet taken. */
    public List<Bytes> pendingRaw() {
        pump();
        return List.copyOf(pending);
    }

    public boolean hasOutput() {
        pump();
        return !pending.isEmpty();
    }

    /** The next PDU's bytes; fails when none. */
    public Bytes nextRaw() {
        pump();
        if (pending.isEmpty()) {
            fail("the target sent nothing");
        }
        return pending.poll();
    }

    /** The next PDU, decoded with the negotiated parameters; must decode without violations. */
    public Pdu next() {
        Decoded<Pdu> d = Pdu.decode(nextRaw(), params, Direction.C2H);
        assertTrue(d.isClean(), () -> "target PDU violates the spec: " + d.violations() + " in " + d.raw());
        return d.get();
    }

    public <T extends Pdu> T next(Class<T> type) {
        Pdu p = next();
        return assertInstanceOf(type, p, () -> "expected " + type.getSimpleName() + ", got " + p);
    }

    /** The C2HTermReq sent on a fatal error, and the connection closed. */
    public C2HTermReq expectTermReq(int fes, long fei) {
        C2HTermReq t = next(C2HTermReq.class);
        assertEquals(fes, t.fes(), () -> "FES of " + t);
        assertEquals(fei, t.fei(), () -> "FEI of " + t);
        assertTrue(conn.closing(), "the connection closes after a C2HTermReq");
        assertTrue(!hasOutput(), "nothing after the C2HTermReq");
        return t;
    }

    // ------------------------------------------------------------------ connection set-up

    public IcResp icReq(boolean hdgst, boolean ddgst, long maxr2t) {
        IcReq req = IcReq.of(hdgst, ddgst, 0, maxr2t);
        send(req);
        IcResp r = next(IcResp.class);
        params = TcpParams.negotiate(req, r).get();
        maxH2CData = r.maxh2cdata();
        return r;
    }

    public IcResp icReq() {
        return icReq(false, false, 0);
    }

    public Result connectAdmin(String subnqn, long kato, int cattr) {
        Connect c = new Connect(cid(), 1, SglDescriptor.inCapsule(0, ConnectData.SIZE), 0, 0, 31, cattr, kato, 0);
        return exec(c.toSqe(), ConnectData.of(HOSTID, 0xFFFF, subnqn, HOSTNQN).encode());
    }

    public Result connectIo(int cntlid, int qid, int cattr) {
        Connect c = Connect.io(cid(), qid, 127, cattr);
        return exec(c.toSqe(), ConnectData.of(HOSTID, cntlid, target.config().subnqn(), HOSTNQN).encode());
    }

    public Result propertyGet(Property p) {
        return exec(PropertyGet.of(cid(), p).toSqe(), Bytes.EMPTY);
    }

    public long property(Property p) {
        Result r = propertyGet(p);
        assertTrue(r.ok(), () -> "Property Get " + p + ": " + r.cqe());
        return PropertyGet.value(r.cqe());
    }

    public Result propertySet(Property p, long v) {
        return exec(PropertySet.of(cid(), p, v).toSqe(), Bytes.EMPTY);
    }

    /** ICReq, admin Connect (KATO 5 s), CC.EN with IOSQES 6/IOCQES 4, wait until ready; returns the CNTLID. */
    public int enableAdmin(boolean hdgst, boolean ddgst) {
        icReq(hdgst, ddgst, 0);
        Result r = connectAdmin(target.config().subnqn(), KATO, 0);
        assertTrue(r.ok(), () -> "admin Connect: " + r.cqe());
        assertTrue(propertySet(Property.CC, Cc.enable(Cc.CSS_NVM).value()).ok());
        advance(target.config().readyDelay());
        assertEquals(1, property(Property.CSTS) & 1, "CSTS.RDY");
        return (int) (r.cqe().dw0() & 0xFFFF);
    }

    public int enableAdmin() {
        return enableAdmin(false, false);
    }

    /** ICReq and I/O Connect of QID {@code qid} to {@code cntlid}. */
    public TcpHost ioQueue(int cntlid, int qid, int cattr, boolean hdgst, boolean ddgst, long maxr2t) {
        TcpHost io = another();
        io.icReq(hdgst, ddgst, maxr2t);
        Result r = io.connectIo(cntlid, qid, cattr);
        assertTrue(r.ok(), () -> "I/O Connect: " + r.cqe());
        return io;
    }

    // ------------------------------------------------------------------ commands

    /**
     * Sends {@code sqe} with {@code data} in-capsule (SGL 01h set here when there is data) and plays the host
     * until the command completes: answers R2Ts from {@code h2c}, gathers C2HData.
     */
    public Result exec(Sqe sqe, Bytes data) {
        Sqe s = data.isEmpty() ? sqe : SglDescriptor.inCapsule(0, data.length()).applyTo(sqe);
        return run(new CapsuleCmd(s, data), Bytes.EMPTY);
    }

    /** A write through the Command Data Buffer: SGL 5Ah of {@code h2c.length()} bytes, data sent on R2T. */
    public Result execR2T(Sqe sqe, Bytes h2c) {
        return run(CapsuleCmd.of(SglDescriptor.transport(h2c.length()).applyTo(sqe)), h2c);
    }

    /** A command whose data comes back through C2HData: SGL 5Ah of {@code length} bytes. */
    public Result execRead(Sqe sqe, long length) {
        return run(CapsuleCmd.of(SglDescriptor.transport(length).applyTo(sqe)), Bytes.EMPTY);
    }

    public Result run(CapsuleCmd cmd, Bytes h2c) {
        send(cmd);
        Bytes data = Bytes.EMPTY;
        List<Pdu> pdus = new ArrayList<>();
        while (true) {
            if (!hasOutput()) {
                fail("command " + cmd.sqe().cid() + " got no completion; PDUs so far: " + pdus);
            }
            Pdu p = next();
            pdus.add(p);
            if (p instanceof R2T r) {
                long off = r.r2to();
                long end = r.r2to() + r.r2tl();
                while (off < end) {
                    long n = Math.min(maxH2CData, end - off);
                    send(H2CData.of(r.cccid(), r.ttag(), off, h2c.slice((int) off, (int) (off + n)), off + n == end));
                    off += n;
                }
            } else if (p instanceof C2HData c) {
                assertEquals(data.length(), c.datao(), "C2HData DATAO is sequential");
                data = data.concat(c.data());
                if (c.success()) {
                    return new Result(new Cqe(0, 0, 0, 0, c.cccid(), false, 0, 0, 0, false, false), data, pdus, true);
                }
            } else if (p instanceof CapsuleResp r) {
                return new Result(r.cqe(), data, pdus, false);
            } else {
                fail("unexpected " + p);
            }
        }
    }

    public static Sqe sqe(int opc, int cid, long nsid, long cdw10, long cdw11, long cdw12) {
        return new Sqe(opc, 0, 1, cid, nsid, 0, 0, 0, 0, 0, cdw10, cdw11, cdw12, 0, 0, 0);
    }

    public Result identify(int cns, long nsid) {
        return execRead(sqe(0x06, cid(), nsid, cns, 0, 0), 4096);
    }

    public Result read(long nsid, long slba, int nlb, int blockSize) {
        return execRead(sqe(0x02, cid(), nsid, slba & 0xFFFF_FFFFL, slba >>> 32, nlb - 1), (long) nlb * blockSize);
    }

    public Result write(long nsid, long slba, Bytes data, int blockSize) {
        Sqe s = sqe(0x01, cid(), nsid, slba & 0xFFFF_FFFFL, slba >>> 32, data.length() / blockSize - 1);
        return exec(s, data);
    }

    public Result writeR2T(long nsid, long slba, Bytes data, int blockSize) {
        Sqe s = sqe(0x01, cid(), nsid, slba & 0xFFFF_FFFFL, slba >>> 32, data.length() / blockSize - 1);
        return execR2T(s, data);
    }

    public Result getLogPage(int lid, long nsid, int length, long offset) {
        long numd = length / 4 - 1;
        Sqe s = new Sqe(0x02, 0, 1, cid(), nsid, 0, 0, 0, 0, 0, lid | (numd & 0xFFFF) << 16, numd >>> 16,
                offset & 0xFFFF_FFFFL, offset >>> 32, 0, 0);
        return execRead(s, length);
    }

    /** Bytes with byte i = (mul x i + add) mod 256. */
    public static Bytes pattern(int n, int mul, int add) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (mul * i + add);
        }
        return Bytes.of(b);
    }
}
