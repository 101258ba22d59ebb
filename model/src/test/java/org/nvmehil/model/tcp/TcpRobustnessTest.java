package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.protocol.fabrics.Cc;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.fabrics.PropertySet;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CommonHeader;
import org.nvmehil.protocol.tcp.Direction;
import org.nvmehil.protocol.tcp.H2CData;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.protocol.tcp.Pdu;
import org.nvmehil.protocol.tcp.PduStreamDecoder;
import org.nvmehil.protocol.tcp.PduType;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The target never throws on host bytes: a valid session stream (ICReq, Connect, CC, Identify, Get Log Page, an
 * R2T write, a read) with one or a few bytes changed, cut at random points, is fed to fresh connections; every
 * PDU the target sends back frames and decodes (a C2HTermReq may end the session).
 */
class TcpRobustnessTest {

    private static List<Bytes> session(boolean digests) {
        TcpParams p = digests ? TcpParams.DIGESTS : TcpParams.NONE;
        List<Bytes> l = new ArrayList<>();
        l.add(IcReq.of(digests, digests, 0, 0).encode());
        l.add(new CapsuleCmd(Connect.admin(1, 31, 5000).toSqe(), ConnectData.of(TcpHost.HOSTID, 0xFFFF,
                TcpHost.subnqn(), TcpHost.HOSTNQN).encode()).encode(p));
        l.add(CapsuleCmd.of(PropertySet.of(2, Property.CC, Cc.enable(0).value()).toSqe()).encode(p));
        l.add(CapsuleCmd.of(PropertyGet.of(3, Property.CAP).toSqe()).encode(p));
        l.add(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x06, 4, 0, 1, 0, 0))).encode(p));
        l.add(CapsuleCmd.of(SglDescriptor.transport(512).applyTo(TcpHost.sqe(0x02, 5, 0, 2, 0, 127))).encode(p));
        l.add(CapsuleCmd.of(SglDescriptor.transport(4096).applyTo(TcpHost.sqe(0x09, 6, 0, 7, 0x10001, 0))).encode(p));
        l.add(CapsuleCmd.of(TcpHost.sqe(0x18, 7, 0, 0, 0, 0)).encode(p));
        l.add(H2CData.of(8, 0, 0, TcpHost.pattern(4096, 3, 1), true).encode(p));
        return l;
    }

    private static void check(TcpTarget t, TcpConnection c, Duration now, TcpParams p) {
        PduStreamDecoder d = new PduStreamDecoder();
        for (Bytes b : c.drain(now)) {
            for (PduStreamDecoder.Event e : d.feed(b)) {
                assertTrue(e instanceof PduStreamDecoder.Complete, "the target framed a PDU wrongly: " + e);
                int type = CommonHeader.decode(e.raw()).pduType();
                TcpParams use = type == PduType.IC_RESP.code ? TcpParams.NONE : p;
                assertTrue(Pdu.decode(e.raw(), use, Direction.C2H).isPresent(), () -> "undecodable: " + e.raw());
            }
        }
    }

    @Test
    void mutatedSessions_neverThrow_outputAlwaysFrames() {
        Random r = new Random(20260521L);
        for (int round = 0; round < 1500; round++) {
            boolean digests = r.nextBoolean();
            Bytes stream = session(digests).stream().reduce(Bytes.EMPTY, Bytes::concat);
            int flips = 1 + r.nextInt(3);
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(Math.min(stream.length(), 2048));
                stream = stream.withByte(at, r.nextInt(256));
            }
            TcpTarget t = TcpHost.target(TcpHost.config().withDelays(Duration.ZERO, Duration.ZERO));
            Bytes s = stream;
            int chunk = 1 + r.nextInt(300);
            assertDoesNotThrow(() -> {
                TcpConnection c = t.accept(Duration.ZERO);
                Duration now = Duration.ZERO;
                for (int off = 0; off < s.length(); off += chunk) {
                    now = now.plusMillis(1);
                    c.receive(s.slice(off, Math.min(s.length(), off + chunk)), now);
                    t.tick(now);
                }
                check(t, c, now.plusSeconds(1), c.params());
                c.peerClosed(now.plusSeconds(1));
                t.tick(now.plusSeconds(30));
            }, "round " + round);
        }
    }

    @Test
    void randomBytesAfterIcReq_neverThrow() {
        Random r = new Random(7);
        for (int round = 0; round < 500; round++) {
            TcpTarget t = TcpHost.target(TcpHost.config());
            byte[] junk = new byte[1 + r.nextInt(400)];
            r.nextBytes(junk);
            assertDoesNotThrow(() -> {
                TcpConnection c = t.accept(Duration.ZERO);
                c.receive(IcReq.of(false, false, 0, 0).encode(), Duration.ZERO);
                c.receive(Bytes.of(junk), Duration.ofMillis(1));
                check(t, c, Duration.ofMillis(2), c.params());
            });
        }
    }
}
