package org.nvmehil.suites.tcp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.IcOptions;
import org.nvmehil.fixtures.tcp.IcResult;
import org.nvmehil.fixtures.tcp.TcpConnection;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.Fes;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Tcp;

/** Negotiated and configured settings: HPDA, MAXR2T, KATO, queues, the discovery controller. */
@Conformance
@DisplayName("NVMe/TCP settings: HPDA, MAXR2T, KATO, queues, discovery controller")
class TcpSettingsTest {

    /**
     * Steps: ICReq with a legal HPDA (0–31). Assertions: an ICResp, or — if the controller does not support
     * that alignment — a C2HTermReq with FES 06h Unsupported Parameter, FEI 10, before closing.
     */
    @ParameterizedTest(name = "ICReq with HPDA {0} → ICResp, or C2HTermReq 06h if unsupported")
    @ValueSource(ints = {1, 3, 31})
    @Spec({Req.TCP_PDA_MAX, Req.TCP_ICREQ_INVALID_FATAL, Req.TCP_FATAL_C2HTERMREQ})
    void legalHpda_answeredOrRefusedWithTermReq(int hpda, TcpHost host) {
        TcpConnection c = host.openConnection("hpda");
        IcResult r = c.initialize(IcOptions.DEFAULT.withHpda(hpda));
        if (r.icResp().isEmpty()) {
            Tcp.expectTermination(c, Req.TCP_ICREQ_INVALID_FATAL, Fes.UNSUPPORTED_PARAMETER,
                    java.util.Optional.of(10L), r.sent());
        }
    }

    /** Assertions: ICReq with MAXR2T values a host may ask for is answered with an ICResp. */
    @ParameterizedTest(name = "ICReq with MAXR2T {0} → ICResp")
    @ValueSource(longs = {0, 3, 15})
    @Spec(Req.TCP_R2T_MAXR2T)
    void maxr2t_answered(long maxr2t, TcpHost host) {
        IcResult r = host.openConnection("maxr2t").initialize(new IcOptions(0, false, false, maxr2t, false));
        Expect.that(r.established(), Req.TCP_R2T_MAXR2T, r.describe(), r.sent());
    }

    /**
     * Steps: admin Connect with KATO; enable; Get Features Keep Alive Timer. Assertions: Connect succeeds and
     * the timer in use is the KATO asked for, rounded up to the KAS granularity (never shorter).
     */
    @ParameterizedTest(name = "Connect with KATO {0} ms → the timer in use is at least that")
    @ValueSource(longs = {1000, 5000, 30000})
    @Spec({Req.NVMEOF_CONNECT_KATO, Req.NVMEOF_KATO_ROUNDUP})
    void connectKato_isTheTimerInUse(long kato, TcpHost host) {
        TcpController c = host.connect(host.adminOptions().withKato(kato));
        c.enable().requireReady();
        c.startKeepAlive();
        try {
            CommandResult r = c.getKeepAliveTimer().requireSuccess(Req.NVMEOF_KATO_ROUNDUP);
            long inUse = r.dw0();
            Expect.that(inUse >= kato && inUse < kato + 10_000, Req.NVMEOF_KATO_ROUNDUP,
                    "Keep Alive Timer " + inUse + " ms after a Connect with KATO " + kato + " ms", r.evidence());
        } finally {
            c.stopKeepAlive();
        }
    }

    /**
     * Assertions: Set Features Number of Queues succeeds and its completion DW0 reports NSQA and NCQA (0's based,
     * Base 2.2, Number of Queues feature) other than FFFFh, which is not a legal 0's based count (65,536 queues).
     */
    @Test
    @DisplayName("Set Features Number of Queues → at least one queue pair granted")
    @Spec(Req.NVMEOF_CAP_MQES)
    void numberOfQueues_granted(TcpHost host) {
        TcpController c = host.connect();
        c.enable().requireReady();
        CommandResult r = c.setNumberOfQueues(3, 3).requireSuccess(Req.NVMEOF_CAP_MQES);
        Expect.that((r.dw0() & 0xFFFF) != 0xFFFF && (r.dw0() >>> 16) != 0xFFFF, Req.NVMEOF_CAP_MQES,
                String.format("NSQA %04Xh, NCQA %04Xh: FFFFh is no 0's based count", r.dw0() & 0xFFFF, r.dw0() >>> 16),
                r.evidence());
    }

    /** Assertions: the discovery controller identifies itself as one (CNTRLTYPE 2) and answers for the discovery NQN. */
    @Test
    @DisplayName("discovery controller → Identify CNTRLTYPE 2, SUBNQN the discovery NQN")
    @Spec(Req.NVMEOF_DISCOVERY_CONTROLLER)
    void discoveryController_identifiesAsOne(TcpHost host) {
        TcpController d = host.connect(host.discoveryOptions());
        d.enable().requireReady();
        var id = d.identifyController();
        FabricsIdentify f = id.require(Req.NVMEOF_DISCOVERY_CONTROLLER);
        Expect.none(f.checkForTcp(d.subnqn(), d.cap().mpsmin(), true), id.command().evidence());
    }

    /** Assertions: SN, MN and FR over NVMe/TCP are printable ASCII padded with spaces. */
    @ParameterizedTest(name = "Identify Controller {0} over NVMe/TCP → ASCII, space padded")
    @ValueSource(strings = {"sn", "mn", "fr"})
    @Spec(Req.NVME_IDENTIFY_ASCII)
    void identifyStrings_asciiOverTcp(String field, TcpHost host) {
        TcpController c = host.connect();
        c.enable().requireReady();
        CommandResult r = c.identifyController().command().requireSuccess(Req.NVME_IDENTIFY_ASCII);
        Bytes data = r.data();
        var v = org.nvmehil.protocol.nvme.IdentifyController.decode(data).violations().stream()
                .filter(x -> x.req() == Req.NVME_IDENTIFY_ASCII && x.field().equalsIgnoreCase(field)).toList();
        Expect.none(v, data.head(72));
    }
}
