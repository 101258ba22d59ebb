package org.nvmehil.protocol.lab;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A driver: opens {@link Link}s. Registered in {@code META-INF/services/org.nvmehil.protocol.lab.LinkFactory}
 * and found by id ({@code model}, {@code linux-i2c}, {@code usb-serial}, {@code tcp}).
 */
public interface LinkFactory {

    /** Which traffic a link carries. */
    enum Channel { MI, TCP }

    String driverId();

    Link open(LabConfig config, Channel channel);

    /** Refuses {@code asked} when the driver carries only {@code carried}, naming the lab-config key to change. */
    static void requireChannel(String driverId, Channel carried, Channel asked) {
        if (asked != carried) {
            throw new Link.LinkException("driver '" + driverId + "' carries " + (carried == Channel.MI
                    ? "NVMe-MI only; dut.tcp.driver must name a TCP driver"
                    : "NVMe/TCP only; dut.mi.driver must name an MI driver"));
        }
    }

    /** All drivers on the class path. */
    static List<LinkFactory> available() {
        return ServiceLoader.load(LinkFactory.class).stream().map(ServiceLoader.Provider::get).collect(Collectors.toList());
    }

    /** The driver with this id; the message lists what is available when it is missing. */
    static LinkFactory forDriver(String id) {
        List<LinkFactory> all = available();
        return all.stream().filter(f -> f.driverId().equals(id)).findFirst()
                .orElseThrow(() -> new Link.LinkException("no driver '" + id + "' on the class path; available: "
                        + all.stream().map(LinkFactory::driverId).sorted().collect(Collectors.toList())));
    }
}
