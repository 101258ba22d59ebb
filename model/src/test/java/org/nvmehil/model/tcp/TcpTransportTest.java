package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.CommonHeader;
import org.nvmehil.protocol.tcp.H2CData;
import org.nvmehil.protocol.tcp.H2CTermReq;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.IcResp;
import org.nvmehil.protocol.tcp.PduFrame;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The transport layer of the target: ICReq/ICResp, PDU header checks, fatal errors (C2HTermReq with FES, FEI and
 * the offending header, then close), TermReqs from the host, stream framing.
 */
class TcpTransportTest {

    /** Golden ICReq without digests (facts §13.1; TcpVectors.ICREQ). */
    static final Bytes ICREQ = Bytes.hex("00 00 80 00 80 00 00 00 00 00 00 00 00 00 00 00").concat(Bytes.zeros(112));
    /** Golden ICReq asking for both digests (TcpVectors.ICREQ_DGST). */
    static final Bytes ICREQ_DGST = Bytes.hex("00 00 80 00 80 00 00 00 00 00 00 03 00 00 00 00").concat(Bytes.zeros(112));

    private final TcpHost host = new TcpHost(TcpHost.target(TcpHost.config()));

    @Test
    void goldenIcReq_answeredWithIcResp_pfv0Cpda0NoDigests() {
        host.sendRaw(ICREQ);
        IcResp r = host.next(IcResp.class);
        assertEquals(0, r.pfv());
        assertEquals(0, r.cpda());
        assertEquals(0, r.dgst());
        assertEquals(32 * 1024, r.maxh2cdata());
        assertEquals(TcpParams.NONE, host.conn.params());
    }

    @Test
    void goldenIcReqWithDigests_bothGranted() {
        host.sendRaw(ICREQ_DGST);
        IcResp r = host.next(IcResp.class);
        assertEquals(3, r.dgst(), "both digests granted as requested");
        assertTrue(host.conn.params().hdgst() && host.conn.params().ddgst());
    }

