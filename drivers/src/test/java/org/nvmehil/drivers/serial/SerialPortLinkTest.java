package org.nvmehil.drivers.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The usb-serial driver on a real pseudo-terminal pair made by socat (no mock): bytes both ways through
 * jSerialComm, silence, a missing port. Skips without socat unless external tools are required (the ci profile).
 */
class SerialPortLinkTest {

    /** Facts §11 V7: Get Endpoint ID as an MCTP-over-serial frame. */
    private static final Bytes V7_GET_EID = Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 0E B2 7E");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private PtyPair pair;
    private SerialPortLink a;
    private SerialPortLink b;

    @BeforeEach
    void ptyPair() throws IOException {
        Optional<String> missing = PtyPair.unavailableReason();
        if (missing.isPresent()) {
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                throw new IllegalStateException(missing.get() + " (required under the ci profile)");
            }
            Assumptions.abort(missing.get());
        }
        pair = PtyPair.start(dir.resolve("ttyA"), dir.resolve("ttyB"), WAIT);
        a = SerialPortLink.open(pair.host().toString(), 115_200);
        b = SerialPortLink.open(pair.dut().toString(), 115_200);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    /** Everything {@code link} delivers until {@code length} bytes have come (pieces joined), bounded by WAIT. */
    private static Bytes readBytes(Link link, int length) {
        Bytes[] got = {Bytes.EMPTY};
        await().atMost(WAIT).until(() -> {
            link.receive(Duration.ofMillis(200)).ifPresent(c -> got[0] = got[0].concat(c));
            return got[0].length() >= length;
        });
        return got[0];
    }

    @Test
    void frame_crossesThePtyIntactBothWays() {
        a.send(V7_GET_EID);
        assertEquals(V7_GET_EID, readBytes(b, V7_GET_EID.length()));
        Bytes big = Bytes.of(new byte[3000]).concat(V7_GET_EID);
        b.send(big);
        assertEquals(big, readBytes(a, big.length()));
    }

    @Test
    void silentLine_receiveIsEmptyAfterTheTimeout() {
        Optional<Bytes> r = a.receive(Duration.ofMillis(100));
        assertTrue(r.isEmpty(), () -> r.toString());
    }

    @Test
    void missingPort_isALabFaultNamingTheKey() {
        Link.LinkException e = assertThrows(Link.LinkException.class,
                () -> SerialPortLink.open(dir.resolve("nope").toString(), 115_200));
        assertTrue(e.getMessage().contains("dut.mi.serial.port"), e.getMessage());
    }

    @Test
    void portGoneMidRun_isALabFault() {
        pair.close();
        await().atMost(WAIT).until(() -> {
            try {
                a.receive(Duration.ofMillis(50));
                a.send(V7_GET_EID);
                return false;
            } catch (Link.LinkException e) {
                return e.getMessage().contains("went away");
            }
        });
    }

    @Test
    void describe_namesPortAndBaud() {
        assertEquals("115200", a.describe().get("baud"));
        assertEquals("usb-serial", a.describe().get("driver"));
    }
}
