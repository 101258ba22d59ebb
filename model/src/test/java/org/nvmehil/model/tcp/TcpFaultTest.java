package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.model.support.TcpHost.Result;
import org.nvmehil.protocol.fabrics.Cap;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectResponse;
import org.nvmehil.protocol.fabrics.Csts;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.fault.FaultRule.Match;
import org.nvmehil.protocol.fault.FaultRule.Times;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.C2HData;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.Direction;
import org.nvmehil.protocol.tcp.H2CTermReq;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.Pdu;
import org.nvmehil.protocol.tcp.PduFrame;
import org.nvmehil.protocol.tcp.PduType;
import org.nvmehil.protocol.tcp.R2T;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Every NVMe/TCP fault (Fault layer TCP, plus LateResponse on the TCP target) changes what the target does in the
 * way its Javadoc says, and only when armed: the bytes are then what a suite check must reject (decoded here
 * with the protocol's own checks where one exists). The vocabulary check in FaultTest also looks here.
 */
class TcpFaultTest {

    private final TcpTarget target = TcpHost.target(TcpHost.config());
    private final TcpHost admin = new TcpHost(target);

    private void arm(Fault f) {
        target.faults().arm(FaultRule.once(f));
    }

    private void arm(Fault f, Match m) {
        target.faults().arm(FaultRule.once(f).on(m));
    }

    private boolean fired() {
        return target.events().snapshot().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED);
    }

    private TcpHost io(boolean digests, int cattr) {
        int cntlid = admin.enableAdmin(digests, digests);
        return admin.ioQueue(cntlid, 1, cattr, digests, digests, 0);
    }

    private static Sqe readSqe(int cid, int nlb) {
        return SglDescriptor.transport(nlb * 512L).applyTo(TcpHost.sqe(0x02, cid, 1, 0, 0, nlb - 1));
    }

    @Test
    void corruptHeaderDigest_capsuleRespHdgstWrong() {
        admin.enableAdmin(true, true);
        arm(new Fault.CorruptHeaderDigest(), Match.tcpPdu(PduType.CAPSULE_RESP.code));
        admin.send(CapsuleCmd.of(new org.nvmehil.protocol.fabrics.PropertyGet(9, 1, SglDescriptor.transport(0), 0,
                Property.VS.offset).toSqe()));
        Decoded<Pdu> d = Pdu.decode(admin.nextRaw(), admin.params, Direction.C2H);
        assertTrue(d.violates(Req.TCP_HEADER_DIGEST), d.violations().toString());
        assertTrue(fired());
    }

    @Test
    void corruptDataDigest_c2hDataDdgstWrong_onlyWithDataDigests() {
        TcpHost io = io(true, 0);
        arm(new Fault.CorruptDataDigest());
        io.send(CapsuleCmd.of(readSqe(7, 1)));
        Decoded<Pdu> d = Pdu.decode(io.nextRaw(), io.params, Direction.C2H);
        assertTrue(d.violates(Req.TCP_DATA_DIGEST));
        assertFalse(d.violates(Req.TCP_HEADER_DIGEST));
        assertTrue(fired());
    }

    @Test
    void wrongCid_capsuleRespCidPlusOne() {
        admin.enableAdmin();
        arm(new Fault.WrongCid(), Match.tcpAdmin(0x06));
        admin.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, 40, 0, 1, 0, 0))));
        assertEquals(40, admin.next(C2HData.class).cccid());
        assertEquals(41, admin.next(CapsuleResp.class).cqe().cid());
        assertTrue(fired());
    }

    @Test
    void wrongCqeStatus_replacesTheStatusOnly() {
        admin.enableAdmin();
        arm(new Fault.WrongCqeStatus(1, 0x82), Match.tcpAdmin(0x18));
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 34, 0, 0, 0, 0)));
        Cqe cqe = admin.next(CapsuleResp.class).cqe();
        assertEquals(34, cqe.cid());
        assertEquals(1, cqe.sct());
        assertEquals(0x82, cqe.sc());
        assertFalse(cqe.dnr());
        assertTrue(fired());
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 35, 0, 0, 0, 0)));
        assertEquals(0, admin.next(CapsuleResp.class).cqe().sc(), "armed once");
    }

    @Test
    void corruptC2HData_invertsTheByteAtItsOffset() {
        admin.enableAdmin();
        Bytes clean = readIdentify(42);
        arm(new Fault.CorruptC2HData(4), Match.tcpAdmin(0x06));
        Bytes bad = readIdentify(43);
        assertEquals(clean.length(), bad.length());
        assertEquals(clean.u8(4) ^ 0xFF, bad.u8(4), "SN's first byte inverted");
        assertEquals(clean.withByte(4, bad.u8(4)), bad, "nothing else changed");
        assertTrue(fired());
    }

    /** Identify Controller's data as the host receives it (one C2HData at the target's MAXC2HDATA). */
    private Bytes readIdentify(int cid) {
        admin.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, cid, 0, 1, 0, 0))));
        Bytes data = admin.next(C2HData.class).data();
        admin.next(CapsuleResp.class);
        return data;
    }

    @Test
    void duplicateResponse_capsuleRespTwice() {
        admin.enableAdmin();
        arm(new Fault.DuplicateResponse());
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 33, 0, 0, 0, 0)));
        assertEquals(33, admin.next(CapsuleResp.class).cqe().cid());
        assertEquals(33, admin.next(CapsuleResp.class).cqe().cid());
        assertFalse(admin.hasOutput());
    }

    @Test
    void dropResponse_noCapsuleResp_dataStillSent() {
        admin.enableAdmin();
        arm(new Fault.DropResponse());
        admin.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, 41, 0, 1, 0, 0))));
        admin.next(C2HData.class);
        assertFalse(admin.hasOutput(), "CapsuleResp dropped");
        assertTrue(fired());
    }

    @Test
    void lateResponse_onTheTcpTarget_overtakenByTheNextCommand() {
        admin.enableAdmin();
        arm(new Fault.LateResponse(Duration.ofMillis(300)), Match.tcpAdmin(0x18));
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 50, 0, 0, 0, 0)));
        assertFalse(admin.hasOutput());
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 51, 0, 0, 0, 0)));
        assertEquals(51, admin.next(CapsuleResp.class).cqe().cid());
        assertEquals(java.util.Optional.of(admin.now().plus(Duration.ofMillis(300))), target.nextDeadline());
        admin.advance(Duration.ofMillis(300));
        assertEquals(50, admin.next(CapsuleResp.class).cqe().cid());
    }

    @Test
    void badC2HDataOffset_firstDataoMoved() {
        admin.enableAdmin();
        arm(new Fault.BadC2HDataOffset(4));
        admin.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, 42, 0, 1, 0, 0))));
        C2HData c = admin.next(C2HData.class);
        assertEquals(4, c.datao());
        assertTrue(c.datao() + c.datal() > 4096, "beyond the 4096-byte buffer");
    }

    @Test
    void badR2T_nonContiguousOffset_andBeyondTheBuffer() {
        TcpHost io = io(false, 0);
        arm(new Fault.BadR2T(Fault.R2TDefect.NON_CONTIGUOUS));
        io.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x01, 5, 1, 0, 0, 7))));
        assertEquals(4, io.next(R2T.class).r2to());
        arm(new Fault.BadR2T(Fault.R2TDefect.BEYOND_BUFFER));
        io.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x01, 6, 1, 0, 0, 7))));
        R2T r = io.next(R2T.class);
        assertEquals(4100, r.r2to() + r.r2tl());
    }

    @Test
    void exceedMaxR2T_oneR2TMoreThanTheHostAllows() {
        TcpTarget t = TcpHost.target(TcpHost.config().withR2T(4096, 4));
        TcpHost a = new TcpHost(t);
        TcpHost io = a.ioQueue(a.enableAdmin(), 1, 0, false, false, 0);
        t.faults().arm(FaultRule.once(new Fault.ExceedMaxR2T()));
        io.send(CapsuleCmd.of(SglDescriptor.transport(16384).applyTo(TcpHost.sqe(0x01, 5, 1, 0, 0, 31))));
        io.next(R2T.class);
        io.next(R2T.class);
        assertFalse(io.hasOutput(), "MAXR2T 0 allows one; the fault sends two");
    }

    @Test
    void inconsistentIdentify_eachFieldBreaksItsCheck() {
        admin.enableAdmin();
        for (Fault.IdentifyField field : List.of(Fault.IdentifyField.SUBNQN, Fault.IdentifyField.MDTS,
                Fault.IdentifyField.ICDOFF, Fault.IdentifyField.IORCSZ, Fault.IdentifyField.KAS)) {
            arm(new Fault.InconsistentIdentify(field));
            FabricsIdentify f = FabricsIdentify.decode(admin.identify(1, 0).data()).get();
            assertNotEquals(List.of(), f.checkForTcp(TcpHost.subnqn(), 0, false), field.name());
        }
        arm(new Fault.InconsistentIdentify(Fault.IdentifyField.CNTRLTYPE));
        assertEquals(2, FabricsIdentify.decode(admin.identify(1, 0).data()).get().cntrltype());
        assertEquals(List.of(), FabricsIdentify.decode(admin.identify(1, 0).data()).get()
                .checkForTcp(TcpHost.subnqn(), 0, false), "disarmed after once");
    }

    @Test
    void noTermReq_closesSilently() {
        arm(new Fault.NoTermReq());
        admin.sendRaw(IcReq.of(false, false, 0, 0).encode().withByte(8, 1));
        assertFalse(admin.hasOutput());
        assertTrue(admin.conn.closing());
        assertTrue(fired());
    }

    @Test
    void dataDigestFatal_closesOnADataDigestError() {
        TcpHost io = io(true, 0);
        arm(new Fault.DataDigestFatal());
        Sqe w = SglDescriptor.inCapsule(0, 512).applyTo(TcpHost.sqe(0x01, 8, 1, 0, 0, 0));
        PduFrame f = new CapsuleCmd(w, Bytes.zeros(512)).frame(io.params).withDataDigest(1);
        io.sendRaw(f.encode());
        assertFalse(io.hasOutput(), "no completion, no C2HTermReq");
        assertTrue(io.conn.closing());
    }

    @Test
    void badIcResp_eachDefectIsReportedByTheIcRespChecks() {
        assertIcResp(Fault.IcRespDefect.PFV, Req.TCP_ICRESP_PFV);
        assertIcResp(Fault.IcRespDefect.CPDA, Req.TCP_PDA_MAX);
        assertIcResp(Fault.IcRespDefect.MAXH2CDATA_NOT_DWORD, Req.TCP_MAXH2CDATA_DWORD);
        assertIcResp(Fault.IcRespDefect.MAXH2CDATA_SMALL, Req.TCP_MAXH2CDATA_MIN);
        TcpHost h = new TcpHost(target);
        arm(new Fault.BadIcResp(Fault.IcRespDefect.DIGEST_NOT_REQUESTED));
        IcReq req = IcReq.of(false, false, 0, 0);
        h.send(req);
        IcResp r = IcResp.decode(h.nextRaw()).get();
        assertTrue(TcpParams.negotiate(req, r).violates(Req.TCP_ICRESP_DIGEST_NOT_REQUESTED));
    }

    private void assertIcResp(Fault.IcRespDefect defect, Req req) {
        TcpHost h = new TcpHost(target);
        arm(new Fault.BadIcResp(defect));
        h.send(IcReq.of(false, false, 0, 0));
        assertTrue(IcResp.decode(h.nextRaw()).violates(req), defect.name());
    }

    @Test
    void badC2HTermReq_wrongFesFeiNoCopyTooLong() {
        Bytes bad = IcReq.of(false, false, 0, 0).encode().withByte(8, 1);
        assertEquals(2, termReq(Fault.TermReqDefect.WRONG_FES, bad).fes());
        assertEquals(9, termReq(Fault.TermReqDefect.WRONG_FEI, bad).fei());
        assertEquals(0, termReq(Fault.TermReqDefect.NO_HEADER_COPY, bad).data().length());
        TcpHost h = new TcpHost(target);
        arm(new Fault.BadC2HTermReq(Fault.TermReqDefect.PLEN_TOO_LONG));
        h.conn.receive(bad, h.now());
        Bytes raw = h.conn.drain(h.now()).get(0);
        assertEquals(153, raw.length());
        assertTrue(C2HTermReq.decode(raw, TcpParams.NONE).violates(Req.TCP_TERMREQ_PLEN));
    }

    private C2HTermReq termReq(Fault.TermReqDefect d, Bytes bad) {
        TcpHost h = new TcpHost(target);
        arm(new Fault.BadC2HTermReq(d));
        h.sendRaw(bad);
        return h.next(C2HTermReq.class);
    }

    @Test
    void c2HSuccessNotLast_successWithoutLastPdu() {
        admin.enableAdmin();
        arm(new Fault.C2HSuccessNotLast());
        admin.send(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, 43, 0, 1, 0, 0))));
        Decoded<Pdu> d = Pdu.decode(admin.nextRaw(), admin.params, Direction.C2H);
        assertTrue(d.violates(Req.TCP_C2H_SUCCESS_NOT_LAST));
    }

    @Test
    void c2HSuccessWithFlowControl_successAndNoCapsuleRespOnAFlowControlledQueue() {
        TcpHost io = io(false, 0);
        arm(new Fault.C2HSuccessWithFlowControl());
        io.send(CapsuleCmd.of(readSqe(9, 1)));
        C2HData c = io.next(C2HData.class);
        assertTrue(c.success() && c.lastPdu());
        assertFalse(io.hasOutput());
        assertFalse(io.conn.cntlid().isEmpty());
    }

    @Test
    void wrongSqhd_connectFfffWithoutDissqfc_nonZeroOnADisabledQueue() {
        int cntlid = admin.enableAdmin();
        arm(new Fault.WrongSqhd(), Match.fabrics(0x01));
        TcpHost io = admin.another();
        io.icReq();
        Result r = io.connectIo(cntlid, 1, 0);
        assertEquals(0xFFFF, r.cqe().sqhd());
        assertNotEquals(List.of(), new ConnectResponse(r.cqe()).check(Connect.io(1, 1, 127, 0),
                org.nvmehil.protocol.fabrics.ConnectData.of(TcpHost.HOSTID, cntlid, TcpHost.subnqn(), TcpHost.HOSTNQN)));
        TcpHost io2 = admin.ioQueue(cntlid, 2, Connect.CATTR_DISSQFC, false, false, 0);
        arm(new Fault.WrongSqhd());
        Cqe flush = io2.exec(TcpHost.sqe(0x00, io2.cid(), 1, 0, 0, 0), Bytes.EMPTY).cqe();
        assertEquals(1, flush.sqhd());
    }

    @Test
    void corruptPduHeader_statusAndReservedBytes_hdgstStillValid() {
        admin.enableAdmin(true, false);
        arm(new Fault.CorruptPduHeader(23, 0x80), Match.tcpPdu(PduType.CAPSULE_RESP.code));
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 60, 0, 0, 0, 0)));
        Bytes raw = admin.nextRaw();
        Decoded<Pdu> d = Pdu.decode(raw, admin.params, Direction.C2H);
        assertFalse(d.violates(Req.TCP_HEADER_DIGEST), "HDGST recomputed");
        assertTrue(((CapsuleResp) d.get()).cqe().dnr(), "DNR set on a success");
        arm(new Fault.CorruptPduHeader(3, 0x08), Match.tcpPdu(PduType.CAPSULE_RESP.code));
        admin.send(CapsuleCmd.of(TcpHost.sqe(0x18, 61, 0, 0, 0, 0)));
        assertTrue(Pdu.decode(admin.nextRaw(), admin.params, Direction.C2H).violates(Req.TCP_RESERVED_ZERO), "PDO reserved");
    }

    @Test
    void corruptProperty_capCqrZero() {
        admin.enableAdmin();
        arm(new Fault.CorruptProperty(Property.CAP.offset, 1L << 16));
        Cap cap = new Cap(admin.property(Property.CAP));
        assertFalse(cap.cqr());
        assertTrue(cap.check(false).stream().anyMatch(v -> v.req() == Req.NVMEOF_CAP_CQR));
        assertTrue(new Cap(admin.property(Property.CAP)).cqr(), "once");
    }

    @Test
    void noKeepAliveExpiry_associationSurvives() {
        admin.enableAdmin();
        target.faults().arm(FaultRule.always(new Fault.NoKeepAliveExpiry()));
        admin.advance(Duration.ofSeconds(60));
        assertFalse(admin.conn.closing());
        assertTrue(fired());
    }

    @Test
    void neverReady_rdyStaysZero() {
        admin.icReq();
        assertTrue(admin.connectAdmin(TcpHost.subnqn(), TcpHost.KATO, 0).ok());
        arm(new Fault.NeverReady());
        assertTrue(admin.propertySet(Property.CC, Cc.enable(0).value()).ok());
        admin.advance(Duration.ofSeconds(10));
        assertFalse(new Csts(admin.property(Property.CSTS)).rdy());
    }

    @Test
    void ignoreH2CTermReq_connectionStaysOpen() {
        admin.icReq();
        arm(new Fault.IgnoreH2CTermReq());
        admin.send(H2CTermReq.of(org.nvmehil.protocol.tcp.Fes.PDU_SEQUENCE_ERROR, 0, Bytes.zeros(24)));
        assertFalse(admin.conn.closing());
        assertTrue(fired());
    }

    @Test
    void tcpRulesDoNotMatchMiTrafficAndBack() {
        Match tcp = Match.tcpAdmin(0x06);
        assertFalse(tcp.matches(0x04, 2, 0x06), "an MI Admin Identify is no TCP command");
        assertFalse(Match.mi(2, 0x06).matchesTcp(5, 0, 0x06, -1));
        assertTrue(Match.ANY.matchesTcp(5, 0, 0x06, -1));
        assertTrue(tcp.matchesTcp(5, 0, 0x06, -1));
        assertFalse(tcp.matchesTcp(5, 1, 0x06, -1), "an I/O Read (02h) is not the admin 06h");
        assertEquals(new Times(0, 1), FaultRule.once(new Fault.WrongCid()).times());
    }
}
