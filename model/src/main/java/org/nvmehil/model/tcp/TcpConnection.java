package org.nvmehil.model.tcp;

import static org.nvmehil.protocol.wire.Findings.hex8;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.nvmehil.protocol.fabrics.FabricsType;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.lab.ModelEvent.Kind;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.C2HData;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.CommonHeader;
import org.nvmehil.protocol.tcp.Fes;
import org.nvmehil.protocol.tcp.H2CData;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.Pdu;
import org.nvmehil.protocol.tcp.PduFrame;
import org.nvmehil.model.fault.Deaths;
import org.nvmehil.protocol.tcp.PduStreamDecoder;
import org.nvmehil.protocol.tcp.PduType;
import org.nvmehil.protocol.tcp.R2T;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.tcp.TermReq;
import org.nvmehil.protocol.wire.Bytes;

/**
 * One NVMe/TCP connection of the target: a pure state machine from host bytes to controller bytes (NVMe/TCP
 * 1.0). {@link #receive} takes any chunk of the host's byte stream; the PDUs to send wait in an outbox that
 * {@link #drain} empties (each unit one whole PDU, in order); {@link #closing()} says the connection must be
 * closed once the drained bytes are written.
 *
 * <h2>States</h2>
 * <ul>
 *   <li><b>Awaiting ICReq</b>: only an ICReq is accepted (anything else: C2HTermReq FES 02h PDU Sequence
 *       Error; an H2CTermReq just ends the connection). The ICReq is checked field by field in offset order
 *       (FLAGS, HLEN, PDO, PLEN, PFV, HPDA, DGST, reserved bytes; FES 01h with FEI the field's offset,
 *       §3.1) and answered with an ICResp: PFV 0, CPDA 0, each requested digest granted (config), MAXH2CDATA
 *       from the config.</li>
 *   <li><b>Ready</b>: CapsuleCmd, H2CData and H2CTermReq are accepted. A second ICReq is a PDU Sequence Error, a
 *       controller-to-host or reserved type is FES 01h, FEI 0. Each PDU's header is checked: HDGST first (FES
 *       03h, FEI = the HDGST received), then HLEN, FLAGS, PDO, PLEN, reserved bytes (FES 01h), then the type's
 *       own rules. Data digest errors are not fatal (§3.5.2): the command completes with Transient Transport
 *       Error (22h). An H2CTermReq closes the connection (§3.5.1).</li>
 *   <li><b>Closed</b>: after a fatal error (the C2HTermReq with FES, FEI and the offending header copied, then
 *       the close), a TermReq from the host, the host closing, or the end of the association. Further bytes
 *       are ignored.</li>
 * </ul>
 * The queue side (Connect, SQ head, in-flight commands, R2T/H2CData, C2HData and CapsuleResp) follows Base 2.2
 * §3.3.2, §6 and NVMe/TCP 1.0 §3.3.2; command semantics are in {@link FabricsCommands}, {@link AdminCommands}
 * and {@link IoCommands}.
 */
public final class TcpConnection {

    enum State { AWAIT_ICREQ, READY, CLOSED }

    /** A data direction and length a command moves. */
    record Plan(Dir dir, long length) {
        static final Plan NONE = new Plan(Dir.NONE, 0);
    }

    enum Dir { NONE, H2C, C2H }

    /** A command between its capsule and its completion. */
    static final class Cmd {
        final Sqe sqe;
        final int cid;
        final boolean adminQueue;
        final int fctype;
        byte[] buffer;
        long nextR2TO;
        long received;
        int outstanding;
        boolean digestError;

        Cmd(Sqe sqe, boolean adminQueue) {
            this.sqe = sqe;
            this.cid = sqe.cid();
            this.adminQueue = adminQueue;
            this.fctype = sqe.opc() == FabricsType.OPCODE ? (int) (sqe.nsid() & 0xFF) : TcpKey.UNKNOWN;
        }

        boolean fabrics() {
            return sqe.opc() == FabricsType.OPCODE;
        }

        boolean connect() {
            return fabrics() && fctype == FabricsType.CONNECT.code;
        }

        TcpKey key(int pduType) {
            return new TcpKey(pduType, adminQueue ? Match.ADMIN_QUEUE : Match.IO_QUEUE, sqe.opc(), fctype);
        }

        String name() {
            return (fabrics() ? "Fabrics " + hex8(fctype) : "opcode " + hex8(sqe.opc())) + " CID " + cid;
        }
    }

    /** One R2T the target sent and the H2CData that answers it. */
    static final class R2tState {
        final int ttag;
        final Cmd cmd;
        final long r2to;
        final long r2tl;
        long next;
        boolean done;

        R2tState(int ttag, Cmd cmd, long r2to, long r2tl) {
            this.ttag = ttag;
            this.cmd = cmd;
            this.r2to = r2to;
            this.r2tl = r2tl;
            this.next = r2to;
        }
    }

    private record Out(Duration due, Bytes bytes) {
    }

    final TcpTarget target;
    private final int id;
    private final TcpTargetConfig cfg;
    private final PduStreamDecoder stream;
    private State state = State.AWAIT_ICREQ;
    private TcpParams params = TcpParams.NONE;
    private long hostMaxR2T = 1;
    private final Deque<Out> outbox = new ArrayDeque<>();
    private boolean closing;
    private Duration now = Duration.ZERO;

    // queue state, set by a successful Connect
    FabricsController controller;
    int qid = -1;
    int sqEntries;
    boolean flowControlDisabled;
    private int sqHead;
    boolean deleted;
    private final Map<Integer, Cmd> inflight = new HashMap<>();
    private final Map<Integer, R2tState> r2ts = new HashMap<>();
    private int nextTtag;

