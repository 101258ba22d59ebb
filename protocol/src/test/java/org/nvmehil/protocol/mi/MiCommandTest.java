package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** NVMe-MI command set requests: layouts (MI 1.2 §5; facts §6.1-6.2, §6.5) and the ME's size/field verdicts. */
class MiCommandTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                argumentSet("Read DS: CTRLID 15:0, PORTID 23:16, DTYP 31:24, IOCSI NMD1 7:0",
                        new MiCommand.ReadDataStructure(MiCommand.REQUEST, 0x1234, 0x56, 0x03, 0x02),
                        "84 08 00 00 00 00 00 00 34 12 56 03 02 00 00 00"),
                argumentSet("Subsystem Health Status Poll without CS",
                        new MiCommand.SubsystemHealthStatusPoll(false), "84 08 00 00 01 00 00 00 00 00 00 00 00 00 00 00"),
                argumentSet("Controller Health Status Poll, every flag",
                        MiCommand.ControllerHealthStatusPoll.all(0x0102, 0x0E, true),
                        "84 08 00 00 02 00 00 00 02 01 0e 87 1f 00 00 80"),
                argumentSet("Controller Health Status Poll, only INCPF and CTEMP",
                        new MiCommand.ControllerHealthStatusPoll(MiCommand.REQUEST, 0, 0, false, true, false, false,
                                false, true, false, false, false, false),
                        "84 08 00 00 02 00 00 00 00 00 00 02 02 00 00 00"),
                argumentSet("Configuration Set SMBus frequency 400 kHz on port 1: SFREQ NMD0 11:8, PORTID 31:24",
                        new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(1, Sfreq.KHZ_400)),
                        "84 08 00 00 03 00 00 00 01 02 00 01 00 00 00 00"),
                argumentSet("Configuration Set Health Status Change NSSRO → packed bit 3",
                        new MiCommand.ConfigurationSet(ConfigSetting.HealthStatusChange.of(java.util.Set.of(CcsFlag.NSSRO))),
                        "84 08 00 00 03 00 00 00 02 00 00 00 08 00 00 00"),
                argumentSet("Configuration Get Health Status Change",
                        new MiCommand.ConfigurationGet(new ConfigQuery.HealthStatusChange()),
                        "84 08 00 00 04 00 00 00 02 00 00 00 00 00 00 00"),
                argumentSet("Configuration Get vendor CID C0h with NMD1",
                        new MiCommand.ConfigurationGet(new ConfigQuery.Other(0xC0, 0x11223344L)),
                        "84 08 00 00 04 00 00 00 c0 00 00 00 44 33 22 11"),
                argumentSet("VPD Read DOFST 0010h DLEN 0100h",
                        new MiCommand.VpdRead(0x10, 0x100), "84 08 00 00 05 00 00 00 10 00 00 00 00 01 00 00"),
                argumentSet("VPD Write 2 bytes at 0",
                        MiCommand.VpdWrite.of(0, Bytes.hex("aa bb")), "84 08 00 00 06 00 00 00 00 00 00 00 02 00 00 00 aa bb"),
                argumentSet("Reset: NVM Subsystem Reset", MiCommand.Reset.nvmSubsystem(),
                        "84 08 00 00 07 00 00 00 00 00 00 00 00 00 00 00"),
                argumentSet("MEB Read: 32-bit DOFST", new MiCommand.MebRead(0x01020304L, 8),
                        "84 08 00 00 0a 00 00 00 04 03 02 01 08 00 00 00"),
                argumentSet("MEB Write 1 byte", MiCommand.MebWrite.of(0x10, Bytes.hex("5a")),
                        "84 08 00 00 0b 00 00 00 10 00 00 00 01 00 00 00 5a"),
                argumentSet("Shutdown abrupt: type in NMD0 31:24", new MiCommand.Shutdown(MiCommand.Shutdown.ABRUPT),
                        "84 08 00 00 0c 00 00 00 00 00 00 01 00 00 00 00"),
                argumentSet("Raw opcode 0Dh with reserved bytes 5-7 set, slot 1",
                        new MiCommand.Raw(MiHeader.request(Nmimt.MI_COMMAND, 1), 0x0D, 0x030201, 1, 2, Bytes.hex("ff")),
                        "84 09 00 00 0d 01 02 03 01 00 00 00 02 00 00 00 ff"));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    @DisplayName("each command encodes its fields at the documented bit positions (facts §6.2)")
    void commandLayout(MiCommand c, String content) {
        assertEquals(Bytes.hex(content), c.content());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    @DisplayName("each command round-trips through the message and fromMessage; Raw.of reproduces its bytes")
    void commandRoundTrip(MiCommand c, String content) {
        assertEquals(c, MiCommand.fromMessage(c.seal()));
        assertEquals(c.content(), MiCommand.Raw.of(c).content());
        assertEquals(c.content(), c.withHeader(c.header()).content());
    }

    @Test
    @DisplayName("encoders build illegal values on purpose; records refuse only what does not fit")
    void illegalValuesBuild() {
        assertEquals(0xFF, MiCommand.ControllerHealthStatusPoll.all(0, 0xFF, false).content().u8(10));
        MiCommand.VpdWrite w = new MiCommand.VpdWrite(MiCommand.REQUEST, 0, 9, Bytes.hex("01"));
        assertEquals(9, w.nmd1());
        assertThrows(IllegalArgumentException.class, () -> new MiCommand.ReadDataStructure(0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConfigSetting.SmbusFrequency(0, 16));
        assertThrows(IllegalArgumentException.class, () -> new MiCommand.MebRead(1L << 32, 0));
    }

    @Test
    @DisplayName("Health Status Change mask is packed: every CCS flag above bit 2 moves down one (facts §6.5 trap)")
    void packedMaskForEveryFlag() {
        for (CcsFlag f : CcsFlag.values()) {
            int expected = f.ccsBit < 3 ? f.ccsBit : f.ccsBit - 1;
            assertEquals(1 << expected, CcsFlag.ccsToHsc(1 << f.ccsBit), f::name);
        }
        assertEquals(0, CcsFlag.ccsToHsc(1 << 3), "CCS bit 3 is reserved and maps to nothing");
        assertEquals(0x1FFF, CcsFlag.ccsToHsc(CcsFlag.CCS_DEFINED));
    }

    // ------------------------------------------------------------------ ME verdicts

    static Arguments verdict(String name, Bytes content, Integer status, Integer pelByte, Req req) {
        return argumentSet(name, content, status, pelByte, req);
    }

    static Bytes c(MiCommand cmd) {
        return cmd.content();
    }

    static Stream<Arguments> verdicts() {
        Bytes vpdW = c(MiCommand.VpdWrite.of(0, Bytes.hex("01 02 03 04")));
        Bytes mebW = c(MiCommand.MebWrite.of(0, Bytes.hex("01 02 03 04")));
        return Stream.of(
                verdict("VPD Write, data = DLEN → well formed", vpdW, null, null, null),
                verdict("VPD Write, one byte short of DLEN → 06h", vpdW.head(vpdW.length() - 1), 0x06, null, Req.MI_INVALID_INPUT_DATA_SIZE),
                verdict("VPD Write, one byte beyond DLEN → 06h", vpdW.concat(Bytes.hex("05")), 0x06, null, Req.MI_INVALID_INPUT_DATA_SIZE),
                verdict("MEB Write, DLEN 4 with no data → 06h", mebW.head(16), 0x06, null, Req.MI_INVALID_INPUT_DATA_SIZE),
                verdict("MEB Write, data = DLEN → well formed", mebW, null, null, null),
                verdict("VPD Write cut inside NMD1 → 05h (not a data problem)", vpdW.head(14), 0x05, null, Req.MI_INVALID_COMMAND_SIZE),
                verdict("VPD Read with 1 surplus byte → 05h", c(new MiCommand.VpdRead(0, 4)).concat(Bytes.hex("00")), 0x05, null, Req.MI_INVALID_COMMAND_SIZE),
                verdict("Configuration Set with surplus data → 05h (MI 1.2: CID 01h-03h carry none)",
                        c(new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(0, 64))).concat(Bytes.zeros(4)),
                        0x05, null, Req.MI_INVALID_COMMAND_SIZE),
                verdict("only the opcode → 05h", Bytes.hex("84 08 00 00 01"), 0x05, null, Req.MI_INVALID_COMMAND_SIZE),
                verdict("no opcode → 05h", Bytes.hex("84 08 00 00"), 0x05, null, Req.MI_INVALID_COMMAND_SIZE),
                verdict("reserved opcode 0Dh → 03h", c(new MiCommand.Raw(0x0D, 0, 0, Bytes.EMPTY)), 0x03, null, Req.MI_INVALID_OPCODE),
                verdict("reserved opcode BFh, even when short → 03h", Bytes.hex("84 08 00 00 bf"), 0x03, null, Req.MI_INVALID_OPCODE),
                verdict("vendor opcode C0h → left to the model", c(new MiCommand.Raw(0xC0, 0, 0, Bytes.hex("01"))), null, null, null),
                verdict("SES Receive 08h → left to the model", c(new MiCommand.Raw(0x08, 0, 0, Bytes.EMPTY)), null, null, null),
                verdict("Read DS DTYP 05h (MEB list) → well formed", c(MiCommand.ReadDataStructure.mebCommands()), null, null, null),
                verdict("Read DS DTYP FFh → 04h PEL 11", c(new MiCommand.ReadDataStructure(0, 0, 0xFF)), 0x04, 11, Req.MI_READ_DS_RESERVED_DTYP),
                verdict("CHSP MAXRENT FEh → well formed", c(MiCommand.ControllerHealthStatusPoll.all(0, 0xFE, false)), null, null, null),
                verdict("CHSP MAXRENT FFh → 04h PEL 10 (UNH 4.5)", c(MiCommand.ControllerHealthStatusPoll.all(0, 0xFF, false)), 0x04, 10, Req.MI_CHSP_MAXRENT),
                verdict("Configuration Set CID 04h (AE, MI 2.0) → 04h PEL 8", c(new MiCommand.ConfigurationSet(ConfigSetting.Other.cid(4))), 0x04, 8, Req.MI_CONFIG_RESERVED_CID),
                verdict("Configuration Set CID BFh → 04h PEL 8", c(new MiCommand.ConfigurationSet(ConfigSetting.Other.cid(0xBF))), 0x04, 8, Req.MI_CONFIG_RESERVED_CID),
                verdict("Configuration Get CID C0h (vendor) → well formed", c(new MiCommand.ConfigurationGet(ConfigQuery.Other.cid(0xC0))), null, null, null),
                verdict("Configuration Set SFREQ 0 → 04h PEL 9", c(new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(0, 0))), 0x04, 9, Req.MI_CONFIG_SMBUS_FREQUENCY),
                verdict("Configuration Set SFREQ 4h (reserved) → 04h PEL 9", c(new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(0, 4))), 0x04, 9, Req.MI_CONFIG_SMBUS_FREQUENCY),
                verdict("Configuration Set SFREQ 1 MHz → well formed", c(new MiCommand.ConfigurationSet(new ConfigSetting.SmbusFrequency(0, Sfreq.MHZ_1))), null, null, null),
                verdict("Configuration Set MTUS 63 → 04h PEL 12", c(new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(0, 63))), 0x04, 12, Req.MI_CONFIG_MTU),
                verdict("Configuration Set MTUS 64 → well formed", c(new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(0, 64))), null, null, null),
                verdict("Reset type 01h → 04h PEL 11", c(new MiCommand.Reset(MiCommand.REQUEST, 1)), 0x04, 11, Req.MI_RESET),
                verdict("Shutdown type 02h → 04h PEL 11", c(new MiCommand.Shutdown(2)), 0x04, 11, Req.MI_INVALID_PARAMETER),
                verdict("Shutdown normal → well formed", c(new MiCommand.Shutdown(MiCommand.Shutdown.NORMAL)), null, null, null),
                verdict("NMIMT 3 (reserved) → 04h PEL byte 1 bit 3", Bytes.hex("84 18 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), 0x04, 1, Req.MI_INVALID_PARAMETER));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    @DisplayName("the ME classifies size and field faults as MI 1.2 Fig. 26 does (facts §6.1, §12 item 5)")
    void meVerdict(Bytes content, Integer status, Integer pelByte, Req req) {
        MeParse p = MeRequestParser.parse(MiMessage.seal(content).toWire());
        assertTrue(p.discard().isEmpty());
        if (status == null) {
            assertTrue(p.error().isEmpty(), () -> p.error().toString());
            assertTrue(p.errorResponse().isEmpty());
            return;
        }
        MeError e = p.error().orElseThrow();
        assertEquals(status.intValue(), e.status(), e::toString);
        assertEquals(req, e.req());
        assertEquals(Optional.ofNullable(pelByte), e.pel().map(ParameterErrorLocation::byteOffset));
        MiResponse r = MiResponse.decode(p.errorResponse().orElseThrow()).get();
        assertEquals(status.intValue(), r.status());
        assertEquals(e.pel(), r.pel());
    }

    @Test
    @DisplayName("the error response echoes the request's slot and NMIMT (facts §13 R03)")
    void errorResponseKeepsSlot() {
        MiCommand c = new MiCommand.ReadDataStructure(0, 0, 9).withHeader(MiHeader.request(Nmimt.MI_COMMAND, 1));
        MiMessage rsp = MeRequestParser.parse(c.seal().toWire()).errorResponse().orElseThrow();
        assertEquals(Bytes.hex("84 89 00 00 04 00 0b 00"), rsp.content());
        assertTrue(rsp.header().checkResponseTo(c.header()).isEmpty());
    }

    @Test
    @DisplayName("PCIe command messages are passed on without a verdict")
    void pcieLeftToModel() {
        MeParse p = MeRequestParser.parse(MiMessage.seal(Bytes.hex("84 20 00 00 00 00 00 00")).toWire());
        assertTrue(p.request().isEmpty() && p.error().isEmpty() && p.discard().isEmpty());
    }

    @Test
    @DisplayName("a well-formed request is exposed as its typed record")
    void typedAccess() {
        MeParse p = MeRequestParser.parse(new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(1)).seal().toWire());
        assertTrue(p.isWellFormed());
        MiCommand.ConfigurationGet g = p.requestAs(MiCommand.ConfigurationGet.class).orElseThrow();
        assertInstanceOf(ConfigQuery.MctpTransmissionUnit.class, g.query());
        assertEquals(Optional.of(ConfigId.MCTP_TRANSMISSION_UNIT), g.query().configId());
        assertEquals(Optional.of(MiOpcode.CONFIGURATION_GET), g.miOpcode());
    }
}
