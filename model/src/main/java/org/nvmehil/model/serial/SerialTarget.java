package org.nvmehil.model.serial;

import java.time.Duration;
import java.util.Objects;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.fault.Faults;
import org.nvmehil.model.fault.RequestKey;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.protocol.binding.serial.SerialFrame;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The model's MCTP serial binding shell (DSP0253 §7; facts §4): the bytes of the serial line in, cut any way;
 * frames delineated by {@link SerialStreamDecoder}; the packets the MCTP layer answers with are framed here
 * (revision 01h, byte count, escaped packet, FCS) and handed to the command slots, which decide when each frame
 * goes out. No I/O.
 *
 * <ul>
 *   <li>A delineated frame with a wrong FCS is dropped with a DROPPED event and raises MES BPOPL (bad packet /
 *       physical layer), as are bytes the decoder abandons inside a frame (bad revision, byte count outside
 *       4..255, invalid escape, truncated frame, count mismatch). With {@link Fault.AnswerDroppable} armed a frame
 *       with a wrong FCS is taken as if it were clean.</li>
 *   <li>Bytes before the first flag (line noise, a host that starts mid-frame) are discarded with an INFO event
 *       and no flag: they are not a frame.</li>
 *   <li>The decoder accepts packets up to {@value SerialFrame#MAX_BYTE_COUNT} bytes; the MCTP layer applies the
 *       negotiated MTU.</li>
 *   <li>Each response frame occupies the line for {@link #wireNanos} of model time: {@value #BITS_PER_BYTE} bit
 *       periods per byte (start, 8 data, stop) at {@code dut.mi.serial.baud}.</li>
 * </ul>
 */
public final class SerialTarget {

    /** Bits per byte on an 8N1 line: start bit, 8 data bits, stop bit. */
    public static final int BITS_PER_BYTE = 10;

    private final MctpEndpointCore core;
    private final FaultInjector faults;
    private final EndpointState state;
    private final EventLog events;
    private final SerialStreamDecoder decoder = new SerialStreamDecoder(SerialFrame.MAX_BYTE_COUNT);

    public SerialTarget(MctpEndpointCore core, FaultInjector faults, EndpointState state, EventLog events) {
        this.core = Objects.requireNonNull(core, "core");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.state = Objects.requireNonNull(state, "state");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Model time a frame of {@code frameBytes} bytes (flags and escapes included) occupies the line at
     * {@code baud}, rounded up to the nanosecond; 0 when {@code baud} is not positive.
     */
    public static long wireNanos(int frameBytes, int baud) {
        if (baud <= 0) {
            return 0;
        }
        long bits = (long) frameBytes * BITS_PER_BYTE;
        return (bits * 1_000_000_000L + baud - 1) / baud;
    }

    /** {@link #wireNanos(int, int)} as a duration. */
    public static Duration wireTime(int frameBytes, int baud) {
        return Duration.ofNanos(wireNanos(frameBytes, baud));
    }

    /** Bytes as they arrived on the line; every frame they complete is handled in stream order. */
    public synchronized void onBytes(Bytes chunk) {
        for (SerialStreamDecoder.Event e : decoder.feed(chunk)) {
            if (e instanceof SerialStreamDecoder.Discarded d) {
                if (d.reason() == SerialStreamDecoder.Reason.OUTSIDE_FRAME) {
                    events.info("serial: " + d.raw().length() + " byte(s) outside a frame discarded", d.raw());
                } else {
                    state.raise(Flag.BPOPL);
                    events.dropped("serial: frame abandoned (" + d.reason() + ") " + d.violations()
                            + "; MES BPOPL set", d.raw());
                }
            } else if (e instanceof SerialStreamDecoder.Frame f) {
                onFrame(f);
            }
        }
    }

    private void onFrame(SerialStreamDecoder.Frame f) {
        if (!f.isClean()) {
            String defect = "serial frame " + f.violations();
            if (!faults.answerDroppable(RequestKey.ofPacket(f.packet()), defect, f.raw())) {
                state.raise(Flag.BPOPL);
                events.dropped(defect + "; MES BPOPL set", f.raw());
                return;
            }
        }
        core.receive(f.packet(), (p, frameFaults) -> {
            Bytes packet = p.encode();
            SerialFrame rf = packet.length() <= SerialFrame.MAX_BYTE_COUNT ? SerialFrame.of(packet)
                    : new SerialFrame(SerialFrame.REVISION, SerialFrame.MAX_BYTE_COUNT, packet, 0).withValidFcs();
            SerialFrame.Escaping escaping = SerialFrame.Escaping.STANDARD;
            for (Fault fault : frameFaults) {
                rf = Faults.applyToSerialFrame(fault, rf);
                if (fault instanceof Fault.UnescapedFrame) {
                    escaping = SerialFrame.Escaping.NONE;
                }
            }
            return rf.encode(escaping);
        });
    }
}
