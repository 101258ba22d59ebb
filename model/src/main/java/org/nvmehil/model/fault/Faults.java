package org.nvmehil.model.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.binding.serial.SerialFrame;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.wire.Bytes;

/**
 * How each {@link Fault} changes a response, at its layer (design guide §4.8). Pure functions.
 *
 * <p>Wire faults ({@link Fault.CorruptPec}, {@link Fault.CorruptMic}) change bytes after sealing. Protocol
 * faults change one field and re-seal (PEC recomputed for bus faults, MIC for NVMe-MI faults), so exactly
 * one thing is wrong. MCTP header faults change the named field on every packet of the response;
 * {@link Fault.SkipSequence}, {@link Fault.MissingSom} and {@link Fault.MissingEom} change one packet.
 *
 * <p>{@link #applies} says whether a fault can change a given response at all; a fault that cannot (a
 * sequence skip on a one-packet response, an NVMe-MI fault on a control response, a field beyond the end)
 * is not consulted, so it does not use up its {@code Times} window.
 */
public final class Faults {

    /** Where in the response pipeline a fault acts. */
    public enum Stage {
        /** Behaviour at a drop point ({@link Fault.AnswerDroppable}); never on a response. */
        DROP_POINT,
        /** The response message (NVMe-MI or MCTP control) before fragmentation. */
        MESSAGE,
        /** How the message is cut into packets ({@link Fault.IgnoreMtu}). */
        FRAGMENTATION,
        /** The response packets. */
        PACKETS,
        /** The encoded SMBus frames. */
        FRAMES,
        /**
         * Whether, when and how often the frames go out ({@link Fault.NoResponse}, {@link Fault.LateResponse},
         * {@link Fault.SecondMpr}).
         */
        DELIVERY,
        /**
         * Behaviour of the command slots and control primitives ({@link Fault.IgnorePause},
         * {@link Fault.AbortIgnored}, {@link Fault.ReplayWrongResponse}, {@link Fault.GetStateLies}); consulted by
         * {@link org.nvmehil.model.slot.CommandSlots}, never on a response.
         */
        SLOTS,
        /** Acts inside the NVMe/TCP target ({@link org.nvmehil.model.tcp}); never on an MI response. */
        TCP
    }

    /**
     * The response a fault may act on.
     *
     * @param messageType MCTP message type of the response (00h control, 04h NVMe-MI)
     * @param message     the response message from the type byte (for NVMe-MI: through the MIC)
     * @param mtu         the transmission unit it will be fragmented at
     */
    public record Response(int messageType, Bytes message, int mtu) {
    }

    private Faults() {
    }

    public static Stage stage(Fault f) {
        if (f instanceof Fault.AnswerDroppable) {
            return Stage.DROP_POINT;
        }
        if (f instanceof Fault.NoResponse || f instanceof Fault.LateResponse || f instanceof Fault.SecondMpr) {
            return Stage.DELIVERY;
        }
        if (f instanceof Fault.IgnorePause || f instanceof Fault.AbortIgnored || f instanceof Fault.ReplayWrongResponse
                || f instanceof Fault.GetStateLies) {
            return Stage.SLOTS;
        }
        if (f instanceof Fault.IgnoreMtu) {
            return Stage.FRAGMENTATION;
        }
        return switch (f.layer()) {
            case BUS -> Stage.FRAMES;
            case MCTP -> Stage.PACKETS;
            case MI, CONTROL -> Stage.MESSAGE;
            case TCP -> Stage.TCP;
        };
    }

