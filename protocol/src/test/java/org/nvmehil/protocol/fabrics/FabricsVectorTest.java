package org.nvmehil.protocol.fabrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.TcpVectors;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * The Fabrics content of the facts §13 golden vectors (Linux nvmet 6.1): Fabrics SQEs, Connect data, Connect and
 * Property responses, status words, CAP/CC/CSTS fields, the discovery log. SQEs are PDU bytes 8-71 of the
 * {@link TcpVectors} captures; CQEs are PDU bytes 8-23, written out; anything rebuilt is said so.
 */
class FabricsVectorTest {

    static final String NVMET = "Linux nvmet 6.1";
    static final UUID HOST_ID = UUID.fromString("6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c");
    static final String SUBNQN = "nqn.2026-01.test:subsys1";
    static final String HOSTNQN = "nqn.2014-08.org.nvmexpress:uuid:6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c";

    static final Bytes CONNECT_SQE = TcpVectors.CONNECT.slice(8, 72);
    static final Bytes IO_CONNECT_SQE = TcpVectors.IO_CONNECT_HEADER.slice(8, 72);
    static final Bytes PROPERTY_GET_CAP_SQE = TcpVectors.PROPERTY_GET_CAP.slice(8, 72);
    static final Bytes PROPERTY_SET_CC_SQE = TcpVectors.PROPERTY_SET_CC.slice(8, 72);
    static final Bytes PROPERTY_SET_SHN_SQE = TcpVectors.PROPERTY_SET_SHN.slice(8, 72);
    static final Bytes GET_LOG_PAGE_SQE = TcpVectors.GET_LOG_PAGE_DISCOVERY.slice(8, 72);
    static final Bytes CONNECT_DATA_HEAD = Bytes.hex("6a 1b 9c 2e 7f 3d 4e 5a 9b 8c 0d 1e 2f 3a 4b 5c ff ff");

