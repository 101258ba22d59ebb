package org.nvmehil.drivers.serial;

import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;

/** Driver {@code usb-serial}: the NVMe-MI endpoint over MCTP serial (DSP0253) on {@code dut.mi.serial.port}. */
public final class SerialLinkFactory implements LinkFactory {
    public static final String DRIVER_ID = "usb-serial";

    @Override
    public String driverId() {
        return DRIVER_ID;
    }

    @Override
    public Link open(LabConfig config, Channel channel) {
        LinkFactory.requireChannel(DRIVER_ID, Channel.MI, channel);
        LabConfig.Serial s = config.dut().mi().flatMap(LabConfig.Mi::serial).orElseThrow(() -> new Link.LinkException(
                "lab-config has no dut.mi.serial section: add dut.mi.serial.port and baud"));
        return SerialPortLink.open(s.port(), s.baud());
    }
}
