package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;

/**
 * Property Get, FCTYPE 04h (Base 2.2 §6.5, Figs. 552-553): ATTRIB at SQE 40 (bits 2:0 PRS: 000b 4 bytes, 001b 8
 * bytes), OFST at 44. The response carries the value in CQE DW0 (and DW1 for 8 bytes). No data: the factories
 * send the null Transport SGL (5Ah, length 0) as Linux does.
 */
public record PropertyGet(int cid, int psdt, SglDescriptor sgl1, int attrib, long ofst) implements FabricsCommand {

    public static final int OFFSET_ATTRIB = 40;
    public static final int OFFSET_OFST = 44;

    public PropertyGet {
        checkBits("cid", cid, 16);
        checkBits("psdt", psdt, 2);
        checkBits("attrib", attrib, 8);
        checkBits("ofst", ofst, 32);
        if (sgl1 == null) {
            throw new IllegalArgumentException("sgl1 is required");
        }
    }

    public static PropertyGet of(int cid, Property p) {
        return new PropertyGet(cid, PSDT_SGL, SglDescriptor.transport(0), p.attrib(), p.offset);
    }

    @Override
    public int fctype() {
        return FabricsType.PROPERTY_GET.code;
    }

    /** Access size in bytes from ATTRIB bits 2:0 (4 or 8), 0 for a reserved encoding. */
    public int size() {
        return Property.sizeOf(attrib);
    }

    @Override
    public Sqe toSqe() {
        return FabricsCommand.sqe(cid, psdt, fctype(), sgl1, attrib, ofst, 0, 0, 0, 0);
    }

    /** The property value of a Property Get response: DW1:DW0. */
    public static long value(Cqe cqe) {
        return cqe.dw0() | cqe.dw1() << 32;
    }

    /** A successful Property Get response carrying {@code value}. */
    public static Cqe response(int cid, int sqhd, long value) {
        return new Cqe(value & 0xFFFF_FFFFL, value >>> 32, sqhd, 0, cid, false, 0, 0, 0, false, false);
    }
}
