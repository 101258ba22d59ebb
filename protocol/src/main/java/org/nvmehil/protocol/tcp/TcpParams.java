package org.nvmehil.protocol.tcp;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Findings;

/**
 * What ICReq/ICResp negotiated for a connection (NVMe/TCP 1.0 §3.3, §3.3.1.1): which digests are on and the
 * data alignment each side asked for. CPDA applies to H2C PDUs (the controller's request), HPDA to C2H PDUs.
 * Values up to 255 are representable so illegal alignments can be built.
 *
 * @param hdgst header digests in use
 * @param ddgst data digests in use
 * @param cpda  controller PDU data alignment, 0's based dwords (from the ICResp)
 * @param hpda  host PDU data alignment, 0's based dwords (from the ICReq)
 */
public record TcpParams(boolean hdgst, boolean ddgst, int cpda, int hpda) {

    /** No digests, no alignment: the state before (and without) negotiation. */
    public static final TcpParams NONE = new TcpParams(false, false, 0, 0);
    /** Both digests, no alignment (what Linux negotiates with {@code -g -G}). */
    public static final TcpParams DIGESTS = new TcpParams(true, true, 0, 0);

    public TcpParams {
        checkBits("cpda", cpda, 8);
        checkBits("hpda", hpda, 8);
    }

    public TcpParams withDigests(boolean h, boolean d) {
        return new TcpParams(h, d, cpda, hpda);
    }

    public TcpParams withCpda(int v) {
        return new TcpParams(hdgst, ddgst, v, hpda);
    }

    public TcpParams withHpda(int v) {
        return new TcpParams(hdgst, ddgst, cpda, v);
    }

    /** DATA alignment in bytes for PDUs going {@code d}: (CPDA+1)x4 host to controller, (HPDA+1)x4 back. */
    public int alignment(Direction d) {
        return ((d == Direction.H2C ? cpda : hpda) + 1) * 4;
    }

    /** Header bytes including HDGST when {@code t} carries one. */
    public int headerSize(PduType t) {
        return t.hlen + (hdgst && t.headerDigest() ? 4 : 0);
    }

    /**
     * PDO of a data-bearing PDU of type {@code t}: roundup(HLEN + HDGST, alignment) (NVMe/TCP 1.0 §3.3,
     * Figs. 8-9). CPDA 0Fh gives 64 for H2CData without HDGST; HPDA 03h gives 32 for C2HData.
     */
    public int dataOffset(PduType t) {
        int a = alignment(t.direction());
        int h = headerSize(t);
        return (h + a - 1) / a * a;
    }

    /**
     * The parameters a host derives from its ICReq and the controller's ICResp: a digest is on only if both set
     * it, CPDA from the ICResp, HPDA from the ICReq. An ICResp that enables a digest the host did not ask for is
     * reported (TCP_ICRESP_DIGEST_NOT_REQUESTED, offset 11); the digest then counts as off. A refused digest is
     * legal (the host may decide to terminate) and is not reported. Raw bytes are the ICResp.
     */
    public static Decoded<TcpParams> negotiate(IcReq req, IcResp resp) {
        Findings f = new Findings();
        if (resp.hdgstEnable() && !req.hdgstEnable()) {
            f.add(Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, "dgst.hdgstEnable", IcReq.OFFSET_DGST,
                    "ICResp enables header digests, the ICReq did not ask for them");
        }
        if (resp.ddgstEnable() && !req.ddgstEnable()) {
            f.add(Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, "dgst.ddgstEnable", IcReq.OFFSET_DGST,
                    "ICResp enables data digests, the ICReq did not ask for them");
        }
        TcpParams p = new TcpParams(req.hdgstEnable() && resp.hdgstEnable(), req.ddgstEnable() && resp.ddgstEnable(),
                resp.cpda(), req.hpda());
        return f.result(p, resp.encode());
    }
}
