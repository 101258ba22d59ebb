package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nvmehil.protocol.tcp.TcpVectors.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.DiscoveryLog;
import org.nvmehil.protocol.fabrics.DiscoveryLogHeader;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.fabrics.PropertyGet;
import org.nvmehil.protocol.fabrics.PropertySet;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Every PDU of facts §13 (Linux nvmet 6.1 captures) decodes to the documented fields with no violation and the
 * independently built PDU encodes to the captured bytes. For PDUs the sheet shows only in part, the documented
 * prefix is compared and the rest of the PDU is synthetic (see {@link TcpVectors}).
 */
class TcpGoldenVectorTest {

    static final TcpParams N = TcpParams.NONE;
    static final TcpParams D = TcpParams.DIGESTS;

    /**
     * @param wire     the whole PDU (documented bytes plus, for partial vectors, synthetic ones)
     * @param compared how many leading bytes are documented (the whole PDU unless partial)
     */
    record Vector(Bytes wire, int compared, TcpParams params, Direction dir, Pdu expected) {
        static Vector whole(Bytes wire, TcpParams p, Direction d, Pdu expected) {
            return new Vector(wire, wire.length(), p, d, expected);
        }

        /** {@code documented} leading bytes of a PDU whose remainder the sheet does not give. */
        static Vector partial(Bytes documented, TcpParams p, Direction d, Pdu expected) {
            return new Vector(expected.encode(p), documented.length(), p, d, expected).check(documented);
        }

        Vector check(Bytes documented) {
            if (!wire.head(compared).equals(documented)) {
                throw new AssertionError("synthetic PDU does not start with the documented bytes:\n  " + wire.head(compared)
                        + "\n  " + documented);
            }
            return this;
        }
    }

    static Sqe sqe(int opc, int cid, long nsid, SglDescriptor sgl, long cdw10, long cdw12) {
        return sgl.applyTo(new Sqe(opc, 0, 1, cid, nsid, 0, 0, 0, 0, 0, cdw10, 0, cdw12, 0, 0, 0));
    }

    static Cqe cqe(long dw0, long dw1, int sqhd, int sqid, int cid) {
        return new Cqe(dw0, dw1, sqhd, sqid, cid, false, 0, 0, 0, false, false);
    }

    static Cqe error(long dw0, int sqhd, int cid, int sct, int sc, boolean m, boolean dnr) {
        return new Cqe(dw0, 0, sqhd, 0, cid, false, sc, sct, 0, m, dnr);
    }

