package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Decoders never throw on device bytes (project rule): random inputs of every length near each
 * structure's size, with and without a valid MIC and a plausible header, go through every decoder.
 */
class NeverThrowsTest {

    static Stream<Arguments> decoders() {
        return Stream.of(
                argumentSet("MiMessage", (Function<Bytes, Object>) MiMessage::decode, 0),
                argumentSet("MiResponse", (Function<Bytes, Object>) MiResponse::decode, 0),
                argumentSet("MeRequestParser", (Function<Bytes, Object>) b -> {
                    MeParse p = MeRequestParser.parse(b);
                    return p.errorResponse();
                }, 0),
                argumentSet("DataStructure, every DTYP", (Function<Bytes, Object>) b -> {
                    for (int t = 0; t < 8; t++) {
                        DataStructure.decode(b, t);
                    }
                    return null;
                }, 40),
                argumentSet("SubsystemHealthStatus", (Function<Bytes, Object>) SubsystemHealthStatus::decode, 16),
                argumentSet("ControllerHealthStatus", (Function<Bytes, Object>) ControllerHealthStatus::decode, 40),
                argumentSet("ConfigGetValue", (Function<Bytes, Object>) b -> ConfigGetValue.decodeSfreq(b).violations().size()
                        + ConfigGetValue.decodeMtus(b).violations().size(), 8),
                argumentSet("ControlPrimitiveResponse", (Function<Bytes, Object>) ControlPrimitiveResponse::decode, 8),
                argumentSet("AdminResponse", (Function<Bytes, Object>) AdminResponse::decode, 24),
                argumentSet("MiCommand.fromMessage", (Function<Bytes, Object>) b -> MiCommand.fromMessage(MiMessage.seal(b)), 16),
                argumentSet("AdminRequest.fromMessage", (Function<Bytes, Object>) b -> AdminRequest.fromMessage(MiMessage.seal(b)), 68),
                argumentSet("BasicManagement blocks", (Function<Bytes, Object>) b -> BasicManagement.StatusBlock.decode(b).raw()
                        .length() + BasicManagement.VendorBlock.decode(b).raw().length(), 24),
                argumentSet("IdentifyController", (Function<Bytes, Object>) IdentifyController::decode, 4096),
                argumentSet("IdentifyNamespace", (Function<Bytes, Object>) IdentifyNamespace::decode, 4096),
                argumentSet("SmartLog", (Function<Bytes, Object>) SmartLog::decode, 512),
                argumentSet("FirmwareSlotLog", (Function<Bytes, Object>) FirmwareSlotLog::decode, 512),
                argumentSet("ErrorLogEntry", (Function<Bytes, Object>) ErrorLogEntry::decode, 64),
                argumentSet("Sqe and Cqe", (Function<Bytes, Object>) b -> Sqe.decode(b).raw().length() + Cqe.decode(b).raw()
                        .length(), 64));
    }

    @ParameterizedTest
    @MethodSource("decoders")
    @DisplayName("random and header-shaped device bytes never make a decoder throw")
    void decoderNeverThrows(Function<Bytes, Object> decoder, int size) {
        Random rnd = new Random(size * 31L + 7);
        for (int i = 0; i < 400; i++) {
            int len = i < 80 ? i : Math.max(0, size + rnd.nextInt(17) - 8);
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            Bytes raw = Bytes.of(b);
            Bytes shaped = len >= 2 ? raw.withByte(0, 0x84).withByte(1, rnd.nextInt(256) & 0x99) : raw;
            Bytes sealed = len >= 4 ? MiMessage.seal(shaped.head(len - 4)).toWire() : shaped;
            for (Bytes input : new Bytes[] {raw, shaped, sealed}) {
                assertDoesNotThrow(() -> decoder.apply(input), () -> "input " + input);
            }
        }
    }
}
