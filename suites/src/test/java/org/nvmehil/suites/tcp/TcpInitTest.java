package org.nvmehil.suites.tcp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.IcOptions;
import org.nvmehil.fixtures.tcp.IcResult;
import org.nvmehil.fixtures.tcp.TcpConnection;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.wire.Bytes;

/** Connection initialisation: ICReq / ICResp (NVMe/TCP 1.0 §3.6.2.2–3, Figs. 20–21). */
@Conformance
@DisplayName("NVMe/TCP connection initialisation (ICReq/ICResp)")
class TcpInitTest {

    static Stream<Arguments> digests() {
        return Stream.of(
                argumentSet("no digests", false, false),
                argumentSet("header digest", true, false),
                argumentSet("data digest", false, true),
                argumentSet("both digests", true, true));
    }

    static IcResult initialize(TcpHost host, boolean h, boolean d) {
        TcpConnection c = host.openConnection("icreq");
        IcResult r = c.initialize(IcOptions.DEFAULT.withDigests(h, d));
        if (r.icResp().isEmpty()) {
            throw new ConformanceFailure(Req.TCP_CONNECTION_SEQUENCE, "no ICResp: " + r.describe(), r.sent());
        }
        return r;
    }

    /**
     * Steps: ICReq requesting {@code h}/{@code d} digests. Assertions: a 128-byte ICResp with PFV 0,
     * CPDA ≤ 31, MAXH2CDATA a dword multiple, reserved bytes zero, no violation in its framing.
     */
    @ParameterizedTest(name = "ICReq with {argumentSetName} → a well-formed ICResp")
    @MethodSource("digests")
    @Spec({Req.TCP_ICRESP_PFV, Req.TCP_PDA_MAX, Req.TCP_MAXH2CDATA_DWORD, Req.TCP_HLEN, Req.TCP_PLEN, Req.TCP_RESERVED_ZERO})
    void icReq_answeredWithWellFormedIcResp(boolean h, boolean d, TcpHost host) {
        IcResult r = initialize(host, h, d);
        Bytes raw = r.response().orElseThrow().raw();
        Expect.none(r.response().get().violations(), raw);
        IcResp resp = r.icResp().get();
        Expect.equal(Req.TCP_ICRESP_PFV, "PFV", 0, resp.pfv(), raw);
        Expect.that(resp.cpda() <= 31, Req.TCP_PDA_MAX, "CPDA " + resp.cpda(), raw);
        Expect.that(resp.maxh2cdata() % 4 == 0, Req.TCP_MAXH2CDATA_DWORD, "MAXH2CDATA " + resp.maxh2cdata(), raw);
    }

    /** Assertions: the controller enables no digest the host did not request (it may refuse one requested). */
    @ParameterizedTest(name = "ICReq with {argumentSetName} → no digest granted that was not requested")
    @MethodSource("digests")
    @Spec({Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, Req.TCP_DIGEST_NEGOTIATION})
    void icResp_grantsOnlyRequestedDigests(boolean h, boolean d, TcpHost host) {
        IcResult r = initialize(host, h, d);
        IcResp resp = r.icResp().get();
        Bytes raw = r.response().get().raw();
        Expect.that(!resp.hdgstEnable() || h, Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, "header digest enabled, not requested", raw);
        Expect.that(!resp.ddgstEnable() || d, Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, "data digest enabled, not requested", raw);
    }

    /** Assertions (SHOULD): MAXH2CDATA is at least 4096 bytes. */
    @ParameterizedTest(name = "ICReq with {argumentSetName} → MAXH2CDATA at least 4096")
    @MethodSource("digests")
    @Spec(Req.TCP_MAXH2CDATA_MIN)
    void icResp_maxh2cdataAtLeast4096(boolean h, boolean d, TcpHost host) {
        IcResult r = initialize(host, h, d);
        Expect.that(r.icResp().get().maxh2cdata() >= IcResp.MAXH2CDATA_MIN, Req.TCP_MAXH2CDATA_MIN,
                "MAXH2CDATA " + r.icResp().get().maxh2cdata(), r.response().get().raw());
    }

}