    static Stream<Arguments> vectors() {
        Bytes synthetic32k = TcpVectors.pattern(32768, i -> i * 5 % 256);
        return Stream.of(
                argumentSet("ICReq, no digests (facts §13.1, " + NVMET + ")",
                        Vector.whole(ICREQ, N, Direction.H2C, IcReq.of(false, false, 0, 0))),
                argumentSet("ICResp, no digests, MAXH2CDATA 4 MiB (facts §13.1, " + NVMET + ")",
                        Vector.whole(ICRESP, N, Direction.C2H, IcResp.of(false, false, 0, 0x400000))),
                argumentSet("ICReq, HDGST+DDGST requested (facts §13.1, " + NVMET + ")",
                        Vector.whole(ICREQ_DGST, N, Direction.H2C, IcReq.of(true, true, 0, 0))),
                argumentSet("ICResp, HDGST+DDGST enabled (facts §13.1, " + NVMET + ")",
                        Vector.whole(ICRESP_DGST, N, Direction.C2H, IcResp.of(true, true, 0, 0x400000))),
                argumentSet("CapsuleCmd Connect admin with 1024 in-capsule bytes (facts §13.2, " + NVMET + ")",
                        Vector.whole(CONNECT, N, Direction.H2C, new CapsuleCmd(Connect.admin(1, 0x1F, 0).toSqe(),
                                CONNECT_DATA_VALUE.encode()))),
                argumentSet("CapsuleResp Connect success, CNTLID 1, SQHD 1 (facts §13.2, " + NVMET + ")",
                        Vector.whole(CONNECT_RESP, N, Direction.C2H, new CapsuleResp(cqe(1, 0, 1, 0, 1)))),
                argumentSet("CapsuleCmd Connect admin, HDGST 073f111ch + DDGST 24438531h (facts §13.2, " + NVMET + ")",
                        Vector.whole(CONNECT_DGST, D, Direction.H2C, new CapsuleCmd(Connect.admin(1, 0x1F, 0).toSqe(),
                                CONNECT_DATA_VALUE.encode()))),
                argumentSet("CapsuleResp Connect success with HDGST fc8ea809h (facts §13.2, " + NVMET + ")",
                        Vector.whole(CONNECT_RESP_DGST, D, Direction.C2H, new CapsuleResp(cqe(2, 0, 1, 0, 1)))),
                argumentSet("CapsuleCmd Property Get CAP, null SGL 5Ah (facts §13.3, " + NVMET + ")",
                        Vector.whole(PROPERTY_GET_CAP, N, Direction.H2C, CapsuleCmd.of(PropertyGet.of(2, Property.CAP).toSqe()))),
                argumentSet("CapsuleResp Property Get CAP 00000820_0F0003FFh (facts §13.3, " + NVMET + ")",
                        Vector.whole(PROPERTY_GET_CAP_RESP, N, Direction.C2H, new CapsuleResp(cqe(0x0F0003FFL, 0x820, 2, 0, 2)))),
                argumentSet("CapsuleCmd Property Set CC 00460001h (facts §13.3, " + NVMET + ")",
                        Vector.whole(PROPERTY_SET_CC, N, Direction.H2C, CapsuleCmd.of(PropertySet.of(5, Property.CC, 0x00460001L).toSqe()))),
                argumentSet("CapsuleResp Property Set (facts §13.3, " + NVMET + ")",
                        Vector.whole(PROPERTY_SET_RESP, N, Direction.C2H, new CapsuleResp(cqe(0, 0, 5, 0, 5)))),
                argumentSet("CapsuleResp Property Get CSTS = RDY (facts §13.3, " + NVMET + ")",
                        Vector.whole(PROPERTY_GET_CSTS_RESP, N, Direction.C2H, new CapsuleResp(cqe(1, 0, 6, 0, 6)))),
                argumentSet("CapsuleResp Identify before CC.EN: Command Sequence Error 8018h (facts §13.3, " + NVMET + ")",
                        Vector.whole(IDENTIFY_BEFORE_EN_NVM, N, Direction.C2H, new CapsuleResp(error(0, 4, 4, 0, 0x0C, false, true)))),
                argumentSet("CapsuleResp Identify before CC.EN, discovery: Invalid Opcode C002h (facts §13.3, " + NVMET + ")",
                        Vector.whole(IDENTIFY_BEFORE_EN_DISCOVERY, N, Direction.C2H, new CapsuleResp(error(0, 4, 4, 0, 0x01, true, true)))),
                argumentSet("CapsuleCmd Identify Controller, SGL 5Ah 4096 (facts §13.4, " + NVMET + ")",
                        Vector.whole(IDENTIFY, N, Direction.H2C, CapsuleCmd.of(sqe(6, 7, 0, SglDescriptor.transport(4096), 1, 0)))),
                argumentSet("C2HData Identify data, LAST_PDU, first 24 of 4120 (facts §13.4, " + NVMET + ")",
                        Vector.partial(IDENTIFY_C2H_HEADER.concat(IDENTIFY_DATA.head(16)), N, Direction.C2H,
                                C2HData.of(7, 0, IDENTIFY_DATA, true, false))),
                argumentSet("CapsuleResp after Identify (facts §13.4, " + NVMET + ")",
                        Vector.whole(IDENTIFY_RESP, N, Direction.C2H, new CapsuleResp(cqe(0, 0, 7, 0, 7)))),
                argumentSet("C2HData Identify with HDGST 5a0d91e6h, first 28 of 4128 (facts §13.4, " + NVMET + ")",
                        Vector.partial(IDENTIFY_C2H_HEADER_DGST, D, Direction.C2H, C2HData.of(7, 0, IDENTIFY_DATA, true, false))),
                argumentSet("CapsuleCmd Write 512 in-capsule bytes, HDGST 5a1ea133h + DDGST ae10ee5ah (facts §13.5, " + NVMET + ")",
                        Vector.whole(WRITE_INCAPSULE_DGST, D, Direction.H2C, new CapsuleCmd(sqe(1, 2, 1,
                                SglDescriptor.inCapsule(0, 512), 0, 0), PAYLOAD_512))),
                argumentSet("CapsuleCmd Read 1 LBA, HDGST only (facts §13.5, " + NVMET + ")",
                        Vector.whole(READ_DGST, D, Direction.H2C, CapsuleCmd.of(sqe(2, 3, 1, SglDescriptor.transport(512), 0, 0)))),
                argumentSet("C2HData 512-byte known payload, HDGST 152d93efh + DDGST ae10ee5ah (facts §13.5, " + NVMET + ")",
                        Vector.whole(READ_C2H_DGST, D, Direction.C2H, C2HData.of(3, 0, PAYLOAD_512, true, false))),
                argumentSet("CapsuleResp after the read, SQID 1, HDGST df5577d2h (facts §13.5, " + NVMET + ")",
                        Vector.whole(READ_RESP_DGST, D, Direction.C2H, new CapsuleResp(cqe(0, 0, 3, 1, 3)))),
                argumentSet("CapsuleCmd Write 64 LBAs via command data buffer 5Ah 8000h (facts §13.6, " + NVMET + ")",
                        Vector.whole(WRITE_32K, N, Direction.H2C, CapsuleCmd.of(sqe(1, 2, 1, SglDescriptor.transport(0x8000), 0x80, 0x3F)))),
                argumentSet("R2T TTAG 0, R2TL 8000h (facts §13.6, " + NVMET + ")",
                        Vector.whole(R2T, N, Direction.C2H, new R2T(2, 0, 0, 0x8000))),
                argumentSet("H2CData 32 KiB, LAST_PDU, first 24 of 32792 (facts §13.6, " + NVMET + ")",
                        Vector.partial(H2C_HEADER, N, Direction.H2C, H2CData.of(2, 0, 0, synthetic32k, true))),
                argumentSet("CapsuleResp for the write (facts §13.6, " + NVMET + ")",
                        Vector.whole(WRITE_32K_RESP, N, Direction.C2H, new CapsuleResp(cqe(0, 0, 2, 1, 2)))),
                argumentSet("R2T with HDGST 30a34497h (facts §13.6, " + NVMET + ")",
                        Vector.whole(R2T_DGST, D, Direction.C2H, new R2T(4, 2, 0, 0x8000))),
                argumentSet("H2CData 32 KiB (7i+3), HDGST 052035c3h + DDGST 42b1c633h (facts §13.6, " + NVMET + ")",
                        Vector.whole(H2C_DGST, D, Direction.H2C, H2CData.of(4, 2, 0, PAYLOAD_32K, true))),
                argumentSet("CapsuleCmd I/O Connect QID 2, CATTR DISSQFC, first 72 of 1096 (facts §13.7, " + NVMET + ")",
                        Vector.partial(IO_CONNECT_HEADER, N, Direction.H2C, new CapsuleCmd(Connect.io(1, 2, 0x1F, 4).toSqe(),
                                ConnectData.of(HOST_ID, 1, SUBNQN, HOSTNQN).encode()))),
                argumentSet("CapsuleResp I/O Connect, SQHD FFFFh (facts §13.7, " + NVMET + ")",
                        Vector.whole(IO_CONNECT_RESP, N, Direction.C2H, new CapsuleResp(cqe(1, 0, 0xFFFF, 2, 1)))),
                argumentSet("C2HData LAST_PDU|SUCCESS, first 24 of 536 (facts §13.7, " + NVMET + ")",
                        Vector.partial(C2H_SUCCESS_HEADER, N, Direction.C2H, C2HData.of(2, 0, PAYLOAD_512, true, true))),
                argumentSet("CapsuleCmd Get Log Page LID 70h, 1024 bytes (facts §13.8, " + NVMET + ")",
                        Vector.whole(GET_LOG_PAGE_DISCOVERY, N, Direction.H2C, CapsuleCmd.of(DiscoveryLog.getLogPage(7, 0, 1024)))),
                argumentSet("C2HData discovery log header GENCTR 2 NUMREC 2 (facts §13.8, " + NVMET + ")",
                        Vector.whole(DISCOVERY_C2H, N, Direction.C2H, C2HData.of(7, 0, new DiscoveryLogHeader(2, 2, 0).encode(), true, false))),
                argumentSet("CapsuleResp Connect unknown SUBNQN: 8304h, IPS 1, IPO 256 (facts §13.9, " + NVMET + ")",
                        Vector.whole(CONNECT_UNKNOWN_SUBNQN, N, Direction.C2H, new CapsuleResp(error(0x00010100, 0, 1, 1, 0x82, false, true)))),
                argumentSet("CapsuleResp Connect SQSIZE 0: 8304h, IPS 0, IPO 44 (facts §13.9, " + NVMET + ")",
                        Vector.whole(CONNECT_SQSIZE_0, N, Direction.C2H, new CapsuleResp(error(0x2C, 0, 1, 1, 0x82, false, true)))),
                argumentSet("CapsuleResp Keep Alive with KATO 0: 0034h (facts §13.9, " + NVMET + ")",
                        Vector.whole(KEEP_ALIVE_KATO_0, N, Direction.C2H, new CapsuleResp(error(0, 8, 8, 0, 0x1A, false, false)))),
                argumentSet("CapsuleCmd Property Set CC SHN=01b 00464001h (facts §13.9, " + NVMET + ")",
                        Vector.whole(PROPERTY_SET_SHN, N, Direction.H2C, CapsuleCmd.of(PropertySet.of(10, Property.CC, 0x00464001L).toSqe()))),
                argumentSet("CapsuleResp Property Get CSTS after shutdown: SHST 10b (facts §13.9, " + NVMET + ")",
                        Vector.whole(CSTS_AFTER_SHUTDOWN, N, Direction.C2H, new CapsuleResp(cqe(8, 0, 0x0B, 0, 0x0B)))));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    @DisplayName("captured PDU → documented fields, no violations")
    void decodesClean(Vector v) {
        Decoded<Pdu> d = Pdu.decode(v.wire(), v.params(), v.dir());
        assertEquals(java.util.List.of(), d.violations());
        assertEquals(v.expected(), d.get());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    @DisplayName("independently built PDU → the captured bytes; decode then encode → the same bytes")
    void encodesByteExact(Vector v) {
        Bytes built = v.expected().encode(v.params());
        assertEquals(v.wire().head(v.compared()), built.head(v.compared()));
        assertEquals(v.wire().length(), built.length());
        assertEquals(v.wire(), Pdu.decode(v.wire(), v.params(), v.dir()).get().encode(v.params()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    @DisplayName("captured PDU through the stream decoder, byte at a time → one complete PDU, the same bytes")
    void streamsAsOnePdu(Vector v) {
        PduStreamDecoder s = new PduStreamDecoder();
        java.util.List<PduStreamDecoder.Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < v.wire().length(); i++) {
            events.addAll(s.feed(v.wire().slice(i, i + 1)));
        }
        assertEquals(java.util.List.of(new PduStreamDecoder.Complete(0, v.wire())), events);
    }

    @Test
    @DisplayName("rebuilt Connect data matches every byte the sheet prints (facts §13.2, " + NVMET + ")")
    void connectDataMatchesDump() {
        assertEquals(1024, CONNECT_DATA.length());
        for (Object[] row : CONNECT_DATA_DUMP) {
            int at = (Integer) row[0];
            Bytes dump = Bytes.hex((String) row[1]);
            assertEquals(dump, CONNECT_DATA.slice(at, at + dump.length()), "data offset " + at);
        }
        assertEquals(CONNECT_DATA, CONNECT_DATA_VALUE.encode());
    }

    @Test
    @DisplayName("Connect with digests: same SQE and data as without, PDO 4Ch, PLEN 450h (facts §13.2, " + NVMET + ")")
    void connectDigestLayout() {
        CapsuleCmd c = (CapsuleCmd) Pdu.decode(CONNECT_DGST, D).get();
        PduFrame f = c.frame(D);
        assertEquals(new CommonHeader(0x04, 0x03, 0x48, 0x4C, 0x450), f.ch());
        assertEquals(0x073F111CL, f.headerDigest());
        assertEquals(0x24438531L, f.dataDigest());
        assertEquals(CONNECT.slice(8, 72), CONNECT_DGST.slice(8, 72));
        assertTrue(f.pad().isEmpty());
    }
}
