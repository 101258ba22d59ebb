package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.hex8;

import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;

/**
 * A Fabrics command: an SQE with opcode 7Fh whose byte 4 is FCTYPE (Base 2.2 §6, Figs. 94-95, 541). Byte 1 holds
 * PSDT (7:6) with 5:0 reserved, bytes 5-23 are reserved, SGL1 at 24-39 is used when the command has data, bytes
 * 40-63 are type specific. PSDT is kept as sent: Linux hosts send 01b on every Fabrics command and nvmet requires
 * it, although Fig. 95 reserves 01b (facts §5.3); the factories use 01b.
 */
public sealed interface FabricsCommand
        permits Connect, PropertyGet, PropertySet, Disconnect, Authentication, OtherFabricsCommand {

    int OFFSET_FCTYPE = 4;
    /** PSDT the factories use (01b, what Linux hosts send and nvmet requires). */
    int PSDT_SGL = 1;

    int cid();

    /** FCTYPE code. */
    int fctype();

    Sqe toSqe();

    default Bytes encode() {
        return toSqe().encode();
    }

    /**
     * Decodes a 64-byte Fabrics SQE. Reports a reserved FCTYPE (NVMEOF_FCTYPE_RESERVED, decoded as
     * {@link OtherFabricsCommand}), non-zero reserved bytes and bits (NVMEOF_RESERVED_ZERO) and, for Connect, an
     * SGL1 that is not a 1024-byte data descriptor NVMe/TCP allows. Field values a controller must judge (RECFMT,
     * SQSIZE, offsets) are decoded, not reported. An SQE that is not opcode 7Fh or shorter than 64 bytes is
     * rejected. Offsets are SQE byte offsets.
     */
    static Decoded<FabricsCommand> decode(Bytes b) {
        FabricsFindings f = new FabricsFindings();
        Decoded<Sqe> ds = Sqe.decode(b);
        f.addAll(ds.violations());
        if (ds.value().isEmpty()) {
            return f.rejected(b);
        }
        Sqe sqe = ds.get();
        if (sqe.opc() != FabricsType.OPCODE) {
            f.add(Req.NVMEOF_FCTYPE_RESERVED, "opc", 0, "opcode " + hex8(sqe.opc()) + " is not the Fabrics opcode 7Fh");
            return f.rejected(b);
        }
        int fctype = b.u8(OFFSET_FCTYPE);
        f.reservedBits(Req.NVMEOF_RESERVED_ZERO, b.u8(1), 0x3F, 1, "byte1.reserved");
        f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 5, 24, "reserved");
        int psdt = sqe.psdt();
        int cid = sqe.cid();
        LeReader r = new LeReader(b, 40);
        FabricsCommand c;
        if (FabricsType.isReserved(fctype)) {
            f.add(Req.NVMEOF_FCTYPE_RESERVED, "fctype", OFFSET_FCTYPE, "FCTYPE " + hex8(fctype) + " is reserved");
            c = new OtherFabricsCommand(sqe);
        } else if (FabricsType.isVendorSpecific(fctype)) {
            c = new OtherFabricsCommand(sqe);
        } else {
            SglDescriptor sgl = SglDescriptor.fromSqe(sqe);
            c = switch (FabricsType.of(fctype).orElseThrow()) {
                case CONNECT -> {
                    Decoded<SglDescriptor> d = SglDescriptor.decode(sqe);
                    f.addAll(d.violations());
                    if (sgl.length() != ConnectData.SIZE) {
                        f.add(Req.NVMEOF_CONNECT_DATA_FORMAT, "sgl1.length", 32, "SGL1 length is " + sgl.length()
                                + ", the Connect data is 1024 bytes");
                    }
                    Connect v = new Connect(cid, psdt, sgl, r.u16(), r.u16(), r.u16(), r.u8(), b.u32le(48), b.u16le(52));
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 47, 48, "reserved");
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 54, 64, "reserved");
                    yield v;
                }
                case PROPERTY_GET -> {
                    int attrib = b.u8(40);
                    f.reservedBits(Req.NVMEOF_RESERVED_ZERO, attrib, 0xF8, 40, "attrib.reserved");
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 41, 44, "reserved");
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 48, 64, "reserved");
                    yield new PropertyGet(cid, psdt, sgl, attrib, b.u32le(44));
                }
                case PROPERTY_SET -> {
                    int attrib = b.u8(40);
                    f.reservedBits(Req.NVMEOF_RESERVED_ZERO, attrib, 0xF8, 40, "attrib.reserved");
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 41, 44, "reserved");
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 56, 64, "reserved");
                    long value = b.u32le(48) | b.u32le(52) << 32;
                    yield new PropertySet(cid, psdt, sgl, attrib, b.u32le(44), value);
                }
                case DISCONNECT -> {
                    f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 42, 64, "reserved");
                    yield new Disconnect(cid, psdt, sgl, b.u16le(40));
                }
                case AUTHENTICATION_SEND, AUTHENTICATION_RECEIVE -> new Authentication(sqe);
            };
        }
        return f.result(c, b);
    }

    /** As {@link #decode(Bytes)} for an already split SQE (its CDW0 bits 13:10 are lost in {@link Sqe}). */
    static Decoded<FabricsCommand> decode(Sqe sqe) {
        return decode(sqe.encode());
    }

    /** The common part of every Fabrics SQE: opcode 7Fh, PSDT, CID, FCTYPE, SGL1. */
    static Sqe sqe(int cid, int psdt, int fctype, SglDescriptor sgl1, long cdw10, long cdw11, long cdw12, long cdw13,
                   long cdw14, long cdw15) {
        return new Sqe(FabricsType.OPCODE, 0, psdt, cid, fctype, 0, 0, 0, sgl1.prp1(), sgl1.prp2(), cdw10, cdw11, cdw12,
                cdw13, cdw14, cdw15);
    }
}
