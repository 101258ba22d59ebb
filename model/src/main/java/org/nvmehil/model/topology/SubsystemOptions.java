package org.nvmehil.model.topology;

import org.nvmehil.protocol.mi.Sfreq;

/**
 * Model properties that lab-config does not carry, with defaults that describe a plausible single-port
 * SSD. They survive {@link Subsystem#powerOn()}, so a test that needs, say, MMTUS 64 to reproduce a
 * published vector builds the subsystem with {@link #withMmtus} instead of poking the port afterwards.
 *
 * @param mmtus               MMTUS of the two-wire port that hosts the ME (64-250; MI 1.2 §5.7, Port
 *                            Information; DSP0237 caps the SMBus transmission unit at 250)
 * @param msmbfreq            maximum SMBus/I2C frequency of every two-wire port (TWPRT bits 1:0)
 * @param manufacturer        manufacturer name in the VPD product info area (IPMI FRU §5)
 * @param vpdSize             size of the VPD image in bytes (NVMe-MI VPD Read/Write address space)
 * @param mdts                Identify Controller MDTS (power of two in units of the minimum page size; 0 = no limit)
 * @param pcieMps             PCIe Port Information PCIEMPSZ code (0 = 128 B ... 5 = 4 KiB)
 * @param pcieSupportedSpeeds PCIESLSV vector (bit 0 = 2.5 GT/s ... bit 5 = 64 GT/s)
 * @param pcieLinkSpeed       PCIECLS code of an active link (1 = 2.5 GT/s ... 6 = 64 GT/s)
 * @param pcieMaxWidth        PCIEMLW (lanes)
 * @param pcieNegotiatedWidth PCIENLW of an active link (lanes)
 * @param wctempKelvin        Identify Controller WCTEMP; also the default over-temperature threshold
 * @param cctempKelvin        Identify Controller CCTEMP
 * @param errorLogEntries     Error Information log entries the controllers keep (ELPE + 1)
 * @param enabledAtPowerOn    whether controllers come up enabled and ready (CC.EN = 1, as after an in-band
 *                            host's initialisation) or disabled, as nvme-mi-dev's controllers do
 */
public record SubsystemOptions(int mmtus, Sfreq msmbfreq, String manufacturer, int vpdSize, int mdts, int pcieMps,
                               int pcieSupportedSpeeds, int pcieLinkSpeed, int pcieMaxWidth,
                               int pcieNegotiatedWidth, int wctempKelvin, int cctempKelvin, int errorLogEntries,
                               boolean enabledAtPowerOn) {

    /** DSP0237: an SMBus packet carries at most 250 payload bytes. */
    public static final int SMBUS_MAX_TU = 250;

    public SubsystemOptions {
        if (mmtus < 64 || mmtus > 0xFFFF) {
            throw new IllegalArgumentException("mmtus " + mmtus + " is below the 64-byte baseline or above 65535");
        }
        if (msmbfreq == null || msmbfreq == Sfreq.NOT_SUPPORTED) {
            throw new IllegalArgumentException("msmbfreq must name a frequency");
        }
        if (manufacturer == null || manufacturer.length() > 63) {
            throw new IllegalArgumentException("manufacturer must fit a 63-byte FRU field");
        }
        if (vpdSize < 8 || vpdSize > 0xFFFF) {
            throw new IllegalArgumentException("vpdSize " + vpdSize + " out of 8..65535");
        }
        if (errorLogEntries < 1 || errorLogEntries > 256) {
            throw new IllegalArgumentException("errorLogEntries " + errorLogEntries + " out of 1..256");
        }
    }

    /**
     * MMTUS 250, up to 400 kHz, manufacturer "nvme-hil", 256-byte VPD, MDTS 5 (128 KiB with 4 KiB pages),
     * PCIe 256-byte MPS at 16 GT/s x4 (supports 2.5-16 GT/s), WCTEMP 70 °C, CCTEMP 85 °C, 64 error log
     * entries, controllers enabled at power-on.
     */
    public static SubsystemOptions defaults() {
        return new SubsystemOptions(SMBUS_MAX_TU, Sfreq.KHZ_400, "nvme-hil", 256, 5, 1, 0x0F, 4, 4, 4,
                343, 358, 64, true);
    }

    public SubsystemOptions withMmtus(int v) {
        return new SubsystemOptions(v, msmbfreq, manufacturer, vpdSize, mdts, pcieMps, pcieSupportedSpeeds,
                pcieLinkSpeed, pcieMaxWidth, pcieNegotiatedWidth, wctempKelvin, cctempKelvin, errorLogEntries,
                enabledAtPowerOn);
    }

    public SubsystemOptions withMsmbfreq(Sfreq v) {
        return new SubsystemOptions(mmtus, v, manufacturer, vpdSize, mdts, pcieMps, pcieSupportedSpeeds,
                pcieLinkSpeed, pcieMaxWidth, pcieNegotiatedWidth, wctempKelvin, cctempKelvin, errorLogEntries,
                enabledAtPowerOn);
    }

    public SubsystemOptions withVpdSize(int v) {
        return new SubsystemOptions(mmtus, msmbfreq, manufacturer, v, mdts, pcieMps, pcieSupportedSpeeds,
                pcieLinkSpeed, pcieMaxWidth, pcieNegotiatedWidth, wctempKelvin, cctempKelvin, errorLogEntries,
                enabledAtPowerOn);
    }

    public SubsystemOptions withControllersEnabled(boolean v) {
        return new SubsystemOptions(mmtus, msmbfreq, manufacturer, vpdSize, mdts, pcieMps, pcieSupportedSpeeds,
                pcieLinkSpeed, pcieMaxWidth, pcieNegotiatedWidth, wctempKelvin, cctempKelvin, errorLogEntries, v);
    }

    /** PCIe Port Information link fields: MPS code, supported-speeds vector, current speed, max and negotiated width. */
    public SubsystemOptions withPcieLink(int mps, int speeds, int speed, int maxWidth, int width) {
        return new SubsystemOptions(mmtus, msmbfreq, manufacturer, vpdSize, mdts, mps, speeds, speed, maxWidth, width,
                wctempKelvin, cctempKelvin, errorLogEntries, enabledAtPowerOn);
    }
}
