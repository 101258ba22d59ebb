package org.nvmehil.suites.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.DiscoveredEntry;
import org.nvmehil.fixtures.tcp.DiscoveryResult;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** The discovery controller and its log page (NVMe Base 2.2 §3.1.3.3, §5.1.12.3.1; NVMe/TCP 1.0 §3.1.2). */
@Conformance
@DisplayName("NVMe/TCP discovery")
class TcpDiscoveryTest {

    static Bytes evidence(DiscoveryResult r) {
        return r.reads().isEmpty() ? Bytes.EMPTY : r.reads().get(r.reads().size() - 1).evidence();
    }

    /** Assertions: the log decodes, its GENCTR is stable across a read, its entries are well formed. */
    @Test
    @DisplayName("discovery log → consistent header and entries")
    @Spec({Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, Req.NVMEOF_DISCOVERY_ENTRY, Req.TCP_TRSVCID_DECIMAL})
    void discoveryLog_isConsistent(TcpHost host) {
        DiscoveryResult r = host.discover();
        Expect.none(r.violations(), evidence(r));
        Expect.that(r.log().isPresent() && r.genctrStable(), Req.NVMEOF_DISCOVERY_LOG_CONSISTENT,
                "log " + (r.log().isPresent() ? "changed while read" : "not readable"), evidence(r));
    }

    /** Assertions: the NVM subsystem this lab names is listed, on a TCP transport. */
    @Test
    @DisplayName("discovery log → lists the configured NVM subsystem")
    @Spec(Req.NVMEOF_DISCOVERY_ENTRY)
    void discoveryLog_listsTheSubsystem(TcpHost host) {
        DiscoveryResult r = host.discover();
        String nqn = host.tcpConfig().subnqn();
        DiscoveredEntry e = r.entryFor(nqn).orElseThrow(() -> new org.nvmehil.fixtures.spec.ConformanceFailure(
                Req.NVMEOF_DISCOVERY_ENTRY, "no entry for " + nqn + " among " + r.entries().size(), evidence(r)));
        Expect.equal(Req.NVMEOF_DISCOVERY_ENTRY, "TRTYPE (3 = TCP)", 3, e.entry().trtype(), evidence(r));
    }

    /** Assertions: the entry leads to the subsystem (through the configured address) and Connect succeeds there. */
    @Test
    @DisplayName("discovery entry → Connect to the subsystem through the configured address")
    @Spec(Req.NVMEOF_DISCOVERY_ENTRY)
    void discoveredSubsystem_accepts_connect(TcpHost host) {
        DiscoveryResult r = host.discover();
        DiscoveredEntry e = r.entryFor(host.tcpConfig().subnqn()).orElseThrow();
        TcpController c = host.connect(e);
        Expect.that(c.isConnected(), Req.NVMEOF_DISCOVERY_ENTRY, c.connectResult().describe(), evidence(r));
    }
}
