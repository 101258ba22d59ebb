package org.nvmehil.protocol.fault;

import java.time.Duration;

/**
 * One way the reference model misbehaves on purpose, so a test can prove its check fails ("test the
 * tester"). Faults are illegal behaviour; legal variation (latency, MPR count, MTU) is personality in
 * lab-config. Wire faults change bytes after encoding; protocol faults change one field and re-seal
 * (PEC, MIC, FCS recomputed) so that exactly one thing is wrong.
 */
public sealed interface Fault {

    /** The layer whose unit the fault changes; TCP faults act in the NVMe/TCP target. */
    enum Layer { BUS, MCTP, MI, CONTROL, TCP }

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

    /** Serial binding only: the response frame carries packet bytes 7Eh and 7Dh raw instead of escaped (DSP0253 §7). */
    record UnescapedFrame() implements Fault {
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

    /**
     * The response comes {@code delay} late (model time). On the NVMe/TCP target: the C2HData and CapsuleResp
     * PDUs of the matched command go out {@code delay} later (wall time), other commands' PDUs overtake them.
     */
    record LateResponse(Duration delay) implements Fault {
        public Layer layer() { return Layer.BUS; }
    }

    // ------------------------------------------------------------------ NVMe/TCP target
    // Match TCP rules with FaultRule.Match.tcpPdu/tcpAdmin/tcpIo/fabrics (PDU type, queue, opcode, FCTYPE).

    /** An outgoing PDU carries a wrong HDGST (needs header digests; NVMe/TCP 1.0 §3.3.1.1). */
    record CorruptHeaderDigest() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** A C2HData PDU carries a wrong DDGST (needs data digests). */
    record CorruptDataDigest() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** The CapsuleResp carries another CID than its command's (CID + 1). */
    record WrongCid() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** The CapsuleResp is sent twice. */
    record DuplicateResponse() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * The CapsuleResp carries status SCT {@code sct}, SC {@code sc} (More and DNR cleared) whatever the command's
     * outcome; what the command did is unchanged (a refused Connect still made no controller).
     */
    record WrongCqeStatus(int sct, int sc) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * Byte {@code offset} of a command's data (a read's blocks, Identify data, a log page) is inverted in the C2HData
     * that carries it (data digest recomputed): the host receives other data than the target holds.
     */
    record CorruptC2HData(long offset) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** The CapsuleResp is never sent (C2HData of the command still is). */
    record DropResponse() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * The first C2HData of a command has DATAO moved by {@code delta} bytes: not 0, and for a one-PDU transfer
     * beyond the command buffer (NVMe/TCP 1.0 §3.3.2.1).
     */
    record BadC2HDataOffset(long delta) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** How {@link BadR2T} breaks an R2T. */
    enum R2TDefect {
        /** R2TO is 4 bytes past where it must be (not 0 for the first R2T, not contiguous later). */
        NON_CONTIGUOUS,
        /** R2TL reaches 4 bytes past the end of the command buffer. */
        BEYOND_BUFFER
    }

    /** An R2T whose offset or length is out of range (NVMe/TCP 1.0 §3.3.2.2). */
    record BadR2T(R2TDefect defect) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * The target sends one R2T more than the host's MAXR2T allows outstanding (NVMe/TCP 1.0 §3.3.2.2); fires
     * only on a transfer that needs that many R2Ts.
     */
    record ExceedMaxR2T() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** Which Identify Controller field {@link InconsistentIdentify} gets wrong. */
    enum IdentifyField {
        /** SUBNQN is not the NQN the host connected to. */
        SUBNQN,
        /** MDTS so small (1 = 8 KiB) that the in-capsule data IOCCSZ allows exceeds it. */
        MDTS,
        /** ICDOFF is 1 instead of 0. */
        ICDOFF,
        /** IORCSZ is 2 instead of 1. */
        IORCSZ,
        /** KAS is 0 on an I/O controller. */
        KAS,
        /** CNTRLTYPE is 1 (I/O) on the discovery controller, 2 elsewhere. */
        CNTRLTYPE
    }

    /** Identify Controller data with one field inconsistent with the connection or the other fields. */
    record InconsistentIdentify(IdentifyField field) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** On a fatal transport error the target closes the connection without a C2HTermReq (as Linux nvmet). */
    record NoTermReq() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** A data digest error closes the connection (as Linux nvmet) instead of failing the command with 22h. */
    record DataDigestFatal() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** What {@link BadIcResp} gets wrong in the ICResp (NVMe/TCP 1.0 §3.6.2.3, §3.3.1.1). */
    enum IcRespDefect {
        /** PFV 1. */
        PFV,
        /** CPDA 32 (above the 128-byte limit). */
        CPDA,
        /** A digest the ICReq did not ask for is enabled (both are, when none was asked for). */
        DIGEST_NOT_REQUESTED,
        /** MAXH2CDATA not a multiple of 4. */
        MAXH2CDATA_NOT_DWORD,
        /** MAXH2CDATA 2048, below the recommended 4096. */
        MAXH2CDATA_SMALL
    }

    /** The ICResp breaks one rule. */
    record BadIcResp(IcRespDefect defect) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** What {@link BadC2HTermReq} gets wrong. */
    enum TermReqDefect {
        /** FES 02h (PDU Sequence Error) whatever the error was (01h instead when it was a sequence error). */
        WRONG_FES,
        /** FEI one more than it should be. */
        WRONG_FEI,
        /** No copy of the offending header (PLEN 24). */
        NO_HEADER_COPY,
        /** 129 bytes of copied header (PLEN 153, above the 152 limit). */
        PLEN_TOO_LONG
    }

    /** The C2HTermReq sent on a fatal error is wrong (NVMe/TCP 1.0 §3.5.1, Figs. 22-23). */
    record BadC2HTermReq(TermReqDefect defect) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** A C2HData carries SUCCESS without LAST_PDU (the first PDU of the transfer; LAST_PDU cleared on it). */
    record C2HSuccessNotLast() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** The last C2HData carries SUCCESS (and no CapsuleResp follows) on a queue whose SQ flow control is on. */
    record C2HSuccessWithFlowControl() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * SQHD is wrong: FFFFh in a Connect response that did not ask for DISSQFC, non-zero in later responses on a
     * queue whose flow control is disabled (Base 2.2 §3.3.2.5, Fig. 548).
     */
    record WrongSqhd() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * Header byte {@code offset} (from the PDU's first byte, below its HLEN) of an outgoing CapsuleResp, C2HData
     * or R2T is XORed with {@code xor}; HDGST recomputed. Covers FLAGS, HLEN, PDO, reserved bytes, CQE fields
     * (status at 22-23, SQID at 18-19).
     */
    record CorruptPduHeader(int offset, int xor) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /**
     * Property Get of the property at {@code offset} (00h CAP, 08h VS, 14h CC, 1Ch CSTS) returns its value XOR
     * {@code xor} (e.g. CAP with xor 1 << 16 reports CQR 0, as Linux nvmet does).
     */
    record CorruptProperty(int offset, long xor) implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** An expired keep alive timer is ignored: the association survives (Base 2.2 §3.9.5). */
    record NoKeepAliveExpiry() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** After CC.EN is set to 1, CSTS.RDY never becomes 1. */
    record NeverReady() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }

    /** The target ignores an H2CTermReq and keeps the connection open. */
    record IgnoreH2CTermReq() implements Fault {
        public Layer layer() { return Layer.TCP; }
    }
}
