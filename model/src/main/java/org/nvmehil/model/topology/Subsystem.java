package org.nvmehil.model.topology;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.Ctemp;
import org.nvmehil.protocol.mi.Sfreq;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The reference NVM subsystem, in the spirit of nvme-mi-dev's model: ports, controllers and namespaces
 * built from lab-config ({@code model.identity}, {@code health}, {@code topology}, {@code personality}
 * and {@code dut.mi} for the two-wire port), plus the subsystem-wide state the management endpoint
 * reports: NSS bits, the composite controller status flags (CCS, MI 1.2 §5.6) and the VPD.
 *
 * <p>Shape: PCIe ports get IDs 0..p-1, two-wire ports p..p+t-1 (the ME sits on the first two-wire port);
 * controllers 0..n-1 all sit on PCIe port 0; namespaces get NSIDs 1..m in lab-config order.
 *
 * <p>Health values are per controller and mutable (tests and faults change them); composite values
 * are the worst over the controllers. Every method locks this object, and so does the management
 * endpoint while it handles a message, so a test may change the model from another thread.
 */
public final class Subsystem {
    /** NVMe-MI version the model implements (NVM Subsystem Information MJR/MNR). */
    public static final int MI_MAJOR = 1;
    public static final int MI_MINOR = 2;
    /** NVMe-MI default ME address, used when lab-config has no SMBus binding. */
    public static final int DEFAULT_ME_ADDRESS = 0x1D;
    /** Identify Controller offsets of ELPE and power state descriptor 0 (NVMe Base 2.0). */
    public static final int ELPE_OFFSET = 262;
    public static final int PSD0_OFFSET = 2048;
    /** Power state 0 maximum power, in centiwatts. */
    public static final int PSD0_MAX_POWER_CW = 2500;

    private final LabConfig config;
    private final SubsystemOptions options;
    private final List<Port> ports = new ArrayList<>();
    private final List<Controller> controllers = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private final Vpd vpd;
    private final Set<CcsFlag> ccs = EnumSet.noneOf(CcsFlag.class);
    private boolean driveFunctional;
    private boolean resetNotRequired;

    private Subsystem(LabConfig config, SubsystemOptions options) {
        this.config = config;
        this.options = options;
        LabConfig.Topology t = config.model().topology();
        if (t.pciePorts() < 0 || t.twoWirePorts() < 0 || t.pciePorts() + t.twoWirePorts() > 256) {
            throw new IllegalArgumentException("PORTID is 8 bits: at most 256 ports, got " + t.pciePorts() + " PCIe + "
                    + t.twoWirePorts() + " two-wire");
        }
        if (t.controllers() > 0 && t.pciePorts() == 0) {
            throw new IllegalArgumentException("controllers sit on PCIe port 0, but there is no PCIe port");
        }
        for (int i = 0; i < t.pciePorts(); i++) {
            ports.add(new PciePort(this, i, i));
        }
        for (int i = 0; i < t.twoWirePorts(); i++) {
            ports.add(new TwoWirePort(this, t.pciePorts() + i, i == 0));
        }
        for (int i = 0; i < t.controllers(); i++) {
            controllers.add(new Controller(this, i, 0));
        }
        long nsid = 1;
        for (LabConfig.Namespace n : t.namespaces()) {
            for (int c : n.attachedTo()) {
                if (c < 0 || c >= t.controllers()) {
                    throw new IllegalArgumentException("namespace " + nsid + " is attached to controller " + c
                            + ", which does not exist");
                }
            }
            namespaces.add(new Namespace(this, nsid++, n.blocks(), n.blockSize(), n.attachedTo()));
        }
        vpd = new Vpd(this, buildVpd(), config.model().personality().vpdWriteLimit());
        powerOn();
    }

    public static Subsystem fromConfig(LabConfig config) {
        return new Subsystem(config, SubsystemOptions.defaults());
    }

