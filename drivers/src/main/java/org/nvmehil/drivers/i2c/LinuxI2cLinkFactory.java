package org.nvmehil.drivers.i2c;

import com.diozero.internal.spi.NativeDeviceFactoryInterface;
import com.diozero.sbc.DeviceFactoryHelper;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;

/**
 * Driver {@code linux-i2c}: NVMe-MI over MCTP/SMBus on {@code /dev/i2c-<dut.mi.smbus.bus>} through diozero's active
 * provider (the native one on Linux; {@code -Ddiozero.devicefactory=<class>} names another). Responses arrive
 * through the provider's target mode when it has one ({@link I2cTargetProvider}), else through the kernel's
 * {@code slave-mqueue} backend for {@code dut.mi.smbus.hostAddr} ({@link SlaveMqueueTarget#sysfsPath}).
 */
public final class LinuxI2cLinkFactory implements LinkFactory {
    public static final String DRIVER_ID = "linux-i2c";
    static final String NATIVE_PROVIDER = "com.diozero.internal.provider.builtin.DefaultDeviceFactory";
    private static final String TINYLOG_LEVEL = "tinylog.writer.level";

    @Override
    public String driverId() {
        return DRIVER_ID;
    }

    @Override
    public Link open(LabConfig config, Channel channel) {
        LinkFactory.requireChannel(DRIVER_ID, Channel.MI, channel);
        LabConfig.Smbus s = config.dut().mi().flatMap(LabConfig.Mi::smbus).orElseThrow(() -> new Link.LinkException(
                "lab-config has no dut.mi.smbus section: add dut.mi.smbus.bus, deviceAddr and hostAddr"));
        if (System.getProperty(TINYLOG_LEVEL) == null) {
            // diozero logs stack traces about GPIO chips and board detection a bus user does not need
            System.setProperty(TINYLOG_LEVEL, "off");
        }
        if (System.getProperty(DeviceFactoryHelper.DEVICE_FACTORY_PROP) == null) {
            // diozero would take the first provider ServiceLoader finds (its mock provider is on the class path of the
            // build's simulated bus): on a bench it must be the native /dev/i2c-N one unless the user names another
            System.setProperty(DeviceFactoryHelper.DEVICE_FACTORY_PROP, NATIVE_PROVIDER);
        }
        NativeDeviceFactoryInterface provider = DeviceFactoryHelper.getNativeDeviceFactory();
        I2cTarget target = provider instanceof I2cTargetProvider p
                ? p.openTarget(s.bus(), s.hostAddr())
                : SlaveMqueueTarget.open(SlaveMqueueTarget.sysfsPath(s.bus(), s.hostAddr()), s.bus(), s.hostAddr());
        return new LinuxI2cLink(provider, s.bus(), s.deviceAddr(), s.hostAddr(), target);
    }
}
