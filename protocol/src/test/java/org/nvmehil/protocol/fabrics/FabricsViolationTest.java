package org.nvmehil.protocol.fabrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/** Every violation the Fabrics decoders and checks report, with the requirement, offset and evidence (facts §5.3, §7-§10). */
class FabricsViolationTest {

    static final Bytes CONNECT = Connect.admin(1, 31, 0).encode();
    static final Bytes DATA = FabricsVectorTest.entry1().encode();
    static final Bytes CDATA = ConnectData.of(FabricsVectorTest.HOST_ID, 0xFFFF, FabricsVectorTest.SUBNQN, FabricsVectorTest.HOSTNQN).encode();

    record Case(Supplier<List<Violation>> run, Req req, int offset, String detail) {
    }

    static Case cmd(Bytes sqe, Req req, int offset, String detail) {
        return new Case(() -> FabricsCommand.decode(sqe).violations(), req, offset, detail);
    }

    static Case data(Bytes b, Req req, int offset, String detail) {
        return new Case(() -> ConnectData.decode(b).violations(), req, offset, detail);
    }

    static Case sgl(Bytes b, Req req, int offset, String detail) {
        return new Case(() -> SglDescriptor.decode(b, 24).violations(), req, offset, detail);
    }

    static Case entry(Bytes b, Req req, int offset, String detail) {
        return new Case(() -> DiscoveryLogEntry.decode(b, 1024).violations(), req, offset, detail);
    }

