package org.nvmehil.model.mi;

import org.nvmehil.protocol.wire.Bytes;

/**
 * The Management Endpoint as the model's MCTP layer sees it: a complete NVMe-MI message in (from the
 * message-type byte 84h through the MIC), what to do out. Pure: no I/O, no clock, no threads.
 */
public interface MiHandler {

    /**
     * @param message the reassembled MCTP message whose type byte says NVMe-MI (IC may be clear: the
     *                handler decides to drop it)
     * @return the response message(s) to send, or the reason it was dropped, plus transport effects
     */
    MiOutcome handle(Bytes message);

    /** Back to power-on state (health flags, VPD write count, MEB contents, pause). */
    void reset();
}