    static Cqe cqe(String hex16) {
        return Cqe.decode(Bytes.hex(hex16)).get();
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                argumentSet("Connect admin: QID 0, SQSIZE 1Fh, KATO 0, SGL 01h len 1024 (facts §13.2, " + NVMET + ")",
                        CONNECT_SQE, new Connect(1, 1, SglDescriptor.inCapsule(0, 1024), 0, 0, 0x1F, 0, 0, 0), Connect.admin(1, 0x1F, 0)),
                argumentSet("Connect I/O: QID 2, CATTR 04h DISSQFC (facts §13.7, " + NVMET + ")",
                        IO_CONNECT_SQE, new Connect(1, 1, SglDescriptor.inCapsule(0, 1024), 0, 2, 0x1F, 4, 0, 0), Connect.io(1, 2, 0x1F, 4)),
                argumentSet("Property Get CAP: ATTRIB 01h (8 bytes), OFST 0, null SGL 5Ah (facts §13.3, " + NVMET + ")",
                        PROPERTY_GET_CAP_SQE, new PropertyGet(2, 1, SglDescriptor.transport(0), 1, 0), PropertyGet.of(2, Property.CAP)),
                argumentSet("Property Set CC 00460001h (facts §13.3, " + NVMET + ")",
                        PROPERTY_SET_CC_SQE, new PropertySet(5, 1, SglDescriptor.transport(0), 0, 0x14, 0x00460001L),
                        PropertySet.of(5, Property.CC, Cc.enable(Cc.CSS_NVM).value())),
                argumentSet("Property Set CC SHN 01b 00464001h (facts §13.9, " + NVMET + ")",
                        PROPERTY_SET_SHN_SQE, new PropertySet(10, 1, SglDescriptor.transport(0), 0, 0x14, 0x00464001L),
                        PropertySet.of(10, Property.CC, Cc.enable(Cc.CSS_NVM).withShn(Cc.SHN_NORMAL).value())));
    }

    @ParameterizedTest
    @MethodSource("commands")
    @DisplayName("captured Fabrics SQE → documented fields, no violations; factory → the same bytes")
    void fabricsCommand(Bytes sqe, FabricsCommand expected, FabricsCommand factory) {
        Decoded<FabricsCommand> d = FabricsCommand.decode(sqe);
        assertEquals(List.of(), d.violations());
        assertEquals(expected, d.get());
        assertEquals(sqe, expected.encode());
        assertEquals(sqe, factory.encode());
        assertEquals(d.get(), FabricsCommand.decode(factory.toSqe()).get());
    }

    @Test
    @DisplayName("Connect data: HOSTID, CNTLID FFFFh, SUBNQN at 256, HOSTNQN at 512 (facts §13.2, " + NVMET + "; data rebuilt from the dump)")
    void connectData() {
        ConnectData v = ConnectData.of(HOST_ID, 0xFFFF, SUBNQN, HOSTNQN);
        Bytes b = v.encode();
        assertEquals(CONNECT_DATA_HEAD, b.head(18));
        assertEquals(0x24438531L, org.nvmehil.protocol.integrity.Crc.crc32c(b), "the DDGST nvmet accepted");
        Decoded<ConnectData> d = ConnectData.decode(b);
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(v, d.get());
        assertEquals(HOST_ID, d.get().hostUuid());
        assertEquals(256, ConnectData.OFFSET_SUBNQN);
    }

    @Test
    @DisplayName("Connect response success: CNTLID 1, AUTHREQ 0, SQHD 1 (facts §13.2, " + NVMET + ")")
    void connectSuccess() {
        ConnectResponse r = new ConnectResponse(cqe("01 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00"));
        assertAll(() -> assertTrue(r.isSuccess()), () -> assertEquals(1, r.cntlid()), () -> assertEquals(0, r.authreq()),
                () -> assertFalse(r.atr()), () -> assertFalse(r.sqFlowControlDisabled()),
                () -> assertEquals(List.of(), r.check(Connect.admin(1, 0x1F, 0), ConnectData.of(HOST_ID, 0xFFFF, SUBNQN, HOSTNQN))),
                () -> assertEquals(r, ConnectResponse.success(1, 1, 1)));
    }

    @Test
    @DisplayName("I/O Connect response SQHD FFFFh: flow control disabled, legal because DISSQFC was asked (facts §13.7, " + NVMET + ")")
    void connectSqhdFfff() {
        ConnectResponse r = new ConnectResponse(cqe("01 00 00 00 00 00 00 00 ff ff 02 00 01 00 00 00"));
        ConnectData data = ConnectData.of(HOST_ID, 1, SUBNQN, HOSTNQN);
        assertTrue(r.sqFlowControlDisabled());
        assertEquals(List.of(), r.check(Connect.io(1, 2, 0x1F, Connect.CATTR_DISSQFC), data));
        List<Violation> v = r.check(Connect.io(1, 2, 0x1F, 0), data);
        assertEquals(Req.NVMEOF_CONNECT_SQHD_FFFF, v.get(0).req());
        assertEquals(8, v.get(0).offset());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("Connect unknown SUBNQN: 8304h, IPS 1, IPO 256 (facts §13.9, " + NVMET + ")",
                        "00 01 01 00 00 00 00 00 00 00 00 00 01 00 04 83", FabricsStatus.CONNECT_INVALID_PARAMETERS, true, false),
                argumentSet("Connect SQSIZE 0: 8304h, IPS 0, IPO 44 (facts §13.9, " + NVMET + ")",
                        "2c 00 00 00 00 00 00 00 00 00 00 00 01 00 04 83", FabricsStatus.CONNECT_INVALID_PARAMETERS, true, false),
                argumentSet("Keep Alive with KATO 0: Keep Alive Timeout Invalid 0034h, no DNR (facts §13.9, " + NVMET + ")",
                        "00 00 00 00 00 00 00 00 08 00 00 00 08 00 34 00", FabricsStatus.KEEP_ALIVE_TIMEOUT_INVALID, false, false),
                argumentSet("Identify before CC.EN: Command Sequence Error 8018h (facts §13.3, " + NVMET + ")",
                        "00 00 00 00 00 00 00 00 04 00 00 00 04 00 18 80", FabricsStatus.COMMAND_SEQUENCE_ERROR, true, false),
                argumentSet("Identify before CC.EN on discovery: Invalid Opcode C002h, DNR+M (facts §13.3, " + NVMET + ")",
                        "00 00 00 00 00 00 00 00 04 00 00 00 04 00 02 c0", FabricsStatus.INVALID_COMMAND_OPCODE, true, true));
    }

    @ParameterizedTest
    @MethodSource("errors")
    @DisplayName("captured error CQE → status, DNR and M as documented (facts §11.2 status words)")
    void errorStatus(String hex, FabricsStatus status, boolean dnr, boolean m) {
        Cqe c = cqe(hex);
        assertEquals(status, FabricsStatus.of(c).orElseThrow());
        assertEquals(dnr, c.dnr());
        assertEquals(m, c.m());
    }

    @Test
    @DisplayName("Connect Invalid Parameters: IPO/IATTR locate SUBNQN in the data and SQSIZE in the SQE (facts §13.9, " + NVMET + ")")
    void invalidParameters() {
        ConnectResponse subnqn = new ConnectResponse(cqe("00 01 01 00 00 00 00 00 00 00 00 00 01 00 04 83"));
        assertEquals(ConnectData.OFFSET_SUBNQN, subnqn.ipo());
        assertEquals(1, subnqn.iattr());
        assertTrue(subnqn.ips());
        assertEquals(subnqn, ConnectResponse.invalidParameters(1, 0, true, ConnectData.OFFSET_SUBNQN));
        ConnectResponse sqsize = new ConnectResponse(cqe("2c 00 00 00 00 00 00 00 00 00 00 00 01 00 04 83"));
        assertEquals(Connect.OFFSET_SQSIZE, sqsize.ipo());
        assertFalse(sqsize.ips());
        assertEquals(sqsize, ConnectResponse.invalidParameters(1, 0, false, Connect.OFFSET_SQSIZE));
        assertEquals(0x182, FabricsStatus.CONNECT_INVALID_PARAMETERS.code());
        assertEquals(0x184, FabricsStatus.CONNECT_INVALID_HOST.code());
        assertEquals(0x183, FabricsStatus.CONNECT_RESTART_DISCOVERY.code());
        assertEquals(0x022, FabricsStatus.TRANSIENT_TRANSPORT_ERROR.code());
        assertEquals(cqe("00 00 00 00 00 00 00 00 00 00 00 00 07 00 08 83"), FabricsStatus.CONNECT_INVALID_HOST.cqe(7, 0, true),
                "8308h: Connect Invalid Host with DNR (facts §11.2)");
    }

    @Test
    @DisplayName("CAP 00000820_0F0003FFh: MQES 3FFh, CQR 0, TO 15 (7.5 s), CSS 41h, MPSMIN/MAX 0 (facts §13.3, " + NVMET + ")")
    void cap() {
        long value = PropertyGet.value(cqe("ff 03 00 0f 20 08 00 00 02 00 00 00 02 00 00 00"));
        assertEquals(0x00000820_0F0003FFL, value);
        Cap c = new Cap(value);
        assertAll(() -> assertEquals(0x3FF, c.mqes()), () -> assertFalse(c.cqr()), () -> assertEquals(0, c.ams()),
                () -> assertEquals(15, c.to()), () -> assertEquals(7500, c.timeoutMillis()), () -> assertEquals(0, c.dstrd()),
                () -> assertFalse(c.nssrs()), () -> assertEquals(0x41, c.css()), () -> assertEquals(0, c.mpsmin()),
                () -> assertEquals(0, c.mpsmax()), () -> assertFalse(c.bps()), () -> assertEquals(0, c.crms()));
        assertEquals(List.of(Req.NVMEOF_CAP_CQR), c.check(false).stream().map(Violation::req).toList(),
                "nvmet reports CQR 0 (facts §12)");
        assertEquals(List.of(Req.NVMEOF_CAP_CQR, Req.NVMEOF_DISCOVERY_CAP_CSS), c.check(true).stream().map(Violation::req).toList(),
                "its discovery controller also sets IOCSS (facts §12)");
        assertEquals(PropertyGet.response(2, 2, value), cqe("ff 03 00 0f 20 08 00 00 02 00 00 00 02 00 00 00"));
    }

    @Test
    @DisplayName("CC 00460001h: EN, CSS 0, IOSQES 6, IOCQES 4; 00464001h adds SHN 01b (facts §13.3/§13.9, " + NVMET + ")")
    void cc() {
        Cc enable = new Cc(0x00460001L);
        assertAll(() -> assertTrue(enable.en()), () -> assertEquals(0, enable.css()), () -> assertEquals(0, enable.mps()),
                () -> assertEquals(0, enable.ams()), () -> assertEquals(0, enable.shn()), () -> assertEquals(6, enable.iosqes()),
                () -> assertEquals(4, enable.iocqes()), () -> assertFalse(enable.crime()));
        Cc shn = new Cc(0x00464001L);
        assertEquals(Cc.SHN_NORMAL, shn.shn());
        assertEquals(shn, enable.withShn(Cc.SHN_NORMAL));
        assertEquals(new Cc(0x00460000L), enable.withEn(false));
        assertEquals(new Cc(0x00000071L), Cc.of(true, Cc.CSS_ADMIN_ONLY, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("CSTS 00000001h = RDY after enable; 00000008h = SHST complete after shutdown (facts §13.3/§13.9, " + NVMET + ")")
    void csts() {
        Csts ready = new Csts(PropertyGet.value(cqe("01 00 00 00 00 00 00 00 06 00 00 00 06 00 00 00")));
        assertTrue(ready.rdy());
        assertEquals(Csts.SHST_NORMAL, ready.shst());
        Csts down = new Csts(PropertyGet.value(cqe("08 00 00 00 00 00 00 00 0b 00 00 00 0b 00 00 00")));
        assertFalse(down.rdy());
        assertEquals(Csts.SHST_COMPLETE, down.shst());
        assertEquals(down, Csts.of(false, false, Csts.SHST_COMPLETE));
        assertTrue(new Csts(0x02).cfs(), "nvmet's CFS after a bad CC (facts §7.6)");
    }

    @Test
    @DisplayName("property map: sizes, offsets, ATTRIB encoding; reserved offsets are unknown (facts §7.5)")
    void propertyMap() {
        assertEquals(Property.CAP, Property.of(0).orElseThrow());
        assertEquals(Property.CSTS, Property.of(0x1C).orElseThrow());
        assertTrue(Property.of(0x18).isEmpty());
        assertTrue(Property.of(0x0C).isEmpty());
        assertEquals(8, Property.sizeOf(1));
        assertEquals(4, Property.sizeOf(0));
        assertEquals(0, Property.sizeOf(2));
        assertEquals(1, Property.CAP.attrib());
        assertEquals(0x4E564D65L, Property.NSSR_RESET);
        assertEquals("1.3.0", new Vs(0x00010300L).toString());
        assertEquals(new Vs(0x00020000L), Vs.of(2, 0, 0));
    }

    @Test
    @DisplayName("Get Log Page LID 70h, 1024 bytes: CDW10 00FF0070h, SGL 5Ah 400h (facts §13.8, " + NVMET + ")")
    void getLogPage() {
        assertEquals(GET_LOG_PAGE_SQE, DiscoveryLog.getLogPage(7, 0, 1024).encode());
        assertEquals(0x1234_5678_0000_1000L, DiscoveryLog.getLogPage(1, 0x1234_5678_0000_1000L, 4).cdw12()
                | DiscoveryLog.getLogPage(1, 0x1234_5678_0000_1000L, 4).cdw13() << 32);
        assertEquals(1, DiscoveryLog.getLogPage(1, 0, 0x10000 * 4 + 4).cdw11(), "NUMDU carries bits 31:16 of NUMD");
    }

    static DiscoveryLogEntry entry0() {
        return DiscoveryLogEntry.tcp(DiscoveryLogEntry.SUBTYPE_CURRENT_DISCOVERY, 4, 1, 0xFFFF, 32, "4420",
                ConnectData.DISCOVERY_NQN, "10.0.2.15");
    }

    static DiscoveryLogEntry entry1() {
        return DiscoveryLogEntry.tcp(DiscoveryLogEntry.SUBTYPE_NVM, 4, 1, 0xFFFF, 32, "4420", SUBNQN, "10.0.2.15");
    }

    @Test
    @DisplayName("discovery entry 1: TCP, IPv4, NVM subsystem, TREQ 04h, CNTLID FFFFh, ASQSZ 32, TRSVCID '4420' (facts §13.8, " + NVMET + ")")
    void discoveryEntry() {
        Bytes head = Bytes.hex("03 01 02 04 01 00 ff ff 20 00 00 00 00 00 00 00"
                + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + "34 34 32 30 00 00 00 00 00 00 00 00 00 00 00 00"
                + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        Bytes b = entry1().encode();
        assertEquals(head, b.head(64));
        assertEquals(1024, b.length());
        Decoded<DiscoveryLogEntry> d = DiscoveryLogEntry.decode(b, 2048);
        assertTrue(d.isClean(), d.violations()::toString);
        DiscoveryLogEntry e = d.get();
        assertAll(() -> assertEquals(entry1(), e), () -> assertEquals(4420, e.port().orElseThrow()),
                () -> assertTrue(e.sqFlowControlDisableSupported()), () -> assertEquals(0, e.tsc()), () -> assertFalse(e.zhids()),
                () -> assertEquals(0, e.sectype()), () -> assertEquals(SUBNQN, e.subnqn()), () -> assertEquals("10.0.2.15", e.traddr()));
    }

    @Test
    @DisplayName("whole discovery log: GENCTR 2, NUMREC 2, entry 0 the discovery subsystem, entry 1 the NVM subsystem (facts §13.8, " + NVMET + ")")
    void discoveryLog() {
        DiscoveryLog log = DiscoveryLog.of(2, List.of(entry0(), entry1()));
        Bytes page = log.encode();
        assertEquals(Bytes.hex("02 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 00 00"), page.head(18));
        assertEquals(Bytes.zeros(1024 - 18), page.slice(18, 1024));
        Decoded<DiscoveryLog> d = DiscoveryLog.decode(page);
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(log, d.get());
        assertTrue(d.get().isComplete());
        assertEquals(3072, log.size());
        Decoded<DiscoveryLog> headerOnly = DiscoveryLog.decode(page.head(1024));
        assertTrue(headerOnly.isClean());
        assertFalse(headerOnly.get().isComplete());
        assertEquals(List.of(), log.checkReread(new DiscoveryLogHeader(2, 2, 0)));
        assertEquals(List.of(), log.checkReread(new DiscoveryLogHeader(3, 1, 0)), "GENCTR moved: read again, no violation");
    }
}
