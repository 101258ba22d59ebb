package org.nvmehil.model.topology;

import org.nvmehil.protocol.mi.DataStructure;

/**
 * A PCIe port (MI 1.2 §5.7 Port Information, PCIe part). The link fields start from
 * {@link SubsystemOptions}; {@link #setLinkActive(boolean)} takes the link down (current speed and
 * negotiated width 0), which also clears P0LA/P1LA in the subsystem health status.
 */
public final class PciePort extends Port {
    /** MMTUS reported for a port without a management endpoint: the baseline. */
    public static final int BASELINE_MMTUS = 64;

    private final int portNumber;
    private int mps;
    private int supportedSpeeds;
    private int linkSpeed;
    private int maxWidth;
    private int negotiatedWidth;

    PciePort(Subsystem subsystem, int id, int portNumber) {
        super(subsystem, id);
        this.portNumber = portNumber;
        powerOn();
    }

    @Override
    void powerOn() {
        SubsystemOptions o = subsystem.options();
        mps = o.pcieMps();
        supportedSpeeds = o.pcieSupportedSpeeds();
        linkSpeed = o.pcieLinkSpeed();
        maxWidth = o.pcieMaxWidth();
        negotiatedWidth = o.pcieNegotiatedWidth();
    }

    @Override
    public int prttyp() {
        return DataStructure.PortInfo.PCIE;
    }

    /** PCIEPN: the port's number among the subsystem's PCIe ports (0-based). */
    public int portNumber() {
        return portNumber;
    }

    public boolean linkActive() {
        synchronized (subsystem) {
            return linkSpeed != 0;
        }
    }

    /** Link up (speed and width from the options) or down (both 0). */
    public void setLinkActive(boolean active) {
        synchronized (subsystem) {
            SubsystemOptions o = subsystem.options();
            linkSpeed = active ? o.pcieLinkSpeed() : 0;
            negotiatedWidth = active ? o.pcieNegotiatedWidth() : 0;
        }
    }

    public int linkSpeed() {
        synchronized (subsystem) {
            return linkSpeed;
        }
    }

    public int supportedSpeeds() {
        return supportedSpeeds;
    }

    public int maxWidth() {
        return maxWidth;
    }

    @Override
    public DataStructure.PortInfo portInfo() {
        synchronized (subsystem) {
            return new DataStructure.PortInfo(prttyp(), 0, BASELINE_MMTUS, 0,
                    new DataStructure.PortDetail.Pcie(mps, supportedSpeeds, linkSpeed, maxWidth, negotiatedWidth,
                            portNumber));
        }
    }
}
