package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;
import static org.nvmehil.protocol.wire.Findings.hex8;

import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * A 16-byte SGL descriptor (Base 2.2 §4.3.2, Figs. 115-123) as NVMe/TCP uses it in SGL1 (SQE bytes 24-39;
 * NVMe/TCP 1.0 §3.3.2, Fig. 14): ADDR (0-7), LEN (8-11), reserved (12-14), SGL identifier (15: type 7:4, sub
 * type 3:0). NVMe/TCP uses two: Data Block with sub type Offset (01h, ADDR = offset into the in-capsule data) and
 * Transport SGL Data Block (5Ah, ADDR reserved, LEN = size of the command data buffer; 0 = no data). Any field
 * value is representable.
 */
public record SglDescriptor(long address, long length, int reserved, int type, int subtype) {

    public static final int SIZE = 16;
    public static final int TYPE_DATA_BLOCK = 0x0;
    public static final int TYPE_BIT_BUCKET = 0x1;
    public static final int TYPE_SEGMENT = 0x2;
    public static final int TYPE_LAST_SEGMENT = 0x3;
    public static final int TYPE_KEYED_DATA_BLOCK = 0x4;
    public static final int TYPE_TRANSPORT_DATA_BLOCK = 0x5;
    public static final int TYPE_VENDOR = 0xF;
    public static final int SUBTYPE_ADDRESS = 0x0;
    public static final int SUBTYPE_OFFSET = 0x1;
    /** Transport specific sub type NVMe/TCP uses with the Transport SGL Data Block. */
    public static final int SUBTYPE_TRANSPORT = 0xA;
    /** SGL identifier byte of in-capsule data: Data Block, sub type Offset. */
    public static final int ID_IN_CAPSULE = 0x01;
    /** SGL identifier byte of a command data buffer: Transport SGL Data Block, sub type Ah. */
    public static final int ID_TRANSPORT = 0x5A;
    /** Offset of SGL1 in the SQE. */
    public static final int SQE_OFFSET = 24;

    public SglDescriptor {
        checkBits("length", length, 32);
        checkBits("reserved", reserved, 24);
        checkBits("type", type, 4);
        checkBits("subtype", subtype, 4);
    }

    /** In-capsule data at {@code offset} (ICDOFF is 0 on NVMe/TCP) of {@code length} bytes: identifier 01h. */
    public static SglDescriptor inCapsule(long offset, long length) {
        return new SglDescriptor(offset, length, 0, TYPE_DATA_BLOCK, SUBTYPE_OFFSET);
    }

    /** A command data buffer of {@code length} bytes (0 for a command without data): identifier 5Ah. */
    public static SglDescriptor transport(long length) {
        return new SglDescriptor(0, length, 0, TYPE_TRANSPORT_DATA_BLOCK, SUBTYPE_TRANSPORT);
    }

    /** The SGL identifier byte. */
    public int id() {
        return type << 4 | subtype;
    }

    public boolean isInCapsule() {
        return id() == ID_IN_CAPSULE;
    }

    public boolean isTransport() {
        return id() == ID_TRANSPORT;
    }

    /** SQE bytes 24-31 (the PRP entry 1 slot of {@link Sqe}). */
    public long prp1() {
        return address;
    }

    /** SQE bytes 32-39 (the PRP entry 2 slot of {@link Sqe}). */
    public long prp2() {
        return length | (long) reserved << 32 | (long) id() << 56;
    }

    public Bytes encode() {
        return new LeWriter().u64(prp1()).u64(prp2()).build();
    }

    /** SGL1 of {@code sqe}. */
    public static SglDescriptor fromSqe(Sqe sqe) {
        long p2 = sqe.prp2();
        int id = (int) (p2 >>> 56);
        return new SglDescriptor(sqe.prp1(), p2 & 0xFFFF_FFFFL, (int) (p2 >>> 32 & 0xFF_FFFF), id >> 4, id & 0xF);
    }

    /** A copy of {@code sqe} with this descriptor as SGL1. */
    public Sqe applyTo(Sqe sqe) {
        return new Sqe(sqe.opc(), sqe.fuse(), sqe.psdt(), sqe.cid(), sqe.nsid(), sqe.cdw2(), sqe.cdw3(), sqe.mptr(),
                prp1(), prp2(), sqe.cdw10(), sqe.cdw11(), sqe.cdw12(), sqe.cdw13(), sqe.cdw14(), sqe.cdw15());
    }

    /**
     * Decodes a descriptor and checks it against what NVMe/TCP allows: identifier 01h or 5Ah
     * (TCP_SGL_DESCRIPTORS), reserved bytes 12-14 and a Transport descriptor's ADDR zero (TCP_RESERVED_ZERO).
     * Offsets count from the descriptor's first byte plus {@code base} (24 for SGL1 within an SQE).
     */
    public static Decoded<SglDescriptor> decode(Bytes b, int base) {
        FabricsFindings f = new FabricsFindings();
        if (b.length() != SIZE) {
            f.add(Req.TCP_SGL_DESCRIPTORS, "sgl", base + Math.min(b.length(), SIZE), "descriptor is " + b.length()
                    + " bytes, expected 16");
            if (b.length() < SIZE) {
                return f.rejected(b);
            }
        }
        LeReader r = new LeReader(b);
        long addr = r.u64();
        long len = r.u32();
        int rsvd = r.u8() | r.u8() << 8 | r.u8() << 16;
        int id = r.u8();
        SglDescriptor d = new SglDescriptor(addr, len, rsvd, id >> 4, id & 0xF);
        if (id != ID_IN_CAPSULE && id != ID_TRANSPORT) {
            f.add(Req.TCP_SGL_DESCRIPTORS, "sglIdentifier", base + 15, "SGL identifier " + hex8(id)
                    + " is neither 01h (Data Block, Offset) nor 5Ah (Transport SGL Data Block)");
        }
        f.reservedRange(Req.TCP_RESERVED_ZERO, b, 12, 15, "reserved");
        if (id == ID_TRANSPORT && addr != 0) {
            f.reservedRange(Req.TCP_RESERVED_ZERO, b, 0, 8, "address");
        }
        return f.result(d, b);
    }

    /** SGL1 of an SQE, with offsets within the SQE. */
    public static Decoded<SglDescriptor> decode(Sqe sqe) {
        return decode(fromSqe(sqe).encode(), SQE_OFFSET);
    }
}
