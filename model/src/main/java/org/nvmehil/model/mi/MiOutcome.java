package org.nvmehil.model.mi;

import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;

/**
 * What the Management Endpoint does with one request.
 *
 * @param response the response message (84h … MIC), absent when nothing is sent
 * @param dropped  why the request was dropped (bad MIC, IC = 0, ROR = 1, …), absent when it was not;
 *                 a successful NVM Subsystem Reset has neither response nor drop reason
 * @param effects  transport changes the MCTP layer must apply after sending the response
 */
public record MiOutcome(Optional<Bytes> response, Optional<String> dropped, List<Effect> effects) {

    public MiOutcome {
        effects = List.copyOf(effects);
    }

    public static MiOutcome respond(Bytes response, Effect... effects) {
        return new MiOutcome(Optional.of(response), Optional.empty(), List.of(effects));
    }

    public static MiOutcome drop(String reason) {
        return new MiOutcome(Optional.empty(), Optional.of(reason), List.of());
    }

    public static MiOutcome silent(Effect... effects) {
        return new MiOutcome(Optional.empty(), Optional.empty(), List.of(effects));
    }

    /** A change the transport must apply (nvme-mi-dev's "command effects" idea). */
    public sealed interface Effect {
        /** Configuration Set CID 03h: responses after this one use {@code mtus}. */
        record SetMtu(int portId, int mtus) implements Effect {
        }

        /** Configuration Set CID 01h. */
        record SetSmbusFrequency(int portId, int sfreq) implements Effect {
        }

        /** NVM Subsystem Reset: the whole endpoint returns to power-on state (NSSRO then set). */
        record SubsystemReset() implements Effect {
        }
    }
}
