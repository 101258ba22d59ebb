package org.nvmehil.model.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ControllerHealth;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.SmartLog;

/**
 * One NVMe I/O controller (PCIe physical function) of the subsystem, with the state the management
 * endpoint reports about it: controller status (CC.EN, CSTS.RDY/CFS/SHST/NSSRO), health values
 * (temperature, life used, spare, SMART critical warnings), the sticky Controller Health Status Changed
 * flags (MI 1.2 §5.3) and the feature values and logs its tunnelled Admin commands reach.
 *
 * <p>Every change of a reported value raises the matching changed flag here and in the subsystem's
 * composite controller status (MI 1.2 §5.6, CCS); the two sets are cleared independently (CCF in the
 * Controller Health Status Poll clears these, CS and Configuration Set CID 02h clear the composite).
 *
 * <p>The effective critical warning adds what the values imply to the configured bits: spare below its
 * threshold sets bit 0, a composite temperature at or beyond a threshold of feature 04h sets bit 1 (NVMe
 * Base 2.0, SMART / Health log, Critical Warning). All methods lock the owning {@link Subsystem}.
 */
public final class Controller {
    /** SHST value "shutdown processing complete" (NVMe Base, CSTS.SHST). */
    public static final int SHST_COMPLETE = 2;

    private final Subsystem subsystem;
    private final int id;
    private final int portId;

    private boolean enabled;
    private boolean fatal;
    private int shst;
    private boolean nssro;
    private int temperatureKelvin;
    private int pdlu;
    private int spare;
    private int spareThreshold;
    private int configuredWarning;
    private final Set<CcsFlag> chsc = EnumSet.noneOf(CcsFlag.class);

    private long powerManagement;
    private int overThresholdKelvin;
    private int underThresholdKelvin;

    private final Deque<ErrorLogEntry> errorLog = new ArrayDeque<>();
    private long errorCount;

    Controller(Subsystem subsystem, int id, int portId) {
        this.subsystem = subsystem;
        this.id = id;
        this.portId = portId;
        powerOn();
    }

    /**
     * Power-on: enabled and ready (unless the options say otherwise), health from lab-config, no changed
     * flags, default features, empty log.
     */
    void powerOn() {
        LabConfig.Health h = subsystem.config().model().health();
        enabled = subsystem.options().enabledAtPowerOn();
        fatal = false;
        shst = 0;
        nssro = false;
        temperatureKelvin = h.ctempCelsius() + 273;
        pdlu = Math.max(0, Math.min(255, h.pdlu()));
        spare = Math.max(0, Math.min(100, h.spare()));
        spareThreshold = Math.max(0, Math.min(100, h.spareThreshold()));
        configuredWarning = h.criticalWarning() & 0xFF;
        chsc.clear();
        defaultFeatures();
        errorLog.clear();
        errorCount = 0;
    }

    /**
     * NVM Subsystem Reset (MI 1.2 §5.8): the controller restarts (enabled as at power-on, shutdown state
     * and fatal status cleared, features at their defaults), reports CSTS.NSSRO and raises its NSSRO
     * changed flag. Health values and the error log persist.
     */
    void subsystemReset() {
        enabled = subsystem.options().enabledAtPowerOn();
        fatal = false;
        shst = 0;
        nssro = true;
        chsc.clear();
        defaultFeatures();
        chsc.add(CcsFlag.NSSRO);
    }

    private void defaultFeatures() {
        powerManagement = 0;
        overThresholdKelvin = subsystem.options().wctempKelvin();
        underThresholdKelvin = 0;
    }

    private void raise(CcsFlag f) {
        chsc.add(f);
        subsystem.raiseComposite(f);
    }

    public int id() {
        return id;
    }

    /** The PCIe port the controller sits on. */
    public int portId() {
        return portId;
    }

    // ------------------------------------------------------------------ controller status

    public boolean enabled() {
        synchronized (subsystem) {
            return enabled;
        }
    }

    /** CSTS.RDY follows CC.EN at once in this model. */
    public boolean ready() {
        synchronized (subsystem) {
            return enabled;
        }
    }

    /** Sets CC.EN (as an in-band host would): raises CECO, and RDY when readiness changes. */
    public void setEnabled(boolean en) {
        synchronized (subsystem) {
            if (en == enabled) {
                return;
            }
            enabled = en;
            raise(CcsFlag.CECO);
            raise(CcsFlag.RDY);
        }
    }

