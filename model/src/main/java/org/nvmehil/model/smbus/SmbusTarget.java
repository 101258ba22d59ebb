package org.nvmehil.model.smbus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.fault.Faults;
import org.nvmehil.model.fault.RequestKey;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * The model's SMBus/I2C shell (DSP0237 §6.3; facts §3): whole block-write frames in; the packets the MCTP
 * layer answers with are framed here (the framing is handed to the
 * {@link org.nvmehil.model.slot.CommandSlots}, which decide when each frame goes out). No I/O.
 *
 * <ul>
 *   <li>A frame for another 7-bit address is ignored (an INFO event: a real target would not even ACK it).</li>
 *   <li>A frame for us that {@link SmbusFrame#decode} faults is dropped with a DROPPED event listing the
 *       violations. Bad PEC, wrong byte count, a packet too long for one block write and a frame too short to
 *       hold one raise MES BPOPL (bad packet / physical layer); a command code other than 0Fh, source address
 *       bit 0 clear (not MCTP traffic) or the R/W bit set are dropped without a flag. With
 *       {@link Fault.AnswerDroppable} armed the frame's packet is taken as if the frame were clean.</li>
 *   <li>Responses: destination = the requester's 7-bit address from the source byte of the frame that
 *       completed the request; source = our address with bit 0 set; PEC computed; then frame faults.</li>
 *   <li>Each response frame occupies the bus for {@link #wireNanos} of model time: 9 clock periods (8 bits and
 *       the ACK) per frame byte at {@code dut.mi.smbus.clockHz}, e.g. 6.57 ms for a 73-byte frame (64-byte
 *       payload) at 100 kHz. This is what makes Transmit state, and Pause or Abort during a multi-packet
 *       response, observable. The host's own writes take no model time.</li>
 *   <li>The NVMe Basic Management Command (a block read at 6Ah, not MCTP) is served by {@link #blockRead}.</li>
 * </ul>
 */
public final class SmbusTarget {

    /** SMBus clocks per byte on the wire: 8 data bits and the ACK bit. */
    public static final int CLOCKS_PER_BYTE = 9;

    private final int ownAddr7;
    private final MctpEndpointCore core;
    private final FaultInjector faults;
    private final EndpointState state;
    private final EventLog events;
    private final Optional<BasicManagementDevice> basicManagement;

    /**
     * @param basicManagement the 6Ah responder, empty when {@code personality.basicManagement} is off
     */
    public SmbusTarget(int ownAddr7, MctpEndpointCore core, FaultInjector faults, EndpointState state,
                       EventLog events, Optional<BasicManagementDevice> basicManagement) {
        if (ownAddr7 < 0 || ownAddr7 > 0x7F) {
            throw new IllegalArgumentException("ownAddr7 " + ownAddr7);
        }
        this.ownAddr7 = ownAddr7;
        this.core = Objects.requireNonNull(core, "core");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.state = Objects.requireNonNull(state, "state");
        this.events = Objects.requireNonNull(events, "events");
        this.basicManagement = Objects.requireNonNull(basicManagement, "basicManagement");
    }

    public int ownAddr7() {
        return ownAddr7;
    }

    /**
     * Model time a frame of {@code frameBytes} bytes (address byte through PEC) occupies the bus at
     * {@code clockHz}: {@value #CLOCKS_PER_BYTE} clock periods per byte, rounded up to the nanosecond; START,
     * STOP and clock stretching are ignored. 0 when {@code clockHz} is not positive.
     */
    public static long wireNanos(int frameBytes, int clockHz) {
        if (clockHz <= 0) {
            return 0;
        }
        long clocks = (long) frameBytes * CLOCKS_PER_BYTE;
        return (clocks * 1_000_000_000L + clockHz - 1) / clockHz;
    }

    /** {@link #wireNanos(int, int)} as a duration. */
    public static Duration wireTime(int frameBytes, int clockHz) {
        return Duration.ofNanos(wireNanos(frameBytes, clockHz));
    }

    /**
     * One block write as the host sent it: destination address byte first, PEC last. Its response (if any)
     * is framed for the frame's source address and queued in the command slots.
     */
    public synchronized void onWrite(Bytes frame) {
        if (frame.isEmpty()) {
            events.info("SMBus: empty write ignored", frame);
            return;
        }
        int addr7 = frame.u8(SmbusFrame.OFFSET_DEST) >>> 1;
        if (addr7 != ownAddr7) {
            events.info(String.format("SMBus: write to %02Xh ignored (we are %02Xh)", addr7, ownAddr7), frame);
            return;
        }
        Decoded<SmbusFrame> d = SmbusFrame.decode(frame);
        if (d.value().isEmpty()) {
            state.raise(Flag.BPOPL);
            events.dropped("SMBus: " + d.violations() + "; MES BPOPL set", frame);
            return;
        }
        SmbusFrame f = d.get();
        if (!d.violations().isEmpty()) {
            String defect = "SMBus frame " + d.violations();
            if (!faults.answerDroppable(RequestKey.ofPacket(f.packet()), defect, frame)) {
                boolean physical = d.violations().stream().map(Violation::req).anyMatch(r ->
                        r == Req.SMBUS_PEC || r == Req.SMBUS_BYTE_COUNT || r == Req.SMBUS_MAX_TU);
                if (physical) {
                    state.raise(Flag.BPOPL);
                }
                events.dropped(defect + (physical ? "; MES BPOPL set" : ""), frame);
                return;
            }
        }
        int requester = f.srcAddr7();
        core.receive(f.packet(), (p, frameFaults) -> {
            SmbusFrame rf = frameFor(requester, p.encode());
            for (Fault fault : frameFaults) {
                rf = Faults.applyToFrame(fault, rf);
            }
            return rf.encode();
        });
    }

    private SmbusFrame frameFor(int dest7, Bytes packet) {
        if (packet.length() <= SmbusFrame.MAX_PACKET_SIZE) {
            return SmbusFrame.of(dest7, ownAddr7, packet);
        }
        // Only an MTU beyond 250 (a fault or an unchecked Configuration Set) gets here: the count saturates.
        events.info("SMBus: packet of " + packet.length() + " bytes does not fit one block write; byte count sent as FFh",
                packet);
        return new SmbusFrame(dest7 << 1, SmbusFrame.COMMAND_CODE_MCTP, SmbusFrame.MAX_BYTE_COUNT,
                ownAddr7 << 1 | SmbusFrame.SRC_MCTP_BIT, packet, 0).withValidPec();
    }

    /**
     * An SMBus block read: command code written to {@code addr7}, then {@code length} bytes read. Only the
     * Basic Management address 6Ah answers (facts §10); empty (no ACK) for any other address or when
     * {@code personality.basicManagement} is off.
     */
    public synchronized Optional<Bytes> blockRead(int addr7, int commandCode, int length) {
        if (addr7 != BasicManagement.ADDRESS || basicManagement.isEmpty()) {
            events.info(String.format("SMBus: block read at %02Xh, command %02Xh not acknowledged%s", addr7,
                    commandCode, addr7 == BasicManagement.ADDRESS ? " (Basic Management disabled)" : ""), Bytes.EMPTY);
            return Optional.empty();
        }
        Bytes block = basicManagement.get().read(commandCode, length);
        if (block.isEmpty()) {
            return Optional.of(block); // a zero-length read: no PEC to corrupt
        }
        int pecAt = Math.min(block.u8(0) + 1, block.length() - 1);
        if (!faults.fire(RequestKey.NONE, f -> f instanceof Fault.CorruptPec, "Basic Management block read", block).isEmpty()) {
            block = block.withByte(pecAt, block.u8(pecAt) ^ 0xFF);
        }
        return Optional.of(block);
    }
}
