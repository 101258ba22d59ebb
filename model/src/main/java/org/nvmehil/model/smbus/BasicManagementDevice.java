package org.nvmehil.model.smbus;

import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.mi.BasicManagement.StatusBlock;
import org.nvmehil.protocol.mi.BasicManagement.VendorBlock;
import org.nvmehil.protocol.mi.Ctemp;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The NVMe Basic Management Command responder at 6Ah (NVMe-MI 1.2 Appendix A; facts §10). Pure: values come
 * from lab-config identity, health and topology.
 *
 * <ul>
 *   <li>Command code 00h: the status block. SFLGS: SMBus arbitration 1 (the model bus never sees contention
 *       and has no Send Byte to clear it), drive ready, drive functional, reset not required, port 0/1 link
 *       active when the topology has that many PCIe ports, bits 1:0 = 11b. SW = SMART critical warning
 *       inverted. CTEMP per {@link Ctemp#encode}. PDLU capped at 255.</li>
 *   <li>Command code 08h: the vendor block, VID big-endian and the 20-byte SN.</li>
 *   <li>Any other command code: a block with byte count 00h and its PEC (the model has no vendor-specific
 *       data and does not serve reads that start inside a block).</li>
 * </ul>
 * A read of {@code length} bytes returns the block cut to that length, or padded with FFh (an idle bus) when
 * the host reads beyond it.
 */
public final class BasicManagementDevice {

    private final LabConfig config;

    public BasicManagementDevice(LabConfig config) {
        this.config = config;
    }

    public StatusBlock status() {
        LabConfig.Health h = config.model().health();
        int ports = config.model().topology().pciePorts();
        int sflgs = StatusBlock.SFLGS_ARBITRATION | StatusBlock.SFLGS_DRIVE_FUNCTIONAL
                | StatusBlock.SFLGS_RESET_NOT_REQUIRED | (ports >= 1 ? StatusBlock.SFLGS_P0LA : 0)
                | (ports >= 2 ? StatusBlock.SFLGS_P1LA : 0) | StatusBlock.SFLGS_FIXED;
        return new StatusBlock(sflgs, ~h.criticalWarning() & 0xFF, Ctemp.encode(h.ctempCelsius()),
                Math.min(255, Math.max(0, h.pdlu())));
    }

    public VendorBlock vendor() {
        LabConfig.Identity id = config.model().identity();
        return new VendorBlock(id.vid() & 0xFFFF, id.sn());
    }

    /** The bytes a block read with {@code commandCode} returns: count, data, PEC, fitted to {@code length}. */
    public Bytes read(int commandCode, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length);
        }
        Bytes block = switch (commandCode) {
            case BasicManagement.CMD_STATUS -> status().encode();
            case BasicManagement.CMD_VENDOR -> vendor().encode();
            default -> BasicManagement.withPec(commandCode & 0xFF, Bytes.ofUnsigned(0x00));
        };
        if (length <= block.length()) {
            return block.head(length);
        }
        int[] pad = new int[length - block.length()];
        java.util.Arrays.fill(pad, 0xFF);
        return block.concat(Bytes.ofUnsigned(pad));
    }
}
