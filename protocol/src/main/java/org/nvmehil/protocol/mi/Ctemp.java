package org.nvmehil.protocol.mi;

import java.util.OptionalInt;

/**
 * The 8-bit composite temperature of the NVM Subsystem Health Status Poll (MI 1.2 §5.6) and of the
 * Basic Management Command (Appendix A): two's complement degrees Celsius with four special codes.
 * 00h-7Eh = 0..126 °C, 7Fh = 127 °C or more, 80h = no data (or data older than 5 s), 81h = sensor
 * failure, 82h-C3h reserved, C4h = -60 °C or less, C5h-FFh = -59..-1 °C.
 */
public final class Ctemp {
    public static final int AT_OR_ABOVE_127 = 0x7F;
    public static final int NO_DATA = 0x80;
    public static final int SENSOR_FAILURE = 0x81;
    public static final int AT_OR_BELOW_MINUS_60 = 0xC4;

    private Ctemp() {
    }

    /** What a code means. */
    public enum Kind {
        /** An exact temperature, -59..126 °C. */
        EXACT,
        /** 7Fh: 127 °C or hotter. */
        AT_OR_ABOVE,
        /** C4h: -60 °C or colder. */
        AT_OR_BELOW,
        NO_DATA,
        SENSOR_FAILURE,
        /** 82h-C3h. */
        RESERVED
    }

    /** A decoded code: its kind and, where it has one, the temperature (the bound for 7Fh/C4h). */
    public record Reading(int code, Kind kind, OptionalInt celsius) {
        @Override
        public String toString() {
            return switch (kind) {
                case EXACT -> celsius.getAsInt() + " °C";
                case AT_OR_ABOVE -> ">= 127 °C";
                case AT_OR_BELOW -> "<= -60 °C";
                case NO_DATA -> "no data (80h)";
                case SENSOR_FAILURE -> "sensor failure (81h)";
                case RESERVED -> "reserved " + Findings.hex8(code);
            };
        }
    }

    /** The code for {@code celsius}, clamped to 7Fh above 126 °C and C4h below -59 °C. */
    public static int encode(int celsius) {
        if (celsius >= 127) {
            return AT_OR_ABOVE_127;
        }
        if (celsius <= -60) {
            return AT_OR_BELOW_MINUS_60;
        }
        return celsius & 0xFF;
    }

    public static Reading decode(int code) {
        int c = code & 0xFF;
        if (c == AT_OR_ABOVE_127) {
            return new Reading(c, Kind.AT_OR_ABOVE, OptionalInt.of(127));
        }
        if (c == NO_DATA) {
            return new Reading(c, Kind.NO_DATA, OptionalInt.empty());
        }
        if (c == SENSOR_FAILURE) {
            return new Reading(c, Kind.SENSOR_FAILURE, OptionalInt.empty());
        }
        if (c >= 0x82 && c <= 0xC3) {
            return new Reading(c, Kind.RESERVED, OptionalInt.empty());
        }
        if (c == AT_OR_BELOW_MINUS_60) {
            return new Reading(c, Kind.AT_OR_BELOW, OptionalInt.of(-60));
        }
        return new Reading(c, Kind.EXACT, OptionalInt.of((byte) c));
    }

    /** The code for a temperature in kelvin (SMART / controller health units), rounded to whole °C. */
    public static int fromKelvin(int kelvin) {
        return encode(kelvin - 273);
    }

    public static int kelvinToCelsius(int kelvin) {
        return kelvin - 273;
    }

    public static int celsiusToKelvin(int celsius) {
        return celsius + 273;
    }
}
