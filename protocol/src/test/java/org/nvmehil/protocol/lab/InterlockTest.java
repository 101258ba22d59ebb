package org.nvmehil.protocol.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.wire.Bytes;

/** The destructive-command list on hand-built messages and SQEs (layouts: NVMe-MI 1.2 Figs. 29, 119; Base Fig. 88). */
class InterlockTest {

    /** An NVMe-MI request: message type 84h, NMIMT in byte 1 bits 6:3, opcode at byte 4, optional CDW10 at 44. */
    private static Bytes mi(int nmimt, int opcode, long cdw10) {
        Bytes m = Bytes.ofUnsigned(0x84, nmimt << 3, 0, 0, opcode).concat(Bytes.zeros(43));
        byte[] b = m.toArray();
        for (int i = 0; i < 4; i++) {
            b[44 + i] = (byte) (cdw10 >>> 8 * i);
        }
        return Bytes.of(b);
    }

    private static Bytes sqe(int opcode, int byte4, long dw11, long dw12) {
        byte[] b = new byte[64];
        b[0] = (byte) opcode;
        b[4] = (byte) byte4;
        for (int i = 0; i < 4; i++) {
            b[44 + i] = (byte) (dw11 >>> 8 * i);
            b[48 + i] = (byte) (dw12 >>> 8 * i);
        }
        return Bytes.of(b);
    }

    @Test
    void miCommands() {
        assertEquals(Optional.of("NVMe-MI VPD Write"), Interlock.miMessage(mi(1, 0x06, 0)));
        assertEquals(Optional.of("NVMe-MI Reset"), Interlock.miMessage(mi(1, 0x07, 0)));
        assertEquals(Optional.of("NVMe-MI Configuration Set"), Interlock.miMessage(mi(1, 0x03, 0)));
        assertEquals(Optional.empty(), Interlock.miMessage(mi(1, 0x05, 0)), "VPD Read");
        assertEquals(Optional.empty(), Interlock.miMessage(mi(1, 0x04, 0)), "Configuration Get");
        assertEquals(Optional.empty(), Interlock.miMessage(mi(0, 0x03, 0)), "control primitive Get State");
        assertEquals(Optional.empty(), Interlock.miMessage(mi(1, 0x06, 0).withByte(1, 0x88)), "a response (ROR = 1)");
    }

    @Test
    void tunnelledAdmin() {
        assertEquals(Optional.of("tunnelled Admin Format NVM"), Interlock.miMessage(mi(2, 0x80, 0)));
        assertEquals(Optional.of("tunnelled Admin Set Features with SV=1 (saved)"), Interlock.miMessage(mi(2, 0x09, 0x8000_0004L)));
        assertEquals(Optional.empty(), Interlock.miMessage(mi(2, 0x09, 0x04)), "Set Features, current value only");
        assertEquals(Optional.empty(), Interlock.miMessage(mi(2, 0x06, 1)), "Identify");
    }

    @Test
    void nvmeCommands() {
        assertEquals(Optional.of("I/O Write"), Interlock.sqe(sqe(0x01, 0, 0, 0), false));
        assertEquals(Optional.of("I/O Write Zeroes"), Interlock.sqe(sqe(0x08, 0, 0, 0), false));
        assertEquals(Optional.empty(), Interlock.sqe(sqe(0x02, 0, 0, 0), false), "Read");
        assertEquals(Optional.empty(), Interlock.sqe(sqe(0x01, 0, 0, 0), true), "01h on the admin queue is Create I/O SQ");
        assertEquals(Optional.of("Admin Sanitize"), Interlock.sqe(sqe(0x84, 0, 0, 0), true));
        assertEquals(Optional.of("Fabrics Property Set CC.SHN (shutdown)"), Interlock.sqe(sqe(0x7F, 0x00, 0x14, 0x4001), true));
        assertEquals(Optional.empty(), Interlock.sqe(sqe(0x7F, 0x00, 0x14, 0x0001), true), "CC.EN = 1");
        assertEquals(Optional.empty(), Interlock.sqe(sqe(0x7F, 0x04, 0x14, 0x4001), true), "Property Get");
    }
}
