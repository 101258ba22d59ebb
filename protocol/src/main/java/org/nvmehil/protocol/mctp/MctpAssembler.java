package org.nvmehil.protocol.mctp;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Pure MCTP message reassembly (DSP0236 §8 packet assembly): packets in, events out. It never
 * reads a clock; the caller passes the current time in nanoseconds (any monotonic origin, e.g.
 * {@code System.nanoTime()} or a virtual clock) and only differences are used. Not thread-safe.
 *
 * <h2>Policies (see {@link Config})</h2>
 * <ul>
 *   <li><b>Key.</b> Packets belong to the same message when they share a reassembly key. Default
 *       {@link KeyPolicy#SRC_DEST_TO_TAG} (source EID, destination EID, TO, tag), as Linux does:
 *       the narrowest key, so a request and a response with the same tag never mix.
 *       {@link KeyPolicy#SRC_DEST_TAG} is libmctp's key, {@link KeyPolicy#SRC_TO_TAG} the DSP0236
 *       message identity (Table 1 notes).</li>
 *   <li><b>SOM while a message is open for the key.</b> DSP0236 gives no rule and stacks differ
 *       (facts §1.4, §12 item 4). The open partial is always reported as
 *       {@link DropReason#NEW_SOM_ABANDONED_PARTIAL}; then {@link DuplicateSomPolicy#RESTART}
 *       (default, libmctp) starts the new message, while {@link DuplicateSomPolicy#DROP_BOTH}
 *       (Linux) also drops the new SOM packet ({@link DropReason#DUPLICATE_SOM}).</li>
 *   <li><b>Sizes.</b> As libmctp: middle packets must carry exactly as many bytes as the SOM
 *       packet, the EOM packet at most that many; the whole message at most
 *       {@link Config#maxMessageSize()} bytes. Any breach drops the whole partial message.</li>
 *   <li><b>Sequence.</b> The SOM packet may carry any seq (libmctp lets seq run on between
 *       messages); each following packet must carry the previous seq + 1 modulo 4, or the whole
 *       partial is dropped.</li>
 *   <li><b>Timeout.</b> A partial message expires once {@code now - (arrival of its SOM packet)}
 *       reaches {@link Config#timeout()}.</li>
 * </ul>
 *
 * <p><b>Result of {@link #accept}:</b> a list of events, in order. It first holds a
 * {@link DropReason#TIMEOUT} drop for every partial that has expired by {@code nowNanos} (so
 * events never depend on whether the caller remembered to call {@link #expire}), then the
 * abandoned-partial drop if the packet is a SOM for an open key, and last exactly one event about
 * the packet itself: {@link Pending}, {@link Complete} or {@link Dropped}.
 *
 * <p>Packet validation that does not depend on reassembly state (header version, destination
 * EID filtering, broadcast source) is the caller's job, using {@link MctpPacket#decode}'s
 * violations; this class reassembles whatever it is given.
 */
public final class MctpAssembler {

    /** Which header fields identify the message a packet belongs to. */
    public enum KeyPolicy {
        /** Source EID, TO and tag: the message identity of DSP0236 Table 1 notes. */
        SRC_TO_TAG,
        /** Source EID, destination EID and tag: libmctp. */
        SRC_DEST_TAG,
        /** Source EID, destination EID, TO and tag: Linux (the default). */
        SRC_DEST_TO_TAG
    }

    /** What a SOM does to a partial message already open for its key. */
    public enum DuplicateSomPolicy {
        /** Drop the partial, start the new message (libmctp). */
        RESTART,
        /** Drop the partial and the new SOM packet (Linux "duplicate start"). */
        DROP_BOTH
    }

    /** Why packets were dropped. */
    public enum DropReason {
        /** A middle or end packet with no open message for its key (UNH 1.4.1). */
        NO_SOM(Req.MCTP_SOM_REQUIRED),
        /** A packet whose seq is not the previous + 1 mod 4; the whole partial goes. */
        SEQUENCE_ERROR(Req.MCTP_SEQUENCE),
        /** A SOM arrived while a partial was open for the key; this drop reports the partial. */
        NEW_SOM_ABANDONED_PARTIAL(null),
        /** Under {@link DuplicateSomPolicy#DROP_BOTH}: the SOM packet that collided with a partial. */
        DUPLICATE_SOM(null),
        /** A middle packet not the size of the SOM packet, or an EOM packet larger than it. */
        SIZE_ERROR(Req.MCTP_PACKET_SIZE),
        /** The message grew beyond {@link Config#maxMessageSize()} (e.g. 4224 for NVMe-MI). */
        TOO_LONG(null),
        /** The partial message reached {@link Config#timeout()} before its EOM. */
        TIMEOUT(null);

        private final Req req;

        DropReason(Req req) {
            this.req = req;
        }

        /**
         * The packetization rule that the dropped stream broke, where DSP0236 has one. Empty for
         * policy drops (duplicate SOM, size limit, timeout), which the caller maps to its own
         * requirement (e.g. the NVMe-MI message size limit).
         */
        public Optional<Req> req() {
            return Optional.ofNullable(req);
        }
    }

    /**
     * Reassembly settings.
     *
     * @param keyPolicy      which header fields form the reassembly key
     * @param duplicateSom   what a SOM does to an open partial with the same key
     * @param maxMessageSize largest message accepted, in bytes from the message-type byte on
     * @param timeout        age (from the SOM packet) at which a partial message is dropped; one too
     *                       long for a {@code long} of nanoseconds (about 292 years) never expires
     */
    public record Config(KeyPolicy keyPolicy, DuplicateSomPolicy duplicateSom, int maxMessageSize,
                         Duration timeout) {
        /** Linux's message limit. */
        public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
        /** Linux's reassembly/tag key lifetime. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(6);

        public Config {
            Objects.requireNonNull(keyPolicy, "keyPolicy");
            Objects.requireNonNull(duplicateSom, "duplicateSom");
            Objects.requireNonNull(timeout, "timeout");
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("maxMessageSize " + maxMessageSize);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout " + timeout);
            }
        }

        /** Linux key, libmctp restart, 64 KiB, 6 s. */
        public static Config defaults() {
            return new Config(KeyPolicy.SRC_DEST_TO_TAG, DuplicateSomPolicy.RESTART, DEFAULT_MAX_MESSAGE_SIZE,
                    DEFAULT_TIMEOUT);
        }

        public Config withKeyPolicy(KeyPolicy v) {
            return new Config(v, duplicateSom, maxMessageSize, timeout);
        }

        public Config withDuplicateSom(DuplicateSomPolicy v) {
            return new Config(keyPolicy, v, maxMessageSize, timeout);
        }

        public Config withMaxMessageSize(int v) {
            return new Config(keyPolicy, duplicateSom, v, timeout);
        }

        public Config withTimeout(Duration v) {
            return new Config(keyPolicy, duplicateSom, maxMessageSize, v);
        }

        long timeoutNanos() {
            try {
                return timeout.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }

    /** What one packet (or the passage of time) did. */
    public sealed interface Event permits Complete, Pending, Dropped {
    }

    /**
     * A whole message. Addressing fields come from its SOM packet.
     *
     * @param message     the reassembled message, starting at the message-type byte
     * @param packetCount how many packets carried it
     */
    public record Complete(Bytes message, int srcEid, int destEid, int tag, boolean tagOwner, int packetCount)
            implements Event {
    }

    /**
     * The packet was taken into an open message that has no EOM yet.
     *
     * @param packetCount packets so far, this one included
     * @param length      message bytes so far
     */
    public record Pending(int srcEid, int destEid, int tag, boolean tagOwner, int packetCount, int length)
            implements Event {
    }

    /**
     * Packets discarded.
     *
     * @param reason  why
     * @param detail  observed versus expected, in plain words
     * @param packets every packet discarded by this event, in arrival order (for a partial message,
     *                all its packets, then the packet that ended it, if any)
     */
    public record Dropped(DropReason reason, String detail, List<MctpPacket> packets) implements Event {
        public Dropped {
            packets = List.copyOf(packets);
        }
    }

    private record Key(int srcEid, int destEid, int tagOwner, int tag) {
    }

    /** One open (partial) message. */
    private static final class Partial {
        final long startNanos;
        final int fragmentSize;
        final List<MctpPacket> packets = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        int lastSeq;

        Partial(MctpPacket som, long nowNanos) {
            this.startNanos = nowNanos;
            this.fragmentSize = som.payload().length();
            add(som);
        }

        void add(MctpPacket p) {
            packets.add(p);
            data.writeBytes(p.payload().toArray());
            lastSeq = p.seq();
        }

        MctpPacket som() {
            return packets.get(0);
        }

        List<MctpPacket> plus(MctpPacket p) {
            List<MctpPacket> all = new ArrayList<>(packets);
            all.add(p);
            return all;
        }
    }

    private final Config config;
    private final Map<Key, Partial> open = new LinkedHashMap<>();

    public MctpAssembler() {
        this(Config.defaults());
    }

    public MctpAssembler(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** Number of partial messages waiting for more packets. */
    public int openCount() {
        return open.size();
    }

    /**
     * Feeds one packet received at {@code nowNanos}. See the class comment for the order of the
     * returned events; the list is never empty and its last event concerns {@code p}.
     */
    public List<Event> accept(MctpPacket p, long nowNanos) {
        List<Event> events = new ArrayList<>(expire(nowNanos));
        Key key = keyOf(p);
        Partial cur = open.get(key);

        if (p.som()) {
            if (cur != null) {
                open.remove(key);
                events.add(new Dropped(DropReason.NEW_SOM_ABANDONED_PARTIAL,
                        String.format("SOM (seq %d) arrived while %d packet(s) / %d byte(s) were open for the key",
                                p.seq(), cur.packets.size(), cur.data.size()), cur.packets));
                if (config.duplicateSom() == DuplicateSomPolicy.DROP_BOTH) {
                    events.add(new Dropped(DropReason.DUPLICATE_SOM,
                            "SOM for a key with an open message; policy DROP_BOTH", List.of(p)));
                    return events;
                }
            }
            if (p.payload().length() > config.maxMessageSize()) {
                events.add(new Dropped(DropReason.TOO_LONG, String.format("SOM payload of %d bytes exceeds %d",
                        p.payload().length(), config.maxMessageSize()), List.of(p)));
                return events;
            }
            if (p.eom()) {
                events.add(new Complete(p.payload(), p.srcEid(), p.destEid(), p.tag(), p.tagOwner(), 1));
                return events;
            }
            Partial started = new Partial(p, nowNanos);
            open.put(key, started);
            events.add(pending(started));
            return events;
        }

        if (cur == null) {
            events.add(new Dropped(DropReason.NO_SOM,
                    (p.eom() ? "end" : "middle") + " packet (seq " + p.seq() + ") with no open message for its key",
                    List.of(p)));
            return events;
        }
        int expectedSeq = (cur.lastSeq + 1) & 0x03;
        if (p.seq() != expectedSeq) {
            open.remove(key);
            events.add(new Dropped(DropReason.SEQUENCE_ERROR,
                    "seq " + p.seq() + ", expected " + expectedSeq + " after packet " + cur.packets.size(),
                    cur.plus(p)));
            return events;
        }
        int n = p.payload().length();
        if (p.eom() ? n > cur.fragmentSize : n != cur.fragmentSize) {
            open.remove(key);
            events.add(new Dropped(DropReason.SIZE_ERROR, String.format("%s packet carries %d bytes, SOM packet %d",
                    p.eom() ? "end" : "middle", n, cur.fragmentSize), cur.plus(p)));
            return events;
        }
        if (cur.data.size() + n > config.maxMessageSize()) {
            open.remove(key);
            events.add(new Dropped(DropReason.TOO_LONG, String.format("message would reach %d bytes, limit %d",
                    cur.data.size() + n, config.maxMessageSize()), cur.plus(p)));
            return events;
        }
        cur.add(p);
        if (!p.eom()) {
            events.add(pending(cur));
            return events;
        }
        open.remove(key);
        MctpPacket som = cur.som();
        events.add(new Complete(Bytes.of(cur.data.toByteArray()), som.srcEid(), som.destEid(), som.tag(),
                som.tagOwner(), cur.packets.size()));
        return events;
    }

    /**
     * Drops every partial message whose age (since its SOM packet) has reached the timeout at
     * {@code nowNanos}, oldest first.
     */
    public List<Dropped> expire(long nowNanos) {
        List<Dropped> out = new ArrayList<>();
        long limit = config.timeoutNanos();
        for (Iterator<Partial> it = open.values().iterator(); it.hasNext(); ) {
            Partial partial = it.next();
            long age = nowNanos - partial.startNanos;
            if (limit != Long.MAX_VALUE && age >= limit) {
                it.remove();
                out.add(new Dropped(DropReason.TIMEOUT, String.format(
                        "open for %d ns (timeout %d ns) after %d packet(s) / %d byte(s)",
                        age, limit, partial.packets.size(), partial.data.size()), partial.packets));
            }
        }
        return out;
    }

    private Key keyOf(MctpPacket p) {
        return switch (config.keyPolicy()) {
            case SRC_TO_TAG -> new Key(p.srcEid(), -1, p.tagOwner() ? 1 : 0, p.tag());
            case SRC_DEST_TAG -> new Key(p.srcEid(), p.destEid(), -1, p.tag());
            case SRC_DEST_TO_TAG -> new Key(p.srcEid(), p.destEid(), p.tagOwner() ? 1 : 0, p.tag());
        };
    }

    private static Pending pending(Partial partial) {
        MctpPacket som = partial.som();
        return new Pending(som.srcEid(), som.destEid(), som.tag(), som.tagOwner(), partial.packets.size(),
                partial.data.size());
    }
}
