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

/**
 * The golden vectors of facts §11 (V1-V5, V8) and nvme-mi-dev tests (tests/nvme_mi.rs,
 * tests/admin.rs, tests/message.rs), plus the seed 001 response. Vectors are literal bytes from
 * their sources; nothing here was adjusted to fit the code.
 */
class MiVectorTest {

    static final MiHeader RSP_MI = MiHeader.response(Nmimt.MI_COMMAND, 0);
    static final MiHeader RSP_ADMIN = MiHeader.response(Nmimt.ADMIN, 0);

    // ------------------------------------------------------------------ requests: encoder = vector

    static Stream<Arguments> requests() {
        return Stream.of(
                argumentSet("V1 Configuration Get MTU port 1 (facts §11 V1 / nvme-mi-dev configuration_get::mctp_transmission_unit_size)",
                        new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(1)),
                        "84 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | e7 b8 94 21"),
                argumentSet("Configuration Get SMBus frequency port 1 (nvme-mi-dev configuration_get::smbus_i2c_frequency)",
                        new MiCommand.ConfigurationGet(new ConfigQuery.SmbusFrequency(1)),
                        "84 08 00 00 | 04 00 00 00 | 01 00 00 01 | 00 00 00 00 | a9 42 ec b3"),
                argumentSet("V2 Subsystem Health Status Poll, CS set (facts §11 V2 / nvme-mi-dev ...::clear_status)",
                        new MiCommand.SubsystemHealthStatusPoll(true),
                        "84 08 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 80 | aa ef 81 b4"),
                argumentSet("Subsystem Health Status Poll, CS clear (nvme-mi-dev ...::ctemp_zero)",
                        new MiCommand.SubsystemHealthStatusPoll(false),
                        "84 08 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 00 | d2 d4 77 36"),
                argumentSet("V3 Read Data Structure, Port Information port 1 (facts §11 V3 / nvme-mi-dev ...::port_information_twowire)",
                        MiCommand.ReadDataStructure.portInfo(1),
                        "84 08 00 00 | 00 00 00 00 | 00 00 01 01 | 00 00 00 00 | 57 04 27 d0"),
                argumentSet("Read Data Structure, Port Information port 0 (nvme-mi-dev ...::port_information_pcie)",
                        MiCommand.ReadDataStructure.portInfo(0),
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 01 | 00 00 00 00 | 4e 6f 17 3f"),
                argumentSet("Read Data Structure, Subsystem Information (facts §11 V3 / nvme-mi-dev ...::nvm_subsystem_information)",
                        MiCommand.ReadDataStructure.subsystemInfo(),
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | e2 00 06 07"),
                argumentSet("Read Data Structure, Controller List from 0 (facts §11 V3 / nvme-mi-dev ...::controller_list_all)",
                        MiCommand.ReadDataStructure.controllerList(0),
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 02 | 00 00 00 00 | ba df 24 77"),
                argumentSet("Read Data Structure, Controller List from 1: start ID in NMD0 15:0 (nvme-mi-dev ...::controller_list_single_partial_empty)",
                        MiCommand.ReadDataStructure.controllerList(1),
                        "84 08 00 00 | 00 00 00 00 | 01 00 00 02 | 00 00 00 00 | 9d a2 18 3e"),
                argumentSet("V4 Configuration Set Health Status Change RDY+CECO = 11h packed (facts §11 V4 / nvme-mi-dev ...::health_status_change_rdy_ceco)",
                        new MiCommand.ConfigurationSet(ConfigSetting.HealthStatusChange.clearingCcs(0x0021)),
                        "84 08 00 00 | 03 00 00 00 | 02 00 00 00 | 11 00 00 00 | 79 9d cd f2"),
                argumentSet("V6 Configuration Set MTU 250 port 0, MI Appendix Example 7 (facts §11 V6)",
                        new MiCommand.ConfigurationSet(new ConfigSetting.MctpTransmissionUnit(0, 250)),
                        "84 08 00 00 03 00 00 00 03 00 00 00 FA 00 00 00 | D2 88 B4 01"),
                argumentSet("V8 Configuration Get reserved CID 00h (facts §11 V8 / nvme-mi-dev configuration_get::reserved)",
                        new MiCommand.ConfigurationGet(ConfigQuery.Other.cid(0)),
                        "84 08 00 00 | 04 00 00 00 | 00 00 00 00 | 00 00 00 00 | 22 50 c1 c2"),
                argumentSet("V8 Read Data Structure reserved DTYP 06h (facts §11 V8)",
                        new MiCommand.ReadDataStructure(0, 0, 6),
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 06 | 00 00 00 00 | 0a 61 61 97"),
                argumentSet("V8 Get State slot 0, tag 5Ah, CESF (facts §11 V8)",
                        ControlPrimitive.getState(0, 0x5A, true),
                        "84 00 00 00 | 03 5a 01 00 | 56 26 4d 28"),
                argumentSet("V5 tunnelled Identify Controller, CNS 1, DLEN 4096 (facts §11 V5 / nvme-mi-dev tests/admin.rs identify::controller)",
                        AdminRequest.identify(0, 1, 0, 0, 4096),
                        "84 10 00 00 | 06 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | 00 10 00 00 | "
                                + "00 ".repeat(8) + "| 01 00 00 00 | " + "00 ".repeat(20) + "| 9c d6 53 ed"),
                argumentSet("V5 prohibited Admin opcode 00h, same layout, CDW10 0 (facts §11 V5 / nvme-mi-dev prohibited::delete_io_submission_queue)",
                        AdminRequest.builder(0x00).dlen(4096).build(),
                        "84 10 00 00 | 00 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | 00 10 00 00 | "
                                + "00 ".repeat(8) + "| 00 00 00 00 | " + "00 ".repeat(20) + "| ef 00 d6 6a"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    @DisplayName("request encoders reproduce the vector bytes, MIC included (facts §11 V1-V6, V8; nvme-mi-dev tests)")
    void requestEncodesToVector(MiRequest request, String wire) {
        assertEquals(Bytes.hex(wire), request.seal().toWire());
    }

    @ParameterizedTest
    @MethodSource("requests")
    @DisplayName("request vectors decode (ME side) back to the record that built them (facts §11; nvme-mi-dev tests)")
    void requestVectorDecodesToRecord(MiRequest request, String wire) {
        MeParse p = MeRequestParser.parse(Bytes.hex(wire));
        assertFalse(p.isDiscarded(), () -> p.discard().toString());
        assertEquals(request, p.request().orElseThrow());
        assertTrue(MiMessage.decode(Bytes.hex(wire)).isClean());
    }

    // ------------------------------------------------------------------ responses: decode + encode

    record ResponseVector(Function<Bytes, Decoded<?>> decoder, Object expected, MiMessage encoded) {
    }

    static Arguments rsp(String name, String wire, Function<Bytes, Decoded<?>> decoder, Object expected,
                         MiMessage encoded) {
        return argumentSet(name, wire, new ResponseVector(decoder, expected, encoded));
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                rsp("V1 MTUS 64 (facts §11 V1 / nvme-mi-dev configuration_get::mctp_transmission_unit_size)",
                        "84 88 00 00 | 00 40 00 00 | fd d5 12 e5", ConfigGetValue::decodeMtus, 64,
                        ConfigGetValue.mtusResponse(RSP_MI, 64).seal()),
                rsp("V1 SFREQ 1 = 100 kHz (facts §11 V1 / nvme-mi-dev configuration_get::smbus_i2c_frequency)",
                        "84 88 00 00 | 00 01 00 00 | 5a c7 36 87", ConfigGetValue::decodeSfreq, 1,
                        ConfigGetValue.sfreqResponse(RSP_MI, Sfreq.KHZ_100.code).seal()),
                rsp("V1/V6 generic Success (facts §11 V1, V6 / nvme-mi-dev)",
                        "84 88 00 00 | 00 00 00 00 | 24 55 77 22", MiResponse::decode, MiResponse.success(RSP_MI),
                        MiResponse.success(RSP_MI).seal()),
                rsp("V1 Invalid Parameter with PEL 0/0 (facts §11 V1 / nvme-mi-dev RESP_INVALID_PARAMETER)",
                        "84 88 00 00 | 04 00 00 00 | d7 64 55 59", MiResponse::decode,
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(0, 0)),
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(0, 0)).seal()),
                rsp("V1 Invalid Command Size (facts §11 V1 / nvme-mi-dev RESP_INVALID_COMMAND_SIZE)",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84", MiResponse::decode,
                        MiResponse.error(RSP_MI, MiStatus.INVALID_COMMAND_SIZE),
                        MiResponse.error(RSP_MI, MiStatus.INVALID_COMMAND_SIZE).seal()),
                rsp("Invalid Command Input Data Size (nvme-mi-dev RESP_INVALID_COMMAND_INPUT_DATA_SIZE)",
                        "84 88 00 00 | 06 00 00 00 | 56 47 32 e6", MiResponse::decode,
                        MiResponse.error(RSP_MI, MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE),
                        MiResponse.error(RSP_MI, MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE).seal()),
                rsp("V2 NSS 38h, SW 3Dh, CTEMP 20 °C, PDLU 38 %, CCS 0 (facts §11 V2)",
                        "84 88 00 00 | 00 00 00 00 | 38 3d 14 26 | 00 00 00 00 | 11 7c b0 3d",
                        SubsystemHealthStatus::decode, new SubsystemHealthStatus(0x38, 0x3D, 20, 38, 0),
                        new SubsystemHealthStatus(0x38, 0x3D, 20, 38, 0).toResponse(RSP_MI).seal()),
                rsp("V4 poll before clear: CCS 0021h = RDY + CECO (facts §11 V4)",
                        "84 88 00 00 | 00 00 00 00 | 38 3d 00 26 | 21 00 00 00 | 6b c5 29 45",
                        SubsystemHealthStatus::decode, new SubsystemHealthStatus(0x38, 0x3D, 0, 38, 0x21),
                        new SubsystemHealthStatus(0x38, 0x3D, 0, 38, 0x21).toResponse(RSP_MI).seal()),
                rsp("V4 poll after clear: CCS 0 (facts §11 V4 / nvme-mi-dev ...::ctemp_zero)",
                        "84 88 00 00 | 00 00 00 00 | 38 3d 00 26 | 00 00 00 00 | 58 7b 49 4f",
                        SubsystemHealthStatus::decode, new SubsystemHealthStatus(0x38, 0x3D, 0, 38, 0),
                        new SubsystemHealthStatus(0x38, 0x3D, 0, 38, 0).toResponse(RSP_MI).seal()),
                rsp("V3 Port Information, two-wire: MMTUS 64, CMEADDR 1Dh, TWPRT 2 (facts §11 V3, nvme-mi-dev @66af4b2b)",
                        "84 88 00 00 | 00 20 00 00 | 02 00 40 00 | 00 00 00 00 | 00 00 1d 02 | " + "00 ".repeat(20)
                                + "| f3 83 a2 30",
                        w -> DataStructure.decode(w, 1), twoWire(2), twoWire(2).toResponse(RSP_MI).seal()),
                rsp("Port Information, two-wire, TWPRT 1 (nvme-mi-dev @02c58b08 ...::port_information_twowire)",
                        "84 88 00 00 | 00 20 00 00 | 02 00 40 00 | 00 00 00 00 | 00 00 1d 01 | " + "00 ".repeat(20)
                                + "| c4 05 bc 27",
                        w -> DataStructure.decode(w, 1), twoWire(1), twoWire(1).toResponse(RSP_MI).seal()),
                rsp("Port Information, PCIe: SLSV 3Fh, CLS 1, MLW 2, NLW 1 (nvme-mi-dev ...::port_information_pcie)",
                        "84 88 00 00 | 00 20 00 00 | 01 00 40 00 | 00 00 00 00 | 00 3f 01 02 | 01 " + "00 ".repeat(19)
                                + "| 76 6e 77 2d",
                        w -> DataStructure.decode(w, 1), pcie(), pcie().toResponse(RSP_MI).seal()),
                rsp("Subsystem Information: NUMP 1, MI 1.2 (facts §11 V3 / nvme-mi-dev ...::nvm_subsystem_information)",
                        "84 88 00 00 | 00 20 00 00 | 01 01 02 00 | " + "00 ".repeat(28) + "| 3c f8 db 52",
                        w -> DataStructure.decode(w, 0), new DataStructure.SubsystemInfo(1, 1, 2, 0),
                        new DataStructure.SubsystemInfo(1, 1, 2, 0).toResponse(RSP_MI).seal()),
                rsp("Controller List {0} (facts §11 V3 / nvme-mi-dev ...::controller_list_all)",
                        "84 88 00 00 | 00 04 00 00 | 01 00 00 00 | 0a 29 2f 14",
                        w -> DataStructure.decode(w, 2), DataStructure.ControllerList.of(List.of(0)),
                        DataStructure.ControllerList.of(List.of(0)).toResponse(RSP_MI).seal()),
                rsp("Controller List empty (nvme-mi-dev ...::controller_list_single_partial_empty)",
                        "84 88 00 00 | 00 02 00 00 | 00 00 | ec c6 96 d4",
                        w -> DataStructure.decode(w, 2), DataStructure.ControllerList.of(List.of()),
                        DataStructure.ControllerList.of(List.of()).toResponse(RSP_MI).seal()),
                rsp("Controller List {0, 1} (nvme-mi-dev ...::controller_list_multiple)",
                        "84 88 00 00 | 00 06 00 00 | 02 00 00 00 01 00 | 75 4c b0 d9",
                        w -> DataStructure.decode(w, 2), DataStructure.ControllerList.of(List.of(0, 1)),
                        DataStructure.ControllerList.of(List.of(0, 1)).toResponse(RSP_MI).seal()),
                rsp("Controller List {1} (nvme-mi-dev ...::controller_list_multiple_partial_populated)",
                        "84 88 00 00 | 00 04 00 00 | 01 00 01 00 | 7d b1 8d 07",
                        w -> DataStructure.decode(w, 2), DataStructure.ControllerList.of(List.of(1)),
                        DataStructure.ControllerList.of(List.of(1)).toResponse(RSP_MI).seal()),
                rsp("V8 Invalid Parameter, PEL byte 8 bit 0 (facts §11 V8, UNH 4.2)",
                        "84 88 00 00 | 04 00 08 00 | 6f a7 41 c4", MiResponse::decode,
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(8, 0)),
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(8, 0)).seal()),
                rsp("V8 Invalid Parameter, PEL byte 11 bit 0 (facts §11 V8, UNH 4.6)",
                        "84 88 00 00 | 04 00 0b 00 | f6 0f a6 f0", MiResponse::decode,
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(11, 0)),
                        MiResponse.invalidParameter(RSP_MI, ParameterErrorLocation.at(11, 0)).seal()),
                rsp("V8 Get State answer: tag 5Ah, MES 0010h = BMICE, SSTA Idle (facts §11 V8)",
                        "84 80 00 00 | 00 5a 10 00 | 6d c8 66 93", ControlPrimitiveResponse::decode,
                        getStateAnswer(), getStateAnswer().seal()),
                rsp("V5 Admin success header, DW3 00010000h (facts §11 V5 / nvme-mi-dev tests/admin.rs)",
                        "84 90 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 01 00 | 30 d5 a2 9b",
                        AdminResponse::decode, new AdminResponse(RSP_ADMIN, 0, 0, 0, 0, 0x10000, Bytes.EMPTY),
                        new AdminResponse(RSP_ADMIN, 0, 0, 0, 0, 0x10000, Bytes.EMPTY).seal()),
                rsp("V5 prohibited opcode answered 03h by nvme-mi-dev (MI 2.0 behaviour; facts §11 V5, §12 item 12)",
                        "84 90 00 00 | 03 00 00 00 | e8 db 23 92", MiResponse::decode,
                        MiResponse.error(RSP_ADMIN, MiStatus.INVALID_COMMAND_OPCODE),
                        MiResponse.error(RSP_ADMIN, MiStatus.INVALID_COMMAND_OPCODE).seal()),
                rsp("seed 001 Identify SN slice \"AZ123456\": CRC-32C 7BC41F7Ah, sent 7A 1F C4 7B (seed prints it scrambled as 7B C4 7A 1F)",
                        "84 90 00 00 | 00 00 00 00 | " + "00 ".repeat(12) + "| 41 5a 31 32 33 34 35 36 | "
                                + "20 ".repeat(12) + "| 7a 1f c4 7b",
                        AdminResponse::decode, seedAnswer(), seedAnswer().seal()));
    }

