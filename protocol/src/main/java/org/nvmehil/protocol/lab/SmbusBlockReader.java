package org.nvmehil.protocol.lab;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A link on an SMBus that can also do an SMBus Block Read (the NVMe Basic Management Command at 6Ah,
 * which is not MCTP). Implemented by links whose bus allows it.
 */
public interface SmbusBlockReader {

    /**
     * Writes {@code commandCode} to {@code addr7}, then reads {@code length} bytes (byte count, data, PEC)
     * with a repeated start. Empty when the device does not acknowledge its address.
     */
    Optional<Bytes> blockRead(int addr7, int commandCode, int length);
}
