package org.nvmehil.protocol.mi;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * What an ME makes of one incoming message (see {@link MeRequestParser}): either it discards the
 * message silently ({@link #discard}), or it has a request (when the bytes can be read as one) and
 * possibly the error it must answer with ({@link #error}). A request with neither is well formed as
 * far as the message alone can tell; device-specific checks (controller IDs, bounds, supported
 * options) remain the model's job.
 */
public record MeParse(Optional<Violation> discard, Optional<MiRequest> request, Optional<MeError> error, Bytes raw) {

    static MeParse discarded(Violation why, Bytes raw) {
        return new MeParse(Optional.of(why), Optional.empty(), Optional.empty(), raw);
    }

    static MeParse of(MiRequest request, MeError error, Bytes raw) {
        return new MeParse(Optional.empty(), Optional.ofNullable(request), Optional.ofNullable(error), raw);
    }

    public boolean isDiscarded() {
        return discard.isPresent();
    }

    /** Not discarded, readable, and no error status due. */
    public boolean isWellFormed() {
        return discard.isEmpty() && error.isEmpty() && request.isPresent();
    }

    /**
     * The sealed error response the ME owes, if any, on the request's header. A control primitive gets
     * its own layout (status, echoed TAG, CPSR 0; it has no room for a PEL); command messages get the
     * generic or Invalid Parameter format.
     */
    public Optional<MiMessage> errorResponse() {
        if (discard.isPresent() || error.isEmpty()) {
            return Optional.empty();
        }
        MiHeader h = MiHeader.decode(raw);
        if (request.isPresent() && request.get() instanceof ControlPrimitive) {
            ControlPrimitive cp = (ControlPrimitive) request.get();
            return Optional.of(ControlPrimitiveResponse.error(cp, error.get().status()).seal());
        }
        return Optional.of(error.get().response(h).seal());
    }

    /** The request as {@code type}, if it is one. */
    public <T extends MiRequest> Optional<T> requestAs(Class<T> type) {
        return request.filter(type::isInstance).map(type::cast);
    }
}
