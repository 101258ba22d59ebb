package org.nvmehil.model.topology;

import org.nvmehil.protocol.wire.Bytes;

/**
 * The subsystem's Vital Product Data (MI 1.2 §5.12-5.13, §8): an IPMI FRU image ({@link FruImage}) of
 * {@link SubsystemOptions#vpdSize()} bytes and the count of VPD Writes against the personality's update
 * limit. NVM Subsystem Reset leaves both alone (VPD is non-volatile); model power-on restores the factory
 * image and the count.
 */
public final class Vpd {
    private final Subsystem subsystem;
    private final Bytes factory;
    private final int writeLimit;
    private byte[] image;
    private int writes;

    Vpd(Subsystem subsystem, Bytes factory, int writeLimit) {
        this.subsystem = subsystem;
        this.factory = factory;
        this.writeLimit = writeLimit;
        powerOn();
    }

    void powerOn() {
        image = factory.toArray();
        writes = 0;
    }

    public int size() {
        return factory.length();
    }

    /** The image as it is now. */
    public Bytes image() {
        synchronized (subsystem) {
            return Bytes.of(image);
        }
    }

    /** The image as built from lab-config. */
    public Bytes factoryImage() {
        return factory;
    }

    /** Bytes {@code [offset, offset + length)}; the caller has checked the range. */
    public Bytes read(int offset, int length) {
        synchronized (subsystem) {
            return Bytes.of(image).slice(offset, offset + length);
        }
    }

    /** Stores {@code data} at {@code offset} and counts one write; the caller has checked range and limit. */
    public void write(int offset, Bytes data) {
        synchronized (subsystem) {
            System.arraycopy(data.toArray(), 0, image, offset, data.length());
            writes++;
        }
    }

    public int writes() {
        synchronized (subsystem) {
            return writes;
        }
    }

    /** VPD Writes accepted before 20h VPD Updates Exceeded (lab-config {@code personality.vpdWriteLimit}). */
    public int writeLimit() {
        return writeLimit;
    }

    public int writesRemaining() {
        synchronized (subsystem) {
            return Math.max(0, writeLimit - writes);
        }
    }
}