    public boolean fatal() {
        synchronized (subsystem) {
            return fatal;
        }
    }

    /** Sets CSTS.CFS (controller fatal status); raises CFS on a change. */
    public void setFatal(boolean v) {
        synchronized (subsystem) {
            if (v != fatal) {
                fatal = v;
                raise(CcsFlag.CFS);
            }
        }
    }

    public int shutdownStatus() {
        synchronized (subsystem) {
            return shst;
        }
    }

    /** Sets CSTS.SHST (0 normal, 1 in progress, 2 complete); raises SHST on a change. */
    public void setShutdownStatus(int v) {
        if (v < 0 || v > 2) {
            throw new IllegalArgumentException("SHST " + v + " is reserved");
        }
        synchronized (subsystem) {
            if (v != shst) {
                shst = v;
                raise(CcsFlag.SHST);
            }
        }
    }

    public boolean nssro() {
        synchronized (subsystem) {
            return nssro;
        }
    }

    /** A namespace attribute changed (raises NAC, reported in CSTS bit 6 of the health entry). */
    public void namespaceAttributeChanged() {
        synchronized (subsystem) {
            raise(CcsFlag.NAC);
        }
    }

    /** New firmware was activated (raises FA, reported in CSTS bit 7 of the health entry). */
    public void firmwareActivated() {
        synchronized (subsystem) {
            raise(CcsFlag.FA);
        }
    }

    // ------------------------------------------------------------------ health values

    public int temperatureKelvin() {
        synchronized (subsystem) {
            return temperatureKelvin;
        }
    }

    public int temperatureCelsius() {
        return temperatureKelvin() - 273;
    }

    /** Sets the composite temperature; raises CTEMP on a change and CWARN if a threshold is crossed. */
    public void setTemperature(int celsius) {
        setTemperatureKelvin(celsius + 273);
    }

    public void setTemperatureKelvin(int kelvin) {
        if (kelvin < 0 || kelvin > 0xFFFF) {
            throw new IllegalArgumentException("temperature " + kelvin + " K out of range");
        }
        synchronized (subsystem) {
            int cw = criticalWarning();
            if (kelvin != temperatureKelvin) {
                temperatureKelvin = kelvin;
                raise(CcsFlag.CTEMP);
            }
            warningCheck(cw);
        }
    }

    public int pdlu() {
        synchronized (subsystem) {
            return pdlu;
        }
    }

    /** Percentage drive life used (0-255, saturating); raises PDLU on a change. */
    public void setPdlu(int v) {
        synchronized (subsystem) {
            int c = Math.max(0, Math.min(255, v));
            if (c != pdlu) {
                pdlu = c;
                raise(CcsFlag.PDLU);
            }
        }
    }

    public int spare() {
        synchronized (subsystem) {
            return spare;
        }
    }

    /** Available spare, percent (0-100); raises SPARE on a change and CWARN if the threshold is crossed. */
    public void setSpare(int v) {
        synchronized (subsystem) {
            int cw = criticalWarning();
            int c = Math.max(0, Math.min(100, v));
            if (c != spare) {
                spare = c;
                raise(CcsFlag.SPARE);
            }
            warningCheck(cw);
        }
    }

    public int spareThreshold() {
        synchronized (subsystem) {
            return spareThreshold;
        }
    }

    /** The configured SMART critical warning bits (those the values do not imply). */
    public int configuredWarning() {
        synchronized (subsystem) {
            return configuredWarning;
        }
    }

    /** Sets the configured critical warning bits; raises CWARN when the effective warning changes. */
    public void setCriticalWarning(int bits) {
        synchronized (subsystem) {
            int cw = criticalWarning();
            configuredWarning = bits & 0xFF;
            warningCheck(cw);
        }
    }

    /** Effective SMART critical warning: configured bits plus spare and temperature conditions. */
    public int criticalWarning() {
        synchronized (subsystem) {
            int cw = configuredWarning;
            if (spare < spareThreshold) {
                cw |= SmartLog.CW_SPARE;
            }
            if (temperatureKelvin >= overThresholdKelvin || temperatureKelvin <= underThresholdKelvin) {
                cw |= SmartLog.CW_TEMPERATURE;
            }
            return cw;
        }
    }

    private void warningCheck(int before) {
        if (criticalWarning() != before) {
            raise(CcsFlag.CWARN);
        }
    }

    // ------------------------------------------------------------------ changed flags

