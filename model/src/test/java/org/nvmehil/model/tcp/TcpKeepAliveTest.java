package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.wire.Bytes;

/** Keep alive (Base 2.2 §3.9) driven by the test's clock: traffic and command based expiry, when the timer runs. */
class TcpKeepAliveTest {

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    private static boolean expired(TcpHost h) {
        return h.target.events().snapshot().stream()
                .anyMatch(e -> e.kind() == ModelEvent.Kind.EFFECT && e.reason().contains("keep alive timer expired"));
    }

    @Test
    void trafficBased_expiresTwoKatoAfterTheLastCommand_closesEveryConnection() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        admin.advance(ms(4000));
        assertTrue(io.exec(TcpHost.sqe(0x00, io.cid(), 1, 0, 0, 0), Bytes.EMPTY).ok(), "an I/O command is traffic too");
        admin.advance(ms(9999));
        assertFalse(admin.conn.closing(), "not before 2 x KATO after the last command");
        assertEquals(Optional.of(admin.now().plus(ms(1))), admin.target.nextDeadline());
        admin.advance(ms(1));
        assertTrue(admin.conn.closing());
        assertTrue(io.conn.closing());
        assertTrue(admin.target.controllerIds().isEmpty(), "association removed");
        assertTrue(expired(admin));
        assertFalse(admin.hasOutput(), "closed without a C2HTermReq: keep alive expiry is no transport error");
    }

    @Test
    void commandBased_keepAliveRestartsTheTimer_otherCommandsDoNot() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config().withKeepAlive(1, true, false)));
        admin.enableAdmin();
        admin.advance(ms(4000));
        assertTrue(admin.exec(TcpHost.sqe(0x18, admin.cid(), 0, 0, 0, 0), Bytes.EMPTY).ok());
        admin.advance(ms(4000));
        assertTrue(admin.identify(1, 0).ok(), "an Identify does not restart a command based timer");
        admin.advance(ms(999));
        assertFalse(admin.conn.closing());
        admin.advance(ms(1));
        assertTrue(admin.conn.closing(), "KATO after the last Keep Alive");
        assertTrue(expired(admin));
    }

    @Test
    void timerRunsOnlyWhileEnabledAndReady() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        admin.icReq();
        assertTrue(admin.connectAdmin(TcpHost.subnqn(), TcpHost.KATO, 0).ok());
        admin.advance(ms(60_000));
        assertFalse(admin.conn.closing(), "disabled controller: no keep alive");
        assertTrue(admin.propertySet(Property.CC, Cc.enable(0).value()).ok());
        admin.advance(ms(5));
        admin.advance(ms(9_999));
        assertFalse(admin.conn.closing(), "counted from activation (RDY) at the earliest");
        admin.advance(ms(1));
        assertTrue(admin.conn.closing());
    }

    @Test
    void shutdownStopsTheTimer() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        admin.enableAdmin();
        assertTrue(admin.propertySet(Property.CC, Cc.enable(0).withShn(Cc.SHN_NORMAL).value()).ok());
        admin.advance(ms(60_000));
        assertFalse(admin.conn.closing());
        assertEquals(Optional.empty(), admin.target.nextDeadline());
    }

    @Test
    void setFeaturesKatoChangesTheTimeout() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        admin.enableAdmin();
        assertTrue(admin.exec(TcpHost.sqe(0x09, admin.cid(), 0, 0x0F, 1000, 0), Bytes.EMPTY).ok());
        admin.advance(ms(1999));
        assertFalse(admin.conn.closing());
        admin.advance(ms(1));
        assertTrue(admin.conn.closing());
    }

    @Test
    void afterExpiryANewAdminConnectWorks() {
        TcpHost admin = new TcpHost(TcpHost.target(TcpHost.config()));
        int first = admin.enableAdmin();
        admin.advance(ms(10_000));
        assertTrue(admin.conn.closing());
        TcpHost again = admin.another();
        int second = again.enableAdmin();
        assertTrue(second != first, "a new controller");
    }

    @Test
    void discoveryConnection_closedAfterTheIdleTimeout() {
        TcpHost d = new TcpHost(TcpHost.target(TcpHost.config().withDiscoveryIdleTimeout(ms(2000))));
        d.icReq();
        assertTrue(d.connectAdmin(TcpTargetConfig.DISCOVERY_NQN, 0, 0).ok());
        d.advance(ms(1500));
        assertTrue(d.propertySet(Property.CC, 1).ok());
        d.advance(ms(1999));
        assertFalse(d.conn.closing());
        d.advance(ms(1));
        assertTrue(d.conn.closing());
        assertTrue(d.target.controllerIds().isEmpty());
    }
}