    @Test
    void digestsRefusedWhenConfigured() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config().withDigests(false, true)));
        h.sendRaw(ICREQ_DGST);
        assertEquals(2, h.next(IcResp.class).dgst());
    }

    @Test
    void icReqHpdaHonouredInC2HDataAlignment() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));
        IcReq req = IcReq.of(false, false, 3, 0);
        h.send(req);
        IcResp resp = h.next(IcResp.class);
        h.params = TcpParams.negotiate(req, resp).get();
        assertEquals(3, h.conn.params().hpda());
        assertTrue(h.connectAdmin(TcpHost.subnqn(), TcpHost.KATO, 0).ok());
        assertTrue(h.propertySet(Property.CC, 0x00460001L).ok());
        h.advance(h.target.config().readyDelay());
        TcpHost.Result r = h.identify(1, 0);
        assertTrue(r.ok());
        // the C2HData decoded cleanly (TcpHost.next checks PDO against HPDA 3: 32-byte alignment)
        assertEquals(4096, r.data().length());
    }

    @ParameterizedTest(name = "ICReq byte {0} = {1} -> FES 01h FEI {2}")
    @CsvSource({
        "1, 1, 1",      // FLAGS reserved
        "2, 64, 2",     // HLEN
        "3, 4, 3",      // PDO reserved
        "8, 1, 8",      // PFV
        "10, 32, 10",   // HPDA above 31
        "11, 4, 11",    // DGST reserved bit
        "20, 1, 20",    // reserved byte
        "127, 255, 127" // last reserved byte
    })
    void invalidIcReqField_c2hTermReqWithFeiThenClose(int offset, int value, int fei) {
        Bytes bad = ICREQ.withByte(offset, value);
        host.sendRaw(bad);
        C2HTermReq t = host.expectTermReq(0x01, fei);
        assertEquals(bad, t.data(), "the whole 128-byte ICReq header is copied");
        assertTrue(host.target.connections().isEmpty());
    }

    @Test
    void unsupportedHpda_unsupportedParameterFes6() {
        TcpHost h = new TcpHost(TcpHost.target(TcpHost.config().withMaxHpda(0)));
        h.send(IcReq.of(false, false, 3, 0));
        h.expectTermReq(0x06, 10);
    }

    @Test
    void icReqWithWrongPlen_fei4() {
        Bytes bad = ICREQ.withByte(4, 0x84).concat(Bytes.zeros(4));
        host.sendRaw(bad);
        assertEquals(bad.slice(0, 128), host.expectTermReq(0x01, 4).data());
    }

    @Test
    void capsuleBeforeIcReq_pduSequenceError() {
        Bytes cmd = CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).encode(TcpParams.NONE);
        host.sendRaw(cmd);
        assertEquals(cmd, host.expectTermReq(0x02, 0).data());
    }

    @Test
    void h2cTermReqBeforeIcReq_justCloses() {
        host.send(H2CTermReq.of(org.nvmehil.protocol.tcp.Fes.PDU_SEQUENCE_ERROR, 0, ICREQ));
        assertFalse(host.hasOutput());
        assertTrue(host.conn.closing());
    }

    @Test
    void secondIcReq_pduSequenceError() {
        host.icReq();
        host.sendRaw(ICREQ);
        host.expectTermReq(0x02, 0);
    }

    @ParameterizedTest(name = "PDU type {0} from the host -> FES 01h FEI 0")
    @CsvSource({"01", "05", "07", "08", "09", "0a", "ff"})
    void wrongDirectionOrReservedType_invalidHeaderFieldAtTypeByte(String type) {
        host.icReq();
        Bytes pdu = new LeWriter().u8(Integer.parseInt(type, 16)).u8(0).u8(24).u8(0).u32(24).zeros(16).build();
        host.sendRaw(pdu);
        host.expectTermReq(0x01, 0);
    }

    private Bytes propertyGetCap(TcpParams p) {
        return CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).encode(p);
    }

    @Test
    void capsuleWithWrongHlen_fei2_headerCopied() {
        host.icReq();
        PduFrame f = CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(TcpParams.NONE).withHlen(0x40);
        host.sendRaw(f.encode());
        C2HTermReq t = host.expectTermReq(0x01, 2);
        assertEquals(72, t.data().length(), "the 72-byte CapsuleCmd header is copied");
        assertEquals(f.encode().slice(0, 72), t.data());
    }

    @Test
    void headerDigestError_fes3_feiIsTheReceivedDigest() {
        host.icReq(true, true, 0);
        PduFrame f = CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(host.params).withHeaderDigest(0x12345678L);
        host.sendRaw(f.encode());
        C2HTermReq t = host.expectTermReq(0x03, 0x12345678L);
        assertEquals(f.encode().slice(0, 72), t.data());
        assertEquals(24 + 72, t.encode(host.params).length(), "C2HTermReq carries no HDGST even with digests on");
    }

    @Test
    void missingHdgstFlag_fei1() {
        host.icReq(true, false, 0);
        PduFrame f = CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(host.params);
        host.sendRaw(f.withFlags(0).encode());
        host.expectTermReq(0x01, 1);
    }

    @Test
    void reservedFlagBit_fei1_unlessIgnoredByPolicy() {
        host.icReq();
        host.sendRaw(CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(TcpParams.NONE).withFlags(0x10).encode());
        host.expectTermReq(0x01, 1);

        TcpHost lax = new TcpHost(TcpHost.target(TcpHost.config().withRejectReservedBits(false)));
        lax.icReq();
        lax.sendRaw(CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(TcpParams.NONE).withFlags(0x10).encode());
        assertEquals(0x0C, lax.next(CapsuleResp.class).cqe().sc(), "processed (Command Sequence Error: no Connect yet)");
    }

    @Test
    void pdoInCapsuleWithoutData_fei3() {
        host.icReq();
        host.sendRaw(CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(TcpParams.NONE).withPdo(72).encode());
        host.expectTermReq(0x01, 3);
    }

    @Test
    void misalignedPdoWithData_fei3() {
        host.icReq();
        Sqe s = org.nvmehil.protocol.fabrics.SglDescriptor.inCapsule(0, 8).applyTo(PropertyGet.of(1, Property.CAP).toSqe());
        PduFrame f = new CapsuleCmd(s, Bytes.zeros(8)).frame(TcpParams.NONE).withPad(Bytes.zeros(2)).withPdo(74).withActualPlen();
        host.sendRaw(f.encode());
        host.expectTermReq(0x01, 3);
    }

    @Test
    void h2cTermReqInReady_closesWithoutAnswer() {
        host.icReq();
        host.send(H2CTermReq.of(org.nvmehil.protocol.tcp.Fes.HEADER_DIGEST_ERROR, 7, propertyGetCap(TcpParams.NONE)));
        assertFalse(host.hasOutput());
        assertTrue(host.conn.closing());
        assertTrue(host.target.events().snapshot().stream().anyMatch(e -> e.reason().contains("H2CTermReq")));
    }

    @Test
    void h2cTermReqWithPlenAbove152_ignoredAndClosed() {
        host.icReq();
        Bytes t = new LeWriter().u8(0x02).u8(0).u8(24).u8(0).u32(160).zeros(152).build();
        host.sendRaw(t);
        assertFalse(host.hasOutput());
        assertTrue(host.conn.closing());
    }

    @Test
    void plenTooLarge_fei4_h2cDataTooLarge_fes5() {
        host.icReq();
        host.sendRaw(new LeWriter().u8(0x04).u8(0).u8(72).u8(0).u32(10_000_000L).build());
        host.expectTermReq(0x01, 4);

        TcpHost h = new TcpHost(host.target);
        h.icReq();
        h.sendRaw(new LeWriter().u8(0x06).u8(0x04).u8(24).u8(24).u32(10_000_000L).build());
        h.expectTermReq(0x05, 0);
    }

    @Test
    void h2cDataLongerThanMaxH2CData_fes5() {
        host.icReq();
        host.send(H2CData.of(1, 0, 0, Bytes.zeros(32 * 1024 + 4), true));
        host.expectTermReq(0x05, 0);
    }

    @Test
    void byteAtATime_sameAnswers() {
        Bytes all = ICREQ.concat(propertyGetCap(TcpParams.NONE));
        for (int i = 0; i < all.length(); i++) {
            host.sendRaw(all.slice(i, i + 1));
        }
        host.next(IcResp.class);
        assertEquals(0x0C, host.next(CapsuleResp.class).cqe().sc());
    }

    @Test
    void bytesAfterAFatalError_ignored() {
        host.icReq();
        host.sendRaw(ICREQ.concat(propertyGetCap(TcpParams.NONE)));
        host.expectTermReq(0x02, 0);
        host.sendRaw(propertyGetCap(TcpParams.NONE));
        assertFalse(host.hasOutput());
    }

    @Test
    void hostClosing_endsTheConnection() {
        host.icReq();
        host.conn.peerClosed(host.now());
        assertTrue(host.conn.closed());
        assertTrue(host.target.connections().isEmpty());
    }

    @Test
    void everyTermReqIsWellFormed_plenWithinLimits() {
        host.icReq();
        Bytes big = CapsuleCmd.of(PropertyGet.of(1, Property.CAP).toSqe()).frame(TcpParams.NONE).withHlen(1).encode();
        host.sendRaw(big);
        Bytes raw = host.nextRaw();
        assertTrue(raw.length() >= 24 && raw.length() <= 152, "PLEN " + raw.length());
        assertEquals(raw.length(), CommonHeader.decode(raw).plen());
        assertEquals(List.of(), host.pendingRaw());
    }
}
