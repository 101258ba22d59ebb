package org.nvmehil.protocol.fault;

/**
 * How the reference model dies part-way through a run (lab-config {@code model.dying}), for reliability drills: the
 * suites must bound every wait, report the tests the death touched as failed or broken with a clear message, get the
 * DUT back when it returns, and still end with a complete report. Unlike a {@link Fault}, a death is not re-armed
 * by the reset before each test: it is counted over the whole run. Written like faults: {@code Silent(300, 200)}.
 *
 * <p>NVMe-MI deaths count the bus units (SMBus block writes, serial chunks) the host sends to the endpoint in the
 * run, from 1; NVMe/TCP deaths count the PDUs the target receives on all its connections, from 1.
 */
public sealed interface Dying {

    /** Short label for events and messages. */
    default String label() {
        return toString().replaceFirst("\\[", "(").replaceFirst("]$", ")");
    }

    /**
     * From unit {@code at} the NVMe-MI endpoint answers nothing (MCTP, NVMe-MI, Basic Management reads) until it has
     * ignored {@code units} units (0: never again).
     */
    record Silent(int at, int units) implements Dying {
        public Silent {
            positive(at, "at");
            notNegative(units, "units");
        }
    }

    /**
     * Unit {@code at} power-cycles the NVMe-MI endpoint instead of reaching it: work in flight is lost and the
     * endpoint is back in its power-on state (EID and transmission unit from lab-config).
     */
    record Reset(int at) implements Dying {
        public Reset {
            positive(at, "at");
        }
    }

    /**
     * From unit {@code at} the NVMe-MI link is gone, as a USB adapter pulled out: every send and receive fails as a
     * lab fault, {@code calls} times (0: for ever), then the device is back.
     */
    record Unplug(int at, int calls) implements Dying {
        public Unplug {
            positive(at, "at");
            notNegative(calls, "calls");
        }
    }

    /** The NVMe/TCP target closes the connection PDU {@code at} arrived on, without answering it. */
    record CloseTcp(int at) implements Dying {
        public CloseTcp {
            positive(at, "at");
        }
    }

    /**
     * From PDU {@code at} the NVMe/TCP target answers nothing on any connection (ICResp included) until it has
     * ignored {@code pdus} PDUs (0: never again); connections stay open.
     */
    record SilentTcp(int at, int pdus) implements Dying {
        public SilentTcp {
            positive(at, "at");
            notNegative(pdus, "pdus");
        }
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more (units are counted from 1), not " + v);
        }
    }

    private static void notNegative(int v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be 0 (for ever) or more, not " + v);
        }
    }
}
