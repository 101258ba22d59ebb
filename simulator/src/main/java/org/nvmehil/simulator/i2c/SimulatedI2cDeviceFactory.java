package org.nvmehil.simulator.i2c;

import com.diozero.api.I2CConstants;
import com.diozero.internal.provider.mock.MockDeviceFactory;
import com.diozero.internal.spi.InternalI2CDeviceInterface;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import org.nvmehil.drivers.i2c.I2cTarget;
import org.nvmehil.drivers.i2c.I2cTargetProvider;
import org.nvmehil.protocol.wire.Bytes;

/**
 * SIMULATED BUS. A diozero provider whose I2C buses are {@link SimulatedI2cBus}es, for machines with no I2C hardware.
 * Selected the way diozero selects any provider: {@code -Ddiozero.devicefactory=}{@value #NAME_PROPERTY_VALUE}.
 * The {@code linux-i2c} driver then runs unchanged — its diozero calls land here — and takes its target half (the
 * writes the DUT makes to the host's address) from {@link #openTarget}, because this provider has target mode.
 * GPIO, PWM, SPI and the rest are diozero's mock provider's.
 */
public final class SimulatedI2cDeviceFactory extends MockDeviceFactory implements I2cTargetProvider {
    public static final String NAME_PROPERTY_VALUE = "org.nvmehil.simulator.i2c.SimulatedI2cDeviceFactory";

    @Override
    public String getName() {
        return "nvme-hil simulated bus";
    }

    @Override
    public List<Integer> getI2CBusNumbers() {
        return List.of(0, 1, 2, 3);
    }

    @Override
    public InternalI2CDeviceInterface createI2CDevice(String key, int controller, int address,
                                                      I2CConstants.AddressSize addressSize) {
        return new SimulatedI2cDevice(key, this, controller, address);
    }

    @Override
    public I2cTarget openTarget(int controller, int addr7) {
        return new QueueTarget(controller, addr7);
    }

    /** The host's target address on a simulated bus: writes to it queue up until received. */
    private static final class QueueTarget implements I2cTarget, SimulatedI2cBus.Target {
        private final LinkedBlockingQueue<Bytes> writes = new LinkedBlockingQueue<>();
        private final String where;
        private final AutoCloseable attachment;

        QueueTarget(int controller, int addr7) {
            this.where = String.format("simulated bus %d, target address %02Xh", controller, addr7);
            this.attachment = SimulatedI2cBus.controller(controller).attach(addr7, this);
        }

        @Override
        public void onWrite(Bytes write) {
            writes.add(write);
        }

        @Override
        public Optional<Bytes> receive(Duration timeout) {
            return SimulatedI2cBus.next(writes, timeout);
        }

        @Override
        public String describe() {
            return where;
        }

        @Override
        public void close() {
            try {
                attachment.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
