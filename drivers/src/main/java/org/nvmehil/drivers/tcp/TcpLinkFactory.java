package org.nvmehil.drivers.tcp;

import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;

/** Driver {@code tcp}: a TCP connection to {@code dut.tcp.host}:{@code dut.tcp.port} per {@link #open} (one per queue). */
public final class TcpLinkFactory implements LinkFactory {
    public static final String DRIVER_ID = "tcp";

    @Override
    public String driverId() {
        return DRIVER_ID;
    }

    @Override
    public Link open(LabConfig config, Channel channel) {
        LinkFactory.requireChannel(DRIVER_ID, Channel.TCP, channel);
        LabConfig.Tcp tcp = config.dut().tcp().orElseThrow(() -> new Link.LinkException(
                "lab-config has no dut.tcp section: add dut.tcp.host, port and subnqn"));
        return TcpSocketLink.connect(tcp.host(), tcp.port(), config.timing().tcpConnectTimeout());
    }
}