    /** Whether {@code f} can change {@code r} (see the class comment). */
    public static boolean applies(Fault f, Response r) {
        boolean mi = r.messageType() == MessageType.NVME_MI && r.message().length() >= MiMessage.MIN_SIZE;
        int contentLength = r.message().length() - MiMessage.MIC_SIZE;
        if (stage(f) == Stage.DROP_POINT || stage(f) == Stage.SLOTS || stage(f) == Stage.TCP) {
            return false;
        }
        if (f instanceof Fault.MprBadMic || f instanceof Fault.SecondMpr) {
            return mi && isMpr(r.message());
        }
        if (f instanceof Fault.WrongByteCount x) {
            return (x.delta() & 0xFF) != 0;
        }
        if (f instanceof Fault.WrongCommandCode x) {
            return (x.commandCode() & 0xFF) != SmbusFrame.COMMAND_CODE_MCTP;
        }
        if (f instanceof Fault.WrongHeaderVersion x) {
            return (x.version() & 0x0F) != MctpPacket.HEADER_VERSION_1;
        }
        if (f instanceof Fault.SkipSequence) {
            return packetSizes(r.message().length(), r.mtu()).size() > 1;
        }
        if (f instanceof Fault.IgnoreMtu x) {
            return x.tu() >= 1 && !packetSizes(r.message().length(), x.tu())
                    .equals(packetSizes(r.message().length(), r.mtu()));
        }
        if (f instanceof Fault.LateResponse x) {
            return x.delay() != null && !x.delay().isNegative();
        }
        if (f instanceof Fault.WrongInstanceId) {
            return r.messageType() == MessageType.CONTROL && r.message().length() > 1;
        }
        if (f instanceof Fault.CorruptField x && r.messageType() == MessageType.CONTROL) {
            return x.offset() >= 0 && x.offset() < r.message().length() && (x.xor() & 0xFF) != 0;
        }
        if (f.layer() == Fault.Layer.MI) {
            if (!mi) {
                return false;
            }
            Bytes c = r.message();
            if (f instanceof Fault.RorClear) {
                return (c.u8(1) & 0x80) != 0;
            }
            if (f instanceof Fault.ReservedBitsSet x) {
                return x.offset() >= 0 && x.offset() < contentLength && (x.mask() & 0xFF) != 0
                        && (c.u8(x.offset()) & x.mask() & 0xFF) != (x.mask() & 0xFF);
            }
            if (f instanceof Fault.WrongStatus x) {
                return contentLength > 4 && c.u8(4) != (x.status() & 0xFF);
            }
            if (f instanceof Fault.CorruptField x) {
                return x.offset() >= 0 && x.offset() < contentLength && (x.xor() & 0xFF) != 0;
            }
            if (f instanceof Fault.WrongLength x) {
                return x.delta() != 0 && contentLength + x.delta() >= 4;
            }
            return true; // CorruptMic, WrongSlot, WrongNmimt
        }
        return true; // the remaining bus and MCTP faults, NoResponse
    }

    /** A More Processing Required response to a Command Message (NMIMT ≠ 0, status 01h). */
    static boolean isMpr(Bytes message) {
        return message.length() > 4 && (message.u8(1) >> 3 & 0x0F) != 0 && message.u8(4) == 0x01;
    }

    // ------------------------------------------------------------------ message stage

    /** Applies a MESSAGE-stage fault to a response message; any other fault leaves it unchanged. */
    public static Bytes applyToMessage(Fault f, Bytes message) {
        if (f instanceof Fault.WrongInstanceId) {
            int b1 = message.u8(1);
            return message.withByte(1, b1 & ~0x1F | (b1 + 1) & 0x1F);
        }
        if (f.layer() != Fault.Layer.MI || stage(f) != Stage.MESSAGE) {
            return message;
        }
        if ((message.u8(0) & 0x7F) == MessageType.CONTROL) {
            // control messages carry no MIC: only a field can be wrong in them
            return f instanceof Fault.CorruptField x ? message.withByte(x.offset(), message.u8(x.offset()) ^ x.xor()) : message;
        }
        MiMessage m = MiMessage.decode(message).get();
        Bytes c = m.content();
        if (f instanceof Fault.CorruptMic || f instanceof Fault.MprBadMic) {
            return m.withMic(~m.mic() & 0xFFFF_FFFFL).toWire();
        }
        if (f instanceof Fault.WrongSlot) {
            c = c.withByte(1, c.u8(1) ^ 0x01);
        } else if (f instanceof Fault.RorClear) {
            c = c.withByte(1, c.u8(1) & ~0x80);
        } else if (f instanceof Fault.WrongNmimt) {
            int nmimt = c.u8(1) >> 3 & 0x0F;
            int other = nmimt == 1 ? 2 : 1;
            c = c.withByte(1, c.u8(1) & ~0x78 | other << 3);
        } else if (f instanceof Fault.ReservedBitsSet x) {
            c = c.withByte(x.offset(), c.u8(x.offset()) | x.mask());
        } else if (f instanceof Fault.WrongStatus x) {
            c = withStatus(c, x.status() & 0xFF);
        } else if (f instanceof Fault.CorruptField x) {
            c = c.withByte(x.offset(), c.u8(x.offset()) ^ x.xor());
        } else if (f instanceof Fault.WrongLength x) {
            c = x.delta() > 0 ? c.concat(Bytes.zeros(x.delta())) : c.slice(0, c.length() + x.delta());
        }
        return MiMessage.seal(c).toWire();
    }

