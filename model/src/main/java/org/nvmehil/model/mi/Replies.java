package org.nvmehil.model.mi;

import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.ParameterErrorLocation;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Sealed response messages: header echoing the request's NMIMT and CSI with ROR set and reserved fields
 * clear (MI 1.2 §3.1.1), status and NMRESP, data, MIC (§3.1.1.1).
 */
final class Replies {
    /** Largest response data of an NVMe-MI command response: 4224 - header/status/NMRESP (8) - MIC (4). */
    static final int MAX_RESPONSE_DATA = MiMessage.MAX_SIZE - MiResponse.DATA_OFFSET - MiMessage.MIC_SIZE;

    private Replies() {
    }

    static MiOutcome send(MiResponse r, MiOutcome.Effect... effects) {
        return send(r.seal(), effects);
    }

    static MiOutcome send(MiMessage m, MiOutcome.Effect... effects) {
        return MiOutcome.respond(m.toWire(), effects);
    }

    static MiOutcome success(MiHeader request) {
        return send(MiResponse.success(MiHeader.responseTo(request)));
    }

    static MiOutcome success(MiHeader request, int nmresp, Bytes data, MiOutcome.Effect... effects) {
        return send(MiResponse.success(MiHeader.responseTo(request), nmresp, data), effects);
    }

    static MiOutcome error(MiHeader request, MiStatus status) {
        return send(MiResponse.error(MiHeader.responseTo(request), status));
    }

    /** 04h Invalid Parameter with the PEL of the field's least significant bit (offsets from 84h). */
    static MiOutcome invalidParameter(MiHeader request, int byteOffset, int bit) {
        return send(MiResponse.invalidParameter(MiHeader.responseTo(request),
                ParameterErrorLocation.at(byteOffset, bit)));
    }
}
