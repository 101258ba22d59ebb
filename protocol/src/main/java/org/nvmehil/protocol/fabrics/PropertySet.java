package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.nvme.Sqe;

/**
 * Property Set, FCTYPE 00h (Base 2.2 §6.6, Figs. 554-555): ATTRIB at SQE 40 (bits 2:0 PUS: 000b 4 bytes, 001b 8
 * bytes), OFST at 44, VALUE at 48 (4-byte properties use 48-51, 52-55 reserved). The response DW0/DW1 are
 * reserved.
 */
public record PropertySet(int cid, int psdt, SglDescriptor sgl1, int attrib, long ofst, long value) implements FabricsCommand {

    public static final int OFFSET_ATTRIB = 40;
    public static final int OFFSET_OFST = 44;
    public static final int OFFSET_VALUE = 48;

    public PropertySet {
        checkBits("cid", cid, 16);
        checkBits("psdt", psdt, 2);
        checkBits("attrib", attrib, 8);
        checkBits("ofst", ofst, 32);
        if (sgl1 == null) {
            throw new IllegalArgumentException("sgl1 is required");
        }
    }

    public static PropertySet of(int cid, Property p, long value) {
        return new PropertySet(cid, PSDT_SGL, SglDescriptor.transport(0), p.attrib(), p.offset, value);
    }

    @Override
    public int fctype() {
        return FabricsType.PROPERTY_SET.code;
    }

    /** Access size in bytes (4 or 8), 0 for a reserved encoding. */
    public int size() {
        return Property.sizeOf(attrib);
    }

    @Override
    public Sqe toSqe() {
        return FabricsCommand.sqe(cid, psdt, fctype(), sgl1, attrib, ofst, value & 0xFFFF_FFFFL, value >>> 32, 0, 0);
    }
}
