package org.nvmehil.protocol.fault;

import java.time.Duration;

/**
 * One way the reference model misbehaves on purpose, so a test can prove its check fails ("test the
 * tester"). Faults are illegal behaviour; legal variation (latency, MPR count, MTU) is personality in
 * lab-config. Wire faults change bytes after encoding; protocol faults change one field and re-seal
 * (PEC, MIC, FCS recomputed) so that exactly one thing is wrong.
 */
public sealed interface Fault {

    /** The layer whose unit the fault changes. */
    enum Layer { BUS, MCTP, MI, CONTROL }

    Layer layer();

    /** Short label for traces and the report. */
    default String label() {
        return getClass().getSimpleName() + (this instanceof Record ? toString().replaceFirst("^[^\\[]*", "") : "");
    }

    // ------------------------------------------------------------------ bus (SMBus frame / serial frame)

    /** The response frame's PEC (or serial FCS) is wrong. */
    record CorruptPec() implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    /** The byte count field is off by {@code delta}; PEC recomputed. */
    record WrongByteCount(int delta) implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    /** The source slave address has bit 0 cleared; PEC recomputed. */
    record SourceAddressBit0Clear() implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    /** The command code is not 0Fh; PEC recomputed. */
    record WrongCommandCode(int commandCode) implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    // ------------------------------------------------------------------ MCTP packet

    /** Response packets carry header version {@code version}. */
    record WrongHeaderVersion(int version) implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The response's message tag differs from the request's. */
    record WrongTag() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The response has the tag owner bit set. */
    record TagOwnerSet() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** One packet of a multi-packet response skips a sequence number. */
    record SkipSequence() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The first response packet lacks SOM. */
    record MissingSom() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The last response packet lacks EOM. */
    record MissingEom() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The response is fragmented at {@code tu} bytes whatever the negotiated transmission unit is. */
    record IgnoreMtu(int tu) implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** The response's source EID is wrong. */
    record WrongSourceEid() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    /** A non-zero value in the reserved high nibble of MCTP header byte 0. */
    record MctpReservedBits() implements Fault {
        public Layer layer() { return Layer.MCTP; }
    }

    // ------------------------------------------------------------------ NVMe-MI message

    /** The response MIC is wrong. */
    record CorruptMic() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** The response carries the other command slot (CSI flipped); MIC resealed. */
    record WrongSlot() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** The response has ROR cleared; MIC resealed. */
    record RorClear() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** The response NMIMT differs from the request's; MIC resealed. */
    record WrongNmimt() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** Response byte {@code offset} (from the message-type byte) gets {@code mask} ORed in; MIC resealed. */
    record ReservedBitsSet(int offset, int mask) implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** The response status byte is {@code status}; MIC resealed. */
    record WrongStatus(int status) implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** Response byte {@code offset} is XORed with {@code xor}: wrong data-structure contents; MIC resealed. */
    record CorruptField(int offset, int xor) implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** The response data is {@code delta} bytes longer (positive) or shorter (negative); MIC resealed. */
    record WrongLength(int delta) implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * The More Processing Required response carries a wrong MIC (the final response is untouched). Fires
     * only on an MPR, so it needs {@code personality.mprResponses > 0} (MI 1.2 §4.1.2.3, §3.1.1.1).
     */
    record MprBadMic() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * The ME sends its More Processing Required response twice for one command, breaking "at most one MPR
     * per command" (MI_MPR_ONCE; MI 1.2 §4.1.2, Fig. 26). Fires only on an MPR.
     */
    record SecondMpr() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * Replay answers RR = 1 but retransmits another response than the slot's last one: the other slot's
     * last response when it has one, else this slot's previous one (MI 1.2 §4.2.1.5). Fires only when such
     * a response exists.
     */
    record ReplayWrongResponse() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * Get State reports SSTA = Idle (00b) whatever the state of the named slot; the flags stay true
     * (MI 1.2 §4.2.1.4). Fires only when the slot is not Idle.
     */
    record GetStateLies() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * Pause is answered and PFLG reads 1, but command-message responses keep flowing until the pause is
     * cleared (MI 1.2 §4.2.1.1). Fires on a Pause.
     */
    record IgnorePause() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /**
     * Abort is answered with success and its CPAS, but the command goes on and its response still arrives
     * (MI 1.2 §4.2.1.3). Fires only when the slot is in Process or Transmit.
     */
    record AbortIgnored() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    // ------------------------------------------------------------------ MCTP control

    /** The control response's instance ID differs from the request's. */
    record WrongInstanceId() implements Fault {
        public Layer layer() { return Layer.CONTROL; }
    }

    // ------------------------------------------------------------------ behaviour

    /** The model answers a request it must drop (bad PEC, bad MIC, IC=0, ROR=1, unknown EID, TO=0…). */
    record AnswerDroppable() implements Fault {
        public Layer layer() { return Layer.MI; }
    }

    /** No response at all. */
    record NoResponse() implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    /** The response comes {@code delay} late (model time). */
    record LateResponse(Duration delay) implements Fault {
        public Layer layer() { return Layer.BUS; }
    }
}
