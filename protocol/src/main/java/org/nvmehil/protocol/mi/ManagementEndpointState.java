package org.nvmehil.protocol.mi;

import java.util.EnumSet;
import java.util.Set;

/**
 * Management Endpoint State, the CPSR of a Get State response (MI 1.2 §4.2.1.4; facts §7.4). Bit 15
 * PFLG, 14 NSSRO, 13:3 error flags (5 and 2 reserved), 1:0 SSTA (state of the slot CSI names).
 *
 * @param mes the 16-bit value
 */
public record ManagementEndpointState(int mes) {

    /** Bits a Get State with CESF = 1 clears after reporting (14:3). */
    public static final int CESF_CLEARS = 0x7FF8;
    public static final int RESERVED = 1 << 5 | 1 << 2;

    public ManagementEndpointState {
        Findings.checkBits("mes", mes, 16);
    }

    /** MES flags and their bit positions. */
    public enum Flag {
        /** Pause flag. */
        PFLG(15),
        /** NVM Subsystem Reset occurred. */
        NSSRO(14),
        /** Bad packet or other physical-layer error. */
        BPOPL(13),
        /** Bad, unexpected or expired message tag. */
        BUEMT(12),
        /** Out-of-sequence packet sequence number. */
        OSPSN(11),
        /** Unexpected middle or end packet. */
        UMEP(10),
        /** Incorrect transmission unit. */
        ITU(9),
        /** Unknown destination ID. */
        UDSTID(8),
        /** Bad header version. */
        BHVS(7),
        /** Unsupported transmission unit. */
        UTUNT(6),
        /** Bad message integrity check. */
        BMICE(4),
        /** Command message to a non-Idle command slot. */
        CMNICS(3);

        public final int bit;

        Flag(int bit) {
            this.bit = bit;
        }
    }

    /** Slot state (SSTA). */
    public enum SlotState {
        IDLE, RECEIVE, PROCESS, TRANSMIT
    }

    public static ManagementEndpointState of(SlotState ssta, Flag... flags) {
        int v = ssta.ordinal();
        for (Flag f : flags) {
            v |= 1 << f.bit;
        }
        return new ManagementEndpointState(v);
    }

    public boolean has(Flag f) {
        return (mes >> f.bit & 1) != 0;
    }

    public Set<Flag> flags() {
        Set<Flag> s = EnumSet.noneOf(Flag.class);
        for (Flag f : Flag.values()) {
            if (has(f)) {
                s.add(f);
            }
        }
        return s;
    }

    public boolean pflg() {
        return has(Flag.PFLG);
    }

    public boolean nssro() {
        return has(Flag.NSSRO);
    }

    public boolean bmice() {
        return has(Flag.BMICE);
    }

    public boolean cmnics() {
        return has(Flag.CMNICS);
    }

    public SlotState ssta() {
        return SlotState.values()[mes & 3];
    }

    public ManagementEndpointState with(Flag f) {
        return new ManagementEndpointState(mes | 1 << f.bit);
    }

    public ManagementEndpointState without(Flag f) {
        return new ManagementEndpointState(mes & ~(1 << f.bit));
    }

    public ManagementEndpointState withSsta(SlotState s) {
        return new ManagementEndpointState(mes & ~3 | s.ordinal());
    }

    /** The state after a Get State with CESF = 1 has reported: bits 14:3 cleared. */
    public ManagementEndpointState errorFlagsCleared() {
        return new ManagementEndpointState(mes & ~CESF_CLEARS);
    }

    @Override
    public String toString() {
        return "MES[" + Findings.hex16(mes) + " " + flags() + " " + ssta() + "]";
    }
}
