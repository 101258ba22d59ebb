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
