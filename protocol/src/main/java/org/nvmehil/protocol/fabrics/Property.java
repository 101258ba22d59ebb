package org.nvmehil.protocol.fabrics;

import java.util.Optional;

/**
 * The properties of a message-based (Fabrics) controller (Base 2.2 §3.1.4; map as in Base 2.1 Fig. 33). Offsets
 * not listed (INTMS/INTMC, AQA/ASQ/ACQ, CMB*, BP*, PMR*, 18h) are reserved for message-based controllers.
 */
public enum Property {
    CAP(0x00, 8),
    VS(0x08, 4),
    CC(0x14, 4),
    CSTS(0x1C, 4),
    /** Optional; write 4E564D65h ("NVMe") to reset the NVM subsystem, reads 0. */
    NSSR(0x20, 4),
    NSSD(0x64, 4),
    /** Base 2.x controllers only. */
    CRTO(0x68, 4);

    /** The NSSR value that resets the NVM subsystem. */
    public static final long NSSR_RESET = 0x4E564D65L;

    public final int offset;
    /** Size in bytes: the only width a host may access it with. */
    public final int size;

    Property(int offset, int size) {
        this.offset = offset;
        this.size = size;
    }

    public static Optional<Property> of(long ofst) {
        for (Property p : values()) {
            if (p.offset == ofst) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** ATTRIB value (PRS/PUS, bits 2:0) for this property's size. */
    public int attrib() {
        return size == 8 ? 1 : 0;
    }

    /** Access size from ATTRIB bits 2:0: 4 or 8 bytes, 0 for a reserved encoding (bits 7:3 ignored). */
    public static int sizeOf(int attrib) {
        return switch (attrib & 7) {
            case 0 -> 4;
            case 1 -> 8;
            default -> 0;
        };
    }
}
