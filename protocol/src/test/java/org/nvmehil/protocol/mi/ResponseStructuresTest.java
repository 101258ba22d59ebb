package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * Typed NVMe-MI command responses: data structures (MI 1.2 §5.7; facts §6.3), health polls (§5.6,
 * §5.3; facts §6.4, §6.6), Configuration Get values (§5.1; facts §6.5), read data.
 */
class ResponseStructuresTest {
    static final MiHeader H = MiHeader.response(Nmimt.MI_COMMAND, 0);

    static Bytes wire(MiResponse r) {
        return r.seal().toWire();
    }

    /** The response with message byte {@code at} replaced and the MIC recomputed. */
    static Bytes patched(MiResponse r, int at, int value) {
        return MiMessage.seal(r.content().withByte(at, value)).toWire();
    }

    static Violation only(Decoded<?> d) {
        assertEquals(1, d.violations().size(), d.violations()::toString);
        return d.violations().get(0);
    }

    // ------------------------------------------------------------------ data structures

    static Stream<Arguments> structures() {
        return Stream.of(
                argumentSet("Subsystem Information", new DataStructure.SubsystemInfo(0, 1, 2, 0)),
                argumentSet("Port Information, PCIe", new DataStructure.PortInfo(1, 1, 4224, 0x1000,
                        new DataStructure.PortDetail.Pcie(5, 0x3F, 4, 16, 8, 2))),
                argumentSet("Port Information, two-wire with Basic Management", new DataStructure.PortInfo(2, 0, 64, 0,
                        new DataStructure.PortDetail.TwoWire(0x50, 1, 0x1D, 3, 1))),
                argumentSet("Port Information, inactive", new DataStructure.PortInfo(0, 0, 0, 0,
                        DataStructure.PortDetail.Other.zeros())),
                argumentSet("Controller List of three", DataStructure.ControllerList.of(List.of(1, 2, 0x7FF))),
                argumentSet("Controller Information", new DataStructure.ControllerInfo(0, 1, 0x0100, 0x144D, 0xA80A,
                        0x144D, 0xA801, 0)),
                argumentSet("Optionally Supported Command List", DataStructure.CommandList.optional(List.of(
                        DataStructure.CommandEntry.of(Nmimt.MI_COMMAND, 0x05),
                        DataStructure.CommandEntry.of(Nmimt.ADMIN, 0x14)))),
                argumentSet("MEB Supported Command List", DataStructure.CommandList.meb(List.of(
                        DataStructure.CommandEntry.of(Nmimt.ADMIN, 0x11)))),
                argumentSet("unknown DTYP 09h", new DataStructure.Unknown(9, Bytes.hex("01 02 03"))));
    }

    @ParameterizedTest
    @MethodSource("structures")
    @DisplayName("every data structure round-trips through its response with RDL = its length")
    void structureRoundTrip(DataStructure ds) {
        MiResponse r = ds.toResponse(H);
        assertEquals(ds.encode().length(), r.content().u16le(5));
        Decoded<DataStructure> d = DataStructure.decode(wire(r), ds.dtyp());
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(ds, d.get());
    }

    @Test
    @DisplayName("Optionally Supported Command List entries `08 05, 10 14` = VPD Read and Admin Device Self-test (facts §6.3, WS2 fixture)")
    void commandListFixture() {
        MiResponse r = MiResponse.success(H, 6, Bytes.hex("02 00 08 05 10 14"));
        DataStructure.CommandList l = (DataStructure.CommandList) DataStructure.decode(r, 4).get();
        assertTrue(l.contains(Nmimt.MI_COMMAND, MiOpcode.VPD_READ.code));
        assertTrue(l.contains(Nmimt.ADMIN, 0x14));
        assertEquals(java.util.Optional.of(Nmimt.ADMIN), l.entries().get(1).nmimt());
    }