    TcpConnection(TcpTarget target, int id) {
        this.target = target;
        this.id = id;
        this.cfg = target.config();
        int largest = Math.max(cfg.maxH2CData(), Math.max(cfg.adminInCapsuleData(), cfg.ioInCapsuleData()));
        this.stream = new PduStreamDecoder(largest + 72 + 4 + 128 + 4);
        this.now = target.now();
    }

    public int id() {
        return id;
    }

    /** The digests and alignments negotiated (none before the ICResp). */
    public TcpParams params() {
        return params;
    }

    /** The CNTLID of the controller this connection's queue belongs to, if connected. */
    public Optional<Integer> cntlid() {
        return controller == null ? Optional.empty() : Optional.of(controller.cntlid);
    }

    /** The queue ID after a successful Connect, else -1. */
    public int qid() {
        return qid;
    }

    /** No more input is processed: the connection is to be closed once its output is written. */
    public boolean closing() {
        return closing;
    }

    /** Closed and with nothing left to send. */
    public boolean closed() {
        return closing && outbox.isEmpty();
    }

    // ------------------------------------------------------------------ input

    /** Consumes a chunk of the host's byte stream at {@code now}. */
    public void receive(Bytes chunk, Duration now) {
        at(now);
        if (closing) {
            target.dropped("connection " + id + ": " + chunk.length() + " bytes after close ignored", Bytes.EMPTY);
            return;
        }
        for (PduStreamDecoder.Event e : stream.feed(chunk)) {
            if (closing) {
                break;
            }
            if (e instanceof PduStreamDecoder.Fatal f) {
                streamFatal(f);
                continue;
            }
            Deaths.Verdict v = target.deaths().onUnit();
            if (v == Deaths.Verdict.IGNORE) {
                target.dropped("connection " + id + ": model.dying: silent, PDU " + target.deaths().units() + " ignored",
                        e.raw());
            } else if (v == Deaths.Verdict.CLOSE) {
                close("model.dying: PDU " + target.deaths().units() + " closes the connection unanswered");
            } else {
                pdu(e.raw());
            }
        }
    }

    /** The host closed (or reset) the TCP connection. */
    public void peerClosed(Duration now) {
        at(now);
        if (!closing) {
            target.info("connection " + id + " closed by the host", Bytes.EMPTY);
            close("host closed the connection");
        }
    }

    /**
     * The PDUs due at {@code now}, oldest first, removed from the outbox. When the connection is closing, PDUs
     * not yet due (a {@link Fault.LateResponse}) are discarded.
     */
    public List<Bytes> drain(Duration now) {
        at(now);
        List<Bytes> out = new ArrayList<>();
        Iterator<Out> it = outbox.iterator();
        while (it.hasNext()) {
            Out o = it.next();
            if (o.due().compareTo(now) <= 0) {
                out.add(o.bytes());
                it.remove();
            }
        }
        if (closing) {
            outbox.clear();
        }
        return out;
    }

    /** When the next delayed PDU becomes due, if one waits. */
    public Optional<Duration> nextOutputAt() {
        return outbox.stream().map(Out::due).min(Duration::compareTo);
    }

    private void at(Duration t) {
        target.advance(t);
        now = target.now();
    }

    Duration now() {
        return now;
    }

    /** Stops processing and marks the connection for closing (no C2HTermReq); ends its queue or association. */
    void close(String why) {
        if (closing) {
            return;
        }
        closing = true;
        state = State.CLOSED;
        target.info("connection " + id + " closing: " + why, Bytes.EMPTY);
        target.closed(this);
        FabricsController c = controller;
        if (c != null && !c.destroyed) {
            if (qid == 0) {
                target.destroy(c, "admin queue connection " + id + " closed");
            } else if (c.ioQueues.get(qid) == this) {
                c.ioQueues.remove(qid);
            }
        }
    }

