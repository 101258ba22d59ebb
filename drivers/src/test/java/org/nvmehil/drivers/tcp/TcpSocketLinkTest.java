package org.nvmehil.drivers.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/** The socket link against a real loopback server (no mocks). */
class TcpSocketLinkTest {

    @Test
    void bytesGoBothWays_andPeerCloseIsObservable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (TcpSocketLink link = TcpSocketLink.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
                 Socket peer = server.accept()) {
                link.send(Bytes.hex("00 00 80 00"));
                byte[] got = peer.getInputStream().readNBytes(4);
                assertEquals(Bytes.hex("00 00 80 00"), Bytes.of(got));
                peer.getOutputStream().write(new byte[] {1, 2, 3});
                peer.getOutputStream().flush();
                assertEquals(Optional.of(Bytes.hex("01 02 03")), link.receive(Duration.ofSeconds(2)));
                assertEquals(Optional.empty(), link.receive(Duration.ofMillis(20)), "nothing more: a timeout");
                assertFalse(link.peerClosed());
                peer.close();
                assertEquals(Optional.empty(), link.receive(Duration.ofSeconds(2)));
                assertTrue(link.peerClosed(), "end of stream is the peer closing");
            }
        }
    }

    @Test
    void noListener_isALabFaultNamingTheTarget() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Link.LinkException e = assertThrows(Link.LinkException.class,
                () -> TcpSocketLink.connect("127.0.0.1", port, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("LAB cannot connect to NVMe/TCP target 127.0.0.1:" + port), e.getMessage());
    }
}