    static Stream<Arguments> structureFaults() {
        MiResponse port = new DataStructure.PortInfo(2, 0, 64, 0,
                new DataStructure.PortDetail.TwoWire(0, 0, 0x1D, 2, 0)).toResponse(H);
        MiResponse subsys = new DataStructure.SubsystemInfo(0, 1, 2, 0).toResponse(H);
        MiResponse ctrl = new DataStructure.ControllerInfo(0, 0, 0, 0, 0, 0, 0, 0).toResponse(H);
        return Stream.of(
                argumentSet("RDL one more than the data", patched(port, 5, 0x21), 1, Req.MI_READ_DS_STRUCTURES, 5),
                argumentSet("byte 7 (reserved) set", patched(port, 7, 1), 1, Req.MI_RESERVED_ZERO, 7),
                argumentSet("subsystem info reserved byte 31 set", patched(subsys, 8 + 31, 1), 0, Req.MI_RESERVED_ZERO, 39),
                argumentSet("port PRTCAP bit 2 set", patched(port, 9, 4), 1, Req.MI_RESERVED_ZERO, 9),
                argumentSet("two-wire NVMEBM bit 1 set", patched(port, 20, 2), 1, Req.MI_RESERVED_ZERO, 20),
                argumentSet("two-wire reserved byte 13 set", patched(port, 21, 9), 1, Req.MI_RESERVED_ZERO, 21),
                argumentSet("controller info reserved byte 1 set", patched(ctrl, 9, 1), 3, Req.MI_RESERVED_ZERO, 9),
                argumentSet("controller info PRII bit 1 set", patched(ctrl, 13, 2), 3, Req.MI_RESERVED_ZERO, 13),
                argumentSet("controller info reserved byte 31 set", patched(ctrl, 39, 1), 3, Req.MI_RESERVED_ZERO, 39),
                argumentSet("controller list NUMID 2 with one ID", MiMessage.seal(Bytes.hex("84 88 00 00 00 04 00 00 02 00 05 00")).toWire(),
                        2, Req.MI_CONTROLLER_LIST, 8),
                argumentSet("controller list not ascending", MiMessage.seal(Bytes.hex("84 88 00 00 00 06 00 00 02 00 05 00 03 00")).toWire(),
                        2, Req.MI_CONTROLLER_LIST, 12),
                argumentSet("command list NUMCMD 1 with no entry", MiMessage.seal(Bytes.hex("84 88 00 00 00 02 00 00 01 00")).toWire(),
                        4, Req.MI_READ_DS_STRUCTURES, 8));
    }

    @ParameterizedTest
    @MethodSource("structureFaults")
    @DisplayName("data structure faults are reported at their message offsets")
    void structureFaultReported(Bytes wire, int dtyp, Req req, int offset) {
        Violation v = only(DataStructure.decode(wire, dtyp));
        assertEquals(req, v.req());
        assertEquals(offset, v.offset());
    }

    @Test
    @DisplayName("a 31-byte fixed structure → MI_READ_DS_STRUCTURES and no value")
    void truncatedInfoRejected() {
        MiResponse r = MiResponse.success(H, 31, Bytes.zeros(31));
        Decoded<DataStructure> d = DataStructure.decode(r, 0);
        assertFalse(d.isPresent());
        assertTrue(d.violates(Req.MI_READ_DS_STRUCTURES));
    }

    @Test
    @DisplayName("controller list IDs must be at or above the requested CTRLID (facts §6.3, R27)")
    void controllerListStart() {
        DataStructure.ControllerList l = DataStructure.ControllerList.of(List.of(1, 2));
        assertTrue(l.checkStart(1).isEmpty());
        assertEquals(10, l.checkStart(2).get(0).offset());
    }

    @Test
    @DisplayName("an error status is not a data structure: rejected without violations")
    void errorStatusRejectedQuietly() {
        Decoded<DataStructure> d = DataStructure.decode(MiResponse.error(H, MiStatus.INTERNAL_ERROR), 0);
        assertFalse(d.isPresent());
        assertTrue(d.violations().isEmpty());
    }

    // ------------------------------------------------------------------ subsystem health

    static final SubsystemHealthStatus HEALTHY = new SubsystemHealthStatus(0x38, 0x3F, 0x25, 3, 0x0001);