    static DataStructure.PortInfo twoWire(int twprt) {
        return new DataStructure.PortInfo(2, 0, 64, 0, new DataStructure.PortDetail.TwoWire(0, 0, 0x1D, twprt, 0));
    }

    static DataStructure.PortInfo pcie() {
        return new DataStructure.PortInfo(1, 0, 64, 0, new DataStructure.PortDetail.Pcie(0, 0x3F, 1, 2, 1, 0));
    }

    static ControlPrimitiveResponse getStateAnswer() {
        return ControlPrimitiveResponse.getState(ControlPrimitive.getState(0, 0x5A, true),
                ManagementEndpointState.of(ManagementEndpointState.SlotState.IDLE, ManagementEndpointState.Flag.BMICE));
    }

    static AdminResponse seedAnswer() {
        return new AdminResponse(RSP_ADMIN, 0, 0, 0, 0, 0,
                Bytes.of("AZ123456            ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @MethodSource("responses")
    @DisplayName("response vectors decode cleanly to the documented values (facts §11; nvme-mi-dev; seed 001)")
    void responseDecodesToDocumentedValue(String wire, ResponseVector v) {
        Decoded<?> d = v.decoder().apply(Bytes.hex(wire));
        assertTrue(d.isClean(), () -> d.violations().toString());
        assertEquals(v.expected(), d.get());
    }

    @ParameterizedTest
    @MethodSource("responses")
    @DisplayName("response vector MICs verify and the encoders reproduce the vector bytes (facts §11; nvme-mi-dev; seed 001)")
    void responseEncoderReproducesVector(String wire, ResponseVector v) {
        assertTrue(MiMessage.decode(Bytes.hex(wire)).get().micValid());
        assertEquals(Bytes.hex(wire), v.encoded().toWire());
    }

    @Test
    @DisplayName("seed 001: the Identify response MIC is CRC-32C 7BC41F7Ah (independent vector; the seed's \"7B C4 7A 1F\" is that value scrambled)")
    void seed001Mic() {
        MiMessage m = seedAnswer().seal();
        assertEquals(0x7BC41F7AL, m.mic());
        assertEquals(Bytes.hex("7a 1f c4 7b"), m.toWire().slice(m.toWire().length() - 4));
    }

    // ------------------------------------------------------------------ what the ME must answer

    static Stream<Arguments> meAnswers() {
        return Stream.of(
                argumentSet("V8 reserved CID 00h → 04h PEL byte 8 bit 0 (facts §11 V8, UNH 4.2)",
                        "84 08 00 00 | 04 00 00 00 | 00 00 00 00 | 00 00 00 00 | 22 50 c1 c2",
                        "84 88 00 00 | 04 00 08 00 | 6f a7 41 c4"),
                argumentSet("V8 reserved DTYP 06h → 04h PEL byte 11 bit 0 (facts §11 V8, UNH 4.6)",
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 06 | 00 00 00 00 | 0a 61 61 97",
                        "84 88 00 00 | 04 00 0b 00 | f6 0f a6 f0"),
                argumentSet("Configuration Get MTU with 4 surplus bytes → 05h (nvme-mi-dev ...::mctp_transmission_unit_size_long, UNH 4.10)",
                        "84 08 00 00 | 04 00 00 00 | 03 00 00 00 | 00 00 00 00 | 00 00 00 00 | 77 0f b0 f1",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("Configuration Get short (no NMD1) → 05h (nvme-mi-dev configuration_get::short_request)",
                        "84 08 00 00 | 04 00 00 00 | 01 00 00 00 | 1c 68 8f 77",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("Health Status Poll with 4 surplus bytes → 05h (nvme-mi-dev nvm_subsystem_status_health_poll::long_request)",
                        "84 08 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 32 d2 2a 96",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("Health Status Poll short → 05h (nvme-mi-dev nvm_subsystem_status_health_poll::short_request)",
                        "84 08 00 00 | 01 00 00 00 | 00 00 00 00 | ee 3d eb c2",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("Read Data Structure short → 05h (nvme-mi-dev read_nvme_mi_data_structure::short_request)",
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 00 | c9 40 d7 8b",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("Read Data Structure with surplus bytes → 05h per MI 1.2 Fig. 26; nvme-mi-dev answers 06h (facts §12 item 5)",
                        "84 08 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | cc df 26 64",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("header cut short after the opcode → 05h (nvme-mi-dev short_header_object)",
                        "84 08 00 00 | 00 00 00 | 57 b9 b6 8b",
                        "84 88 00 00 | 05 00 00 00 | 6f ce 10 84"),
                argumentSet("V5 prohibited Admin opcode 00h → 04h PEL byte 4 bit 0 per MI 1.2 §6.2 (nvme-mi-dev answers 03h)",
                        "84 10 00 00 | 00 00 00 00 | " + "00 ".repeat(20) + "| 00 00 00 00 | 00 10 00 00 | "
                                + "00 ".repeat(8) + "| 00 00 00 00 | " + "00 ".repeat(20) + "| ef 00 d6 6a",
                        "84 90 00 00 | 04 00 04 00 | fe 02 a9 c5"));
    }

    @ParameterizedTest
    @MethodSource("meAnswers")
    @DisplayName("the ME-side parser yields the error response MI 1.2 calls for (facts §11 V5, V8, §12; nvme-mi-dev tests)")
    void meAnswersWithTheVectorResponse(String request, String response) {
        MeParse p = MeRequestParser.parse(Bytes.hex(request));
        assertEquals(Bytes.hex(response), p.errorResponse().orElseThrow().toWire(), () -> p.error().toString());
    }

    static Stream<Arguments> dropped() {
        return Stream.of(
                argumentSet("IC = 0, otherwise V1 with a valid MIC (nvme-mi-dev tests/message.rs invalid_ic_bit)",
                        "04 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | 1f fd a5 90", Req.MI_IC_CLEAR_DISCARD),
                argumentSet("empty message (nvme-mi-dev invalid_ic_bit sends none)", "", Req.MI_MESSAGE_TYPE),
                argumentSet("header of 3 bytes + its MIC (nvme-mi-dev invalid_message_header_object)",
                        "84 00 00 | 23 70 9d 75", Req.MI_MESSAGE_TYPE),
                argumentSet("type byte + inverted MIC (nvme-mi-dev invalid_ic_value)", "84 | c9 00 ee e8",
                        Req.MI_MESSAGE_TYPE),
                argumentSet("ROR = 1 with valid MIC 48 c4 c2 ea (facts §11 V5 / nvme-mi-dev invalid_message_header_ror)",
                        "84 80 00 00 | 48 c4 c2 ea", Req.MI_ROR_REQUEST_DISCARD),
                argumentSet("V1 with MIC bit 31 flipped (facts §5.2, UNH 1.4.2)",
                        "84 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | e7 b8 94 a1", Req.MI_BAD_MIC_DISCARD),
                argumentSet("V1 with the MIC byte-swapped (big-endian)",
                        "84 08 00 00 | 04 00 00 00 | 03 00 00 01 | 00 00 00 00 | 21 94 b8 e7", Req.MI_BAD_MIC_DISCARD),
                argumentSet("MCTP type 05h with IC set", "85 08 00 00 | 04 00 00 00 | 00 00 00 00",
                        Req.MI_MESSAGE_TYPE));
    }

    @ParameterizedTest
    @MethodSource("dropped")
    @DisplayName("dropped-request cases → discarded with no response (facts §11 V5 / nvme-mi-dev tests/message.rs)")
    void droppedRequestsAreDiscarded(String wire, Req why) {
        MeParse p = MeRequestParser.parse(Bytes.hex(wire));
        assertTrue(p.isDiscarded());
        assertEquals(why, p.discard().get().req());
        assertTrue(p.errorResponse().isEmpty());
    }

    @Test
    @DisplayName("ROR = 1 dropped request carries a valid MIC 48 c4 c2 ea, so the drop is for ROR alone (facts §11 V5)")
    void rorVectorMicIsValid() {
        assertTrue(MiMessage.decode(Bytes.hex("84 80 00 00 48 c4 c2 ea")).isClean());
        assertEquals(Bytes.hex("84 80 00 00 48 c4 c2 ea"), MiMessage.seal(Bytes.hex("84 80 00 00")).toWire());
    }

    @Test
    @DisplayName("V4: CCS bit 5 (CECO) maps to Health Status Change bit 4; NSSRO and above shift down one (facts §6.5, §11 V4)")
    void v4PackedMapping() {
        assertEquals(0x11, CcsFlag.ccsToHsc(0x21));
        assertEquals(0x21, CcsFlag.hscToCcs(0x11));
        SubsystemHealthStatus before = SubsystemHealthStatus.decode(
                Bytes.hex("84 88 00 00 00 00 00 00 38 3d 00 26 21 00 00 00 6b c5 29 45")).get();
        assertEquals(java.util.EnumSet.of(CcsFlag.RDY, CcsFlag.CECO), before.ccsFlags());
        ConfigSetting.HealthStatusChange clear = ConfigSetting.HealthStatusChange.clearingCcs(before.ccs());
        assertEquals(before.ccsFlags(), clear.flags());
        assertEquals(0x11, clear.nmd1());
    }

    @Test
    @DisplayName("V6: MI Appendix Example 7 request MIC D2 88 B4 01 verifies (facts §11 V6)")
    void v6MicVerifies() {
        assertTrue(MiMessage.decode(Bytes.hex("84 08 00 00 03 00 00 00 03 00 00 00 FA 00 00 00 D2 88 B4 01")).isClean());
    }
}
