package org.nvmehil.model.link;

import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;

/** Driver {@code model}: the in-process reference model (registered through {@link java.util.ServiceLoader}). */
public final class ModelLinkFactory implements LinkFactory {

    public static final String DRIVER_ID = "model";

    @Override
    public String driverId() {
        return DRIVER_ID;
    }

    /**
     * {@link Channel#MI}: a new {@link ModelLink} (SMBus binding, the real Management Endpoint).
     *
     * @throws Link.LinkException for {@link Channel#TCP}, or when the configuration cannot be modelled
     */
    @Override
    public Link open(LabConfig config, Channel channel) {
        if (channel == Channel.TCP) {
            throw new Link.LinkException("model: the NVMe/TCP target of the reference model arrives with issue #5");
        }
        return new ModelLink(config);
    }
}
