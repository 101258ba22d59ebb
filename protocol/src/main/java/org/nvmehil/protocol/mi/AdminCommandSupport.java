package org.nvmehil.protocol.mi;

import java.util.Map;

/**
 * Out-of-band support of Admin commands for an NVMe storage device (MI 1.2 §6, Fig. 114; facts
 * §8.3): mandatory, optional, prohibited, or not listed. A prohibited opcode gets 04h with PEL on the
 * opcode (byte 4 bit 0); an opcode not listed gets 03h. Vendor specific opcodes (C0h-FFh) are optional.
 */
public enum AdminCommandSupport {
    MANDATORY,
    OPTIONAL,
    PROHIBITED,
    NOT_LISTED;

    private static final Map<Integer, AdminCommandSupport> FIG_114 = Map.ofEntries(
            Map.entry(0x00, PROHIBITED), // Delete I/O Submission Queue
            Map.entry(0x01, PROHIBITED), // Create I/O Submission Queue
            Map.entry(0x02, MANDATORY), // Get Log Page
            Map.entry(0x04, PROHIBITED), // Delete I/O Completion Queue
            Map.entry(0x05, PROHIBITED), // Create I/O Completion Queue
            Map.entry(0x06, MANDATORY), // Identify
            Map.entry(0x08, PROHIBITED), // Abort
            Map.entry(0x09, OPTIONAL), // Set Features
            Map.entry(0x0A, MANDATORY), // Get Features
            Map.entry(0x0C, PROHIBITED), // Asynchronous Event Request
            Map.entry(0x0D, OPTIONAL), // Namespace Management
            Map.entry(0x10, OPTIONAL), // Firmware Commit
            Map.entry(0x11, OPTIONAL), // Firmware Image Download
            Map.entry(0x14, OPTIONAL), // Device Self-test
            Map.entry(0x15, OPTIONAL), // Namespace Attachment
            Map.entry(0x18, PROHIBITED), // Keep Alive
            Map.entry(0x19, PROHIBITED), // Directive Send
            Map.entry(0x1A, PROHIBITED), // Directive Receive
            Map.entry(0x1C, OPTIONAL), // Virtualization Management
            Map.entry(0x1D, PROHIBITED), // NVMe-MI Send
            Map.entry(0x1E, PROHIBITED), // NVMe-MI Receive
            Map.entry(0x20, OPTIONAL), // Capacity Management
            Map.entry(0x24, OPTIONAL), // Lockdown
            Map.entry(0x7C, PROHIBITED), // Doorbell Buffer Config
            Map.entry(0x7F, PROHIBITED), // Fabrics Commands
            Map.entry(0x80, OPTIONAL), // Format NVM
            Map.entry(0x81, OPTIONAL), // Security Send
            Map.entry(0x82, OPTIONAL), // Security Receive
            Map.entry(0x84, OPTIONAL), // Sanitize
            Map.entry(0x86, OPTIONAL)); // Get LBA Status

    /** The Figure 114 class of {@code opcode}. */
    public static AdminCommandSupport of(int opcode) {
        if (opcode >= 0xC0 && opcode <= 0xFF) {
            return OPTIONAL;
        }
        return FIG_114.getOrDefault(opcode, NOT_LISTED);
    }
}
