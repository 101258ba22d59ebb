package org.nvmehil.model.endpoint;

import java.util.EnumSet;
import java.util.Set;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;

/**
 * State shared by the model's MCTP layer and its Management Endpoint: the endpoint ID, the negotiated
 * transmission unit, the MES flags the MCTP layer raises (bad PEC → BPOPL, unknown EID → UDSTID, …) and
 * the ME reports through Get State, and the command slot states. Reset restores power-on values.
 */
public final class EndpointState {
    /** DSP0236 baseline transmission unit; the MTU after every reset (NVMe-MI §5.1, CID 03h). */
    public static final int BASELINE_TU = 64;

    private final int initialEid;
    private int eid;
    private int mtu = BASELINE_TU;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final SlotState[] slots = {SlotState.IDLE, SlotState.IDLE};

    public EndpointState(int initialEid) {
        this.initialEid = initialEid;
        this.eid = initialEid;
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
        flags.add(f);
    }

    public synchronized void clear(Flag f) {
        flags.remove(f);
    }

    public synchronized boolean isSet(Flag f) {
        return flags.contains(f);
    }

    public synchronized SlotState slot(int csi) {
        return slots[csi & 1];
    }

    public synchronized void setSlot(int csi, SlotState s) {
        slots[csi & 1] = s;
    }

    /** MES for a Get State on slot {@code csi}; with {@code cesf} bits 14:3 are cleared after reporting. */
    public synchronized ManagementEndpointState getState(int csi, boolean cesf) {
        int mes = slots[csi & 1].ordinal();
        for (Flag f : flags) {
            mes |= 1 << f.bit;
        }
        if (cesf) {
            flags.removeIf(f -> (1 << f.bit & ManagementEndpointState.CESF_CLEARS) != 0);
        }
        return new ManagementEndpointState(mes);
    }

    /** Power-on values: EID from lab-config, TU 64, no flags, both slots idle. */
    public synchronized void reset() {
        eid = initialEid;
        mtu = BASELINE_TU;
        flags.clear();
        slots[0] = SlotState.IDLE;
        slots[1] = SlotState.IDLE;
    }
}
