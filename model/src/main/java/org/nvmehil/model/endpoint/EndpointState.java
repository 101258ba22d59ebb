package org.nvmehil.model.endpoint;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;

/**
 * State shared by the model's MCTP layer and its Management Endpoint: the endpoint ID, the negotiated
 * transmission unit, the MES flags the MCTP layer raises (bad PEC → BPOPL, unknown EID → UDSTID, …) and
 * the ME reports through Get State, and the {@link CommandSlots} (slot states, pause flag, stored responses,
 * the outgoing wire). PFLG is not an ordinary flag: {@link #raise}, {@link #clear} and {@link #isSet} with
 * {@link Flag#PFLG} read and set the pause flag of the slots, which gates transmission. Reset restores
 * power-on values.
 */
public final class EndpointState {
    /** DSP0236 baseline transmission unit; the MTU after every reset (NVMe-MI §5.1, CID 03h). */
    public static final int BASELINE_TU = 64;

    private final int initialEid;
    private int eid;
    private int mtu = BASELINE_TU;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final CommandSlots slots;

    /** With {@link CommandSlots#detached()} slots (no wire time, no trace, no faults). */
    public EndpointState(int initialEid) {
        this(initialEid, CommandSlots.detached());
    }

    public EndpointState(int initialEid, CommandSlots slots) {
        this.initialEid = initialEid;
        this.eid = initialEid;
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    public CommandSlots slots() {
        return slots;
    }

    public synchronized int eid() {
        return eid;
    }

    public synchronized void setEid(int eid) {
        this.eid = eid;
    }

    public synchronized int mtu() {
        return mtu;
    }

    public synchronized void setMtu(int mtu) {
        this.mtu = mtu;
    }

    public synchronized void raise(Flag f) {
        if (f == Flag.PFLG) {
            slots.pause(org.nvmehil.model.fault.RequestKey.NONE);
        } else {
            flags.add(f);
        }
    }

    public synchronized void clear(Flag f) {
        if (f == Flag.PFLG) {
            slots.resume();
        } else {
            flags.remove(f);
        }
    }

    public synchronized boolean isSet(Flag f) {
        return f == Flag.PFLG ? slots.paused() : flags.contains(f);
    }

    /** SSTA of slot {@code csi} now. */
    public synchronized SlotState slot(int csi) {
        return slots.ssta(csi);
    }

    /**
     * MES for a Get State on slot {@code csi} with {@code ssta} as the slot state to report; with
     * {@code cesf} bits 14:3 are cleared after reporting (PFLG, bit 15, stays).
     */
    public synchronized ManagementEndpointState getState(int csi, boolean cesf) {
        return getState(slots.ssta(csi), cesf);
    }

    public synchronized ManagementEndpointState getState(SlotState ssta, boolean cesf) {
        int mes = ssta.ordinal();
        if (slots.paused()) {
            mes |= 1 << Flag.PFLG.bit;
        }
        for (Flag f : flags) {
            mes |= 1 << f.bit;
        }
        if (cesf) {
            flags.removeIf(f -> (1 << f.bit & ManagementEndpointState.CESF_CLEARS) != 0);
        }
        return new ManagementEndpointState(mes);
    }

    /** Power-on values: EID from lab-config, TU 64, no flags, both slots idle, nothing stored, not paused. */
    public synchronized void reset() {
        eid = initialEid;
        mtu = BASELINE_TU;
        flags.clear();
        slots.resetSlots();
    }
}
