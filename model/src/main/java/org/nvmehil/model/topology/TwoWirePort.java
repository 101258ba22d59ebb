package org.nvmehil.model.topology;

import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.Sfreq;

/**
 * A two-wire (SMBus/I2C) port (MI 1.2 §5.7 Port Information, two-wire part). The first one hosts the
 * management endpoint: its CMEADDR is the lab-config device address, MMTUS and MEBS come from the
 * options and personality, NVMEBM from {@code personality.basicManagement}. Other two-wire ports report
 * no ME (CMEADDR 0, MMTUS 64, MEBS 0). CVPDADDR is 0: the VPD is reachable only through NVMe-MI.
 */
public final class TwoWirePort extends Port {
    private final boolean hostsMe;
    private int cmeaddr;
    private int msmbfreq;
    private int sfreq;

    TwoWirePort(Subsystem subsystem, int id, boolean hostsMe) {
        super(subsystem, id);
        this.hostsMe = hostsMe;
        powerOn();
    }

    @Override
    void powerOn() {
        cmeaddr = hostsMe ? subsystem.meAddress() : 0;
        msmbfreq = subsystem.options().msmbfreq().code;
        sfreq = Math.min(msmbfreq, subsystem.initialSfreq());
    }

    @Override
    public int prttyp() {
        return DataStructure.PortInfo.TWO_WIRE;
    }

    /** True for the port the management endpoint sits on. */
    public boolean hostsManagementEndpoint() {
        return hostsMe;
    }

    /** MMTUS: the largest MCTP transmission unit the port accepts. */
    public int mmtus() {
        return hostsMe ? subsystem.options().mmtus() : PciePort.BASELINE_MMTUS;
    }

    /** MEBS: the management endpoint buffer size, on the ME's port only. */
    public long mebs() {
        return hostsMe ? subsystem.config().model().personality().mebSize() : 0;
    }

    /** MSMBFREQ code (TWPRT bits 1:0). */
    public int msmbfreq() {
        synchronized (subsystem) {
            return msmbfreq;
        }
    }

    /** Current SMBus/I2C frequency code (Configuration Get/Set CID 01h). */
    public int sfreq() {
        synchronized (subsystem) {
            return sfreq;
        }
    }

    /** Sets the current frequency; the caller has checked 1 <= code <= MSMBFREQ. */
    public void setSfreq(int code) {
        synchronized (subsystem) {
            if (code < Sfreq.KHZ_100.code || code > msmbfreq) {
                throw new IllegalArgumentException("SFREQ " + code + " outside 1.." + msmbfreq);
            }
            sfreq = code;
        }
    }

    public int cmeaddr() {
        synchronized (subsystem) {
            return cmeaddr;
        }
    }

    @Override
    public DataStructure.PortInfo portInfo() {
        synchronized (subsystem) {
            int nvmebm = hostsMe && subsystem.config().model().personality().basicManagement() ? 1 : 0;
            return new DataStructure.PortInfo(prttyp(), 0, mmtus(), mebs(),
                    new DataStructure.PortDetail.TwoWire(0, 0, cmeaddr, msmbfreq, nvmebm));
        }
    }
}
