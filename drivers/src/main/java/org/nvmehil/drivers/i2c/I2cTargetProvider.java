package org.nvmehil.drivers.i2c;

/**
 * A diozero provider that also has I2C target mode. The {@code linux-i2c} driver asks the active diozero provider
 * ({@code -Ddiozero.devicefactory}) for its target half when it implements this; otherwise it uses the kernel's
 * {@code slave-mqueue} backend. The simulated bus of the build (simulator module) is such a provider.
 */
public interface I2cTargetProvider {

    /** Starts receiving the writes addressed to 7-bit {@code addr7} on bus {@code controller}. */
    I2cTarget openTarget(int controller, int addr7);
}
