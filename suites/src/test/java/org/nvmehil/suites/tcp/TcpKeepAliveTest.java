package org.nvmehil.suites.tcp;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.KeepAliveReport;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fabrics.Csts;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** Keep Alive over NVMe/TCP (NVMe Base 2.2 §3.9). Real time on both targets: a few seconds per case. */
@Conformance
@DisplayName("NVMe/TCP keep alive")
class TcpKeepAliveTest {
    static final long KATO_MS = 1000;

    /** Steps: KATO 1 s, Keep Alive every 500 ms for 3 s. Assertions: every Keep Alive succeeds; the controller stays ready. */
    @Test
    @DisplayName("Keep Alive within KATO → association kept, controller ready")
    @Spec({Req.NVMEOF_KEEP_ALIVE_TIMER_ACTIVE, Req.NVMEOF_KEEP_ALIVE_COMMAND_BASED})
    void keepAliveWithinKato_keepsTheAssociation(TcpHost host) {
        TcpController c = host.connect(host.adminOptions().withKato(KATO_MS));
        c.enable().requireReady();
        c.startKeepAlive(Duration.ofMillis(KATO_MS / 2));
        c.idle(Duration.ofMillis(3 * KATO_MS));
        KeepAliveReport r = c.stopKeepAlive().orElseThrow();
        Expect.that(r.failures().isEmpty() && r.succeeded() >= 4, Req.NVMEOF_KEEP_ALIVE_COMMAND_BASED,
                r.succeeded() + " Keep Alive succeeded, " + r.failures().size() + " failed", Bytes.EMPTY);
        Csts csts = c.csts();
        Expect.that(csts.rdy() && !csts.cfs(), Req.NVMEOF_KEEP_ALIVE_TIMER_ACTIVE, "CSTS " + csts, Bytes.EMPTY);
    }

    /**
     * Steps: KATO 1 s, enable, then send nothing for 4 × KATO. Assertions: the controller has ended the
     * association: the connection is closed, or a command now fails / CSTS.CFS is set.
     */
    @Test
    @DisplayName("no command for longer than KATO → the association is torn down")
    @Spec(Req.NVMEOF_KEEP_ALIVE_EXPIRY)
    void silenceLongerThanKato_endsTheAssociation(TcpHost host) {
        TcpController c = host.connect(host.adminOptions().withKato(KATO_MS));
        c.enable().requireReady();
        c.idle(Duration.ofMillis(4 * KATO_MS));
        boolean ended = c.admin().connection().peerClosed() || !c.isConnected();
        if (!ended) {
            var r = c.propertyGet(org.nvmehil.protocol.fabrics.Property.CSTS);
            ended = !r.isSuccess() || new Csts(r.value()).cfs() || c.admin().connection().peerClosed();
        }
        Expect.that(ended, Req.NVMEOF_KEEP_ALIVE_EXPIRY, "after " + 4 * KATO_MS + " ms without a command the controller still"
                + " answers and reports no fatal status", Bytes.EMPTY);
    }
}