    public static Subsystem fromConfig(LabConfig config, SubsystemOptions options) {
        return new Subsystem(config, options);
    }

    private Bytes buildVpd() {
        LabConfig.Identity id = config.model().identity();
        List<FruImage.PciePortRecord> pcie = new ArrayList<>();
        for (PciePort p : pciePorts()) {
            pcie.add(new FruImage.PciePortRecord(p.portNumber(), p.supportedSpeeds(), p.maxWidth()));
        }
        return FruImage.build(options.vpdSize(),
                List.of(options.manufacturer(), id.mn(), id.mn(), id.fr(), id.sn(), "", ""), totalCapacity(), pcie);
    }

    /** Model power-on: every port, controller, namespace, the VPD and the composite flags from lab-config. */
    public synchronized void powerOn() {
        ports.forEach(Port::powerOn);
        controllers.forEach(Controller::powerOn);
        namespaces.forEach(Namespace::powerOn);
        vpd.powerOn();
        ccs.clear();
        driveFunctional = true;
        resetNotRequired = true;
    }

    /**
     * NVM Subsystem Reset (MI 1.2 §5.8): controllers restart and report NSSRO; the composite flags
     * restart with NSSRO set. VPD, health values, namespaces and port settings are kept.
     */
    public synchronized void nvmSubsystemReset() {
        ccs.clear();
        controllers.forEach(Controller::subsystemReset);
        ccs.add(CcsFlag.NSSRO);
    }

    /** NVMe-MI Shutdown (MI 1.2 §5.11): every controller reports shutdown processing complete. */
    public synchronized void shutdown() {
        controllers.forEach(c -> c.setShutdownStatus(Controller.SHST_COMPLETE));
    }

    public LabConfig config() {
        return config;
    }

    public SubsystemOptions options() {
        return options;
    }

    public LabConfig.Identity identity() {
        return config.model().identity();
    }

    // ------------------------------------------------------------------ shape

    public List<Port> ports() {
        return List.copyOf(ports);
    }

    public Optional<Port> port(int id) {
        return id >= 0 && id < ports.size() ? Optional.of(ports.get(id)) : Optional.empty();
    }

    public List<PciePort> pciePorts() {
        List<PciePort> l = new ArrayList<>();
        for (Port p : ports) {
            if (p instanceof PciePort) {
                l.add((PciePort) p);
            }
        }
        return l;
    }

    public List<TwoWirePort> twoWirePorts() {
        List<TwoWirePort> l = new ArrayList<>();
        for (Port p : ports) {
            if (p instanceof TwoWirePort) {
                l.add((TwoWirePort) p);
            }
        }
        return l;
    }

    /** The two-wire port hosting the management endpoint, if there is a two-wire port. */
    public Optional<TwoWirePort> managementPort() {
        return twoWirePorts().stream().filter(TwoWirePort::hostsManagementEndpoint).findFirst();
    }

    public List<Controller> controllers() {
        return List.copyOf(controllers);
    }

    public Optional<Controller> controller(int id) {
        return id >= 0 && id < controllers.size() ? Optional.of(controllers.get(id)) : Optional.empty();
    }

    public List<Namespace> namespaces() {
        return List.copyOf(namespaces);
    }

    public Optional<Namespace> namespace(long nsid) {
        return nsid >= 1 && nsid <= namespaces.size() ? Optional.of(namespaces.get((int) nsid - 1)) : Optional.empty();
    }

    /** NN: the largest valid NSID. */
    public long maxNsid() {
        return namespaces.size();
    }

    public Vpd vpd() {
        return vpd;
    }

    /** Sum of the namespace sizes in bytes (TNVMCAP). */
    public BigInteger totalCapacity() {
        BigInteger s = BigInteger.ZERO;
        for (Namespace n : namespaces) {
            s = s.add(n.capacityBytes());
        }
        return s;
    }

