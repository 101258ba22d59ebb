package org.nvmehil.protocol.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A pcapng file built in memory (pcapng draft, IETF opsawg-pcapng: Section Header, Interface Description and
 * Enhanced Packet blocks, little-endian), so that a wire trace opens in Wireshark. Timestamps are nanoseconds
 * ({@code if_tsresol} 9). No I/O: {@link #toBytes()} gives the file's bytes.
 */
public final class Pcapng {
    public static final int LINKTYPE_ETHERNET = 1;
    /** Linux cooked capture v1: Wireshark 4.4 decodes protocol 00FAh as MCTP, then NVMe-MI. */
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_USER0 = 147;
    /** Linux I2C: a 1-byte bus number and 4-byte flags (big-endian), then the bytes on the bus. */
    public static final int LINKTYPE_I2C_LINUX = 209;

    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int OPT_ENDOFOPT = 0;
    private static final int OPT_COMMENT = 1;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int interfaces;

    /** A file with its section header and no interfaces yet. */
    public Pcapng() {
        ByteBuffer body = le(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        block(SHB, body.array(), new byte[0]);
    }

    /** Adds an interface of {@code linktype}; returns its id for {@link #packet}. */
    public int addInterface(int linktype, String name) {
        ByteBuffer body = le(8);
        body.putShort((short) linktype).putShort((short) 0).putInt(0);
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        option(opts, IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        option(opts, IF_TSRESOL, new byte[] {9});
        option(opts, OPT_ENDOFOPT, new byte[0]);
        block(IDB, body.array(), opts.toByteArray());
        return interfaces++;
    }

    /** One packet on {@code iface} at {@code nanos}, with an optional comment (empty for none). */
    public void packet(int iface, long nanos, Bytes data, String comment) {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("no interface " + iface);
        }
        byte[] d = data.toArray();
        ByteBuffer head = le(20);
        head.putInt(iface).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(d.length).putInt(d.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head.array());
        body.writeBytes(d);
        body.writeBytes(new byte[pad(d.length)]);
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        if (!comment.isEmpty()) {
            option(opts, OPT_COMMENT, comment.getBytes(StandardCharsets.UTF_8));
            option(opts, OPT_ENDOFOPT, new byte[0]);
        }
        block(EPB, body.toByteArray(), opts.toByteArray());
    }

    public int interfaces() {
        return interfaces;
    }

    public Bytes toBytes() {
        return Bytes.of(out.toByteArray());
    }

    private void block(int type, byte[] body, byte[] options) {
        int total = 12 + body.length + options.length;
        ByteBuffer b = le(total);
        b.putInt(type).putInt(total).put(body).put(options).putInt(total);
        out.writeBytes(b.array());
    }

    private static void option(ByteArrayOutputStream opts, int code, byte[] value) {
        ByteBuffer b = le(4 + value.length + pad(value.length));
        b.putShort((short) code).putShort((short) value.length).put(value);
        opts.writeBytes(b.array());
    }

    private static int pad(int n) {
        return (4 - n % 4) % 4;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ link-layer headers

    /** Linux cooked capture v1 around an MCTP packet: packet type 4 (sent by us) or 0 (to us), ARPHRD_MCTP 290. */
    public static Bytes sllMctp(boolean outgoing, int lladdr, Bytes mctpPacket) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putShort((short) (outgoing ? 4 : 0)).putShort((short) 290).putShort((short) 1).put((byte) lladdr)
                .put(new byte[7]).putShort((short) 0x00FA);
        return Bytes.of(b.array()).concat(mctpPacket);
    }

    /** The Linux I2C pseudo-header (bus, flags 0) and a write as it was on the bus, address byte first. */
    public static Bytes i2cLinux(int bus, Bytes write) {
        return Bytes.ofUnsigned(bus & 0xFF, 0, 0, 0, 0).concat(write);
    }
}
