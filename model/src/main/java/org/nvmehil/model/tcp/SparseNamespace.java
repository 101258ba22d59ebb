package org.nvmehil.model.tcp;

import java.util.HashMap;
import java.util.Map;

/**
 * The data of one namespace, kept sparsely: only blocks holding a non-zero byte are stored, every other block
 * reads as zeros (a namespace may be terabytes large). Writing an all-zero block, Write Zeroes and
 * {@link #clear()} free blocks. Memory is bounded by a byte budget shared with the other namespaces of the
 * target ({@link Budget}); a write that would exceed it is refused as a whole. Not thread-safe: the target
 * serialises access.
 */
final class SparseNamespace {

    /** Stored bytes across namespaces, with a limit. */
    static final class Budget {
        private final long limit;
        private long used;

        Budget(long limit) {
            this.limit = limit;
        }

        long used() {
            return used;
        }

        long limit() {
            return limit;
        }
    }

    private final long nsid;
    private final long blocks;
    private final int blockSize;
    private final Budget budget;
    private final Map<Long, byte[]> stored = new HashMap<>();

    SparseNamespace(long nsid, long blocks, int blockSize, Budget budget) {
        this.nsid = nsid;
        this.blocks = blocks;
        this.blockSize = blockSize;
        this.budget = budget;
    }

    long nsid() {
        return nsid;
    }

    long blocks() {
        return blocks;
    }

    int blockSize() {
        return blockSize;
    }

    /** Whether {@code nlb} blocks from {@code slba} lie inside the namespace. */
    boolean inRange(long slba, long nlb) {
        return slba >= 0 && nlb >= 0 && Long.compareUnsigned(slba, blocks) < 0 && nlb <= blocks - slba;
    }

    /** Reads {@code nlb} blocks from {@code slba} (range checked by the caller). */
    byte[] read(long slba, int nlb) {
        byte[] out = new byte[Math.multiplyExact(nlb, blockSize)];
        for (int i = 0; i < nlb; i++) {
            byte[] b = stored.get(slba + i);
            if (b != null) {
                System.arraycopy(b, 0, out, i * blockSize, blockSize);
            }
        }
        return out;
    }

    /**
     * Writes {@code data} (a whole number of blocks) from {@code slba}; false, with nothing written, when the
     * stored data would exceed the budget.
     */
    boolean write(long slba, byte[] data) {
        int nlb = data.length / blockSize;
        long delta = 0;
        for (int i = 0; i < nlb; i++) {
            boolean zero = isZero(data, i * blockSize);
            boolean had = stored.containsKey(slba + i);
            delta += (zero ? 0 : blockSize) - (had ? blockSize : 0);
        }
        if (delta > 0 && budget.used + delta > budget.limit) {
            return false;
        }
        for (int i = 0; i < nlb; i++) {
            long lba = slba + i;
            if (isZero(data, i * blockSize)) {
                stored.remove(lba);
            } else {
                byte[] b = new byte[blockSize];
                System.arraycopy(data, i * blockSize, b, 0, blockSize);
                stored.put(lba, b);
            }
        }
        budget.used += delta;
        return true;
    }

    /** Write Zeroes: frees the blocks. */
    void zero(long slba, long nlb) {
        if (nlb > stored.size()) {
            stored.keySet().removeIf(lba -> lba >= slba && lba - slba < nlb && drop());
        } else {
            for (long i = 0; i < nlb; i++) {
                if (stored.remove(slba + i) != null) {
                    budget.used -= blockSize;
                }
            }
        }
    }

    private boolean drop() {
        budget.used -= blockSize;
        return true;
    }

    /** Power-on: every block reads zero. */
    void clear() {
        budget.used -= (long) stored.size() * blockSize;
        stored.clear();
    }

    private boolean isZero(byte[] d, int from) {
        for (int i = from; i < from + blockSize; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
