package org.nvmehil.protocol.lab;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Which commands change or destroy what a DUT holds, so that a bench sends them only with {@code allowDestructive:
 * true}: NVMe-MI Configuration Set, VPD Write, Reset, SES Send, MEB Write and Shutdown; Admin Format NVM, Sanitize,
 * Namespace Management and Attachment, Firmware Commit and Image Download, Security Send, Virtualization and
 * Capacity Management, Lockdown, and Set Features with SV = 1 (saved across power cycles); I/O Write, Write
 * Uncorrectable, Write Zeroes, Dataset Management and Copy; a Fabrics Property Set of CC with SHN (shutdown). Pure:
 * it reads bytes and says why.
 */
public final class Interlock {
    /** Offset of CDW10 in a tunnelled Admin request (NVMe-MI 1.2 Fig. 119) and in an SQE. */
    private static final int MI_ADMIN_CDW10 = 44;
    private static final int SQE_CDW10 = 40;

    private Interlock() {
    }

    /** Why an NVMe-MI request message (from the message-type byte, MIC optional) changes the DUT, or empty. */
    public static Optional<String> miMessage(Bytes m) {
        if (m.length() < 5 || (m.u8(0) & 0x7F) != 0x04 || (m.u8(1) & 0x80) != 0) {
            return Optional.empty(); // not NVMe-MI, or a response
        }
        int nmimt = m.u8(1) >>> 3 & 0xF;
        int opcode = m.u8(4);
        if (nmimt == 1) {
            return Optional.ofNullable(switch (opcode) {
                case 0x03 -> "NVMe-MI Configuration Set";
                case 0x06 -> "NVMe-MI VPD Write";
                case 0x07 -> "NVMe-MI Reset";
                case 0x09 -> "NVMe-MI SES Send";
                case 0x0B -> "NVMe-MI MEB Write";
                case 0x0C -> "NVMe-MI Shutdown";
                default -> null;
            });
        }
        if (nmimt == 2) {
            long cdw10 = m.length() >= MI_ADMIN_CDW10 + 4 ? m.u32le(MI_ADMIN_CDW10) : 0;
            return admin(opcode, cdw10).map(why -> "tunnelled " + why);
        }
        return Optional.empty();
    }

    /** Why an Admin command changes the DUT, or empty. */
    public static Optional<String> admin(int opcode, long cdw10) {
        return Optional.ofNullable(switch (opcode) {
            case 0x80 -> "Admin Format NVM";
            case 0x84 -> "Admin Sanitize";
            case 0x0D -> "Admin Namespace Management";
            case 0x15 -> "Admin Namespace Attachment";
            case 0x10 -> "Admin Firmware Commit";
            case 0x11 -> "Admin Firmware Image Download";
            case 0x81 -> "Admin Security Send";
            case 0x1C -> "Admin Virtualization Management";
            case 0x20 -> "Admin Capacity Management";
            case 0x24 -> "Admin Lockdown";
            case 0x09 -> (cdw10 & 0x8000_0000L) != 0 ? "Admin Set Features with SV=1 (saved)" : null;
            default -> null;
        });
    }

    /** Why an NVMe command (64-byte SQE) on the admin queue ({@code admin}) or an I/O queue changes the DUT, or empty. */
    public static Optional<String> sqe(Bytes sqe, boolean admin) {
        if (sqe.length() < 64) {
            return Optional.empty();
        }
        int opcode = sqe.u8(0);
        if (!admin) {
            return Optional.ofNullable(switch (opcode) {
                case 0x01 -> "I/O Write";
                case 0x04 -> "I/O Write Uncorrectable";
                case 0x08 -> "I/O Write Zeroes";
                case 0x09 -> "I/O Dataset Management";
                case 0x19 -> "I/O Copy";
                default -> null;
            });
        }
        // Fabrics Property Set (FCTYPE 00h) of CC (OFST 14h) with SHN (bits 15:14) set
        if (opcode == 0x7F && sqe.u8(4) == 0x00 && sqe.u32le(44) == 0x14 && (sqe.u32le(48) & 0xC000L) != 0) {
            return Optional.of("Fabrics Property Set CC.SHN (shutdown)");
        }
        return admin(opcode, sqe.u32le(SQE_CDW10));
    }
}
