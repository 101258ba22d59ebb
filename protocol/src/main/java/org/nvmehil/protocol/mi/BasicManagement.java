package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;
import static org.nvmehil.protocol.mi.Findings.hex8;

import java.nio.charset.StandardCharsets;
import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * NVMe Basic Management Command (MI 1.2 Appendix A; facts §10): an SMBus block read at 7-bit address
 * 6Ah (write byte D4h, command code, repeated start, read byte D5h). The device returns a byte count,
 * that many bytes and a PEC computed over D4h, the command code, D5h and every returned byte before
 * the PEC. Command code 00h returns the status block, 08h the vendor block. No MCTP is involved.
 *
 * <p>Violation offsets count within the bytes the block read returns (the count byte is 0).
 */
public final class BasicManagement {
    public static final int ADDRESS = 0x6A;
    public static final int WRITE_BYTE = ADDRESS << 1;
    public static final int READ_BYTE = ADDRESS << 1 | 1;
    public static final int CMD_STATUS = 0x00;
    public static final int CMD_VENDOR = 0x08;

    private BasicManagement() {
    }

    /** PEC of a block read with command code {@code cmd} returning {@code returned} (count first, no PEC). */
    public static int pec(int cmd, Bytes returned) {
        return Crc.smbusPec(Bytes.ofUnsigned(WRITE_BYTE, cmd, READ_BYTE).concat(returned));
    }

    /** {@code returned} (count first) with its PEC appended: any block, legal or not. */
    public static Bytes withPec(int cmd, Bytes returned) {
        return returned.concat(Bytes.ofUnsigned(pec(cmd, returned)));
    }

    /**
     * Command code 00h block: count 06h, SFLGS, SW (SMART warnings, active low), CTEMP ({@link Ctemp}),
     * PDLU, two reserved bytes, PEC. SFLGS: 7 SMBus arbitration, 6 drive not ready, 5 drive functional,
     * 4 reset not required, 3 port 0 PCIe link active, 2 port 1 link active, 1:0 always 11b.
     */
    public record StatusBlock(int sflgs, int sw, int ctemp, int pdlu) {
        public static final int COUNT = 0x06;
        public static final int SFLGS_ARBITRATION = 1 << 7;
        public static final int SFLGS_DRIVE_NOT_READY = 1 << 6;
        public static final int SFLGS_DRIVE_FUNCTIONAL = 1 << 5;
        public static final int SFLGS_RESET_NOT_REQUIRED = 1 << 4;
        public static final int SFLGS_P0LA = 1 << 3;
        public static final int SFLGS_P1LA = 1 << 2;
        public static final int SFLGS_FIXED = 0x03;

        public StatusBlock {
            checkBits("sflgs", sflgs, 8);
            checkBits("sw", sw, 8);
            checkBits("ctemp", ctemp, 8);
            checkBits("pdlu", pdlu, 8);
        }

        public boolean driveNotReady() {
            return (sflgs & SFLGS_DRIVE_NOT_READY) != 0;
        }

        public Ctemp.Reading ctempReading() {
            return Ctemp.decode(ctemp);
        }

        /** The bytes the device returns: count, data, PEC (8 bytes). */
        public Bytes encode() {
            return withPec(CMD_STATUS, new LeWriter().u8(COUNT).u8(sflgs).u8(sw).u8(ctemp).u8(pdlu).u16(0).build());
        }

        /** Rejected when shorter than 8 bytes; reports count, SFLGS bits 1:0, reserved bytes and PEC. */
        public static Decoded<StatusBlock> decode(Bytes returned) {
            Findings f = new Findings();
            if (!frame(CMD_STATUS, returned, COUNT, f)) {
                return f.rejected(returned);
            }
            StatusBlock s = new StatusBlock(returned.u8(1), returned.u8(2), returned.u8(3), returned.u8(4));
            if ((s.sflgs & SFLGS_FIXED) != SFLGS_FIXED) {
                f.add(Req.MI_BASIC_MANAGEMENT, "sflgs", 1, "SFLGS bits 1:0 are "
                        + Integer.toBinaryString(4 | s.sflgs & 3).substring(1) + "b, expected 11b");
            }
            for (int i = 5; i <= 6; i++) {
                if (returned.u8(i) != 0) {
                    f.add(Req.MI_BASIC_MANAGEMENT, "reserved", i, "reserved byte is " + hex8(returned.u8(i))
                            + ", expected 00h");
                }
            }
            return f.result(s, returned);
        }
    }

    /**
     * Command code 08h block: count 16h, PCI Vendor ID (big-endian, most significant byte first), the
     * 20-byte serial number (as in Identify Controller SN; the record pads it with spaces), PEC.
     */
    public record VendorBlock(int vid, String sn) {
        public static final int COUNT = 0x16;
        public static final int SN_LENGTH = 20;

        public VendorBlock {
            checkBits("vid", vid, 16);
            if (sn == null || sn.length() > SN_LENGTH) {
                throw new IllegalArgumentException("sn does not fit 20 bytes");
            }
            sn = sn + " ".repeat(SN_LENGTH - sn.length());
        }

        /** Count, VID (MSB first), SN padded with spaces, PEC: 24 bytes. */
        public Bytes encode() {
            LeWriter w = new LeWriter().u8(COUNT).u16be(vid);
            for (int i = 0; i < SN_LENGTH; i++) {
                w.u8(i < sn.length() ? sn.charAt(i) : ' ');
            }
            return withPec(CMD_VENDOR, w.build());
        }

        public static Decoded<VendorBlock> decode(Bytes returned) {
            Findings f = new Findings();
            if (!frame(CMD_VENDOR, returned, COUNT, f)) {
                return f.rejected(returned);
            }
            String sn = new String(returned.slice(3, 3 + SN_LENGTH).toArray(), StandardCharsets.ISO_8859_1);
            return f.result(new VendorBlock(returned.u16be(1), sn), returned);
        }
    }

    /** Checks count and PEC; false when there are too few bytes for the expected block. */
    private static boolean frame(int cmd, Bytes returned, int count, Findings f) {
        if (returned.length() < count + 2) {
            f.add(Req.MI_BASIC_MANAGEMENT, "length", returned.length(), "block read returned " + returned.length()
                    + " bytes, expected " + (count + 2) + " (count, " + count + " data bytes, PEC)");
            return false;
        }
        if (returned.u8(0) != count) {
            f.add(Req.MI_BASIC_MANAGEMENT, "count", 0, "byte count is " + hex8(returned.u8(0)) + ", expected "
                    + hex8(count));
        }
        int pecAt = count + 1;
        int expected = pec(cmd, returned.slice(0, pecAt));
        if (returned.u8(pecAt) != expected) {
            f.add(Req.MI_BASIC_MANAGEMENT, "pec", pecAt, "PEC is " + hex8(returned.u8(pecAt)) + ", expected "
                    + hex8(expected) + " over D4h, " + hex8(cmd) + ", D5h and the returned bytes");
        }
        return true;
    }
}
