package org.nvmehil.protocol.mctp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Splits a message into packets for one transmission unit (TU), the largest payload a packet may
 * carry (DSP0236 §8 packetization; baseline TU 64). Every packet but the last carries exactly TU
 * bytes, the last carries the rest (1..TU, or 0 for an empty message); SOM marks the first packet,
 * EOM the last, and seq counts up modulo 4 from the given start.
 *
 * <p>Well-formed output comes from {@link #fragment}. For negative tests, {@link #fragmentBySizes}
 * lays a message out over any payload sizes, and {@link #with}/{@link #withSeqs} change single
 * packets (combine with the {@code MctpPacket.with…} methods).
 */
public final class MctpFragmenter {

    /** The baseline transmission unit every endpoint supports (DSP0236 §8). */
    public static final int BASELINE_TU = 64;

    private final int tu;

    /**
     * @param transmissionUnit payload bytes per packet; at least {@link #BASELINE_TU}
     * @throws IllegalArgumentException when below the baseline (a suite bug, not device input)
     */
    public MctpFragmenter(int transmissionUnit) {
        if (transmissionUnit < BASELINE_TU) {
            throw new IllegalArgumentException(
                    "transmission unit " + transmissionUnit + " is below the " + BASELINE_TU + "-byte baseline");
        }
        this.tu = transmissionUnit;
    }

    /** A fragmenter for the 64-byte baseline TU. */
    public static MctpFragmenter baseline() {
        return new MctpFragmenter(BASELINE_TU);
    }

    public int transmissionUnit() {
        return tu;
    }

    /** Packets needed for a message of {@code length} bytes (an empty message still takes one). */
    public int packetCount(int length) {
        return Math.max(1, (length + tu - 1) / tu);
    }

    /**
     * Splits {@code message} (starting at the message-type byte) into well-formed packets with
     * header version 1.
     *
     * @param startSeq sequence number of the SOM packet (0..3); it need not be 0
     */
    public List<MctpPacket> fragment(Bytes message, int destEid, int srcEid, boolean tagOwner, int tag,
                                     int startSeq) {
        List<Integer> sizes = new ArrayList<>();
        int n = packetCount(message.length());
        for (int i = 0; i < n; i++) {
            sizes.add(Math.min(tu, message.length() - i * tu));
        }
        return fragmentBySizes(message, sizes, destEid, srcEid, tagOwner, tag, startSeq);
    }

    /**
     * Lays {@code message} out over packets with exactly the given payload sizes, SOM on the first,
     * EOM on the last and seq counting up from {@code startSeq}. No TU rule is applied, so this
     * builds size-error vectors (a short middle packet, an oversized last packet).
     *
     * @throws IllegalArgumentException if {@code payloadSizes} is empty, holds a negative size, or
     *                                  does not add up to the message length, or if {@code startSeq}
     *                                  is not 0..3
     */
    public static List<MctpPacket> fragmentBySizes(Bytes message, List<Integer> payloadSizes, int destEid,
                                                   int srcEid, boolean tagOwner, int tag, int startSeq) {
        if (payloadSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one packet is needed");
        }
        if ((startSeq & ~0x03) != 0) {
            throw new IllegalArgumentException("startSeq " + startSeq + " does not fit 2 bits");
        }
        int total = payloadSizes.stream().mapToInt(s -> {
            if (s < 0) {
                throw new IllegalArgumentException("negative payload size " + s);
            }
            return s;
        }).sum();
        if (total != message.length()) {
            throw new IllegalArgumentException(
                    "payload sizes add up to " + total + ", message has " + message.length() + " bytes");
        }
        List<MctpPacket> out = new ArrayList<>(payloadSizes.size());
        int at = 0;
        for (int i = 0; i < payloadSizes.size(); i++) {
            int size = payloadSizes.get(i);
            out.add(MctpPacket.of(destEid, srcEid, i == 0, i == payloadSizes.size() - 1, (startSeq + i) & 0x03,
                    tagOwner, tag, message.slice(at, at + size)));
            at += size;
        }
        return List.copyOf(out);
    }

    /** A copy of {@code packets} with packet {@code index} replaced by {@code change} applied to it. */
    public static List<MctpPacket> with(List<MctpPacket> packets, int index, UnaryOperator<MctpPacket> change) {
        List<MctpPacket> out = new ArrayList<>(packets);
        out.set(index, change.apply(out.get(index)));
        return List.copyOf(out);
    }

    /** A copy of {@code packets} with the given sequence numbers, one per packet (e.g. 0, 1, 3). */
    public static List<MctpPacket> withSeqs(List<MctpPacket> packets, int... seqs) {
        if (seqs.length != packets.size()) {
            throw new IllegalArgumentException(seqs.length + " sequence numbers for " + packets.size() + " packets");
        }
        List<MctpPacket> out = new ArrayList<>(packets.size());
        for (int i = 0; i < seqs.length; i++) {
            out.add(packets.get(i).withSeq(seqs[i]));
        }
        return List.copyOf(out);
    }
}
