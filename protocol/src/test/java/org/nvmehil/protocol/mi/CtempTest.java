package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 8-bit CTEMP encoding (MI 1.2 §5.6, Appendix A; facts §6.4, §10). */
class CtempTest {

    static Stream<Arguments> encodings() {
        return Stream.of(
                argumentSet("0 °C → 00h", 0, 0x00),
                argumentSet("20 °C → 14h (facts §11 V2)", 20, 0x14),
                argumentSet("37 °C → 25h (facts §11 V7)", 37, 0x25),
                argumentSet("126 °C → 7Eh", 126, 0x7E),
                argumentSet("127 °C → 7Fh", 127, 0x7F),
                argumentSet("200 °C saturates at 7Fh", 200, 0x7F),
                argumentSet("-1 °C → FFh", -1, 0xFF),
                argumentSet("-59 °C → C5h", -59, 0xC5),
                argumentSet("-60 °C → C4h", -60, 0xC4),
                argumentSet("-100 °C saturates at C4h", -100, 0xC4));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    @DisplayName("°C → CTEMP code, saturating at 7Fh and C4h (facts §6.4)")
    void encode(int celsius, int code) {
        assertEquals(code, Ctemp.encode(celsius));
    }

    static Stream<Arguments> kelvinVectors() {
        return Stream.of(
                argumentSet("212 K → C4h (nvme-mi-dev ...::ctemp_excursion_saturate_low)", 212, 0xC4),
                argumentSet("213 K → C4h (nvme-mi-dev ...::ctemp_saturate_low)", 213, 0xC4),
                argumentSet("214 K → C5h (nvme-mi-dev ...::ctemp_low)", 214, 0xC5),
                argumentSet("273 K → 00h (nvme-mi-dev ...::ctemp_zero)", 273, 0x00),
                argumentSet("399 K → 7Eh (nvme-mi-dev ...::ctemp_high)", 399, 0x7E),
                argumentSet("400 K → 7Fh (nvme-mi-dev ...::ctemp_saturate_high)", 400, 0x7F),
                argumentSet("401 K → 7Fh (nvme-mi-dev ...::ctemp_excursion_saturate_high)", 401, 0x7F));
    }

    @ParameterizedTest
    @MethodSource("kelvinVectors")
    @DisplayName("controller kelvin → subsystem CTEMP byte as in nvme-mi-dev tests/nvme_mi.rs")
    void fromKelvin(int kelvin, int code) {
        assertEquals(code, Ctemp.fromKelvin(kelvin));
    }

    static Stream<Arguments> decodings() {
        return Stream.of(
                argumentSet("7Fh: 127 °C or more", 0x7F, Ctemp.Kind.AT_OR_ABOVE, OptionalInt.of(127)),
                argumentSet("80h: no data or stale", 0x80, Ctemp.Kind.NO_DATA, OptionalInt.empty()),
                argumentSet("81h: sensor failure", 0x81, Ctemp.Kind.SENSOR_FAILURE, OptionalInt.empty()),
                argumentSet("82h: reserved", 0x82, Ctemp.Kind.RESERVED, OptionalInt.empty()),
                argumentSet("C3h: reserved", 0xC3, Ctemp.Kind.RESERVED, OptionalInt.empty()),
                argumentSet("C4h: -60 °C or less", 0xC4, Ctemp.Kind.AT_OR_BELOW, OptionalInt.of(-60)),
                argumentSet("C5h: -59 °C", 0xC5, Ctemp.Kind.EXACT, OptionalInt.of(-59)),
                argumentSet("FFh: -1 °C", 0xFF, Ctemp.Kind.EXACT, OptionalInt.of(-1)),
                argumentSet("7Eh: 126 °C", 0x7E, Ctemp.Kind.EXACT, OptionalInt.of(126)));
    }

    @ParameterizedTest
    @MethodSource("decodings")
    @DisplayName("CTEMP code → kind and temperature, including the 7Fh/80h/81h/C4h specials (facts §6.4)")
    void decode(int code, Ctemp.Kind kind, OptionalInt celsius) {
        Ctemp.Reading r = Ctemp.decode(code);
        assertEquals(kind, r.kind());
        assertEquals(celsius, r.celsius());
    }

    @Test
    @DisplayName("every exact code round-trips through °C")
    void exactCodesRoundTrip() {
        for (int code = 0; code < 256; code++) {
            Ctemp.Reading r = Ctemp.decode(code);
            if (r.kind() == Ctemp.Kind.EXACT || r.kind() == Ctemp.Kind.AT_OR_ABOVE || r.kind() == Ctemp.Kind.AT_OR_BELOW) {
                assertEquals(code, Ctemp.encode(r.celsius().getAsInt()), Integer.toHexString(code));
            }
        }
        assertEquals("-59 °C", Ctemp.decode(0xC5).toString());
        assertEquals(300, Ctemp.celsiusToKelvin(27));
    }
}
