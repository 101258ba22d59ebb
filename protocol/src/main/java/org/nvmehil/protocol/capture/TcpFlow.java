package org.nvmehil.protocol.capture;

import java.nio.ByteBuffer;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A synthetic TCP connection for a capture: Ethernet, IPv4 and TCP headers around each stream chunk, sequence and
 * acknowledgement numbers kept per direction, a three-way handshake first so that Wireshark follows the stream.
 * The target side uses {@code targetPort} (4420 makes Wireshark dissect NVMe/TCP without settings); the IP header
 * checksum is computed, the TCP checksum left 0 (Wireshark does not verify it by default). Pure: returns frames.
 */
public final class TcpFlow {
    /** Most payload one frame carries (IPv4 total length is 16 bits). */
    public static final int MAX_SEGMENT = 65_000;
    /** SYN, SYN-ACK, ACK: the frames the first call adds before its data. */
    public static final int HANDSHAKE_FRAMES = 3;
    private static final int HOST_IP = 0x0A000001;
    private static final int TARGET_IP = 0x0A000002;

    private final int hostPort;
    private final int targetPort;
    private long hostSeq = 1000;
    private long targetSeq = 5000;
    private boolean opened;

    public TcpFlow(int hostPort, int targetPort) {
        this.hostPort = hostPort;
        this.targetPort = targetPort;
    }

    /** The handshake (on first use), then {@code data} from the host ({@code fromHost}) or the target, in segments (none for empty data). */
    public java.util.List<Bytes> frames(boolean fromHost, Bytes data) {
        java.util.List<Bytes> f = new java.util.ArrayList<>();
        if (!opened) {
            opened = true;
            f.add(frame(true, hostSeq, 0, 0x02, Bytes.EMPTY));
            f.add(frame(false, targetSeq, hostSeq + 1, 0x12, Bytes.EMPTY));
            hostSeq++;
            targetSeq++;
            f.add(frame(true, hostSeq, targetSeq, 0x10, Bytes.EMPTY));
        }
        for (int at = 0; at < data.length(); at += MAX_SEGMENT) {
            Bytes seg = data.slice(at, Math.min(data.length(), at + MAX_SEGMENT));
            if (fromHost) {
                f.add(frame(true, hostSeq, targetSeq, 0x18, seg));
                hostSeq += seg.length();
            } else {
                f.add(frame(false, targetSeq, hostSeq, 0x18, seg));
                targetSeq += seg.length();
            }
        }
        return f;
    }

    private Bytes frame(boolean fromHost, long seq, long ack, int flags, Bytes payload) {
        ByteBuffer tcp = ByteBuffer.allocate(20);
        tcp.putShort((short) (fromHost ? hostPort : targetPort)).putShort((short) (fromHost ? targetPort : hostPort))
                .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 0xFFFF)
                .putShort((short) 0).putShort((short) 0);
        ByteBuffer ip = ByteBuffer.allocate(20);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length())).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(fromHost ? HOST_IP : TARGET_IP).putInt(fromHost ? TARGET_IP : HOST_IP);
        byte[] iph = ip.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((iph[i] & 0xFF) << 8) | (iph[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        iph[10] = (byte) (~sum >>> 8);
        iph[11] = (byte) ~sum;
        Bytes hostMac = Bytes.hex("02 00 00 00 00 01");
        Bytes targetMac = Bytes.hex("02 00 00 00 00 02");
        return (fromHost ? targetMac.concat(hostMac) : hostMac.concat(targetMac)).concat(Bytes.hex("08 00"))
                .concat(Bytes.of(iph)).concat(Bytes.of(tcp.array())).concat(payload);
    }
}
