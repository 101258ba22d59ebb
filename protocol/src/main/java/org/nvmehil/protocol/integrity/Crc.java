package org.nvmehil.protocol.integrity;

import java.util.zip.CRC32C;
import org.nvmehil.protocol.wire.Bytes;

/** The three integrity codes of this field, each pinned by its catalogue check value in tests. */
public final class Crc {
    private Crc() {
    }

    /**
     * SMBus PEC (DSP0237 §6.3; SMBus 2.0): CRC-8, polynomial x^8+x^2+x+1 (07h), init 00h, no
     * reflection, no final XOR. Over every frame byte from the destination address to the last
     * payload byte. Check value for "123456789" is F4h.
     */
    public static int smbusPec(Bytes d) {
        return smbusPec(0, d);
    }

    /** Continues a PEC computation from {@code crc} (for split inputs such as D4h, cmd, D5h, data). */
    public static int smbusPec(int crc, Bytes d) {
        int c = crc & 0xFF;
        for (int i = 0; i < d.length(); i++) {
            c ^= d.u8(i);
            for (int bit = 0; bit < 8; bit++) {
                c = ((c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1) & 0xFF;
            }
        }
        return c;
    }

    /**
     * CRC-32C (Castagnoli, reflected, init and final XOR FFFFFFFFh): the NVMe-MI MIC (NVMe-MI 1.2
     * §3.1.1.1) and the NVMe/TCP header and data digests. Check value E3069283h.
     */
    public static long crc32c(Bytes d) {
        CRC32C c = new CRC32C();
        c.update(d.toArray());
        return c.getValue();
    }

    /**
     * DSP0253 serial FCS: CRC-16/MCRF4XX, i.e. the RFC 1662 CRC-16-CCITT in reflected form
     * (polynomial 8408h) with init FFFFh and <em>no</em> final complement (unlike PPP). Over the
     * revision byte, the byte count and the unescaped MCTP packet; sent high byte first. Check value
     * 6F91h.
     */
    public static int fcs16(Bytes d) {
        return fcs16(0xFFFF, d);
    }

    /** Continues an FCS computation from {@code fcs}; {@code fcs16(0, d)} reproduces the pre-fix Linux value. */
    public static int fcs16(int fcs, Bytes d) {
        int c = fcs & 0xFFFF;
        for (int i = 0; i < d.length(); i++) {
            c ^= d.u8(i);
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x8408 : c >>> 1;
            }
        }
        return c;
    }
}
