package org.nvmehil.protocol.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.wire.Bytes;

/** Block layout of the pcapng writer, and the link-layer headers against the ecosystem notes' capture script. */
class PcapngTest {

    /** Block types and total lengths, walking the file by the lengths it declares (both copies must agree). */
    static List<Integer> blocks(Bytes file) {
        ByteBuffer b = ByteBuffer.wrap(file.toArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        int at = 0;
        while (at < file.length()) {
            int type = b.getInt(at);
            int total = b.getInt(at + 4);
            assertEquals(0, total % 4, "blocks are 32-bit aligned");
            assertEquals(total, b.getInt(at + total - 4), "trailing length of block " + types.size());
            types.add(type);
            at += total;
        }
        assertEquals(file.length(), at);
        return types;
    }

    @Test
    void sectionInterfacesAndPacketsInOrder() {
        Pcapng p = new Pcapng();
        int i2c = p.addInterface(Pcapng.LINKTYPE_I2C_LINUX, "smbus");
        int mctp = p.addInterface(Pcapng.LINKTYPE_LINUX_SLL, "mctp");
        p.packet(i2c, 1_500_000_123L, Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F"), "");
        p.packet(mctp, 1_500_000_123L, Bytes.hex("01 00 00 C8 00 80 02"), "host→DUT Get Endpoint ID");
        Bytes file = p.toBytes();
        assertEquals(List.of(0x0A0D0D0A, 1, 1, 6, 6), blocks(file));
        assertEquals(Bytes.hex("0A 0D 0D 0A 1C 00 00 00 4D 3C 2B 1A 01 00 00 00 FF FF FF FF FF FF FF FF 1C 00 00 00"),
                file.slice(0, 28), "SHB: byte-order magic 1A2B3C4D, version 1.0, section length -1");
        ByteBuffer b = ByteBuffer.wrap(file.toArray()).order(ByteOrder.LITTLE_ENDIAN);
        int firstEpb = 28 + b.getInt(32) + b.getInt(28 + b.getInt(32) + 4);
        assertEquals(0, b.getInt(firstEpb + 8), "interface 0");
        assertEquals(0L, Integer.toUnsignedLong(b.getInt(firstEpb + 12)), "timestamp high");
        assertEquals(1_500_000_123L, Integer.toUnsignedLong(b.getInt(firstEpb + 16)), "timestamp low, ns");
        assertEquals(12, b.getInt(firstEpb + 20), "captured length");
    }

    /** Ecosystem notes, Appendix C: struct.pack("!HHH8sH", 4 if outgoing else 0, 290, 1, lladdr, 0x00FA). */
    @Test
    void sllHeaderMatchesTheCaptureScript() {
        assertEquals(Bytes.hex("00 04 01 22 00 01 1D 00 00 00 00 00 00 00 00 FA 01 1D 08 C8"),
                Pcapng.sllMctp(true, 0x1D, Bytes.hex("01 1D 08 C8")));
        assertEquals(Bytes.hex("00 00 01 22 00 01 10 00 00 00 00 00 00 00 00 FA"), Pcapng.sllMctp(false, 0x10, Bytes.EMPTY));
        assertEquals(Bytes.hex("01 00 00 00 00 3A 0F"), Pcapng.i2cLinux(1, Bytes.hex("3A 0F")), "struct.pack('!BI', bus, 0)");
    }

    @Test
    void tcpFlowHandshakeThenSegmentsWithAdvancingSequenceNumbers() {
        TcpFlow flow = new TcpFlow(40000, 4420);
        List<Bytes> first = flow.frames(true, Bytes.zeros(128));
        assertEquals(4, first.size(), "SYN, SYN-ACK, ACK, data");
        Bytes syn = first.get(0);
        assertEquals(Bytes.hex("08 00"), syn.slice(12, 14), "IPv4");
        assertEquals(0x45, syn.u8(14));
        assertEquals(0x02, syn.u8(14 + 20 + 13), "SYN");
        Bytes data = first.get(3);
        assertEquals(14 + 40 + 128, data.length());
        assertEquals(0, ipChecksum(data.slice(14, 34)), "the IPv4 header checksums to zero");
        List<Bytes> reply = flow.frames(false, Bytes.zeros(70_000));
        assertEquals(2, reply.size(), "70,000 bytes in two segments of at most 65,000");
        long seq = Integer.toUnsignedLong(ByteBuffer.wrap(reply.get(1).toArray()).getInt(14 + 20 + 4));
        assertEquals(5001 + 65_000, seq);
        assertEquals(List.of(), flow.frames(true, Bytes.EMPTY));
    }

    private static int ipChecksum(Bytes h) {
        int sum = 0;
        for (int i = 0; i < h.length(); i += 2) {
            sum += (h.u8(i) << 8) | h.u8(i + 1);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
