package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.link.ModelLinkFactory;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.fabrics.Cap;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.Pdu;
import org.nvmehil.protocol.tcp.PduStreamDecoder;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;

/** The socket shell: a plain java.net.Socket against TcpTargetServer, and the model driver's TCP links. */
class TcpTargetServerTest {

    @AfterAll
    static void stopTargets() {
        ModelLinkFactory.closeTcpTargets();
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }

    @Test
    void plainSocket_icReqIcResp_thenClose_serverStopsCleanly() throws Exception {
        TcpTarget t = TcpHost.target(TcpHost.config());
        TcpTargetServer server = TcpTargetServer.start(t, "127.0.0.1", 0);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(IcReq.of(true, false, 0, 0).encode().toArray());
            Bytes resp = Bytes.of(readFully(s.getInputStream(), 128));
            IcResp r = IcResp.decode(resp).get();
            assertEquals(1, r.dgst());
            assertEquals(32 * 1024, r.maxh2cdata());
        }
        assertTrue(server.awaitNoConnections(Duration.ofSeconds(5)), "the connection thread ended when the host closed");
        server.close();
        assertTrue(server.isClosed());
        assertTrue(t.connections().isEmpty());
    }

    @Test
    void plainSocket_fatalError_c2hTermReqThenEof() throws Exception {
        TcpTarget t = TcpHost.target(TcpHost.config());
        try (TcpTargetServer server = TcpTargetServer.start(t, "127.0.0.1", 0);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            Bytes bad = IcReq.of(false, false, 0, 0).encode().withByte(8, 1);
            s.getOutputStream().write(bad.toArray());
            Bytes term = Bytes.of(readFully(s.getInputStream(), 24 + 128));
            C2HTermReq c = C2HTermReq.decode(term, TcpParams.NONE).get();
            assertEquals(1, c.fes());
            assertEquals(8, c.fei());
            assertEquals(-1, s.getInputStream().read(), "the target closes after the C2HTermReq");
        }
    }

    /** Reads PDUs from a link until {@code n} arrived. */
    private static List<Bytes> pdus(Link l, PduStreamDecoder d, int n) {
        List<Bytes> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            Optional<Bytes> chunk = l.receive(Duration.ofMillis(200));
            chunk.ifPresent(c -> d.feed(c).forEach(e -> out.add(e.raw())));
        }
        return out;
    }

    @Test
    void modelDriverTcpLink_sharedTarget_connectAndPropertyGet_faultsThroughModelControl() {
        LabConfig cfg = TestConfigs.defaults();
        LinkFactory f = LinkFactory.forDriver("model");
        try (Link a = f.open(cfg, LinkFactory.Channel.TCP); Link b = f.open(cfg, LinkFactory.Channel.TCP)) {
            assertInstanceOf(TcpTargetLink.class, a);
            assertSame(((TcpTargetLink) a).server(), ((TcpTargetLink) b).server(), "one target per configuration");
            assertEquals("127.0.0.1:4420", a.describe().get("advertised"));
            ModelControl mc = (ModelControl) a;
            mc.reset();
            PduStreamDecoder d = new PduStreamDecoder();
            a.send(IcReq.of(false, false, 0, 0).encode());
            assertInstanceOf(IcResp.class, Pdu.decode(pdus(a, d, 1).get(0), TcpParams.NONE).get());
            Connect c = Connect.admin(1, 31, 5000);
            a.send(new CapsuleCmd(c.toSqe(), ConnectData.of(TcpHost.HOSTID, 0xFFFF, cfg.model().identity().subnqn(),
                    TcpHost.HOSTNQN).encode()).encode(TcpParams.NONE));
            CapsuleResp cr = (CapsuleResp) Pdu.decode(pdus(a, d, 1).get(0), TcpParams.NONE).get();
            assertTrue(cr.cqe().isSuccess(), cr.toString());
            mc.arm(FaultRule.once(new Fault.CorruptProperty(0, 1L << 16)));
            a.send(CapsuleCmd.of(PropertyGet.of(2, Property.CAP).toSqe()).encode(TcpParams.NONE));
            CapsuleResp cap = (CapsuleResp) Pdu.decode(pdus(a, d, 1).get(0), TcpParams.NONE).get();
            assertNotEquals(java.util.List.of(), new Cap(PropertyGet.value(cap.cqe())).check(false), "CQR 0 by the fault");
            assertTrue(mc.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED));
            // a fatal error: C2HTermReq, then the link reports the close
            a.send(IcReq.of(false, false, 0, 0).encode());
            Bytes term = pdus(a, d, 1).get(0);
            assertEquals(0x03, term.u8(0));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!a.peerClosed() && System.nanoTime() < deadline) {
                a.receive(Duration.ofMillis(100));
            }
            assertTrue(a.peerClosed());
            assertEquals(Optional.empty(), a.receive(Duration.ofMillis(10)));
            b.send(IcReq.of(false, false, 0, 0).encode());
            assertEquals(1, pdus(b, new PduStreamDecoder(), 1).size(), "the other link is unaffected");
            mc.reset();
            assertTrue(mc.events().isEmpty());
        }
    }

    /** Sends {@code cmd} on {@code l} and returns the CapsuleResp (C2HData before it is skipped). */
    private static CapsuleResp exchange(Link l, PduStreamDecoder d, CapsuleCmd cmd) {
        l.send(cmd.encode(TcpParams.NONE));
        while (true) {
            List<Bytes> got = pdus(l, d, 1);
            assertEquals(1, got.size(), "a PDU within 5 s");
            Pdu p = Pdu.decode(got.get(0), TcpParams.NONE).get();
            if (p instanceof CapsuleResp r) {
                return r;
            }
        }
    }

    @Test
    void overSockets_adminConnectionClosing_closesTheIoQueueConnection() {
        LabConfig cfg = TestConfigs.withLatency(Duration.ofMillis(1)); // a configuration of its own: a fresh target
        LinkFactory f = LinkFactory.forDriver("model");
        String sub = cfg.model().identity().subnqn();
        try (Link admin = f.open(cfg, LinkFactory.Channel.TCP); Link io = f.open(cfg, LinkFactory.Channel.TCP)) {
            PduStreamDecoder da = new PduStreamDecoder();
            admin.send(IcReq.of(false, false, 0, 0).encode());
            pdus(admin, da, 1);
            CapsuleResp c = exchange(admin, da, new CapsuleCmd(Connect.admin(1, 31, 5000).toSqe(),
                    ConnectData.of(TcpHost.HOSTID, 0xFFFF, sub, TcpHost.HOSTNQN).encode()));
            int cntlid = (int) c.cqe().dw0();
            exchange(admin, da, CapsuleCmd.of(org.nvmehil.protocol.fabrics.PropertySet.of(2, Property.CC,
                    0x00460001L).toSqe()));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long csts = 0;
            for (int cid = 3; (csts & 1) == 0 && System.nanoTime() < deadline; cid++) {
                csts = PropertyGet.value(exchange(admin, da, CapsuleCmd.of(PropertyGet.of(cid, Property.CSTS).toSqe())).cqe());
            }
            assertEquals(1, csts & 1, "CSTS.RDY within 5 s");
            PduStreamDecoder di = new PduStreamDecoder();
            io.send(IcReq.of(false, false, 0, 0).encode());
            pdus(io, di, 1);
            CapsuleResp ioc = exchange(io, di, new CapsuleCmd(Connect.io(1, 1, 31, 0).toSqe(),
                    ConnectData.of(TcpHost.HOSTID, cntlid, sub, TcpHost.HOSTNQN).encode()));
            assertTrue(ioc.cqe().isSuccess(), ioc.toString());
            admin.close();
            while (!io.peerClosed() && System.nanoTime() < deadline + Duration.ofSeconds(5).toNanos()) {
                io.receive(Duration.ofMillis(100));
            }
            assertTrue(io.peerClosed(), "the association ended with its admin queue");
        }
    }

    @Test
    void modelDriverTcpLink_needsDutTcp() {
        LabConfig d = TestConfigs.defaults();
        LabConfig noTcp = new LabConfig(d.lab(), d.mode(), d.allowDestructive(),
                new LabConfig.Dut(d.dut().name(), d.dut().mi(), Optional.empty()), d.timing(), d.model(), d.source());
        var e = org.junit.jupiter.api.Assertions.assertThrows(Link.LinkException.class,
                () -> LinkFactory.forDriver("model").open(noTcp, LinkFactory.Channel.TCP));
        assertTrue(e.getMessage().contains("dut.tcp"));
    }
}
