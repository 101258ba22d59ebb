package org.nvmehil.drivers.i2c;

import java.time.Duration;
import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The host's own I2C target (slave) address: where an MCTP-over-SMBus endpoint master-writes its responses
 * (DSP0237 §6: every packet is a block write, the endpoint's too). diozero is controller-only, so this half of the
 * bus comes from elsewhere: the Linux {@code slave-mqueue} backend ({@link SlaveMqueueTarget}) or a provider that
 * implements {@link I2cTargetProvider}.
 */
public interface I2cTarget extends AutoCloseable {

    /**
     * The next write addressed to us, as the bus carried it: our address byte ({@code addr7 << 1}), then every byte
     * the controller wrote (for MCTP: command code 0Fh, byte count, source address, packet, PEC). Empty when none
     * arrives within {@code timeout}.
     */
    Optional<Bytes> receive(Duration timeout);

    /** Where writes come from, for the report (a sysfs path, a simulated bus). */
    String describe();

    @Override
    void close();
}
