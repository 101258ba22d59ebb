package org.nvmehil.drivers.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The slave-mqueue reader on a real file. sysfs hands out one queued write per read at offset 0 and nothing when the
 * queue is empty; a regular file rewritten between reads behaves the same way for these cases.
 */
class SlaveMqueueTargetTest {
    /** Facts §11 V7: the ME's Get Endpoint ID response as it lands in the host's queue (our address byte first). */
    private static final Bytes V7_RESPONSE = Bytes.hex("20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC");

    @TempDir
    Path dir;

    @Test
    void sysfsPathCarriesTheOwnAddressFlag() {
        assertEquals(Path.of("/sys/bus/i2c/devices/1-1010/slave-mqueue"), SlaveMqueueTarget.sysfsPath(1, 0x10));
        assertEquals(Path.of("/sys/bus/i2c/devices/12-1078/slave-mqueue"), SlaveMqueueTarget.sysfsPath(12, 0x78));
    }

    @Test
    void eachReadAtOffsetZeroIsOneWrite_anEmptyQueueIsNothing() throws IOException {
        Path q = dir.resolve("slave-mqueue");
        Files.write(q, V7_RESPONSE.toArray());
        try (SlaveMqueueTarget t = SlaveMqueueTarget.open(q, 1, 0x10)) {
            assertEquals(Optional.of(V7_RESPONSE), t.receive(Duration.ofMillis(50)));
            assertEquals(Optional.of(V7_RESPONSE), t.receive(Duration.ZERO), "read again from offset 0, not from where the last read ended");
            Files.write(q, new byte[0]);
            assertEquals(Optional.empty(), t.receive(Duration.ofMillis(5)));
        }
    }

    @Test
    void noBackend_saysHowToInstantiateIt() {
        Link.LinkException e = assertThrows(Link.LinkException.class,
                () -> SlaveMqueueTarget.open(SlaveMqueueTarget.sysfsPath(7, 0x10), 7, 0x10));
        assertTrue(e.getMessage().startsWith("LAB "), e.getMessage());
        assertTrue(e.getMessage().contains("echo slave-mqueue 0x1010 > /sys/bus/i2c/devices/i2c-7/new_device"), e.getMessage());
        assertTrue(e.getMessage().contains("usb-serial"), "points USB-I2C bridge users to the serial driver: " + e.getMessage());
    }

    @Test
    void theBackendVanishing_isALabFault() throws IOException {
        Path q = dir.resolve("slave-mqueue");
        Files.write(q, new byte[0]);
        SlaveMqueueTarget t = SlaveMqueueTarget.open(q, 1, 0x10);
        t.close();
        Link.LinkException e = assertThrows(Link.LinkException.class, () -> t.receive(Duration.ofMillis(5)));
        assertTrue(e.getMessage().contains(q.toString()), e.getMessage());
    }
}
