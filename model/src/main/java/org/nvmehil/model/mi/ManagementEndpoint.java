package org.nvmehil.model.mi;

import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.wire.Bytes;

// PLACEHOLDER: replaced by the real Management Endpoint at merge
public final class ManagementEndpoint {

    public static MiHandler create(LabConfig config, EndpointState state) {
        return new MiHandler() {
            @Override
            public MiOutcome handle(Bytes message) {
                return MiOutcome.drop("placeholder");
            }

            @Override
            public void reset() {
            }
        };
    }
}
