package org.nvmehil.model.topology;

import org.nvmehil.protocol.mi.DataStructure;

/**
 * One port of the NVM subsystem (MI 1.2 §5.7, Port Information). Port IDs are dense: PCIe ports first
 * (0..p-1), then two-wire ports. Mutators lock the owning {@link Subsystem}.
 */
public abstract sealed class Port permits PciePort, TwoWirePort {
    final Subsystem subsystem;
    private final int id;

    Port(Subsystem subsystem, int id) {
        this.subsystem = subsystem;
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** PRTTYP: 1 PCIe, 2 two-wire. */
    public abstract int prttyp();

    /** The Port Information data structure (DTYP 01h) as this port reports it now. */
    public abstract DataStructure.PortInfo portInfo();

    /** Back to lab-config / option values. */
    abstract void powerOn();
}