    private void streamFatal(PduStreamDecoder.Fatal f) {
        CommonHeader ch = CommonHeader.decode(f.raw());
        Optional<PduType> t = ch.type();
        if (t.isPresent() && t.get() == PduType.H2C_TERM_REQ) {
            target.info("connection " + id + ": H2CTermReq with PLEN " + ch.plen() + " outside 24..152, ignored,"
                    + " connection terminated (NVMe/TCP 1.0 §3.5.1)", f.raw());
            close("malformed H2CTermReq");
        } else if (t.isEmpty() || t.get().direction() != org.nvmehil.protocol.tcp.Direction.H2C) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_TYPE, f.raw(), "PDU type " + hex8(ch.pduType())
                    + (t.isEmpty() ? " is reserved" : " is not sent by a host"));
        } else if (state == State.AWAIT_ICREQ ? t.get() != PduType.IC_REQ : t.get() == PduType.IC_REQ) {
            fatal(Fes.PDU_SEQUENCE_ERROR, 0, f.raw(), t.get().specName() + " not expected now");
        } else if (f.reason() == PduStreamDecoder.Reason.PLEN_TOO_LARGE && t.get() == PduType.H2C_DATA) {
            fatal(Fes.DATA_TRANSFER_LIMIT_EXCEEDED, 0, f.raw(), "H2CData PLEN " + ch.plen() + " exceeds MAXH2CDATA "
                    + cfg.maxH2CData());
        } else {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PLEN, f.raw(), f.violation().detail());
        }
    }

    private void pdu(Bytes raw) {
        CommonHeader ch = CommonHeader.decode(raw);
        int type = ch.pduType();
        if (state == State.AWAIT_ICREQ) {
            if (type == PduType.H2C_TERM_REQ.code) {
                h2cTermReq(raw);
            } else if (type != PduType.IC_REQ.code) {
                fatal(Fes.PDU_SEQUENCE_ERROR, 0, raw, "PDU type " + hex8(type) + " before the ICReq");
            } else {
                icReq(raw, ch);
            }
            return;
        }
        if (type == PduType.H2C_TERM_REQ.code) {
            h2cTermReq(raw);
        } else if (type == PduType.CAPSULE_CMD.code) {
            capsule(raw, ch);
        } else if (type == PduType.H2C_DATA.code) {
            h2cData(raw, ch);
        } else if (type == PduType.IC_REQ.code) {
            fatal(Fes.PDU_SEQUENCE_ERROR, 0, raw, "a second ICReq");
        } else {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_TYPE, raw, "PDU type " + hex8(type)
                    + (PduType.of(type).isEmpty() ? " is reserved" : " travels controller to host"));
        }
    }

    // ------------------------------------------------------------------ ICReq / ICResp

    private void icReq(Bytes raw, CommonHeader ch) {
        boolean strict = cfg.rejectReservedBits();
        int pfv = raw.u16le(IcReq.OFFSET_PFV);
        int hpda = raw.u8(IcReq.OFFSET_HPDA);
        int dgst = raw.u8(IcReq.OFFSET_DGST);
        if (strict && ch.flags() != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_FLAGS, raw, "ICReq FLAGS " + hex8(ch.flags()) + " reserved");
        } else if (ch.hlen() != PduType.IC_REQ.hlen) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_HLEN, raw, "ICReq HLEN " + ch.hlen() + ", expected 128");
        } else if (strict && ch.pdo() != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PDO, raw, "ICReq PDO " + ch.pdo() + " reserved");
        } else if (ch.plen() != IcReq.SIZE) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PLEN, raw, "ICReq PLEN " + ch.plen() + ", expected 128");
        } else if (pfv != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, IcReq.OFFSET_PFV, raw, "ICReq PFV " + pfv + ", expected 0");
        } else if (hpda > 31) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, IcReq.OFFSET_HPDA, raw, "ICReq HPDA " + hpda + " above 31");
        } else if (hpda > cfg.maxHpda()) {
            fatal(Fes.UNSUPPORTED_PARAMETER, IcReq.OFFSET_HPDA, raw, "ICReq HPDA " + hpda + " above the supported "
                    + cfg.maxHpda());
        } else if (strict && (dgst & 0xFC) != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, IcReq.OFFSET_DGST, raw, "ICReq DGST " + hex8(dgst) + " reserved bits");
        } else if (strict && firstNonZero(raw, 16, IcReq.SIZE) >= 0) {
            int at = firstNonZero(raw, 16, IcReq.SIZE);
            fatal(Fes.INVALID_PDU_HEADER_FIELD, at, raw, "ICReq reserved byte " + at + " is " + hex8(raw.u8(at)));
        } else {
            boolean h = (dgst & IcReq.HDGST_ENABLE) != 0 && cfg.grantHeaderDigest();
            boolean d = (dgst & IcReq.DDGST_ENABLE) != 0 && cfg.grantDataDigest();
            IcResp resp = IcResp.of(h, d, 0, cfg.maxH2CData());
            Optional<Fault> bad = fire(TcpKey.pdu(PduType.IC_RESP.code), f -> f instanceof Fault.BadIcResp, "ICResp", raw);
            if (bad.isPresent()) {
                resp = badIcResp(resp, dgst, ((Fault.BadIcResp) bad.get()).defect());
            }
            hostMaxR2T = raw.u32le(IcReq.OFFSET_MAXR2T) + 1;
            params = new TcpParams(resp.hdgstEnable(), resp.ddgstEnable(), 0, hpda);
            state = State.READY;
            target.info("connection " + id + ": ICReq (DGST " + hex8(dgst) + ", HPDA " + hpda + ", MAXR2T "
                    + (hostMaxR2T - 1) + ") answered, HDGST " + (params.hdgst() ? "on" : "off") + ", DDGST "
                    + (params.ddgst() ? "on" : "off"), Bytes.EMPTY);
            send(resp.encode(), now);
        }
    }

    private static IcResp badIcResp(IcResp r, int asked, Fault.IcRespDefect d) {
        return switch (d) {
            case PFV -> new IcResp(1, r.cpda(), r.dgst(), r.maxh2cdata());
            case CPDA -> new IcResp(0, 32, r.dgst(), r.maxh2cdata());
            case DIGEST_NOT_REQUESTED -> new IcResp(0, r.cpda(), (asked & 3) == 3 ? 3 : (~asked & 3) | r.dgst(),
                    r.maxh2cdata());
            case MAXH2CDATA_NOT_DWORD -> new IcResp(0, r.cpda(), r.dgst(), r.maxh2cdata() + 2);
            case MAXH2CDATA_SMALL -> new IcResp(0, r.cpda(), r.dgst(), 2048);
        };
    }

    private void h2cTermReq(Bytes raw) {
        if (fire(TcpKey.pdu(PduType.H2C_TERM_REQ.code), f -> f instanceof Fault.IgnoreH2CTermReq, "H2CTermReq",
                raw).isPresent()) {
            return;
        }
        int fes = raw.length() >= 10 ? raw.u16le(TermReq.OFFSET_FES) : 0;
        target.info("connection " + id + ": H2CTermReq FES " + String.format("%02Xh", fes)
                + " received, connection terminated (NVMe/TCP 1.0 §3.5.1)", raw);
        close("H2CTermReq from the host");
    }

    // ------------------------------------------------------------------ fatal errors

    /**
     * A fatal transport error (NVMe/TCP 1.0 §3.5.1): stop processing, send a C2HTermReq with {@code fes},
     * {@code fei} and the header of {@code offending}, then close.
     */
    void fatal(Fes fes, long fei, Bytes offending, String why) {
        if (closing) {
            return;
        }
        target.info("connection " + id + ": fatal transport error, FES " + String.format("%02Xh", fes.code) + " FEI "
                + fei + ": " + why, offending.head(PduType.TERM_REQ_MAX_DATA));
        TcpKey key = TcpKey.pdu(PduType.C2H_TERM_REQ.code);
        if (fire(key, f -> f instanceof Fault.NoTermReq, "C2HTermReq (connection closed without it)", offending)
                .isPresent()) {
            close("fatal transport error, no C2HTermReq");
            return;
        }
        C2HTermReq t = C2HTermReq.of(fes, fei, offending);
        Optional<Fault> bad = fire(key, f -> f instanceof Fault.BadC2HTermReq, "C2HTermReq", offending);
        if (bad.isPresent()) {
            t = switch (((Fault.BadC2HTermReq) bad.get()).defect()) {
                case WRONG_FES -> new C2HTermReq(fes == Fes.PDU_SEQUENCE_ERROR ? 1 : 2, fei, t.data());
                case WRONG_FEI -> new C2HTermReq(t.fes(), fei + 1 & 0xFFFF_FFFFL, t.data());
                case NO_HEADER_COPY -> new C2HTermReq(t.fes(), fei, Bytes.EMPTY);
                case PLEN_TOO_LONG -> new C2HTermReq(t.fes(), fei, t.data().concat(Bytes.zeros(
                        PduType.TERM_REQ_MAX_DATA + 1 - t.data().length())));
            };
        }
        outbox.add(new Out(now, t.encode(params)));
        close("fatal transport error");
    }

    // ------------------------------------------------------------------ header checks

    /**
     * HDGST, HLEN, FLAGS and PDO of a CapsuleCmd or H2CData; returns the DATA bounds {start, end} (end excludes
     * DDGST), or null after a fatal error.
     */
    private int[] header(Bytes raw, CommonHeader ch, PduType t) {
        int len = raw.length();
        boolean hd = params.hdgst();
        int hdrEnd = t.hlen + (hd ? 4 : 0);
        if (len < hdrEnd) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PLEN, raw, t.specName() + " PLEN " + len
                    + " leaves no room for its HDGST");
            return null;
        }
        if (hd) {
            long got = raw.u32le(t.hlen);
            long want = Crc.crc32c(raw.slice(0, t.hlen));
            if (got != want) {
                fatal(Fes.HEADER_DIGEST_ERROR, got, raw, String.format("%s HDGST %08Xh, expected %08Xh", t.specName(),
                        got, want));
                return null;
            }
        }
        if (ch.hlen() != t.hlen) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_HLEN, raw, t.specName() + " HLEN " + ch.hlen()
                    + ", expected " + t.hlen);
            return null;
        }
        boolean hasData = t == PduType.H2C_DATA || len > hdrEnd;
        boolean dd = params.ddgst() && hasData;
        int reserved = ch.flags() & ~t.definedFlags;
        String flagsWrong = cfg.rejectReservedBits() && reserved != 0 ? "reserved bits " + hex8(reserved)
                : ch.hdgstf() != hd ? "HDGSTF " + (ch.hdgstf() ? 1 : 0) + " but header digests are " + (hd ? "on" : "off")
                : ch.ddgstf() != dd ? "DDGSTF " + (ch.ddgstf() ? 1 : 0) + (hasData ? " but data digests are "
                        + (dd ? "on" : "off") : " without data") : null;
        if (flagsWrong != null) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_FLAGS, raw, t.specName() + " FLAGS " + hex8(ch.flags())
                    + ": " + flagsWrong);
            return null;
        }
        if (!hasData) {
            if (ch.pdo() != 0) {
                fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PDO, raw, t.specName() + " without data has PDO "
                        + ch.pdo() + ", expected 0");
                return null;
            }
            return new int[] {hdrEnd, hdrEnd};
        }
        int end = len - (dd ? 4 : 0);
        int pdo = ch.pdo();
        int align = params.alignment(org.nvmehil.protocol.tcp.Direction.H2C);
        if (pdo < hdrEnd || pdo % align != 0 || pdo > end || (t == PduType.CAPSULE_CMD && pdo == end)) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_PDO, raw, t.specName() + " PDO " + pdo
                    + " is not a " + align + "-byte aligned offset between " + hdrEnd + " and " + end);
            return null;
        }
        int pad = firstNonZero(raw, hdrEnd, pdo);
        if (cfg.rejectReservedBits() && pad >= 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, pad, raw, "PAD byte " + pad + " is " + hex8(raw.u8(pad)));
            return null;
        }
        return new int[] {pdo, end};
    }

    private static int firstNonZero(Bytes b, int from, int to) {
        for (int i = from; i < Math.min(to, b.length()); i++) {
            if (b.u8(i) != 0) {
                return i;
            }
        }
        return -1;
    }

    private boolean dataDigestOk(Bytes raw, int start, int end) {
        if (!params.ddgst()) {
            return true;
        }
        return raw.u32le(end) == Crc.crc32c(raw.slice(start, end));
    }

    /** A data digest error: non-fatal unless the {@link Fault.DataDigestFatal} fault fires (then closes). */
    private boolean dataDigestError(Bytes raw, String what, TcpKey key) {
        target.info("connection " + id + ": data digest error in " + what + " (non-fatal, NVMe/TCP 1.0 §3.5.2)",
                raw.head(PduType.CAPSULE_CMD.hlen));
        if (fire(key, f -> f instanceof Fault.DataDigestFatal, "data digest error in " + what + ", connection closed",
                raw.head(PduType.CAPSULE_CMD.hlen)).isPresent()) {
            close("data digest error treated as fatal");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ CapsuleCmd

    private void capsule(Bytes raw, CommonHeader ch) {
        int[] d = header(raw, ch, PduType.CAPSULE_CMD);
        if (d == null) {
            return;
        }
        Bytes data = raw.slice(d[0], d[1]);
        Sqe sqe = Sqe.decode(raw.slice(CapsuleResp.OFFSET_CQE, PduType.CAPSULE_CMD.hlen)).get();
        boolean adminQueue = controller != null ? qid == 0
                : sqe.opc() != FabricsType.OPCODE || (sqe.cdw10() >>> 16) == 0;
        Cmd cmd = new Cmd(sqe, adminQueue);
        boolean digestError = !data.isEmpty() && !dataDigestOk(raw, d[0], d[1]);
        if (digestError && !dataDigestError(raw, "the CapsuleCmd of " + cmd.name(), cmd.key(PduType.CAPSULE_RESP.code))) {
            return;
        }
        command(cmd, data, digestError);
    }

    private void command(Cmd cmd, Bytes data, boolean digestError) {
        if (controller == null || deleted) {
            if (!cmd.connect() || deleted) {
                respond(cmd, Completion.error(Status.COMMAND_SEQUENCE_ERROR), 0);
                target.info("connection " + id + ": " + cmd.name() + (deleted ? " after Disconnect"
                        : " before Connect") + ": Command Sequence Error", Bytes.EMPTY);
                return;
            }
            if (!inflight.isEmpty()) {
                // a second Connect while the first still waits for its data (R2T): one association per queue
                respond(cmd, Completion.error(Status.COMMAND_SEQUENCE_ERROR), 0);
                target.info("connection " + id + ": Connect while another Connect is in progress: Command Sequence"
                        + " Error", Bytes.EMPTY);
                return;
            }
        } else {
            sqHead = (sqHead + 1) % sqEntries;
            if (cmd.connect()) {
                respond(cmd, Completion.error(Status.COMMAND_SEQUENCE_ERROR), sqhd());
                target.info("connection " + id + ": Connect on a connected queue: Command Sequence Error", Bytes.EMPTY);
                return;
            }
            if (inflight.containsKey(cmd.cid)) {
                respond(cmd, Completion.error(Status.CID_CONFLICT), sqhd());
                return;
            }
            if (inflight.size() >= sqEntries) {
                target.events().add(now, Kind.EFFECT, "connection " + id + ": SQ overrun (" + inflight.size()
                        + " commands outstanding on a " + sqEntries + "-entry SQ): CSTS.CFS, association dropped",
                        Bytes.EMPTY);
                controller.cfs = true;
                target.destroy(controller, "SQ overrun");
                return;
            }
            controller.lastCommand = now;
            if (cfg.trafficBasedKeepAlive()) {
                controller.keepAliveRef = now;
            }
        }
        inflight.put(cmd.cid, cmd);
        if (digestError) {
            complete(cmd, Completion.error(Status.TRANSIENT_TRANSPORT_ERROR));
            return;
        }
        Optional<Status> early = precheck(cmd);
        if (early.isPresent()) {
            complete(cmd, Completion.error(early.get()));
            return;
        }
        Plan plan = plan(cmd);
        SglDescriptor sgl = SglDescriptor.fromSqe(cmd.sqe);
        if (plan.dir() == Dir.NONE) {
            if (!data.isEmpty()) {
                complete(cmd, Completion.error(Status.DATA_SGL_LENGTH_INVALID));
            } else {
                complete(cmd, execute(cmd, Bytes.EMPTY));
            }
            return;
        }
        if (!sgl.isInCapsule() && !sgl.isTransport()) {
            complete(cmd, Completion.error(Status.SGL_DESCRIPTOR_TYPE_INVALID));
            return;
        }
        if (sgl.isInCapsule()) {
            int limit = cmd.adminQueue ? cfg.adminInCapsuleData() : cfg.ioInCapsuleData();
            Status s = plan.dir() == Dir.C2H ? Status.SGL_DESCRIPTOR_TYPE_INVALID
                    : data.length() > limit ? Status.DATA_SGL_LENGTH_INVALID
                    : Long.compareUnsigned(sgl.address(), data.length()) > 0 ? Status.SGL_OFFSET_INVALID
                    : sgl.address() + sgl.length() != data.length() || sgl.length() < plan.length()
                    ? Status.DATA_SGL_LENGTH_INVALID : null;
            if (s != null) {
                complete(cmd, Completion.error(s));
                return;
            }
            int from = (int) sgl.address();
            complete(cmd, execute(cmd, data.slice(from, from + (int) plan.length())));
            return;
        }
        if (!data.isEmpty()) {
            complete(cmd, Completion.error(Status.SGL_DESCRIPTOR_TYPE_INVALID));
            return;
        }
        if (sgl.length() < plan.length()) {
            complete(cmd, Completion.error(Status.DATA_SGL_LENGTH_INVALID));
            return;
        }
        if (plan.dir() == Dir.C2H) {
            complete(cmd, execute(cmd, Bytes.EMPTY));
            return;
        }
        cmd.buffer = new byte[(int) plan.length()];
        issueR2Ts(cmd);
    }

    /** Errors found before any data moves: queue type, controller state, opcode, namespace and range. */
    private Optional<Status> precheck(Cmd cmd) {
        if (cmd.fabrics()) {
            return FabricsCommands.precheck(this, cmd);
        }
        if (cmd.sqe.psdt() != 1) {
            return Optional.of(Status.INVALID_FIELD);
        }
        return cmd.adminQueue ? AdminCommands.precheck(this, cmd) : IoCommands.precheck(this, cmd);
    }

    private Plan plan(Cmd cmd) {
        if (cmd.fabrics()) {
            return cmd.connect() ? new Plan(Dir.H2C, 1024) : Plan.NONE;
        }
        return cmd.adminQueue ? AdminCommands.plan(this, cmd) : IoCommands.plan(this, cmd);
    }

    private Completion execute(Cmd cmd, Bytes data) {
        if (cmd.fabrics()) {
            return FabricsCommands.execute(this, cmd, data);
        }
        return cmd.adminQueue ? AdminCommands.execute(this, cmd) : IoCommands.execute(this, cmd, data);
    }

    // ------------------------------------------------------------------ R2T / H2CData

    private void issueR2Ts(Cmd cmd) {
        long allowed = Math.min(cfg.maxR2T(), hostMaxR2T);
        long total = cmd.buffer.length;
        long remainingR2Ts = (total - cmd.nextR2TO + cfg.r2tMaxLength() - 1) / cfg.r2tMaxLength();
        if (cmd.outstanding + remainingR2Ts > allowed && fire(cmd.key(PduType.R2T.code),
                f -> f instanceof Fault.ExceedMaxR2T, "R2T beyond MAXR2T for " + cmd.name(), Bytes.EMPTY).isPresent()) {
            allowed = hostMaxR2T + 1;
        }
        while (cmd.outstanding < allowed && cmd.nextR2TO < total) {
            long len = Math.min(cfg.r2tMaxLength(), total - cmd.nextR2TO);
            int ttag = allocTtag();
            R2tState r = new R2tState(ttag, cmd, cmd.nextR2TO, len);
            r2ts.put(ttag, r);
            cmd.nextR2TO += len;
            cmd.outstanding++;
            long wireO = r.r2to;
            long wireL = r.r2tl;
            Optional<Fault> bad = fire(cmd.key(PduType.R2T.code), f -> f instanceof Fault.BadR2T, "R2T of " + cmd.name(),
                    Bytes.EMPTY);
            if (bad.isPresent()) {
                if (((Fault.BadR2T) bad.get()).defect() == Fault.R2TDefect.NON_CONTIGUOUS) {
                    wireO += 4;
                } else {
                    wireL = total - wireO + 4;
                }
            }
            emit(List.of(frame(new R2T(cmd.cid, ttag, wireO, wireL), cmd.key(PduType.R2T.code)).encode()), now);
        }
    }

    private int allocTtag() {
        int t = nextTtag;
        while (r2ts.containsKey(t)) {
            t = t + 1 & 0xFFFF;
        }
        nextTtag = t + 1 & 0xFFFF;
        return t;
    }

    private void h2cData(Bytes raw, CommonHeader ch) {
        int[] d = header(raw, ch, PduType.H2C_DATA);
        if (d == null) {
            return;
        }
        int cccid = raw.u16le(H2CData.OFFSET_CCCID);
        int ttag = raw.u16le(H2CData.OFFSET_TTAG);
        long datao = raw.u32le(H2CData.OFFSET_DATAO);
        long datal = raw.u32le(H2CData.OFFSET_DATAL);
        int reserved = firstNonZero(raw, 20, 24);
        if (cfg.rejectReservedBits() && reserved >= 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, reserved, raw, "H2CData reserved byte " + reserved + " is non-zero");
            return;
        }
        if (d[1] - d[0] != datal) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, H2CData.OFFSET_DATAL, raw, "H2CData DATAL " + datal + " but the PDU carries "
                    + (d[1] - d[0]) + " data bytes");
            return;
        }
        if (datao % 4 != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, H2CData.OFFSET_DATAO, raw, "H2CData DATAO " + datao + " not a dword multiple");
            return;
        }
        if (datal % 4 != 0) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, H2CData.OFFSET_DATAL, raw, "H2CData DATAL " + datal + " not a dword multiple");
            return;
        }
        if (datal > cfg.maxH2CData()) {
            fatal(Fes.DATA_TRANSFER_LIMIT_EXCEEDED, 0, raw, "H2CData DATAL " + datal + " exceeds MAXH2CDATA " + cfg.maxH2CData());
            return;
        }
        R2tState r = r2ts.get(ttag);
        if (r == null) {
            Cmd waiting = inflight.get(cccid);
            if (waiting != null && waiting.buffer != null) {
                fatal(Fes.PDU_SEQUENCE_ERROR, 0, raw, "H2CData for CID " + cccid + " with TTAG " + ttag
                        + ", which no outstanding R2T carries (unsolicited)");
            } else {
                fatal(Fes.INVALID_PDU_HEADER_FIELD, H2CData.OFFSET_TTAG, raw, "H2CData TTAG " + ttag + " unknown");
            }
            return;
        }
        if (r.done) {
            fatal(Fes.PDU_SEQUENCE_ERROR, 0, raw, "H2CData for TTAG " + ttag + " after its last PDU");
            return;
        }
        if (cccid != r.cmd.cid) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, H2CData.OFFSET_CCCID, raw, "H2CData CCCID " + cccid + " but TTAG " + ttag
                    + " belongs to CID " + r.cmd.cid);
            return;
        }
        long end = r.r2to + r.r2tl;
        if (datao < r.r2to || datao + datal > end) {
            fatal(Fes.DATA_TRANSFER_OUT_OF_RANGE, 0, raw, "H2CData bytes " + datao + ".." + (datao + datal)
                    + " outside the R2T's " + r.r2to + ".." + end);
            return;
        }
        if (datao != r.next) {
            fatal(Fes.PDU_SEQUENCE_ERROR, 0, raw, "H2CData DATAO " + datao + ", expected " + r.next + " (contiguous)");
            return;
        }
        boolean reachesEnd = datao + datal == end;
        if (ch.lastPdu() != reachesEnd) {
            fatal(Fes.INVALID_PDU_HEADER_FIELD, CommonHeader.OFFSET_FLAGS, raw, "H2CData LAST_PDU " + (ch.lastPdu() ? 1 : 0)
                    + " but the data " + (reachesEnd ? "completes" : "does not complete") + " the R2T");
            return;
        }
        Cmd cmd = r.cmd;
        if (!dataDigestOk(raw, d[0], d[1])) {
            if (!dataDigestError(raw, "H2CData of " + cmd.name(), cmd.key(PduType.CAPSULE_RESP.code))) {
                return;
            }
            cmd.digestError = true;
        }
        System.arraycopy(raw.toArray(), d[0], cmd.buffer, (int) datao, (int) datal);
        r.next += datal;
        cmd.received += datal;
        if (reachesEnd) {
            r.done = true;
            cmd.outstanding--;
        }
        if (cmd.received < cmd.buffer.length) {
            if (reachesEnd) {
                issueR2Ts(cmd);
            }
            return;
        }
        r2ts.values().removeIf(x -> x.cmd == cmd);
        Bytes payload = Bytes.of(cmd.buffer);
        cmd.buffer = null;
        complete(cmd, cmd.digestError ? Completion.error(Status.TRANSIENT_TRANSPORT_ERROR) : execute(cmd, payload));
    }

    // ------------------------------------------------------------------ completions

    /** Current SQHD for responses: reserved (0) when flow control is disabled (Base 2.2 §3.3.2.5). */
    int sqhd() {
        return flowControlDisabled ? 0 : sqHead;
    }

    /** Binds this connection to a queue after a successful Connect (the Connect consumed entry 0). */
    void bind(FabricsController c, int q, int entries, boolean disableFlowControl) {
        controller = c;
        qid = q;
        sqEntries = entries;
        flowControlDisabled = disableFlowControl;
        sqHead = 1 % entries;
    }

    /** SQHD of a successful Connect response: FFFFh when SQ flow control was disabled. */
    int connectSqhd() {
        return flowControlDisabled ? 0xFFFF : sqHead;
    }

    /** Drops outstanding commands without completing them (AERs at a controller reset): their CIDs are free. */
    void forget(java.util.Collection<Integer> cids) {
        cids.forEach(inflight::remove);
    }

    /** Completes {@code cmd}: C2HData for its data (SUCCESS when allowed) and the CapsuleResp. */
    void complete(Cmd cmd, Completion c) {
        if (c == Completion.HELD) {
            return;
        }
        inflight.remove(cmd.cid);
        r2ts.values().removeIf(x -> x.cmd == cmd);
        int sqhd = cmd.connect() && c.status().isSuccess() ? connectSqhd() : controller == null ? 0 : sqhd();
        respond(cmd, c, sqhd);
    }

    private void respond(Cmd cmd, Completion c, int sqhd) {
        List<Bytes> pdus = new ArrayList<>();
        boolean ok = c.status().isSuccess();
        Bytes data = ok ? c.data() : Bytes.EMPTY;
        boolean success = ok && !data.isEmpty() && flowControlDisabled && cfg.useC2HSuccess();
        if (ok && !data.isEmpty() && !flowControlDisabled && fire(cmd.key(PduType.C2H_DATA.code),
                f -> f instanceof Fault.C2HSuccessWithFlowControl, "C2HData SUCCESS of " + cmd.name(), Bytes.EMPTY)
                .isPresent()) {
            success = true;
        }
        if (!data.isEmpty()) {
            int n = (data.length() + cfg.maxC2HData() - 1) / cfg.maxC2HData();
            for (int i = 0; i < n; i++) {
                int from = i * cfg.maxC2HData();
                int to = Math.min(data.length(), from + cfg.maxC2HData());
                boolean last = i == n - 1;
                long datao = from;
                boolean lastFlag = last;
                boolean successFlag = last && success;
                TcpKey key = cmd.key(PduType.C2H_DATA.code);
                if (i == 0) {
                    Optional<Fault> off = fire(key, f -> f instanceof Fault.BadC2HDataOffset x && x.delta() != 0,
                            "C2HData of " + cmd.name(), Bytes.EMPTY);
                    if (off.isPresent()) {
                        datao = datao + ((Fault.BadC2HDataOffset) off.get()).delta() & 0xFFFF_FFFFL;
                    }
                    if (fire(key, f -> f instanceof Fault.C2HSuccessNotLast, "C2HData of " + cmd.name(), Bytes.EMPTY)
                            .isPresent()) {
                        lastFlag = false;
                        successFlag = true;
                    }
                }
                Bytes chunk = data.slice(from, to);
                Optional<Fault> bad = fire(key, x -> x instanceof Fault.CorruptC2HData b && b.offset() >= from
                        && b.offset() < to, "C2HData of " + cmd.name(), Bytes.EMPTY);
                if (bad.isPresent()) {
                    int at = (int) (((Fault.CorruptC2HData) bad.get()).offset() - from);
                    chunk = chunk.withByte(at, ~chunk.u8(at) & 0xFF);
                }
                PduFrame f = frame(C2HData.of(cmd.cid, datao, chunk, lastFlag, successFlag), key);
                if (params.ddgst() && fire(key, x -> x instanceof Fault.CorruptDataDigest, "C2HData of " + cmd.name(),
                        Bytes.EMPTY).isPresent()) {
                    f = f.withDataDigest(f.dataDigest() ^ 0xFFFF_FFFFL);
                }
                pdus.add(f.encode());
            }
        }
        if (!success) {
            TcpKey key = cmd.key(PduType.CAPSULE_RESP.code);
            int cid = cmd.cid;
            boolean isConnect = cmd.connect();
            if (fire(key, f -> f instanceof Fault.WrongSqhd && (isConnect ? !connectAskedDisable(cmd) && ok
                    : flowControlDisabled), "CapsuleResp SQHD of " + cmd.name(), Bytes.EMPTY).isPresent()) {
                sqhd = isConnect ? 0xFFFF : 1;
            }
            if (fire(key, f -> f instanceof Fault.WrongCid, "CapsuleResp of " + cmd.name(), Bytes.EMPTY).isPresent()) {
                cid = cid + 1 & 0xFFFF;
            }
            Status s = c.status();
            Optional<Fault> st = fire(key, f -> f instanceof Fault.WrongCqeStatus, "CapsuleResp status of " + cmd.name(),
                    Bytes.EMPTY);
            Cqe cqe = st.isPresent()
                    ? new Cqe(c.dw0(), c.dw1(), sqhd, 0, cid, false, ((Fault.WrongCqeStatus) st.get()).sc(),
                            ((Fault.WrongCqeStatus) st.get()).sct(), 0, false, false)
                    : new Cqe(c.dw0(), c.dw1(), sqhd, 0, cid, false, s.sc(), s.sct(), 0, s.more(), s.dnr());
            Bytes resp = frame(new CapsuleResp(cqe), key).encode();
            if (fire(key, f -> f instanceof Fault.DropResponse, "CapsuleResp of " + cmd.name() + " (dropped)",
                    Bytes.EMPTY).isEmpty()) {
                pdus.add(resp);
                if (fire(key, f -> f instanceof Fault.DuplicateResponse, "CapsuleResp of " + cmd.name() + " (twice)",
                        Bytes.EMPTY).isPresent()) {
                    pdus.add(resp);
                }
            }
        }
        Duration due = now;
        Optional<Fault> late = fire(cmd.key(success ? PduType.C2H_DATA.code : PduType.CAPSULE_RESP.code),
                f -> f instanceof Fault.LateResponse x && x.delay() != null && !x.delay().isNegative()
                        && !x.delay().isZero(), "response of " + cmd.name(), Bytes.EMPTY);
        if (late.isPresent()) {
            due = now.plus(((Fault.LateResponse) late.get()).delay());
        }
        emit(pdus, due);
    }

    private static boolean connectAskedDisable(Cmd cmd) {
        return (cmd.sqe.cdw11() >>> 16 & org.nvmehil.protocol.fabrics.Connect.CATTR_DISSQFC) != 0;
    }

    /**
     * The frame of an outgoing PDU with the header faults applied: {@link Fault.CorruptPduHeader} (HDGST
     * recomputed) and {@link Fault.CorruptHeaderDigest}.
     */
    private PduFrame frame(Pdu pdu, TcpKey key) {
        PduFrame f = pdu.frame(params);
        String what = PduType.of(pdu.pduType()).map(PduType::specName).orElse("PDU");
        int hlen = f.header().length();
        Optional<Fault> ch = fire(key, x -> x instanceof Fault.CorruptPduHeader c && c.offset() >= 0
                && c.offset() < hlen && (c.xor() & 0xFF) != 0, what, Bytes.EMPTY);
        if (ch.isPresent()) {
            Fault.CorruptPduHeader c = (Fault.CorruptPduHeader) ch.get();
            Bytes h = f.header();
            Bytes m = h.withByte(c.offset(), h.u8(c.offset()) ^ c.xor());
            f = f.withCh(CommonHeader.decode(m)).withPsh(m.slice(CommonHeader.SIZE));
        }
        if (f.hdgst() && fire(key, x -> x instanceof Fault.CorruptHeaderDigest, what, Bytes.EMPTY).isPresent()) {
            f = f.withHeaderDigest(f.headerDigest() ^ 0xFFFF_FFFFL);
        }
        return f;
    }

    private void emit(List<Bytes> pdus, Duration due) {
        for (Bytes b : pdus) {
            outbox.add(new Out(due, b));
        }
    }

    private void send(Bytes pdu, Duration due) {
        outbox.add(new Out(due, pdu));
    }

    /** Consults the armed faults of the kinds {@code which} for {@code key}; the first that fires, if any. */
    Optional<Fault> fire(TcpKey key, Predicate<Fault> which, String what, Bytes raw) {
        List<Fault> fired = target.faults().fire(key, which, what + " on connection " + id, raw);
        return fired.isEmpty() ? Optional.empty() : Optional.of(fired.get(0));
    }

    // ------------------------------------------------------------------ for the command handlers

    TcpTargetConfig cfg() {
        return cfg;
    }
}
