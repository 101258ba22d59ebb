package org.nvmehil.protocol.mi;

import java.util.Optional;
import org.nvmehil.protocol.spec.Req;

/**
 * The error an ME has to answer a request with, and why: a status, the PEL for Invalid Parameter,
 * the requirement that calls for it and what was wrong.
 */
public record MeError(int status, Optional<ParameterErrorLocation> pel, Req req, String detail) {

    public MeError {
        Findings.checkBits("status", status, 8);
    }

    public static MeError of(MiStatus status, Req req, String detail) {
        return new MeError(status.code, Optional.empty(), req, detail);
    }

    public static MeError invalidParameter(int byteOffset, int bit, Req req, String detail) {
        return new MeError(MiStatus.INVALID_PARAMETER.code, Optional.of(ParameterErrorLocation.at(byteOffset, bit)),
                req, detail);
    }

    /** The command-message error response to a request with header {@code request}. */
    public MiResponse response(MiHeader request) {
        MiHeader h = MiHeader.responseTo(request);
        return pel.map(p -> MiResponse.invalidParameter(h, p)).orElseGet(() -> MiResponse.error(h, status));
    }

    @Override
    public String toString() {
        return MiStatus.describe(status) + pel.map(p -> " " + p).orElse("") + " (" + req.name() + "): " + detail;
    }
}