    /** CMEADDR of the ME's port: lab-config {@code dut.mi.smbus.deviceAddr}, else 1Dh. */
    int meAddress() {
        return config.dut().mi().flatMap(LabConfig.Mi::smbus).map(LabConfig.Smbus::deviceAddr)
                .orElse(DEFAULT_ME_ADDRESS);
    }

    /** The SMBus frequency code the bus starts at: lab-config {@code dut.mi.smbus.clockHz} rounded down. */
    int initialSfreq() {
        int hz = config.dut().mi().flatMap(LabConfig.Mi::smbus).map(LabConfig.Smbus::clockHz)
                .orElse(Sfreq.KHZ_100.hertz);
        if (hz >= Sfreq.MHZ_1.hertz) {
            return Sfreq.MHZ_1.code;
        }
        return hz >= Sfreq.KHZ_400.hertz ? Sfreq.KHZ_400.code : Sfreq.KHZ_100.code;
    }

    // ------------------------------------------------------------------ composite health

    void raiseComposite(CcsFlag f) {
        synchronized (this) {
            ccs.add(f);
        }
    }

    /** The composite controller status flags (sticky until CS or Configuration Set CID 02h). */
    public synchronized Set<CcsFlag> compositeFlags() {
        return ccs.isEmpty() ? EnumSet.noneOf(CcsFlag.class) : EnumSet.copyOf(ccs);
    }

    /** CCS word of the health poll (bit 3 reserved). */
    public synchronized int ccs() {
        return CcsFlag.ccs(ccs);
    }

    public synchronized void clearComposite(Set<CcsFlag> flags) {
        ccs.removeAll(flags);
    }

    public synchronized void clearComposite() {
        ccs.clear();
    }

    public synchronized boolean driveFunctional() {
        return driveFunctional;
    }

    public synchronized void setDriveFunctional(boolean v) {
        driveFunctional = v;
    }

    public synchronized boolean resetNotRequired() {
        return resetNotRequired;
    }

    public synchronized void setResetNotRequired(boolean v) {
        resetNotRequired = v;
    }

    /**
     * NSS: DF (bit 5) unless the drive is marked not functional or a controller reports CFS; RNR (4);
     * P0LA/P1LA (3/2) when PCIe port 0/1 has an active link. Bits 7:6, 1 and 0 are 0 (reserved or MI 2.x).
     */
    public synchronized int nss() {
        boolean df = driveFunctional && controllers.stream().noneMatch(Controller::fatal);
        int v = (df ? SubsystemHealthStatus.NSS_DF : 0) | (resetNotRequired ? SubsystemHealthStatus.NSS_RNR : 0);
        List<PciePort> p = pciePorts();
        if (!p.isEmpty() && p.get(0).linkActive()) {
            v |= SubsystemHealthStatus.NSS_P0LA;
        }
        if (p.size() > 1 && p.get(1).linkActive()) {
            v |= SubsystemHealthStatus.NSS_P1LA;
        }
        return v;
    }

    /** OR of the controllers' effective SMART critical warnings. */
    public synchronized int criticalWarning() {
        int cw = 0;
        for (Controller c : controllers) {
            cw |= c.criticalWarning();
        }
        return cw;
    }

    /** The hottest controller's temperature in °C; empty without controllers. */
    public synchronized Optional<Integer> compositeTemperatureCelsius() {
        return controllers.stream().map(Controller::temperatureCelsius).max(Integer::compare);
    }

    /**
     * The NVM Subsystem Health Data Structure (MI 1.2 §5.6): NSS, SW (critical warnings inverted, active
     * low, bits 5:0), CTEMP (hottest controller, 8-bit code; 80h without controllers), PDLU (highest),
     * CCS.
     */
    public synchronized SubsystemHealthStatus healthStatus() {
        int ctemp = compositeTemperatureCelsius().map(Ctemp::encode).orElse(Ctemp.NO_DATA);
        int pdlu = controllers.stream().mapToInt(Controller::pdlu).max().orElse(0);
        return new SubsystemHealthStatus(nss(), SubsystemHealthStatus.swFromCriticalWarning(criticalWarning()),
                ctemp, Math.min(255, pdlu), ccs());
    }