    static Stream<Arguments> healthFaults() {
        MiResponse r = HEALTHY.toResponse(H);
        return Stream.of(
                argumentSet("NSS bit 0 set", patched(r, 8, 0x39), Req.MI_RESERVED_ZERO, 8),
                argumentSet("CCS bit 3 set", patched(r, 12, 0x09), Req.MI_RESERVED_ZERO, 12),
                argumentSet("CCS bit 15 set", patched(r, 13, 0x80), Req.MI_RESERVED_ZERO, 12),
                argumentSet("reserved byte 6 set", patched(r, 14, 1), Req.MI_RESERVED_ZERO, 14),
                argumentSet("reserved byte 7 set", patched(r, 15, 1), Req.MI_RESERVED_ZERO, 15),
                argumentSet("NMRESP byte 6 set", patched(r, 6, 1), Req.MI_RESERVED_ZERO, 6),
                argumentSet("CTEMP reserved code 90h", patched(r, 10, 0x90), Req.MI_NSHSP, 10),
                argumentSet("9 data bytes", MiMessage.seal(r.content().concat(Bytes.hex("00"))).toWire(), Req.MI_NSHSP, 16));
    }

    @ParameterizedTest
    @MethodSource("healthFaults")
    @DisplayName("subsystem health faults are reported at their message offsets (facts §6.4)")
    void healthFaultReported(Bytes wire, Req req, int offset) {
        Violation v = only(SubsystemHealthStatus.decode(wire));
        assertEquals(req, v.req());
        assertEquals(offset, v.offset());
    }

    @Test
    @DisplayName("subsystem health: accessors, active-low SW, round trip, short data rejected (facts §6.4, §11 V2)")
    void healthAccessors() {
        SubsystemHealthStatus v2 = new SubsystemHealthStatus(0x38, 0x3D, 0x14, 0x26, 0);
        assertTrue(v2.df() && v2.rnr() && v2.p0la() && !v2.p1la());
        assertTrue(v2.warning(SubsystemHealthStatus.SW_TTC));
        assertFalse(v2.warning(SubsystemHealthStatus.SW_ASCBT));
        assertEquals(0x3D, SubsystemHealthStatus.swFromCriticalWarning(0x02));
        assertEquals(java.util.OptionalInt.of(20), v2.ctempReading().celsius());
        assertEquals(HEALTHY, SubsystemHealthStatus.decode(wire(HEALTHY.toResponse(H))).get());
        Decoded<SubsystemHealthStatus> shortOne = SubsystemHealthStatus.decode(MiResponse.success(H, 0, Bytes.zeros(7)));
        assertFalse(shortOne.isPresent());
        assertTrue(shortOne.violates(Req.MI_NSHSP));
    }

    // ------------------------------------------------------------------ controller health

    static final ControllerHealth C0 = new ControllerHealth(0, ControllerHealth.CSTS_RDY | 2 << 2, 310, 5, 100,
            ControllerHealth.CWARN_TAUT, 0);
    static final ControllerHealth C1 = new ControllerHealth(1, ControllerHealth.CSTS_CFS, 273, 0, 50, 0, 0x0021);

    @Test
    @DisplayName("controller health: RENT at byte 7, 16-byte entries, CTEMP in kelvin, round trip (facts §6.6)")
    void controllerHealthRoundTrip() {
        ControllerHealthStatus s = ControllerHealthStatus.of(List.of(C0, C1));
        MiResponse r = s.toResponse(H);
        assertEquals(2, r.content().u8(7));
        assertEquals(8 + 32, r.content().length());
        assertEquals(Bytes.hex("00 00 09 00 36 01 05 64 02 00 00 00 00 00 00 00"), r.data().slice(0, 16));
        Decoded<ControllerHealthStatus> d = ControllerHealthStatus.decode(wire(r));
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(s, d.get());
        assertEquals(37, C0.ctempCelsius());
        assertEquals(2, C0.shst());
        assertTrue(C0.rdy() && !C0.cfs() && C1.cfs());
    }

    static Stream<Arguments> controllerHealthFaults() {
        MiResponse r = ControllerHealthStatus.of(List.of(C0)).toResponse(H);
        return Stream.of(
                argumentSet("RENT 2 with one entry", patched(r, 7, 2), Req.MI_CHSP, 7),
                argumentSet("NMRESP byte 5 set", patched(r, 5, 1), Req.MI_RESERVED_ZERO, 5),
                argumentSet("CSTS bit 9 set", patched(r, 11, 0x02), Req.MI_RESERVED_ZERO, 10),
                argumentSet("CWARN bit 6 set", patched(r, 16, 0x42), Req.MI_RESERVED_ZERO, 16),
                argumentSet("entry byte 11 set", patched(r, 19, 1), Req.MI_RESERVED_ZERO, 19),
                argumentSet("entry byte 15 set", patched(r, 23, 1), Req.MI_RESERVED_ZERO, 23));
    }

