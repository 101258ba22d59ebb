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
     * response answers. NVMe-MI/MCTP rules use the first three fields; NVMe/TCP rules use the last four and
     * leave {@code messageType} and {@code nmimt} empty (a rule naming either never matches TCP traffic, and a
     * rule naming a TCP field never matches MI traffic).
     *
     * @param messageType MCTP message type (00h control, 04h NVMe-MI)
     * @param nmimt       NVMe-MI message type (0 control primitive, 1 MI command, 2 Admin)
     * @param opcode      MI opcode, Admin opcode, control primitive opcode or MCTP control command code; on
     *                    NVMe/TCP the SQE opcode of the command (Admin or I/O, 7Fh for Fabrics)
     * @param pduType     NVMe/TCP: type of the PDU the fault acts on (01h ICResp, 03h C2HTermReq, 05h
     *                    CapsuleResp, 07h C2HData, 09h R2T)
     * @param queue       NVMe/TCP: 0 admin queue, 1 any I/O queue
     * @param fctype      NVMe/TCP: FCTYPE of a Fabrics command (01h Connect, 04h Property Get, 00h Property Set)
     */
    public record Match(OptionalInt messageType, OptionalInt nmimt, OptionalInt opcode, OptionalInt pduType,
                        OptionalInt queue, OptionalInt fctype) {
        public static final Match ANY = new Match(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        /** NVMe/TCP queue values. */
        public static final int ADMIN_QUEUE = 0;
        public static final int IO_QUEUE = 1;

        /** An MI/MCTP match (no TCP fields). */
        public Match(OptionalInt messageType, OptionalInt nmimt, OptionalInt opcode) {
            this(messageType, nmimt, opcode, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        }

        public static Match control(int commandCode) {
            return new Match(OptionalInt.of(0x00), OptionalInt.empty(), OptionalInt.of(commandCode));
        }

        public static Match mi(int nmimt) {
            return new Match(OptionalInt.of(0x04), OptionalInt.of(nmimt), OptionalInt.empty());
        }

        public static Match mi(int nmimt, int opcode) {
            return new Match(OptionalInt.of(0x04), OptionalInt.of(nmimt), OptionalInt.of(opcode));
        }

        /** NVMe/TCP: PDUs of type {@code pduType}, whatever the command. */
        public static Match tcpPdu(int pduType) {
            return ANY.withPduType(pduType);
        }

        /** NVMe/TCP: an Admin command with {@code opcode} on the admin queue. */
        public static Match tcpAdmin(int opcode) {
            return new Match(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(opcode), OptionalInt.empty(),
                    OptionalInt.of(ADMIN_QUEUE), OptionalInt.empty());
        }

        /** NVMe/TCP: an I/O command with {@code opcode} on any I/O queue. */
        public static Match tcpIo(int opcode) {
            return new Match(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(opcode), OptionalInt.empty(),
                    OptionalInt.of(IO_QUEUE), OptionalInt.empty());
        }

        /** NVMe/TCP: a Fabrics command (opcode 7Fh) of type {@code fctype}, on any queue. */
        public static Match fabrics(int fctype) {
            return new Match(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(0x7F), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalInt.of(fctype));
        }

        /** This match, narrowed to PDUs of type {@code t}. */
        public Match withPduType(int t) {
            return new Match(messageType, nmimt, opcode, OptionalInt.of(t), queue, fctype);
        }

        /** MI/MCTP traffic; a rule with a TCP field never matches it. */
        public boolean matches(int type, int nmimtValue, int opcodeValue) {
            return pduType.isEmpty() && queue.isEmpty() && fctype.isEmpty()
                    && test(messageType, type) && test(nmimt, nmimtValue) && test(opcode, opcodeValue);
        }

        /**
         * NVMe/TCP traffic (values -1 when unknown, e.g. no command behind an ICResp); a rule with an MI field
         * never matches it.
         */
        public boolean matchesTcp(int pduTypeValue, int queueValue, int opcodeValue, int fctypeValue) {
            return messageType.isEmpty() && nmimt.isEmpty() && test(pduType, pduTypeValue) && test(queue, queueValue)
                    && test(opcode, opcodeValue) && test(fctype, fctypeValue);
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