    /** Sets every controller's composite temperature (raises CTEMP, and CWARN on a threshold crossing). */
    public synchronized void setTemperature(int celsius) {
        controllers.forEach(c -> c.setTemperature(celsius));
    }

    public synchronized void setPdlu(int v) {
        controllers.forEach(c -> c.setPdlu(v));
    }

    public synchronized void setSpare(int v) {
        controllers.forEach(c -> c.setSpare(v));
    }

    public synchronized void setCriticalWarning(int bits) {
        controllers.forEach(c -> c.setCriticalWarning(bits));
    }

    // ------------------------------------------------------------------ NVMe data the controllers share

    /** IEEE OUI as the 24-bit value Identify Controller stores little-endian (ac-de-48 → ACDE48h). */
    public int ieeeOui() {
        String[] parts = identity().ieeeOui().split("[-:]");
        int v = 0;
        for (String p : parts) {
            v = v << 8 | Integer.parseInt(p, 16);
        }
        return v & 0xFFFFFF;
    }

    /** Firmware Slot Information: one read-only slot, active, holding {@code identity.fr}. */
    public FirmwareSlotLog firmwareSlotLog() {
        return new FirmwareSlotLog(1, List.of(identity().fr(), "", "", "", "", "", ""));
    }

    /**
     * Identify Controller (NVMe Base 2.0, CNS 01h) fields for {@code c}: PCI and identity fields from
     * lab-config, CNTLID, VER 2.0.0, MDTS from the options, CMIC (MPORTS with several PCIe ports, MCTRS
     * with several controllers), CNTRLTYPE I/O, NVMSR NVMESD, VWCI (valid, VPD writes remaining up to
     * 127), MEC TWPME when a two-wire port hosts the ME, FRMW one read-only slot, LPA extended data
     * (NUMDU, LPOU), WCTEMP/CCTEMP, TNVMCAP, SQES 66h, CQES 44h, NN, SUBNQN.
     */
    public synchronized IdentifyController identifyController(Controller c) {
        LabConfig.Identity id = identity();
        int cmic = (pciePorts().size() > 1 ? 1 : 0) | (controllers.size() > 1 ? 2 : 0);
        int vwci = 0x80 | Math.min(127, vpd.writesRemaining());
        int mec = managementPort().isPresent() ? 1 : 0;
        return IdentifyController.builder().vid(id.vid()).ssvid(id.ssvid()).sn(id.sn()).mn(id.mn()).fr(id.fr())
                .ieee(ieeeOui()).cmic(cmic).mdts(options.mdts()).cntlid(c.id()).ver(0x00020000L).cntrltype(1)
                .nvmsr(1).vwci(vwci).mec(mec).frmw(0x03).lpa(0x04).npss(0).wctemp(options.wctempKelvin())
                .cctemp(options.cctempKelvin()).tnvmcap(totalCapacity()).sqes(0x66).cqes(0x44).nn(maxNsid())
                .subnqn(id.subnqn()).build();
    }

    /**
     * The 4096-byte Identify Controller image: {@link #identifyController} plus fields the record does
     * not carry: ELPE (byte 262, error log entries - 1) and power state descriptor 0 with MP 25 W.
     */
    public synchronized Bytes identifyControllerData(Controller c) {
        byte[] base = new byte[IdentifyController.SIZE];
        base[ELPE_OFFSET] = (byte) (options.errorLogEntries() - 1);
        base[PSD0_OFFSET] = (byte) (PSD0_MAX_POWER_CW & 0xFF);
        base[PSD0_OFFSET + 1] = (byte) (PSD0_MAX_POWER_CW >> 8);
        return identifyController(c).encodeOnto(Bytes.of(base));
    }
}