    /**
     * The response re-shaped as a well-formed response with {@code status}, so that only the status is
     * wrong: an error status carries no data and a reserved NMRESP (Invalid Parameter keeps a PEL it
     * already had); a Success made from an error carries no data. Control primitive responses keep
     * their TAG and CPSR (MI 1.2 §4.1.2, Figs. 27-29; §4.2.1).
     */
    static Bytes withStatus(Bytes c, int status) {
        int from = c.u8(4);
        boolean controlPrimitive = (c.u8(1) >> 3 & 0x0F) == 0;
        if (controlPrimitive || c.length() < 8) {
            return c.withByte(4, status);
        }
        if (status == 0x00 && from == 0x00) {
            return c;
        }
        Bytes nmresp = status == 0x04 && from == 0x04 ? c.slice(5, 8) : Bytes.zeros(3);
        return c.slice(0, 4).concat(Bytes.ofUnsigned(status)).concat(nmresp);
    }

    // ------------------------------------------------------------------ packet stage

    /** Applies a PACKETS-stage fault; {@code packets} is one response message, SOM first. */
    public static List<MctpPacket> applyToPackets(Fault f, List<MctpPacket> packets) {
        List<MctpPacket> out = new ArrayList<>(packets);
        int last = out.size() - 1;
        if (out.isEmpty()) {
            return out;
        }
        if (f instanceof Fault.WrongHeaderVersion x) {
            out.replaceAll(p -> p.withHdrVersion(x.version() & 0x0F));
        } else if (f instanceof Fault.WrongTag) {
            out.replaceAll(p -> p.withTag(p.tag() + 1 & 0x07));
        } else if (f instanceof Fault.TagOwnerSet) {
            out.replaceAll(p -> p.withTagOwner(true));
        } else if (f instanceof Fault.WrongSourceEid) {
            out.replaceAll(p -> p.withSrcEid(otherEid(p.srcEid())));
        } else if (f instanceof Fault.MctpReservedBits) {
            out.replaceAll(p -> p.withRsvd(0x10));
        } else if (f instanceof Fault.SkipSequence) {
            // Only the last packet moves on one extra step: exactly one discontinuity.
            out.set(last, out.get(last).withSeq(out.get(last).seq() + 1 & 0x03));
        } else if (f instanceof Fault.MissingSom) {
            out.set(0, out.get(0).withSom(false));
        } else if (f instanceof Fault.MissingEom) {
            out.set(last, out.get(last).withEom(false));
        }
        return List.copyOf(out);
    }

    /** A unicast EID other than {@code eid}. */
    static int otherEid(int eid) {
        if (eid < MctpPacket.FIRST_UNICAST_EID) {
            return MctpPacket.FIRST_UNICAST_EID;
        }
        return eid >= 0xFE ? 0xFD : eid + 1;
    }

    // ------------------------------------------------------------------ frame stage

    /** Applies a FRAMES-stage fault to one response frame. */
    public static SmbusFrame applyToFrame(Fault f, SmbusFrame frame) {
        if (f instanceof Fault.CorruptPec) {
            return frame.withPec(frame.expectedPec() ^ 0xFF);
        }
        if (f instanceof Fault.WrongByteCount x) {
            return frame.withByteCount(frame.byteCount() + x.delta() & 0xFF).withValidPec();
        }
        if (f instanceof Fault.SourceAddressBit0Clear) {
            return frame.withSrcSlaveAddr(frame.srcSlaveAddr() & ~SmbusFrame.SRC_MCTP_BIT).withValidPec();
        }
        if (f instanceof Fault.WrongCommandCode x) {
            return frame.withCommandCode(x.commandCode() & 0xFF).withValidPec();
        }
        return frame;
    }

    /**
     * The bus faults on a serial frame (DSP0253 §7): {@link Fault.CorruptPec} makes the FCS wrong,
     * {@link Fault.WrongByteCount} moves the byte count (FCS recomputed); the SMBus-only faults leave it as is.
     */
    public static SerialFrame applyToSerialFrame(Fault f, SerialFrame frame) {
        if (f instanceof Fault.CorruptPec) {
            return frame.withFcs(frame.expectedFcs() ^ 0xFFFF);
        }
        if (f instanceof Fault.WrongByteCount x) {
            return frame.withByteCount(frame.byteCount() + x.delta() & 0xFF).withValidFcs();
        }
        return frame;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Payload sizes when a message of {@code length} bytes is cut at {@code tu} bytes: every packet but the
     * last carries exactly {@code tu} (DSP0236 §8); an empty message still takes one packet.
     */
    public static List<Integer> packetSizes(int length, int tu) {
        int unit = Math.max(1, tu);
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        do {
            sizes.add(Math.min(unit, left));
            left -= unit;
        } while (left > 0);
        return sizes;
    }

    /** Total extra delay of the fired {@link Fault.LateResponse}s. */
    public static Duration lateBy(List<Fault> fired) {
        Duration d = Duration.ZERO;
        for (Fault f : fired) {
            if (f instanceof Fault.LateResponse x) {
                d = d.plus(x.delay());
            }
        }
        return d;
    }
}
