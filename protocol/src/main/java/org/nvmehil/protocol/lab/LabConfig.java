package org.nvmehil.protocol.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The lab configuration ({@code lab-config.yaml}): which DUT, how to reach it, every duration a test
 * uses, and the reference model's identity and personality. Pure data; the YAML loader lives in
 * {@code fixtures} and fills every default, so no field here is null unless documented.
 *
 * @param lab              lab or bench name, printed in the report
 * @param mode             {@link Mode#MODEL} (built-in reference device) or {@link Mode#HARDWARE}
 * @param allowDestructive whether tests may send commands that change or destroy DUT state
 * @param dut              how to reach the device under test
 * @param timing           every duration any test uses
 * @param model            identity, topology and personality of the reference model
 * @param source           where this configuration was read from (for messages and the report)
 */
public record LabConfig(String lab, Mode mode, boolean allowDestructive, Dut dut, Timing timing, Model model,
                        String source) {

    public enum Mode {
        MODEL, HARDWARE;

        /** The YAML spelling. */
        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param mi absent when the DUT is reached only over NVMe/TCP; @param tcp absent when only over MI */
    public record Dut(String name, Optional<Mi> mi, Optional<Tcp> tcp) {
    }

    public enum Binding {
        SMBUS, SERIAL;

        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * NVMe-MI over MCTP.
     *
     * @param driver  link driver id: {@code model}, {@code linux-i2c} or {@code usb-serial}
     * @param binding MCTP transport binding
     * @param smbus   present when {@code binding} is SMBUS
     * @param serial  present when {@code binding} is SERIAL
     * @param mtu     MCTP transmission unit the host starts with (64 = baseline)
     */
    public record Mi(String driver, Binding binding, Optional<Smbus> smbus, Optional<Serial> serial, Eid eid, int mtu) {
    }

    /** @param bus /dev/i2c-N number; @param deviceAddr and @param hostAddr 7-bit addresses */
    public record Smbus(int bus, int deviceAddr, int hostAddr, int clockHz) {
    }

    public record Serial(String port, int baud) {
    }

    /** @param device 00h means "not yet assigned" (the suite assigns one with Set Endpoint ID) */
    public record Eid(int host, int device) {
    }

    public record Tcp(String driver, String host, int port, String subnqn, String hostnqn, boolean headerDigest,
                      boolean dataDigest) {
    }

    /**
     * Durations. Every wait in the suites comes from here; on the model a virtual clock makes them cost no
     * wall time.
     *
     * @param responseTimeout        how long to wait for an NVMe-MI response (or an MPR) to a command
     * @param controlResponseTimeout how long to wait for an MCTP control response (DSP0237 MT1 is 100 ms)
     * @param silenceWindow          how long "no response" must last to count as a silent drop
     * @param mprtMax                cap on a More Processing Required wait, whatever MPRT says
     * @param reassemblyTimeout      after this, a partial MCTP message is discarded
     * @param interCommandDelay      pause between a response and the next command (slow-device quirk)
     * @param tcpConnectTimeout      NVMe/TCP connection establishment limit
     * @param tcpIoTimeout           NVMe/TCP per-exchange limit
     * @param testWatchdog           a test still running after this is stopped and reported broken
     * @param linkReopenWait         how long a hardware NVMe-MI link that failed is tried again before the DUT counts
     *                               as down (a USB adapter re-enumerating)
     */
    public record Timing(Duration responseTimeout, Duration controlResponseTimeout, Duration silenceWindow,
                         Duration mprtMax, Duration reassemblyTimeout, Duration interCommandDelay,
                         Duration tcpConnectTimeout, Duration tcpIoTimeout, Duration testWatchdog,
                         Duration linkReopenWait) {
    }

    /**
     * @param faults armed on the model's NVMe-MI endpoint for the whole run, every time (a deliberately failing run,
     *               to see what a failure looks like in the report); empty normally
     * @param dying  how the model dies during the run, counted over the whole run (reliability drills); empty normally
     */
    public record Model(Identity identity, Health health, Topology topology, Personality personality,
                        java.util.List<org.nvmehil.protocol.fault.Fault> faults,
                        java.util.List<org.nvmehil.protocol.fault.Dying> dying) {
        public Model {
            faults = java.util.List.copyOf(faults);
            dying = java.util.List.copyOf(dying);
        }

        public Model(Identity identity, Health health, Topology topology, Personality personality) {
            this(identity, health, topology, personality, java.util.List.of(), java.util.List.of());
        }
    }

    /**
     * DUT identity as the model reports it.
     *
     * @param ieeeOui IEEE OUI, e.g. {@code ac-de-48}
     * @param uuid    MCTP endpoint UUID (RFC 4122 text form)
     */
    public record Identity(int vid, int did, int ssvid, int ssid, String sn, String mn, String fr, String ieeeOui,
                           String subnqn, String uuid) {
    }

    /**
     * @param ctempCelsius    composite temperature
     * @param pdlu            percentage drive life used (0–255)
     * @param spare           available spare, percent (0–100)
     * @param spareThreshold  available spare threshold, percent
     * @param criticalWarning SMART critical warning bits (0 = healthy)
     */
    public record Health(int ctempCelsius, int pdlu, int spare, int spareThreshold, int criticalWarning) {
    }

    /**
     * Subsystem shape in the spirit of nvme-mi-dev.
     *
     * @param pciePorts    number of PCIe ports
     * @param twoWirePorts number of two-wire (SMBus/I2C) ports; the ME sits on the first
     * @param controllers  number of controllers (IDs 0..n-1), all on the first PCIe port
     * @param namespaces   namespaces with their size and the controllers they are attached to
     */
    public record Topology(int pciePorts, int twoWirePorts, int controllers, List<Namespace> namespaces) {
    }

    /** @param blocks size in logical blocks; @param blockSize bytes per block; @param attachedTo controller IDs */
    public record Namespace(long blocks, int blockSize, List<Integer> attachedTo) {
    }

    /**
     * Legal variation of the model (not faults).
     *
     * @param responseLatency model time between a Command Message completing and its response being ready (the
     *                        slot's Process state); control primitive and MCTP control responses are not delayed
     * @param mprResponses    how many Command Messages after reset first get one More Processing Required
     *                        response, then the real answer
     * @param mprt            MPRT the model advertises in an MPR, and the model time the real answer then takes
     * @param vpdWriteLimit   VPD writes accepted before 20h VPD Updates Exceeded
     * @param mebSize         Management Endpoint Buffer size in bytes (0 = no MEB)
     * @param basicManagement whether the NVMe Basic Management Command is answered at 6Ah
     */
    public record Personality(Duration responseLatency, int mprResponses, Duration mprt, int vpdWriteLimit,
                              int mebSize, boolean basicManagement) {
    }
}