    @ParameterizedTest
    @MethodSource("controllerHealthFaults")
    @DisplayName("controller health faults are reported at their message offsets (facts §6.6)")
    void controllerHealthFaultReported(Bytes wire, Req req, int offset) {
        Violation v = only(ControllerHealthStatus.decode(wire));
        assertEquals(req, v.req());
        assertEquals(offset, v.offset());
    }

    @Test
    @DisplayName("controller health answer checked against MAXRENT and SCTLID")
    void controllerHealthAgainstRequest() {
        ControllerHealthStatus s = ControllerHealthStatus.of(List.of(C0, C1));
        assertTrue(s.checkAgainst(MiCommand.ControllerHealthStatusPoll.all(0, 1, false)).isEmpty());
        List<Violation> v = s.checkAgainst(MiCommand.ControllerHealthStatusPoll.all(1, 0, false));
        assertEquals(List.of(Req.MI_CHSP, Req.MI_CHSP), v.stream().map(Violation::req).toList());
        assertEquals(List.of(7, 8), v.stream().map(Violation::offset).toList());
    }

    // ------------------------------------------------------------------ configuration values, read data

    static Stream<Arguments> configFaults() {
        Function<Bytes, Decoded<?>> sfreq = ConfigGetValue::decodeSfreq;
        Function<Bytes, Decoded<?>> mtus = ConfigGetValue::decodeMtus;
        MiResponse s = ConfigGetValue.sfreqResponse(H, 2);
        MiResponse m = ConfigGetValue.mtusResponse(H, 250);
        return Stream.of(
                argumentSet("SFREQ bits 7:4 set", sfreq, patched(s, 5, 0x12), Req.MI_RESERVED_ZERO, 5),
                argumentSet("SFREQ byte 7 set", sfreq, patched(s, 7, 1), Req.MI_RESERVED_ZERO, 7),
                argumentSet("SFREQ reserved code 5", sfreq, patched(s, 5, 5), Req.MI_CONFIG_SMBUS_FREQUENCY, 5),
                argumentSet("MTUS byte 7 set", mtus, patched(m, 7, 1), Req.MI_RESERVED_ZERO, 7),
                argumentSet("MTUS 32, below the baseline", mtus, patched(m, 5, 32), Req.MI_CONFIG_MTU, 5),
                argumentSet("MTUS followed by data", mtus, MiMessage.seal(m.content().concat(Bytes.hex("00"))).toWire(),
                        Req.MI_RESPONSE_FORMAT, 8));
    }

    @ParameterizedTest
    @MethodSource("configFaults")
    @DisplayName("Configuration Get value faults are reported (facts §6.5)")
    void configFaultReported(Function<Bytes, Decoded<?>> decoder, Bytes wire, Req req, int offset) {
        Violation v = only(decoder.apply(wire));
        assertEquals(req, v.req());
        assertEquals(offset, v.offset());
    }

    @Test
    @DisplayName("Configuration Get values round-trip; MTUS 250 sits in bytes 5-6")
    void configValuesRoundTrip() {
        assertEquals(Bytes.hex("84 88 00 00 00 fa 00 00"), ConfigGetValue.mtusResponse(H, 250).content());
        assertEquals(250, ConfigGetValue.decodeMtus(wire(ConfigGetValue.mtusResponse(H, 250))).get());
        assertEquals(3, ConfigGetValue.decodeSfreq(ConfigGetValue.sfreqResponse(H, 3)).get());
    }

    @Test
    @DisplayName("VPD/MEB read data: exactly DLEN bytes, NMRESP reserved (facts §6.2, R25, R29)")
    void readData() {
        MiResponse r = MiResponse.success(H, 0, Bytes.hex("01 02 03 04"));
        assertTrue(ConfigGetValue.decodeReadData(r, 4, Req.MI_VPD_READ).isClean());
        Violation v = only(ConfigGetValue.decodeReadData(r, 5, Req.MI_VPD_READ));
        assertEquals(Req.MI_VPD_READ, v.req());
        Violation w = only(ConfigGetValue.decodeReadData(new MiResponse(H, 0, 1, Bytes.hex("01")), 1, Req.MI_MEB_BOUNDS));
        assertEquals(Req.MI_RESERVED_ZERO, w.req());
    }
}
