package org.nvmehil.model.topology;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A namespace of the NVM command set: {@code blocks} logical blocks of {@code blockSize} bytes, one LBA
 * format, attached to a set of controllers (NVMe Base 2.0 §3.2.1: active on those, inactive elsewhere).
 * NSIDs are 1..n in lab-config order.
 */
public final class Namespace {
    private final Subsystem subsystem;
    private final long nsid;
    private final long blocks;
    private final int blockSize;
    private final List<Integer> initialAttach;
    private final Set<Integer> attachedTo = new TreeSet<>();

    Namespace(Subsystem subsystem, long nsid, long blocks, int blockSize, List<Integer> attachedTo) {
        if (blocks <= 0) {
            throw new IllegalArgumentException("namespace " + nsid + " has " + blocks + " blocks");
        }
        if (blockSize < 512 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " is not a power of two >= 512");
        }
        this.subsystem = subsystem;
        this.nsid = nsid;
        this.blocks = blocks;
        this.blockSize = blockSize;
        this.initialAttach = List.copyOf(attachedTo);
        powerOn();
    }

    void powerOn() {
        attachedTo.clear();
        attachedTo.addAll(initialAttach);
    }

    public long nsid() {
        return nsid;
    }

    public long blocks() {
        return blocks;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Size in bytes. */
    public BigInteger capacityBytes() {
        return BigInteger.valueOf(blocks).multiply(BigInteger.valueOf(blockSize));
    }

    public boolean isAttachedTo(int ctlid) {
        synchronized (subsystem) {
            return attachedTo.contains(ctlid);
        }
    }

    public Set<Integer> attachedTo() {
        synchronized (subsystem) {
            return Set.copyOf(attachedTo);
        }
    }

    /** Attaches to a controller (as Namespace Attachment would); the controller sees NAC. */
    public void attach(int ctlid) {
        synchronized (subsystem) {
            Controller c = subsystem.controller(ctlid)
                    .orElseThrow(() -> new IllegalArgumentException("no controller " + ctlid));
            if (attachedTo.add(ctlid)) {
                c.namespaceAttributeChanged();
            }
        }
    }

    public void detach(int ctlid) {
        synchronized (subsystem) {
            if (attachedTo.remove(ctlid)) {
                subsystem.controller(ctlid).ifPresent(Controller::namespaceAttributeChanged);
            }
        }
    }

    /**
     * Identify Namespace data (CNS 00h) for an active NSID: size, capacity and utilization all equal
     * {@code blocks}, one LBA format (LBADS = log2 of the block size), NMIC bit 0 when attached to more
     * than one controller, NVMCAP = size in bytes, no NGUID/EUI-64.
     */
    public IdentifyNamespace identify() {
        synchronized (subsystem) {
            int lbads = Integer.numberOfTrailingZeros(blockSize);
            return new IdentifyNamespace(blocks, blocks, blocks, 0, 0, 0, 0, 0, 0, attachedTo.size() > 1 ? 1 : 0,
                    capacityBytes(), 0, Bytes.zeros(16), Bytes.zeros(8),
                    List.of(new IdentifyNamespace.LbaFormat(0, lbads, 0)));
        }
    }
}
