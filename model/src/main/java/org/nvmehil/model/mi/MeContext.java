package org.nvmehil.model.mi;

import java.util.Arrays;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.topology.Subsystem;

/** What the command handlers share: the subsystem, the endpoint state and the Management Endpoint Buffer. */
final class MeContext {
    final Subsystem subsystem;
    final EndpointState state;
    /** The MEB (MI 1.2 §5.4-5.5), zero-filled at power-on and after an NVM Subsystem Reset. */
    final byte[] meb;

    MeContext(Subsystem subsystem, EndpointState state) {
        this.subsystem = subsystem;
        this.state = state;
        this.meb = new byte[subsystem.config().model().personality().mebSize()];
    }

    int mebSize() {
        return meb.length;
    }

    void clearMeb() {
        Arrays.fill(meb, (byte) 0);
    }
}
