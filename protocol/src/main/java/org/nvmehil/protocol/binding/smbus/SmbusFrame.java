package org.nvmehil.protocol.binding.smbus;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * One MCTP packet carried in one SMBus Block Write (DSP0237 1.1.0 §6.3, Fig. 1, Table 1):
 *
 * <pre>
 * offset 0   destination slave address (7-bit address &lt;&lt; 1 | R/W, R/W = 0)
 *        1   command code (0Fh for MCTP)
 *        2   byte count (bytes after this one, PEC excluded)
 *        3   source slave address (7-bit address &lt;&lt; 1 | 1)
 *        4…  MCTP packet (transport header + payload; opaque at this layer)
 *        last PEC (CRC-8/SMBus over offsets 0 … last-1)
 * </pre>
 *
 * <p>The record only checks that each field fits its width; it never checks conformance, so a
 * negative test can hold any illegal combination (wrong count, wrong PEC, R/W set, bit 0 clear,
 * oversized packet). {@link #of} builds the well-formed frame; the {@code with…} methods change one
 * field and keep every other one, including the PEC; {@link #withValidPec()} recomputes it so that
 * exactly one thing is wrong.
 *
 * <p>This layer does not interpret the packet; the MCTP layer does.
 *
 * @param destSlaveAddr destination slave address byte, 8-bit form ({@code addr7 << 1 | R/W})
 * @param commandCode   SMBus command code
 * @param byteCount     byte count field as sent (not necessarily the true length)
 * @param srcSlaveAddr  source slave address byte, 8-bit form ({@code addr7 << 1 | 1})
 * @param packet        the MCTP packet bytes
 * @param pec           the packet error code byte as sent
 */
public record SmbusFrame(int destSlaveAddr, int commandCode, int byteCount, int srcSlaveAddr, Bytes packet, int pec) {

    /** SMBus command code of all MCTP traffic (DSP0237 §6.3, Table 1). */
    public static final int COMMAND_CODE_MCTP = 0x0F;
    /** Destination address, command code, byte count, source address. */
    public static final int HEADER_SIZE = 4;
    public static final int PEC_SIZE = 1;
    /** The shortest byte string that holds the header and the PEC (with an empty packet). */
    public static final int MIN_FRAME_SIZE = HEADER_SIZE + PEC_SIZE;
    /** The byte count is one byte (DSP0237 §6.3, Fig. 1). */
    public static final int MAX_BYTE_COUNT = 255;
    /** The byte count covers the source address and the packet, so a packet is at most 254 bytes. */
    public static final int MAX_PACKET_SIZE = MAX_BYTE_COUNT - 1;
    /** Largest MCTP transmission unit (payload after the 4-byte MCTP header) one block write carries. */
    public static final int MAX_TRANSMISSION_UNIT = MAX_PACKET_SIZE - 4;
    /** Bit 0 of the destination address byte: the SMBus R/W bit, 1 = read. */
    public static final int RW_READ_BIT = 0x01;
    /** Bit 0 of the source address byte: 1 marks MCTP (as opposed to IPMB) traffic. */
    public static final int SRC_MCTP_BIT = 0x01;

    /** Byte offsets within the frame (the destination address byte is offset 0). */
    public static final int OFFSET_DEST = 0, OFFSET_COMMAND = 1, OFFSET_BYTE_COUNT = 2, OFFSET_SRC = 3,
            OFFSET_PACKET = 4;

    public SmbusFrame {
        fits("destSlaveAddr", destSlaveAddr);
        fits("commandCode", commandCode);
        fits("byteCount", byteCount);
        fits("srcSlaveAddr", srcSlaveAddr);
        fits("pec", pec);
        if (packet == null) {
            throw new IllegalArgumentException("packet is null");
        }
    }

    /**
     * The well-formed frame: R/W 0, command code 0Fh, byte count 1 + packet length, source bit 0
     * set, PEC computed.
     *
     * @throws IllegalArgumentException if an address does not fit 7 bits or the packet is longer
     *                                  than {@value #MAX_PACKET_SIZE} bytes (its byte count would not
     *                                  fit the byte); build such frames with the canonical constructor
     */
    public static SmbusFrame of(int destAddr7, int srcAddr7, Bytes packet) {
        fits7("destAddr7", destAddr7);
        fits7("srcAddr7", srcAddr7);
        if (packet.length() > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes: byte count "
                    + (packet.length() + 1) + " does not fit one byte; use the canonical constructor");
        }
        return new SmbusFrame(destAddr7 << 1, COMMAND_CODE_MCTP, packet.length() + 1, srcAddr7 << 1 | SRC_MCTP_BIT,
                packet, 0).withValidPec();
    }

    /** Destination 7-bit address (R/W bit dropped). */
    public int destAddr7() {
        return destSlaveAddr >>> 1;
    }

    /** True if the destination R/W bit asks for a read (never legal for MCTP). */
    public boolean destReadBit() {
        return (destSlaveAddr & RW_READ_BIT) != 0;
    }

    /** Source 7-bit address (bit 0 dropped). */
    public int srcAddr7() {
        return srcSlaveAddr >>> 1;
    }

    /** The byte count that matches the packet actually carried: 1 (source address) + packet length. */
    public int actualByteCount() {
        return packet.length() + 1;
    }

    /** The PEC these fields call for: CRC-8/SMBus over every byte before the PEC. */
    public int expectedPec() {
        return Crc.smbusPec(encodeWithoutPec());
    }

    public boolean pecValid() {
        return pec == expectedPec();
    }

    /** The whole frame, destination address byte first, exactly as the fields say. */
    public Bytes encode() {
        return new LeWriter().bytes(encodeWithoutPec()).u8(pec).build();
    }

    /**
     * The frame less its first byte: what an I2C controller sends after it has put the address on
     * the bus, and what an I2C target's receive buffer holds.
     */
    public Bytes encodeWithoutAddressByte() {
        return encode().slice(1);
    }

    private Bytes encodeWithoutPec() {
        return new LeWriter().u8(destSlaveAddr).u8(commandCode).u8(byteCount).u8(srcSlaveAddr).bytes(packet).build();
    }

    /** Same frame with the PEC recomputed over the current fields. */
    public SmbusFrame withValidPec() {
        return withPec(expectedPec());
    }

    public SmbusFrame withPec(int v) {
        return new SmbusFrame(destSlaveAddr, commandCode, byteCount, srcSlaveAddr, packet, v);
    }

    public SmbusFrame withDestSlaveAddr(int v) {
        return new SmbusFrame(v, commandCode, byteCount, srcSlaveAddr, packet, pec);
    }

    public SmbusFrame withCommandCode(int v) {
        return new SmbusFrame(destSlaveAddr, v, byteCount, srcSlaveAddr, packet, pec);
    }

    public SmbusFrame withByteCount(int v) {
        return new SmbusFrame(destSlaveAddr, commandCode, v, srcSlaveAddr, packet, pec);
    }

    public SmbusFrame withSrcSlaveAddr(int v) {
        return new SmbusFrame(destSlaveAddr, commandCode, byteCount, v, packet, pec);
    }

    /** Replaces the packet only: byte count and PEC stay as they were. */
    public SmbusFrame withPacket(Bytes v) {
        return new SmbusFrame(destSlaveAddr, commandCode, byteCount, srcSlaveAddr, v, pec);
    }

    /**
     * Reads one complete block write, destination address byte first. Never throws.
     *
     * <p>The frame's physical length (the bus transaction ends with STOP) is authoritative: the last
     * byte is the PEC and the packet is everything between the source address and the PEC, whatever
     * the byte count says. Checks, each a {@link Violation} at its byte offset:
     * <ul>
     *   <li>fewer than {@value #MIN_FRAME_SIZE} bytes: rejected ({@link Req#SMBUS_BYTE_COUNT});</li>
     *   <li>destination R/W bit set ({@link Req#SMBUS_DESTINATION_ADDRESS});</li>
     *   <li>command code not 0Fh ({@link Req#SMBUS_COMMAND_CODE});</li>
     *   <li>byte count not equal to the bytes between it and the PEC ({@link Req#SMBUS_BYTE_COUNT});</li>
     *   <li>source address bit 0 clear ({@link Req#SMBUS_SOURCE_ADDRESS});</li>
     *   <li>packet longer than {@value #MAX_PACKET_SIZE} bytes ({@link Req#SMBUS_MAX_TU});</li>
     *   <li>PEC not the CRC-8 of the bytes before it ({@link Req#SMBUS_PEC}).</li>
     * </ul>
     */
    public static Decoded<SmbusFrame> decode(Bytes frame) {
        List<Violation> v = new ArrayList<>();
        int n = frame.length();
        if (n < MIN_FRAME_SIZE) {
            v.add(Violation.at(Req.SMBUS_BYTE_COUNT, "frame", n, n + " byte(s); a block write needs at least "
                    + MIN_FRAME_SIZE + " (destination, command code, byte count, source, PEC)"));
            return Decoded.rejected(v, frame);
        }
        int dest = frame.u8(OFFSET_DEST);
        int cmd = frame.u8(OFFSET_COMMAND);
        int count = frame.u8(OFFSET_BYTE_COUNT);
        int src = frame.u8(OFFSET_SRC);
        Bytes packet = frame.slice(OFFSET_PACKET, n - PEC_SIZE);
        int pec = frame.u8(n - 1);
        SmbusFrame f = new SmbusFrame(dest, cmd, count, src, packet, pec);

        if (f.destReadBit()) {
            v.add(Violation.at(Req.SMBUS_DESTINATION_ADDRESS, "destSlaveAddr", OFFSET_DEST,
                    "observed " + hex2(dest) + " with R/W = 1 (read); expected R/W = 0 (" + hex2(dest & ~RW_READ_BIT) + ")"));
        }
        if (cmd != COMMAND_CODE_MCTP) {
            v.add(Violation.at(Req.SMBUS_COMMAND_CODE, "commandCode", OFFSET_COMMAND,
                    "observed " + hex2(cmd) + ", expected " + hex2(COMMAND_CODE_MCTP)));
        }
        if (count != f.actualByteCount()) {
            v.add(Violation.at(Req.SMBUS_BYTE_COUNT, "byteCount", OFFSET_BYTE_COUNT,
                    "observed " + count + " (" + hex2(count) + "), but " + f.actualByteCount()
                            + " byte(s) lie between the byte count and the PEC"));
        }
        if ((src & SRC_MCTP_BIT) == 0) {
            v.add(Violation.at(Req.SMBUS_SOURCE_ADDRESS, "srcSlaveAddr", OFFSET_SRC,
                    "observed " + hex2(src) + " with bit 0 = 0; expected bit 0 = 1 (" + hex2(src | SRC_MCTP_BIT) + ")"));
        }
        if (packet.length() > MAX_PACKET_SIZE) {
            v.add(Violation.at(Req.SMBUS_MAX_TU, "packet", OFFSET_PACKET,
                    "observed " + packet.length() + " packet bytes (byte count would be " + f.actualByteCount()
                            + "); at most " + MAX_PACKET_SIZE + " fit one block write (byte count <= " + MAX_BYTE_COUNT + ")"));
        }
        int expected = f.expectedPec();
        if (pec != expected) {
            v.add(Violation.at(Req.SMBUS_PEC, "pec", n - 1,
                    "observed " + hex2(pec) + ", expected " + hex2(expected) + " (CRC-8 over offsets 0.." + (n - 2) + ")"));
        }
        return Decoded.of(f, v, frame);
    }

    /**
     * Receive side: an I2C target never sees the address byte of a write addressed to it, only the
     * bytes after it. This puts {@code ownAddr7 << 1} back in front and then {@link #decode}s, so the
     * PEC is checked over the bytes the sender covered, and violation offsets count from the
     * re-inserted address byte (offset 0). {@link Decoded#raw()} is the reconstructed frame.
     *
     * @throws IllegalArgumentException if {@code ownAddr7} does not fit 7 bits (a caller bug, not device data)
     */
    public static Decoded<SmbusFrame> decodeReceived(int ownAddr7, Bytes withoutAddressByte) {
        fits7("ownAddr7", ownAddr7);
        return decode(Bytes.ofUnsigned(ownAddr7 << 1).concat(withoutAddressByte));
    }

    private static String hex2(int v) {
        return String.format("%02Xh", v);
    }

    private static void fits(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " = " + v + " does not fit 8 bits");
        }
    }

    private static void fits7(String name, int v) {
        if (v < 0 || v > 0x7F) {
            throw new IllegalArgumentException(name + " = " + v + " is not a 7-bit address");
        }
    }
}
