package org.nvmehil.model.link;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nvmehil.model.tcp.TcpTarget;
import org.nvmehil.model.tcp.TcpTargetLink;
import org.nvmehil.model.tcp.TcpTargetServer;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;

/** Driver {@code model}: the in-process reference model (registered through {@link java.util.ServiceLoader}). */
public final class ModelLinkFactory implements LinkFactory {

    public static final String DRIVER_ID = "model";
    /** Where the model's NVMe/TCP targets listen (an ephemeral port each). */
    public static final String TCP_BIND_ADDRESS = "127.0.0.1";

    /** One NVMe/TCP target per distinct configuration, for the life of the JVM (or {@link #closeTcpTargets}). */
    private static final Map<LabConfig, TcpTargetServer> TCP_TARGETS = new ConcurrentHashMap<>();

    @Override
    public String driverId() {
        return DRIVER_ID;
    }

    /**
     * {@link Channel#MI}: a new {@link ModelLink} (SMBus binding, the real Management Endpoint).
     * {@link Channel#TCP}: a new loopback TCP connection ({@link TcpTargetLink}) to the model's NVMe/TCP target
     * for this configuration, started on first use on {@value #TCP_BIND_ADDRESS} and an ephemeral port and then
     * shared by every link opened with an equal configuration. The target serves {@code model.identity.subnqn}
     * with the namespaces of {@code model.topology}; its discovery log advertises {@code dut.tcp.host}:{@code port}
     * (the listening port is in {@link Link#describe()}).
     *
     * @throws Link.LinkException when the configuration cannot be modelled or the target cannot listen
     */
    @Override
    public Link open(LabConfig config, Channel channel) {
        if (channel == Channel.TCP) {
            if (config.dut().tcp().isEmpty()) {
                throw new Link.LinkException("model: lab-config has no dut.tcp section, so there is no NVMe/TCP target to model");
            }
            return TcpTargetLink.connect(tcpTarget(config), config.timing().tcpConnectTimeout());
        }
        return new ModelLink(config);
    }

    /** The running NVMe/TCP target for {@code config}, started if needed. */
    public static TcpTargetServer tcpTarget(LabConfig config) {
        TcpTargetServer s = TCP_TARGETS.get(config);
        if (s != null && !s.isClosed()) {
            return s;
        }
        synchronized (TCP_TARGETS) {
            s = TCP_TARGETS.get(config);
            if (s == null || s.isClosed()) {
                s = startTarget(config);
                TCP_TARGETS.put(config, s);
            }
            return s;
        }
    }

    private static TcpTargetServer startTarget(LabConfig config) {
        try {
            return TcpTargetServer.start(TcpTarget.fromLab(config), TCP_BIND_ADDRESS, 0);
        } catch (IllegalArgumentException e) {
            throw new Link.LinkException("model: the NVMe/TCP target cannot model this lab-config: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new Link.LinkException("model: the NVMe/TCP target cannot listen on " + TCP_BIND_ADDRESS + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops every NVMe/TCP target this factory started (their connections close); for tests. */
    public static void closeTcpTargets() {
        synchronized (TCP_TARGETS) {
            for (TcpTargetServer s : List.copyOf(TCP_TARGETS.values())) {
                s.close();
            }
            TCP_TARGETS.clear();
        }
    }
}
