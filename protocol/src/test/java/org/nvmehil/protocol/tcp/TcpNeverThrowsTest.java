package org.nvmehil.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.DiscoveryLog;
import org.nvmehil.protocol.fabrics.DiscoveryLogEntry;
import org.nvmehil.protocol.fabrics.FabricsCommand;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Decoders never throw on device bytes (project rule): random bytes, and random bytes shaped like a PDU (a defined
 * type, plausible HLEN/PDO, PLEN equal to the length, with and without digests), through every NVMe/TCP and Fabrics
 * decoder.
 */
class TcpNeverThrowsTest {

    static Stream<Arguments> decoders() {
        return Stream.of(
                argumentSet("Pdu.decode, every parameter set and direction", (Function<Bytes, Object>) b -> {
                    for (TcpParams p : new TcpParams[] {TcpParams.NONE, TcpParams.DIGESTS, new TcpParams(true, true, 31, 3),
                            new TcpParams(false, true, 255, 255)}) {
                        Pdu.decode(b, p, Direction.H2C);
                        Pdu.decode(b, p, Direction.C2H).value().ifPresent(x -> x.encode(p));
                    }
                    return null;
                }, 160),
                argumentSet("typed decoders", (Function<Bytes, Object>) b -> {
                    IcReq.decode(b);
                    IcResp.decode(b);
                    CapsuleCmd.decode(b, TcpParams.DIGESTS);
                    CapsuleResp.decode(b, TcpParams.NONE);
                    H2CData.decode(b, TcpParams.DIGESTS);
                    C2HData.decode(b, TcpParams.NONE);
                    R2T.decode(b, TcpParams.DIGESTS);
                    H2CTermReq.decode(b, TcpParams.NONE);
                    return C2HTermReq.decode(b, TcpParams.DIGESTS);
                }, 128),
                argumentSet("PduStreamDecoder", (Function<Bytes, Object>) b -> new PduStreamDecoder(1000).feed(b.concat(b)), 200),
                argumentSet("TermReq.headerCopy", (Function<Bytes, Object>) TermReq::headerCopy, 40),
                argumentSet("FabricsCommand", (Function<Bytes, Object>) b -> FabricsCommand.decode(b.length() > 0 ? b.withByte(0, 0x7F) : b), 64),
                argumentSet("ConnectData", (Function<Bytes, Object>) ConnectData::decode, 1024),
                argumentSet("SglDescriptor", (Function<Bytes, Object>) b -> SglDescriptor.decode(b, 24), 16),
                argumentSet("DiscoveryLogEntry", (Function<Bytes, Object>) b -> DiscoveryLogEntry.decode(b, 1024), 1024),
                argumentSet("DiscoveryLog", (Function<Bytes, Object>) DiscoveryLog::decode, 3072),
                argumentSet("FabricsIdentify", (Function<Bytes, Object>) b -> FabricsIdentify.decode(b).value()
                        .map(i -> i.checkForTcp("x", 0, false).size() + i.checkForTcp("y", 15, true).size()), 4096));
    }

    @ParameterizedTest
    @MethodSource("decoders")
    @DisplayName("random and PDU-shaped device bytes never make a decoder throw")
    void neverThrows(Function<Bytes, Object> decoder, int size) {
        Random rnd = new Random(size * 131L + 5);
        int[] types = {0, 1, 2, 3, 4, 5, 6, 7, 9, 8};
        for (int i = 0; i < 300; i++) {
            int len = i < 100 ? i : Math.max(0, size + rnd.nextInt(33) - 16);
            byte[] raw = new byte[len];
            rnd.nextBytes(raw);
            Bytes b = Bytes.of(raw);
            Bytes shaped = b;
            if (len >= 8) {
                PduType t = PduType.of(types[i % types.length]).orElse(PduType.R2T);
                shaped = b.withByte(0, types[i % types.length]).withByte(2, t.hlen).withByte(3, rnd.nextBoolean() ? 0 : t.hlen + 4)
                        .withByte(4, len).withByte(5, len >> 8).withByte(6, 0).withByte(7, 0);
            }
            for (Bytes input : new Bytes[] {b, shaped}) {
                assertDoesNotThrow(() -> decoder.apply(input), () -> "input " + input);
            }
        }
    }
}
