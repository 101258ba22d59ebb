package org.nvmehil.protocol.fault;

import java.util.OptionalInt;

/**
 * When a {@link Fault} fires: on which responses (a {@link Match}) and how often (a {@link Times} window).
 * Rules are armed on the reference model through {@link org.nvmehil.protocol.lab.ModelControl}.
 */
public record FaultRule(Fault fault, Match match, Times times) {

    public static FaultRule once(Fault fault) {
        return new FaultRule(fault, Match.ANY, Times.once());
    }

    public static FaultRule always(Fault fault) {
        return new FaultRule(fault, Match.ANY, Times.always());
    }

    public FaultRule on(Match m) {
        return new FaultRule(fault, m, times);
    }

    /**
     * Which exchanges a rule applies to; an empty field matches anything. Matching is on the request the
     * response answers.
     *
     * @param messageType MCTP message type (00h control, 04h NVMe-MI)
     * @param nmimt       NVMe-MI message type (0 control primitive, 1 MI command, 2 Admin)
     * @param opcode      MI opcode, Admin opcode, control primitive opcode or MCTP control command code
     */
    public record Match(OptionalInt messageType, OptionalInt nmimt, OptionalInt opcode) {
        public static final Match ANY = new Match(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

        public static Match control(int commandCode) {
            return new Match(OptionalInt.of(0x00), OptionalInt.empty(), OptionalInt.of(commandCode));
        }

        public static Match mi(int nmimt) {
            return new Match(OptionalInt.of(0x04), OptionalInt.of(nmimt), OptionalInt.empty());
        }

        public static Match mi(int nmimt, int opcode) {
            return new Match(OptionalInt.of(0x04), OptionalInt.of(nmimt), OptionalInt.of(opcode));
        }

        public boolean matches(int type, int nmimtValue, int opcodeValue) {
            return test(messageType, type) && test(nmimt, nmimtValue) && test(opcode, opcodeValue);
        }

        private static boolean test(OptionalInt want, int got) {
            return want.isEmpty() || want.getAsInt() == got;
        }
    }

    /** Skip the first {@code skip} matching exchanges, then fire on the next {@code count}. */
    public record Times(int skip, int count) {
        public static Times once() {
            return new Times(0, 1);
        }

        public static Times nth(int n) {
            return new Times(n - 1, 1);
        }

        public static Times always() {
            return new Times(0, Integer.MAX_VALUE);
        }
    }
}