    static Bytes withTrsvcid(String s) {
        Bytes b = DATA;
        for (int i = 0; i < 32; i++) {
            b = b.withByte(32 + i, i < s.length() ? s.charAt(i) : 0);
        }
        return b;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("Fabrics SQE: reserved FCTYPE 02h", cmd(CONNECT.withByte(4, 0x02), Req.NVMEOF_FCTYPE_RESERVED, 4, "FCTYPE 02h is reserved")),
                argumentSet("Fabrics SQE: reserved FCTYPE 7Fh", cmd(CONNECT.withByte(4, 0x7F), Req.NVMEOF_FCTYPE_RESERVED, 4, "7Fh")),
                argumentSet("Fabrics SQE: byte 1 bits 5:0 reserved", cmd(CONNECT.withByte(1, 0x41), Req.NVMEOF_RESERVED_ZERO, 1, "hold 1h")),
                argumentSet("Fabrics SQE: bytes 5-23 reserved", cmd(CONNECT.withByte(9, 0x10), Req.NVMEOF_RESERVED_ZERO, 9, "byte 9 is 10h")),
                argumentSet("Fabrics SQE: not opcode 7Fh", cmd(CONNECT.withByte(0, 0x06), Req.NVMEOF_FCTYPE_RESERVED, 0, "opcode 06h")),
                argumentSet("Connect: SGL1 length 512 (the data is 1024)", cmd(CONNECT.withByte(32, 0).withByte(33, 2), Req.NVMEOF_CONNECT_DATA_FORMAT,
                        32, "SGL1 length is 512")),
                argumentSet("Connect: SGL1 identifier 00h (facts §5.3)", cmd(CONNECT.withByte(39, 0), Req.TCP_SGL_DESCRIPTORS, 39, "SGL identifier 00h")),
                argumentSet("Connect: reserved byte 47", cmd(CONNECT.withByte(47, 1), Req.NVMEOF_RESERVED_ZERO, 47, "byte 47 is 01h")),
                argumentSet("Connect: reserved bytes 54-63", cmd(CONNECT.withByte(60, 1), Req.NVMEOF_RESERVED_ZERO, 60, "byte 60")),
                argumentSet("Property Get: ATTRIB bits 7:3 reserved", cmd(PropertyGet.of(2, Property.CAP).encode().withByte(40, 0x09),
                        Req.NVMEOF_RESERVED_ZERO, 40, "hold 8h")),
                argumentSet("Property Get: reserved bytes 48-63", cmd(PropertyGet.of(2, Property.CAP).encode().withByte(50, 2),
                        Req.NVMEOF_RESERVED_ZERO, 50, "byte 50")),
                argumentSet("Property Set: reserved bytes 41-43", cmd(PropertySet.of(2, Property.CC, 1).encode().withByte(42, 2),
                        Req.NVMEOF_RESERVED_ZERO, 42, "byte 42")),
                argumentSet("Property Set: reserved bytes 56-63", cmd(PropertySet.of(2, Property.CC, 1).encode().withByte(63, 2),
                        Req.NVMEOF_RESERVED_ZERO, 63, "byte 63")),
                argumentSet("Disconnect: reserved bytes 42-63", cmd(Disconnect.of(3).encode().withByte(44, 1), Req.NVMEOF_RESERVED_ZERO, 44, "byte 44")),
                argumentSet("Connect data: 1025 bytes", data(CDATA.concat(Bytes.zeros(1)), Req.NVMEOF_CONNECT_DATA_FORMAT, 1024, "1025 bytes")),
                argumentSet("Connect data: SUBNQN without NUL", data(fill(CDATA, 256, 256, 'a'), Req.NVMEOF_CONNECT_DATA_FORMAT, 256,
                        "SUBNQN has no NUL")),
                argumentSet("Connect data: HOSTNQN not UTF-8", data(CDATA.withByte(520, 0xC3).withByte(521, 0x28), Req.NVMEOF_CONNECT_DATA_FORMAT, 512,
                        "not valid UTF-8")),
                argumentSet("Connect data: reserved byte 18", data(CDATA.withByte(18, 1), Req.NVMEOF_RESERVED_ZERO, 18, "byte 18 is 01h")),
                argumentSet("Connect data: reserved bytes 768-1023", data(CDATA.withByte(1000, 1), Req.NVMEOF_RESERVED_ZERO, 1000, "byte 1000")),
                argumentSet("SGL identifier 04h (Keyed Data Block: not NVMe/TCP)", sgl(SglDescriptor.transport(8).encode().withByte(15, 0x40),
                        Req.TCP_SGL_DESCRIPTORS, 39, "40h is neither")),
                argumentSet("SGL reserved bytes 12-14", sgl(SglDescriptor.inCapsule(0, 8).encode().withByte(13, 1), Req.TCP_RESERVED_ZERO, 13,
                        "byte 13 is 01h")),
                argumentSet("Transport SGL with an address (reserved)", sgl(new SglDescriptor(0x1000, 8, 0, 5, 0xA).encode(), Req.TCP_RESERVED_ZERO, 1,
                        "byte 1 is 10h")),
                argumentSet("SGL of 17 bytes", sgl(SglDescriptor.transport(8).encode().concat(Bytes.zeros(1)), Req.TCP_SGL_DESCRIPTORS, 40,
                        "17 bytes")),
                argumentSet("discovery entry: TRSVCID '44a0' (facts §9.1: decimal)", entry(withTrsvcid("44a0"), Req.TCP_TRSVCID_DECIMAL, 1056,
                        "\"44a0\" is not a decimal")),
                argumentSet("discovery entry: TRSVCID '70000' (no such port)", entry(withTrsvcid("70000"), Req.TCP_TRSVCID_DECIMAL, 1056, "70000")),
                argumentSet("discovery entry: empty TRSVCID", entry(withTrsvcid(""), Req.TCP_TRSVCID_DECIMAL, 1056, "\"\"")),
                argumentSet("discovery entry: SECTYPE 3", entry(DATA.withByte(768, 3), Req.TCP_TSAS_SECTYPE, 1024 + 768, "SECTYPE 03h")),
                argumentSet("discovery entry: SUBTYPE 4", entry(DATA.withByte(2, 4), Req.NVMEOF_DISCOVERY_ENTRY, 1026, "SUBTYPE 04h")),
                argumentSet("discovery entry: TRTYPE 09h", entry(DATA.withByte(0, 9), Req.NVMEOF_DISCOVERY_ENTRY, 1024, "TRTYPE 09h")),
                argumentSet("discovery entry: ADRFAM 00h", entry(DATA.withByte(1, 0), Req.NVMEOF_DISCOVERY_ENTRY, 1025, "ADRFAM 00h")),
                argumentSet("discovery entry: TREQ bit 7", entry(DATA.withByte(3, 0x84), Req.NVMEOF_RESERVED_ZERO, 1027, "TREQ 84h")),
                argumentSet("discovery entry: reserved bytes 12-31", entry(DATA.withByte(20, 1), Req.NVMEOF_RESERVED_ZERO, 1044, "byte 20")),
                argumentSet("discovery entry: reserved bytes 64-255", entry(DATA.withByte(100, 1), Req.NVMEOF_RESERVED_ZERO, 1124, "byte 100")),
                argumentSet("discovery entry: SUBNQN without NUL", entry(fill(DATA, 256, 256, 'q'), Req.NVMEOF_DISCOVERY_ENTRY, 1280, "no NUL")),
                argumentSet("discovery entry: 1000 bytes", entry(DATA.head(1000), Req.NVMEOF_DISCOVERY_ENTRY, 2024, "1000 bytes")),
                argumentSet("discovery log: RECFMT 1", new Case(() -> DiscoveryLog.decode(log().withByte(16, 1)).violations(),
                        Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, 16, "RECFMT is 1")),
                argumentSet("discovery log: reserved header byte 500", new Case(() -> DiscoveryLog.decode(log().withByte(500, 1)).violations(),
                        Req.NVMEOF_RESERVED_ZERO, 500, "byte 500")),
                argumentSet("discovery log: entry data after NUMREC 1", new Case(() -> DiscoveryLog.decode(log().withByte(8, 1)).violations(),
                        Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, 2048, "entry slot 1 lies beyond NUMREC 1")),
                argumentSet("discovery log: entry violations at page offsets", new Case(() -> DiscoveryLog.decode(log().withByte(2048 + 2, 9))
                        .violations(), Req.NVMEOF_DISCOVERY_ENTRY, 2050, "SUBTYPE 09h")),
                argumentSet("discovery log: 10 bytes", new Case(() -> DiscoveryLog.decode(log().head(10)).violations(),
                        Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, 10, "shorter than its header")),
                argumentSet("discovery log re-read: NUMREC changed, GENCTR not", new Case(() -> DiscoveryLog.decode(log()).get()
                        .checkReread(new DiscoveryLogHeader(2, 3, 0)), Req.NVMEOF_DISCOVERY_LOG_CONSISTENT, 8, "NUMREC changed from 2 to 3")),
                argumentSet("Connect response: CNTLID FFF0h allocated", new Case(() -> ConnectResponse.success(1, 0xFFF0, 1)
                        .check(Connect.admin(1, 31, 0), cdata(0xFFFF)), Req.NVMEOF_CONNECT_CNTLID_ALLOCATED, 0, "FFF0h is in the reserved range")),
                argumentSet("Connect response: static CNTLID 5 asked, 6 returned", new Case(() -> ConnectResponse.success(1, 6, 1)
                        .check(Connect.io(1, 1, 31, 0), cdata(5)), Req.NVMEOF_CONNECT_CNTLID_ALLOCATED, 0, "0006h differs from the requested 0005h")),
                argumentSet("Connect response: Invalid Field in Command", new Case(() -> new ConnectResponse(FabricsStatus.INVALID_FIELD.cqe(1, 0, true))
                        .check(Connect.admin(1, 31, 0), cdata(0xFFFF)), Req.NVMEOF_CONNECT_NO_INVALID_FIELD, 14, "Invalid Field")));
    }

    static Bytes fill(Bytes b, int from, int n, char c) {
        for (int i = from; i < from + n; i++) {
            b = b.withByte(i, c);
        }
        return b;
    }

    static ConnectData cdata(int cntlid) {
        return ConnectData.of(FabricsVectorTest.HOST_ID, cntlid, FabricsVectorTest.SUBNQN, FabricsVectorTest.HOSTNQN);
    }

    static Bytes log() {
        return DiscoveryLog.of(2, List.of(FabricsVectorTest.entry0(), FabricsVectorTest.entry1())).encode();
    }

    @ParameterizedTest
    @MethodSource("cases")
    @DisplayName("illegal Fabrics structure → the violation, at the field's offset, with the evidence")
    void reports(Case c) {
        List<Violation> all = c.run().get();
        List<Violation> hits = all.stream().filter(v -> v.req() == c.req()).collect(Collectors.toList());
        assertFalse(hits.isEmpty(), () -> "no " + c.req() + " in " + all);
        assertTrue(hits.stream().anyMatch(v -> v.offset() == c.offset() && v.detail().contains(c.detail())),
                () -> "expected @" + c.offset() + " '" + c.detail() + "' in " + hits);
    }

    @Test
    @DisplayName("reserved and vendor FCTYPEs decode to OtherFabricsCommand; Authentication Send/Receive are recognised (facts §7.2)")
    void otherCommands() {
        assertInstanceOf(OtherFabricsCommand.class, FabricsCommand.decode(CONNECT.withByte(4, 0x02)).get());
        var vendor = FabricsCommand.decode(CONNECT.withByte(4, 0xC1));
        assertTrue(vendor.isClean());
        assertEquals(0xC1, vendor.get().fctype());
        var send = FabricsCommand.decode(CONNECT.withByte(4, 0x05));
        assertTrue(assertInstanceOf(Authentication.class, send.get()).send());
        assertEquals(1, send.get().cid());
        assertFalse(assertInstanceOf(Authentication.class, FabricsCommand.decode(CONNECT.withByte(4, 0x06)).get()).send());
        var disc = FabricsCommand.decode(Disconnect.of(9).encode());
        assertEquals(Disconnect.of(9), disc.get());
        assertTrue(disc.isClean());
        assertFalse(FabricsCommand.decode(CONNECT.head(40)).isPresent(), "an SQE shorter than 64 bytes is rejected");
        assertFalse(FabricsType.DISCONNECT.code != 8);
        assertFalse(FabricsType.PROPERTY_GET.allowedOnIoQueue);
        assertTrue(FabricsType.isReserved(0x02) && !FabricsType.isReserved(0xC0) && !FabricsType.isReserved(0x01));
        assertEquals(1, FabricsType.direction(FabricsType.CONNECT.code));
        assertEquals(2, FabricsType.direction(FabricsType.AUTHENTICATION_RECEIVE.code));
    }

    @Test
    @DisplayName("SGL descriptors: 01h and 5Ah round trip through an SQE; fromSqe/applyTo are inverse (facts §5.3)")
    void sglRoundTrip() {
        for (SglDescriptor d : List.of(SglDescriptor.inCapsule(0, 1024), SglDescriptor.transport(0x8000), SglDescriptor.transport(0),
                new SglDescriptor(-1L, 0xFFFF_FFFFL, 0xABCDEF, 0xF, 0xF))) {
            Sqe s = d.applyTo(Sqe.of(1, 2, 3, 4));
            assertEquals(d, SglDescriptor.fromSqe(s));
            assertEquals(d.encode(), s.encode().slice(24, 40));
        }
        assertTrue(SglDescriptor.decode(SglDescriptor.inCapsule(0, 512).applyTo(Sqe.of(1, 2, 1, 0))).isClean());
        assertTrue(SglDescriptor.inCapsule(0, 1).isInCapsule());
        assertTrue(SglDescriptor.transport(1).isTransport());
        assertFalse(SglDescriptor.decode(Bytes.zeros(15), 0).isPresent());
    }

    @Test
    @DisplayName("encoders accept what the spec forbids; records only check widths")
    void encodersAcceptIllegal() {
        Bytes weird = new Connect(1, 3, SglDescriptor.transport(7), 5, 0xFFFF, 0, 0xFF, 0xFFFF_FFFFL, 0xFFFF).encode();
        assertEquals(0xC0, weird.u8(1) & 0xC0);
        assertEquals(5, weird.u16le(40));
        assertThrows(IllegalArgumentException.class, () -> new Connect(1, 4, SglDescriptor.transport(0), 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConnectData.of(FabricsVectorTest.HOST_ID, 0, "x".repeat(257), ""));
        assertEquals(256, ConnectData.decode(ConnectData.of(FabricsVectorTest.HOST_ID, 0, "x".repeat(256), "").encode()).get().subnqn()
                .length(), "a 256-byte NQN without NUL is encodable and decodes (with its violation)");
    }

    // ------------------------------------------------------------------ Identify fabrics fields

    /** nvmet's I/O controller fields (facts §10.1) in a 4096-byte Identify image. */
    static Bytes identify(String subnqn, int cntrltype, int kas, long ioccsz, long iorcsz, int icdoff, int mdts, int ofcs) {
        Bytes b = Bytes.zeros(4096);
        b = put(b, 77, new LeWriter().u8(mdts).u16(1).build());
        b = put(b, 96, new LeWriter().u32(0x41).build());
        b = put(b, 111, Bytes.ofUnsigned(cntrltype));
        b = put(b, 320, new LeWriter().u16(kas).build());
        b = put(b, 512, new LeWriter().u8(0x66).u8(0x44).u16(1024).u32(1024).build());
        b = put(b, 536, new LeWriter().u32(0x00100001L).build());
        b = put(b, 768, FabricsFindings.nulPadded(subnqn, 256));
        b = put(b, 1792, new LeWriter().u32(ioccsz).u32(iorcsz).u16(icdoff).u8(0).u8(1).u16(ofcs).build());
        return b;
    }

    static Bytes put(Bytes b, int at, Bytes v) {
        return b.slice(0, at).concat(v).concat(b.slice(at + v.length()));
    }

    @Test
    @DisplayName("nvmet's Identify fabrics fields decode and pass the TCP checks (facts §10.1, Linux nvmet 6.1)")
    void identifyNvmet() {
        var d = FabricsIdentify.decode(identify(FabricsVectorTest.SUBNQN, 1, 10, 1028, 1, 0, 0, 0));
        assertTrue(d.isClean(), d.violations()::toString);
        FabricsIdentify id = d.get();
        assertEquals(1028, id.ioccsz());
        assertEquals(16384, id.inCapsuleDataBytes());
        assertEquals(0x00100001L, id.sgls());
        assertTrue(id.tbkas());
        assertEquals(1024, id.maxcmd());
        assertEquals(1, id.msdbd());
        assertEquals(List.of(), id.checkForTcp(FabricsVectorTest.SUBNQN, 0, false));
        var disc = FabricsIdentify.decode(identify(ConnectData.DISCOVERY_NQN, 2, 0, 0, 0, 0, 0, 0)).get();
        assertEquals(List.of(), disc.checkForTcp(ConnectData.DISCOVERY_NQN, 0, true));
    }

    static Stream<Arguments> identifyCases() {
        String s = FabricsVectorTest.SUBNQN;
        return Stream.of(
                argumentSet("SUBNQN is not the connected NQN", identify("nqn.other", 1, 10, 1028, 1, 0, 0, 0), false, Req.NVMEOF_IDENTIFY_SUBNQN, 768),
                argumentSet("ICDOFF 1 on TCP", identify(s, 1, 10, 1028, 1, 1, 0, 0), false, Req.TCP_ICDOFF_ZERO, 1800),
                argumentSet("IORCSZ 2 on TCP", identify(s, 1, 10, 1028, 2, 0, 0, 0), false, Req.TCP_IORCSZ, 1796),
                argumentSet("IOCCSZ 3 (smaller than an SQE)", identify(s, 1, 10, 3, 1, 0, 0, 0), false, Req.TCP_IORCSZ, 1792),
                argumentSet("KAS 0 on a TCP I/O controller", identify(s, 1, 0, 1028, 1, 0, 0, 0), false, Req.TCP_KEEP_ALIVE_REQUIRED, 320),
                argumentSet("MDTS 1 (8 KiB) with 16 KiB in-capsule data", identify(s, 1, 10, 1028, 1, 0, 1, 0), false,
                        Req.NVMEOF_IDENTIFY_MDTS_IOCCSZ, 1792),
                argumentSet("discovery controller with CNTRLTYPE 1", identify(ConnectData.DISCOVERY_NQN, 1, 0, 0, 0, 0, 0, 0), true,
                        Req.NVMEOF_DISCOVERY_CONTROLLER, 111),
                argumentSet("discovery controller claiming Disconnect", identify(ConnectData.DISCOVERY_NQN, 2, 0, 0, 0, 0, 0, 1), true,
                        Req.NVMEOF_DISCOVERY_CONTROLLER, 1804));
    }

    @ParameterizedTest
    @MethodSource("identifyCases")
    @DisplayName("Identify fabrics checks → the violation at the Identify offset")
    void identifyChecks(Bytes image, boolean discovery, Req req, int offset) {
        FabricsIdentify id = FabricsIdentify.decode(image).get();
        List<Violation> v = id.checkForTcp(discovery ? ConnectData.DISCOVERY_NQN : FabricsVectorTest.SUBNQN, 0, discovery);
        assertEquals(List.of(req), v.stream().map(Violation::req).toList(), v::toString);
        assertEquals(offset, v.get(0).offset());
    }

    @Test
    @DisplayName("Identify data shorter than 4096 bytes is rejected; SUBNQN without NUL is reported")
    void identifyMalformed() {
        assertFalse(FabricsIdentify.decode(Bytes.zeros(100)).isPresent());
        Bytes noNul = fill(identify("x", 1, 10, 4, 1, 0, 0, 0), 768, 256, 'n');
        assertTrue(FabricsIdentify.decode(noNul).violates(Req.NVMEOF_IDENTIFY_SUBNQN));
    }

    @Test
    @DisplayName("FabricsStatus matches CQEs by SCT and SC only")
    void statusMatch() {
        Cqe c = new Cqe(0, 0, 0, 0, 1, true, 0x84, 1, 2, true, true);
        assertTrue(FabricsStatus.CONNECT_INVALID_HOST.matches(c));
        assertEquals(FabricsStatus.CONNECT_INVALID_HOST, FabricsStatus.of(c).orElseThrow());
        assertTrue(FabricsStatus.of(new Cqe(0, 0, 0, 0, 1, false, 0x77, 5, 0, false, false)).isEmpty());
    }
}