    /** The Controller Health Status Changed flags (same flag names as CCS). */
    public Set<CcsFlag> changedFlags() {
        synchronized (subsystem) {
            return chsc.isEmpty() ? EnumSet.noneOf(CcsFlag.class) : EnumSet.copyOf(chsc);
        }
    }

    /** CCF of the Controller Health Status Poll: clears this controller's changed flags only. */
    public void clearChangedFlags() {
        synchronized (subsystem) {
            chsc.clear();
        }
    }

    /**
     * The CSTS field of the Controller Health Data Structure: RDY, CFS, SHST (3:2) and NSSRO from the
     * controller; CECO, NAC and FA from the changed flags.
     */
    public int healthCsts() {
        synchronized (subsystem) {
            int v = (enabled ? ControllerHealth.CSTS_RDY : 0) | (fatal ? ControllerHealth.CSTS_CFS : 0) | shst << 2
                    | (nssro ? ControllerHealth.CSTS_NSSRO : 0);
            if (chsc.contains(CcsFlag.CECO)) {
                v |= ControllerHealth.CSTS_CECO;
            }
            if (chsc.contains(CcsFlag.NAC)) {
                v |= ControllerHealth.CSTS_NAC;
            }
            if (chsc.contains(CcsFlag.FA)) {
                v |= ControllerHealth.CSTS_FA;
            }
            return v;
        }
    }

    /**
     * The 16-byte Controller Health Data Structure (MI 1.2 §5.3). CHSC (bytes 9-10) is left zero: it is
     * reserved in MI 1.2 and only defined from MI 2.0.
     */
    public ControllerHealth health() {
        synchronized (subsystem) {
            return new ControllerHealth(id, healthCsts(), Math.min(temperatureKelvin, 0xFFFF), pdlu, spare,
                    criticalWarning() & ControllerHealth.CWARN_DEFINED, 0);
        }
    }

    // ------------------------------------------------------------------ features

    /** Feature 02h (Power Management) value: PS bits 4:0, WH bits 7:5. */
    public long powerManagement() {
        synchronized (subsystem) {
            return powerManagement;
        }
    }

    public void setPowerManagement(long v) {
        synchronized (subsystem) {
            powerManagement = v;
        }
    }

    /** Feature 04h composite temperature threshold: {@code under} false = over-temperature (THSEL 0). */
    public int temperatureThreshold(boolean under) {
        synchronized (subsystem) {
            return under ? underThresholdKelvin : overThresholdKelvin;
        }
    }

    /** The over-temperature threshold after power-on or reset: WCTEMP. */
    public int defaultOverTemperatureThreshold() {
        return subsystem.options().wctempKelvin();
    }

    /** Sets a composite temperature threshold; raises CWARN if the effective warning changes. */
    public void setTemperatureThreshold(boolean under, int kelvin) {
        synchronized (subsystem) {
            int cw = criticalWarning();
            if (under) {
                underThresholdKelvin = kelvin;
            } else {
                overThresholdKelvin = kelvin;
            }
            warningCheck(cw);
        }
    }

    // ------------------------------------------------------------------ error log

    /**
     * Adds an Error Information log entry (newest first), as a test or fault would; the model itself logs
     * nothing. ERRCNT is the next error count; {@code statusField} is the 15-bit NVMe status (as in CQE
     * DW3 31:17, stored in SF bits 15:1); {@code pel} is the entry's parameter error location. The log keeps
     * {@link SubsystemOptions#errorLogEntries()} entries.
     */
    public ErrorLogEntry logError(int sqid, int cmdid, int statusField, int pel, long lba, long nsid) {
        synchronized (subsystem) {
            errorCount++;
            ErrorLogEntry e = new ErrorLogEntry(errorCount, sqid, cmdid, statusField << 1 & 0xFFFF, pel, lba, nsid,
                    0, 0, 0, 0);
            errorLog.addFirst(e);
            while (errorLog.size() > subsystem.options().errorLogEntries()) {
                errorLog.removeLast();
            }
            return e;
        }
    }

    /** Error log entries, newest first. */
    public List<ErrorLogEntry> errorLog() {
        synchronized (subsystem) {
            return List.copyOf(new ArrayList<>(errorLog));
        }
    }

    /** Errors logged since power-on (the SMART "Number of Error Information Log Entries"). */
    public long errorCount() {
        synchronized (subsystem) {
            return errorCount;
        }
    }
}
