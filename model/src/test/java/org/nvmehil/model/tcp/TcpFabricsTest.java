package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.model.support.TcpHost.Result;
import org.nvmehil.protocol.fabrics.Cap;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.ConnectResponse;
import org.nvmehil.protocol.fabrics.Csts;
import org.nvmehil.protocol.fabrics.Disconnect;
import org.nvmehil.protocol.fabrics.FabricsStatus;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.fabrics.PropertySet;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.fabrics.Vs;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.R2T;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Fabrics commands answered by the target: Connect (admin and I/O, every refusal with its status and IPO/IATTR),
 * Property Get/Set, initialisation (CC.EN, CSTS.RDY), shutdown, controller reset, Disconnect. Golden Linux
 * vectors (facts §13, copied from protocol's TcpVectors) drive the exchanges the captures show.
 */
class TcpFabricsTest {

    // TcpVectors §13.2 / §13.3 / §13.9 (Linux nvmet 6.1 captures)
    static final String VEC_SUBNQN = "nqn.2026-01.test:subsys1";
    static final String CONNECT_SQE = "7f 40 01 00 01 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 04 00 00 00 00 00 01 00 00 00 00 1f 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";
    static final Bytes CONNECT_DATA = ConnectData.of(java.util.UUID.fromString("6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c"),
            0xFFFF, VEC_SUBNQN, "nqn.2014-08.org.nvmexpress:uuid:6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c").encode();
    static final Bytes CONNECT = Bytes.hex("04 00 48 48 48 04 00 00" + CONNECT_SQE).concat(CONNECT_DATA);
    static final Bytes CONNECT_RESP = Bytes.hex("05 00 18 00 18 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00");
    static final Bytes CONNECT_DGST = Bytes.hex("04 03 48 4c 50 04 00 00" + CONNECT_SQE + "1c 11 3f 07").concat(CONNECT_DATA)
            .concat(Bytes.hex("31 85 43 24"));
    static final Bytes PROPERTY_GET_CAP = Bytes.hex("04 00 48 00 48 00 00 00 7f 40 02 00 04 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    static final Bytes PROPERTY_SET_CC = Bytes.hex("04 00 48 00 48 00 00 00 7f 40 05 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "00 00 00 00 14 00 00 00 01 00 46 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    static final Bytes PROPERTY_SET_SHN = Bytes.hex("04 00 48 00 48 00 00 00 7f 40 0a 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "00 00 00 00 14 00 00 00 01 40 46 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    static final Bytes IDENTIFY = Bytes.hex("04 00 48 00 48 00 00 00 06 40 07 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 10 00 00 00 00 00 5a"
            + "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    static final Bytes IDENTIFY_BEFORE_EN_NVM = Bytes.hex("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 04 00 00 00 04 00 18 80");
    static final Bytes CONNECT_UNKNOWN_SUBNQN = Bytes.hex("05 00 18 00 18 00 00 00 00 01 01 00 00 00 00 00 00 00 00 00 01 00 04 83");
    static final Bytes CONNECT_SQSIZE_0 = Bytes.hex("05 00 18 00 18 00 00 00 2c 00 00 00 00 00 00 00 00 00 00 00 01 00 04 83");
    static final Bytes CSTS_AFTER_SHUTDOWN = Bytes.hex("05 00 18 00 18 00 00 00 08 00 00 00 00 00 00 00 0b 00 00 00 0b 00 00 00");

    /** The vector subsystem NQN, KATO 0 accepted (the captures connect with KATO 0). */
    private static TcpTargetConfig vectorConfig() {
        return TcpTargetConfig.defaults(VEC_SUBNQN).withKeepAlive(1, false, true);
    }

    private static Bytes withCid(Bytes capsule, int cid) {
        return capsule.withByte(10, cid).withByte(11, 0);
    }

    @Test
    void goldenAdminConnect_byteExactResponse() {
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.icReq();
        h.sendRaw(CONNECT);
        assertEquals(CONNECT_RESP, h.nextRaw(), "CNTLID 1, SQHD 1, CID 1, success");
    }

    @Test
    void goldenAdminConnectWithDigests_fieldLevel() {
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.icReq(true, true, 0);
        h.sendRaw(CONNECT_DGST);
        Cqe cqe = h.next(CapsuleResp.class).cqe();
        assertTrue(cqe.isSuccess());
        assertEquals(1, cqe.sqhd());
        assertEquals(1, cqe.cid());
        assertEquals(h.target.controllerIds().get(0).longValue(), cqe.dw0());
    }

    @Test
    void goldenConnectWithKatoZero_refusedByDefault_keepAliveTimeoutInvalid() {
        TcpHost h = new TcpHost(TcpHost.target(TcpTargetConfig.defaults(VEC_SUBNQN)));
        h.icReq();
        h.sendRaw(CONNECT);
        Cqe cqe = h.next(CapsuleResp.class).cqe();
        assertTrue(FabricsStatus.KEEP_ALIVE_TIMEOUT_INVALID.matches(cqe), cqe.toString());
        assertEquals(0, cqe.sqhd(), "no queue was created");
        assertTrue(h.target.controllerIds().isEmpty());
    }

    @Test
    void goldenCapAndEnableSequence_identifyBeforeEnIsCommandSequenceError() {
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.icReq();
        h.sendRaw(CONNECT);
        h.nextRaw();
        h.sendRaw(PROPERTY_GET_CAP);
        Cqe cap = h.next(CapsuleResp.class).cqe();
        Cap c = new Cap(PropertyGet.value(cap));
        assertEquals(List.of(), c.check(false), "CQR 1, MQES >= 1, unlike nvmet's CQR 0");
        assertTrue(c.cqr());
        assertEquals(127, c.mqes());
        assertEquals(1, c.to());
        assertEquals(Cap.CSS_NCSS, c.css());
        assertEquals(2, cap.sqhd());
        h.send(CapsuleCmd.of(PropertyGet.of(3, Property.VS).toSqe()));
        assertEquals(0x00020000L, PropertyGet.value(h.next(CapsuleResp.class).cqe()));
        h.sendRaw(withCid(IDENTIFY, 4));
        assertEquals(IDENTIFY_BEFORE_EN_NVM, h.nextRaw(), "SQHD 4, CID 4, Command Sequence Error with DNR (8018h)");
        h.sendRaw(PROPERTY_SET_CC);
        Cqe set = h.next(CapsuleResp.class).cqe();
        assertTrue(set.isSuccess());
        assertEquals(5, set.sqhd());
        Csts before = new Csts(h.property(Property.CSTS));
        assertFalse(before.rdy(), "RDY follows after the model delay");
        h.advance(Duration.ofMillis(5));
        assertTrue(new Csts(h.property(Property.CSTS)).rdy());
        assertEquals(0x00460001L, h.property(Property.CC));
        h.sendRaw(withCid(IDENTIFY, 9));
        assertTrue(h.next() instanceof org.nvmehil.protocol.tcp.C2HData, "Identify works once ready");
    }

    @Test
    void goldenShutdown_shstOccurringThenComplete() {
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.enableAdmin();
        h.sendRaw(PROPERTY_SET_SHN);
        assertTrue(h.next(CapsuleResp.class).cqe().isSuccess());
        assertEquals(Csts.SHST_OCCURRING, new Csts(h.property(Property.CSTS)).shst());
        h.advance(Duration.ofMillis(5));
        Csts done = new Csts(h.property(Property.CSTS));
        assertEquals(Csts.SHST_COMPLETE, done.shst());
        assertTrue(done.rdy(), "RDY stays 1 until CC.EN is cleared");
        Result id = h.identify(1, 0);
        assertTrue(FabricsStatus.COMMAND_SEQUENCE_ERROR.matches(id.cqe()), "only Fabrics commands after a shutdown");
        // EN 1 -> 0 resets; EN = 1 again works
        assertTrue(h.propertySet(Property.CC, 0x00460000L).ok());
        assertEquals(0, h.property(Property.CSTS));
        assertTrue(h.propertySet(Property.CC, 0x00460001L).ok());
        h.advance(Duration.ofMillis(5));
        assertTrue(h.identify(1, 0).ok());
    }

    @Test
    void cstsAfterShutdownVector_shst10() {
        // nvmet clears RDY (08h); the model keeps RDY while EN is 1 (09h): SHST is what the vector shows
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.enableAdmin();
        h.sendRaw(PROPERTY_SET_SHN);
        h.nextRaw();
        h.advance(Duration.ofMillis(5));
        long csts = h.property(Property.CSTS);
        assertEquals(CSTS_AFTER_SHUTDOWN.u32le(8) & 0x0C, csts & 0x0C);
    }

    @Test
    void connectUnknownSubnqn_goldenResponse() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        h.sendRaw(CONNECT);
        assertEquals(CONNECT_UNKNOWN_SUBNQN, h.nextRaw(), "82h, IPS 1, IPO 256, DNR, SQHD 0");
    }

    @Test
    void connectSqsizeZero_goldenResponse() {
        TcpHost h = new TcpHost(TcpHost.target(vectorConfig()));
        h.icReq();
        h.sendRaw(CONNECT.withByte(8 + 44, 0));
        assertEquals(CONNECT_SQSIZE_0, h.nextRaw(), "82h, IPS 0, IPO 44");
    }

    /** A second Connect while the first waits for its data by R2T: refused, and only one controller exists. */
    @Test
    void secondConnectWhileTheFirstIsInProgress_commandSequenceError() {
        TcpTarget t = TcpHost.target(TcpHost.config());
        TcpHost h = new TcpHost(t);
        h.icReq();
        for (int i = 0; i < 2; i++) {
            Connect c = new Connect(h.cid(), 1, SglDescriptor.transport(1024), 0, 0, 31, 0, TcpHost.KATO, 0);
            h.send(new CapsuleCmd(c.toSqe(), Bytes.EMPTY));
        }
        h.next(R2T.class);
        Cqe refused = h.next(CapsuleResp.class).cqe();
        assertEquals(0x0C, refused.sc(), "Command Sequence Error: " + refused);
        assertEquals(0, refused.sct());
        assertTrue(t.controllerIds().isEmpty(), "no controller before the first Connect's data: " + t.controllerIds());
    }

    private static Result connect(TcpHost h, int qid, int sqsize, int cattr, long kato, int recfmt, ConnectData d) {
        Connect c = new Connect(h.cid(), 1, SglDescriptor.inCapsule(0, 1024), recfmt, qid, sqsize, cattr, kato, 0);
        return h.exec(c.toSqe(), d.encode());
    }

    private static void invalidParameters(Result r, boolean ips, int ipo) {
        ConnectResponse cr = new ConnectResponse(r.cqe());
        assertTrue(FabricsStatus.CONNECT_INVALID_PARAMETERS.matches(r.cqe()), r.cqe().toString());
        assertTrue(r.cqe().dnr());
        assertEquals(ips, cr.ips(), "IPS");
        assertEquals(ipo, cr.ipo(), "IPO");
    }

    @Test
    void adminConnectRefusals() {
        TcpTarget t = TcpHost.target(TcpHost.config());
        String sub = TcpHost.subnqn();
        ConnectData ok = ConnectData.of(TcpHost.HOSTID, 0xFFFF, sub, TcpHost.HOSTNQN);
        TcpHost h = new TcpHost(t);
        h.icReq();
        invalidParameters(connect(h, 0, 31, 0, 5000, 0, ConnectData.of(TcpHost.HOSTID, 1, sub, TcpHost.HOSTNQN)), true, 16);
        invalidParameters(connect(h, 0, 32, 0, 5000, 0, ok), false, 44);
        invalidParameters(connect(h, 0, 31, 0x20, 5000, 0, ok), false, 46);
        invalidParameters(connect(h, 0, 31, 0x01, 5000, 0, ok), false, 46);
        invalidParameters(connect(h, 0, 31, 0, 5000, 0, ConnectData.of(TcpHost.HOSTID, 0xFFFF, sub, "")), true, 512);
        Result fmt = connect(h, 0, 31, 0, 5000, 1, ok);
        assertTrue(FabricsStatus.INCOMPATIBLE_FORMAT.matches(fmt.cqe()));
        Result kato = connect(h, 0, 31, 0, 0, 0, ok);
        assertTrue(FabricsStatus.KEEP_ALIVE_TIMEOUT_INVALID.matches(kato.cqe()));
        assertTrue(t.controllerIds().isEmpty(), "no failed Connect created a controller");
        Result good = connect(h, 0, 31, 0, 5000, 0, ok);
        assertTrue(good.ok());
        assertEquals(List.of(), new ConnectResponse(good.cqe()).check(Connect.admin(1, 31, 5000), ok));
        assertEquals(1, good.cqe().sqhd());
    }

    @Test
    void hostNotAllowed_connectInvalidHost() {
        TcpTarget t = TcpHost.target(TcpHost.config().withAllowedHosts(Set.of("nqn.2014-08.org.example:other")));
        TcpHost h = new TcpHost(t);
        h.icReq();
        Result r = h.connectAdmin(TcpHost.subnqn(), 5000, 0);
        assertTrue(FabricsStatus.CONNECT_INVALID_HOST.matches(r.cqe()), r.cqe().toString());
        assertEquals(0x8308, r.cqe().status() << 1);
    }

    @Test
    void commandBeforeConnect_commandSequenceError() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        Result r = h.propertyGet(Property.CAP);
        assertTrue(FabricsStatus.COMMAND_SEQUENCE_ERROR.matches(r.cqe()));
        assertTrue(r.cqe().dnr());
        assertTrue(h.connectAdmin(TcpHost.subnqn(), 5000, 0).ok(), "Connect still possible afterwards");
    }

    @Test
    void secondConnectOnAConnectedQueue_commandSequenceError() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        assertTrue(h.connectAdmin(TcpHost.subnqn(), 5000, 0).ok());
        Result again = h.connectAdmin(TcpHost.subnqn(), 5000, 0);
        assertTrue(FabricsStatus.COMMAND_SEQUENCE_ERROR.matches(again.cqe()), again.cqe().toString());
        assertEquals(1, h.target.controllerIds().size());
    }

    @Test
    void ioConnect_flowControlDisabled_sqhdFfff_thenReservedZero() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.another();
        io.icReq();
        Result r = io.connectIo(cntlid, 2, Connect.CATTR_DISSQFC);
        assertTrue(r.ok());
        assertEquals(0xFFFF, r.cqe().sqhd(), "facts §13.7: FFFFh = flow control disabled");
        assertEquals(cntlid, r.cqe().dw0());
        Result flush = io.exec(TcpHost.sqe(0x00, io.cid(), 1, 0, 0, 0), Bytes.EMPTY);
        assertTrue(flush.ok());
        assertEquals(0, flush.cqe().sqhd(), "SQHD reserved (0) once flow control is disabled");
        assertEquals(0, flush.cqe().sqid(), "SQID reserved over Fabrics");
    }

    @Test
    void ioConnectRefusals() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        admin.icReq();
        assertTrue(admin.connectAdmin(TcpHost.subnqn(), 5000, 0).ok());
        int cntlid = admin.target.controllerIds().get(0);
        TcpHost io = admin.another();
        io.icReq();
        String sub = TcpHost.subnqn();
        invalidParameters(connect(io, 1, 31, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid, sub, TcpHost.HOSTNQN)),
                true, 16); // controller not enabled
        assertTrue(admin.propertySet(Property.CC, 0x00460001L).ok());
        admin.advance(Duration.ofMillis(5));
        invalidParameters(connect(io, 1, 31, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid + 1, sub, TcpHost.HOSTNQN)),
                true, 16);
        invalidParameters(connect(io, 1, 31, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid, sub, "nqn.2014-08.x:other")),
                true, 512);
        invalidParameters(connect(io, 1, 31, 0, 0, 0, ConnectData.of(java.util.UUID.randomUUID(), cntlid, sub,
                TcpHost.HOSTNQN)), true, 0);
        invalidParameters(connect(io, 1, 0, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid, sub, TcpHost.HOSTNQN)),
                false, 44);
        invalidParameters(connect(io, 1, 128, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid, sub, TcpHost.HOSTNQN)),
                false, 44);
        invalidParameters(connect(io, 17, 31, 0, 0, 0, ConnectData.of(TcpHost.HOSTID, cntlid, sub, TcpHost.HOSTNQN)),
                false, 42);
        Result zeroId = connect(io, 1, 31, 0, 0, 0, ConnectData.of(new java.util.UUID(0, 0), cntlid, sub, TcpHost.HOSTNQN));
        assertTrue(zeroId.ok(), "HOSTID 0 is ignored in an I/O Connect");
        TcpHost io2 = admin.another();
        io2.icReq();
        Result dup = io2.connectIo(cntlid, 1, 0);
        assertTrue(FabricsStatus.COMMAND_SEQUENCE_ERROR.matches(dup.cqe()), "QID 1 exists already");
    }

    @Test
    void propertiesOnIoQueueAndInvalidProperties_invalidField() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        assertTrue(FabricsStatus.INVALID_FIELD.matches(io.propertyGet(Property.CAP).cqe()));
        assertTrue(FabricsStatus.INVALID_FIELD.matches(io.propertySet(Property.CC, 0).cqe()));
        // reserved offset 18h, CAP as 4 bytes, CC as 8 bytes, NSSR (not supported), a write to CAP
        Sqe reserved = new PropertyGet(admin.cid(), 1, SglDescriptor.transport(0), 0, 0x18).toSqe();
        assertTrue(FabricsStatus.INVALID_FIELD.matches(admin.exec(reserved, Bytes.EMPTY).cqe()));
        Sqe cap4 = new PropertyGet(admin.cid(), 1, SglDescriptor.transport(0), 0, 0).toSqe();
        assertTrue(FabricsStatus.INVALID_FIELD.matches(admin.exec(cap4, Bytes.EMPTY).cqe()));
        Sqe cc8 = new PropertyGet(admin.cid(), 1, SglDescriptor.transport(0), 1, 0x14).toSqe();
        assertTrue(FabricsStatus.INVALID_FIELD.matches(admin.exec(cc8, Bytes.EMPTY).cqe()));
        assertTrue(FabricsStatus.INVALID_FIELD.matches(admin.propertyGet(Property.NSSR).cqe()));
        assertTrue(FabricsStatus.INVALID_FIELD.matches(admin.propertySet(Property.CAP, 0).cqe()));
        assertEquals(0x00020000L, admin.property(Property.VS));
        assertEquals("2.0.0", new Vs(admin.property(Property.VS)).toString());
        assertEquals(0x00010001L, admin.property(Property.CRTO));
    }

    @Test
    void reservedFctypeAndAuthentication_invalidField_psdt11_invalidField() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.enableAdmin();
        Sqe reserved = new Sqe(0x7F, 0, 1, h.cid(), 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(FabricsStatus.INVALID_FIELD.matches(h.exec(reserved, Bytes.EMPTY).cqe()));
        Sqe auth = new Sqe(0x7F, 0, 1, h.cid(), 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(FabricsStatus.INVALID_FIELD.matches(h.exec(auth, Bytes.EMPTY).cqe()));
        Sqe psdt3 = new PropertyGet(h.cid(), 3, SglDescriptor.transport(0), 1, 0).toSqe();
        assertTrue(FabricsStatus.INVALID_FIELD.matches(h.exec(psdt3, Bytes.EMPTY).cqe()));
        Sqe psdt0 = new PropertyGet(h.cid(), 0, SglDescriptor.transport(0), 1, 0).toSqe();
        assertTrue(h.exec(psdt0, Bytes.EMPTY).ok(), "PSDT 00b is what Base 2.2 Fig. 95 asks for: accepted");
    }

    @Test
    void invalidCcAtEnable_cfsAndNeverReady() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        assertTrue(h.connectAdmin(TcpHost.subnqn(), 5000, 0).ok());
        assertTrue(h.propertySet(Property.CC, 0x00000001L).ok(), "IOSQES/IOCQES 0");
        h.advance(Duration.ofMillis(50));
        Csts s = new Csts(h.property(Property.CSTS));
        assertTrue(s.cfs());
        assertFalse(s.rdy());
    }

    @Test
    void controllerReset_deletesIoQueues_closesTheirConnections() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        assertTrue(admin.propertySet(Property.CC, Cc.enable(0).withEn(false).value()).ok());
        assertTrue(io.conn.closing(), "I/O queue connection closed by the reset");
        assertFalse(admin.conn.closing());
        assertEquals(0, admin.property(Property.CSTS) & 1);
    }

    @Test
    void adminConnectionClosing_removesTheAssociation() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        admin.conn.peerClosed(admin.now());
        assertTrue(io.conn.closing());
        assertTrue(admin.target.controllerIds().isEmpty());
    }

    @Test
    void disconnect_adminInvalidQueueType_ioDeletesTheQueue() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        Result onAdmin = admin.exec(Disconnect.of(admin.cid()).toSqe(), Bytes.EMPTY);
        assertTrue(FabricsStatus.INVALID_QUEUE_TYPE.matches(onAdmin.cqe()));
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        assertTrue(io.exec(Disconnect.of(io.cid()).toSqe(), Bytes.EMPTY).ok());
        Result after = io.exec(TcpHost.sqe(0x00, io.cid(), 1, 0, 0, 0), Bytes.EMPTY);
        assertTrue(FabricsStatus.COMMAND_SEQUENCE_ERROR.matches(after.cqe()));
        TcpHost again = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        assertTrue(again.exec(TcpHost.sqe(0x00, again.cid(), 1, 0, 0, 0), Bytes.EMPTY).ok(), "QID 1 free again");
    }

    @Test
    void discoveryConnect_katoMustBeZero_noIoQueues() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        Result persistent = h.connectAdmin(TcpTargetConfig.DISCOVERY_NQN, 30_000, 0);
        invalidParameters(persistent, false, 48);
        Result ok = h.connectAdmin(TcpTargetConfig.DISCOVERY_NQN, 0, 0);
        assertTrue(ok.ok());
        TcpHost io = h.another();
        io.icReq();
        Connect c = Connect.io(io.cid(), 1, 31, 0);
        Result r = io.exec(c.toSqe(), ConnectData.of(TcpHost.HOSTID, (int) ok.cqe().dw0(), TcpTargetConfig.DISCOVERY_NQN,
                TcpHost.HOSTNQN).encode());
        invalidParameters(r, false, 42);
    }

    @Test
    void connectDataThroughR2T_accepted() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.icReq();
        Connect c = new Connect(h.cid(), 1, SglDescriptor.transport(1024), 0, 0, 31, 0, 5000, 0);
        Result r = h.execR2T(c.toSqe(), ConnectData.of(TcpHost.HOSTID, 0xFFFF, TcpHost.subnqn(), TcpHost.HOSTNQN).encode());
        assertTrue(r.ok(), r.cqe().toString());
        assertTrue(r.pdus().get(0) instanceof org.nvmehil.protocol.tcp.R2T);
    }

    @Test
    void connectNqnsAreUtf8() {
        assertEquals(VEC_SUBNQN, new String(CONNECT.slice(72 + 256, 72 + 256 + VEC_SUBNQN.length()).toArray(),
                StandardCharsets.UTF_8));
    }

    @Test
    void propertySetCcKeepsValueAndPropertyGetReturnsIt() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        h.enableAdmin();
        assertEquals(Cc.enable(0).value(), h.property(Property.CC));
        Cqe setResp = h.exec(PropertySet.of(h.cid(), Property.CC, Cc.enable(0).value()).toSqe(), Bytes.EMPTY).cqe();
        assertEquals(0, setResp.dw0());
    }
}
