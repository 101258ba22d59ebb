package org.nvmehil.model.link;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.model.fault.Deaths;
import org.nvmehil.model.fault.FaultInjector;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.model.mi.ManagementEndpoint;
import org.nvmehil.model.mi.MiHandler;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.model.serial.SerialTarget;
import org.nvmehil.model.smbus.BasicManagementDevice;
import org.nvmehil.model.smbus.SmbusTarget;
import org.nvmehil.model.time.VirtualClock;
import org.nvmehil.protocol.fault.Dying;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.lab.SmbusBlockReader;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The reference model behind the {@link Link} SPI: an NVMe-MI endpoint on an SMBus or a serial line (the
 * lab-config's {@code dut.mi.binding}), in process, on model time (design guide §4.7–4.8). On SMBus a unit sent is
 * one block write and a unit received one frame; on serial both are bytes of the line (a unit received is one
 * whole frame, flags included).
 *
 * <h2>Virtual time</h2>
 * {@link #send} processes the frame at once, at the current model time. Responses go to the
 * {@link CommandSlots}, which hold the slot timeline and the one outgoing wire: a Command Message's response is
 * ready {@code personality.responseLatency} after the message completed (after an MPR: {@code personality.mprt}),
 * control responses at once, plus any {@link org.nvmehil.protocol.fault.Fault.LateResponse}; each frame then
 * takes its wire time ({@link SmbusTarget#wireNanos}, {@link SerialTarget#wireNanos}) and is delivered when its last bit is sent.
 * {@link #receive} steps model time from event to event (a frame delivered, a response ready, a partial
 * message timed out) and returns the first frame delivered within the timeout, leaving model time at its
 * delivery; otherwise it moves model time on by the whole timeout and returns empty. It never waits in wall
 * time. Reassembly timeouts are evaluated whenever model time moves.
 *
 * <p>Thread-safe: every operation holds the link's lock.
 */
public final class ModelLink implements Link, ModelControl, SmbusBlockReader {

    private final LabConfig config;
    private final LabConfig.Mi mi;
    private final VirtualClock clock = new VirtualClock();
    private final EventLog events = new EventLog(clock);
    private final FaultInjector faults = new FaultInjector(events);
    private final CommandSlots slots;
    private final EndpointState state;
    private final MiHandler me;
    private final MctpEndpointCore core;
    /** The SMBus shell, or null on a serial binding. */
    private final SmbusTarget smbusTarget;
    /** The serial shell, or null on an SMBus binding. */
    private final SerialTarget serialTarget;
    /** lab-config {@code model.dying}: counted over the whole run, untouched by {@link #reset()}. */
    private final Deaths deaths;
    private boolean closed;

    /** The model with the real Management Endpoint and default {@link MctpEndpointCore.Options}. */
    public ModelLink(LabConfig config) {
        this(config, MctpEndpointCore.Options.defaults(), ManagementEndpoint::create);
    }

    /**
     * @param meFactory builds the Management Endpoint over the shared endpoint state (tests pass their own)
     * @throws Link.LinkException when the configuration has no SMBus MI section
     */
    public ModelLink(LabConfig config, MctpEndpointCore.Options options,
                     BiFunction<LabConfig, EndpointState, MiHandler> meFactory) {
        this.config = Objects.requireNonNull(config, "config");
        this.mi = config.dut().mi().orElseThrow(() -> new Link.LinkException(
                "model: lab-config has no dut.mi section, so there is no NVMe-MI endpoint to model"));
        boolean serial = mi.binding() == LabConfig.Binding.SERIAL;
        Optional<LabConfig.Smbus> smbus = mi.smbus();
        Optional<LabConfig.Serial> line = mi.serial();
        if (serial ? line.isEmpty() : smbus.isEmpty()) {
            throw new Link.LinkException("model: dut.mi." + (serial ? "serial" : "smbus") + " is missing");
        }
        ToLongFunction<Bytes> wire = serial
                ? f -> SerialTarget.wireNanos(f.length(), line.get().baud())
                : f -> SmbusTarget.wireNanos(f.length(), smbus.get().clockHz());
        this.slots = new CommandSlots(wire, events.slotTrace(), faults::fires);
        this.state = new EndpointState(mi.eid().device(), slots);
        this.me = Objects.requireNonNull(meFactory.apply(config, state), "Management Endpoint");
        this.core = new MctpEndpointCore(config, options, state, me, faults, events, clock);
        Optional<BasicManagementDevice> bm = config.model().personality().basicManagement()
                ? Optional.of(new BasicManagementDevice(config)) : Optional.empty();
        this.smbusTarget = serial ? null : new SmbusTarget(smbus.get().deviceAddr(), core, faults, state, events, bm);
        this.serialTarget = serial ? new SerialTarget(core, faults, state, events) : null;
        this.deaths = new Deaths(config.model().dying(), false);
        armConfiguredFaults();
    }

    /** {@code model.faults}: armed for the whole run, again after every reset (a deliberately failing run). */
    private void armConfiguredFaults() {
        config.model().faults().forEach(f -> faults.arm(FaultRule.always(f)));
    }

    /** The shared endpoint state (EID, MTU, MES flags, command slots), for tests. */
    public EndpointState endpointState() {
        return state;
    }

    /** The command slots and the outgoing wire, for tests (read their state only under this link's lock). */
    public CommandSlots slots() {
        return slots;
    }

    // ------------------------------------------------------------------ Link

    @Override
    public synchronized void send(Bytes unit) {
        checkOpen();
        Objects.requireNonNull(unit, "unit");
        core.expire();
        switch (deaths.onUnit()) {
            case UNPLUGGED -> throw gone();
            case IGNORE -> {
                events.info("model.dying: silent, unit " + deaths.units() + " ignored", unit);
                return;
            }
            case RESET -> {
                powerCycle("model.dying: unit " + deaths.units() + " power-cycles the endpoint");
                return;
            }
            default -> { }
        }
        if (serialTarget != null) {
            serialTarget.onBytes(unit);
        } else {
            smbusTarget.onWrite(unit);
        }
        slots.advanceTo(clock.nanos()); // what is due now starts on the wire
    }

    @Override
    public synchronized Optional<Bytes> receive(Duration timeout) {
        checkOpen();
        if (deaths.unplugged()) {
            throw gone();
        }
        Duration wait = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
        long deadline = saturatedAdd(clock.nanos(), wait);
        while (true) {
            Optional<CommandSlots.Delivered> d = slots.poll();
            if (d.isPresent()) {
                return Optional.of(d.get().frame());
            }
            long next = slots.nextEventAt();
            if (next > deadline) {
                break;
            }
            advance(Math.max(next, clock.nanos()));
        }
        advance(deadline);
        return slots.poll().map(CommandSlots.Delivered::frame);
    }

    /** Moves model time to {@code t}: reassembly timeouts, then every slot and wire event up to {@code t}. */
    private void advance(long t) {
        clock.advanceTo(Duration.ofNanos(t));
        core.expire();
    }

    private static long saturatedAdd(long now, Duration d) {
        try {
            return Math.addExact(now, d.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public synchronized Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("driver", ModelLinkFactory.DRIVER_ID);
        m.put("binding", mi.binding().yaml());
        mi.smbus().filter(x -> smbusTarget != null).ifPresent(x -> {
            m.put("deviceAddr", String.format("0x%02x", x.deviceAddr()));
            m.put("hostAddr", String.format("0x%02x", x.hostAddr()));
        });
        mi.serial().filter(x -> serialTarget != null).ifPresent(x -> m.put("baud", Integer.toString(x.baud())));
        m.put("deviceEid", String.format("0x%02x", state.eid()));
        m.put("hostEid", String.format("0x%02x", mi.eid().host()));
        m.put("mtu", Integer.toString(state.mtu()));
        m.put("basicManagement", Boolean.toString(config.model().personality().basicManagement()));
        m.put("clock", "virtual");
        if (deaths.planned()) {
            m.put("dying", config.model().dying().stream().map(Dying::label).toList() + ", " + deaths.units()
                    + " NVMe-MI units so far");
        }
        return m;
    }

    @Override
    public synchronized void close() {
        closed = true;
        slots.clear();
    }

    /**
     * Whether the device is unplugged ({@code model.dying: [Unplug(at, calls)]}) for one more call; asking spends
     * that call, as a send or receive would.
     */
    public synchronized boolean unplugged() {
        return deaths.unplugged();
    }

    private Link.LinkException gone() {
        return new Link.LinkException("model: the device is gone (model.dying " + config.model().dying().stream()
                .filter(d -> d instanceof Dying.Unplug).map(Dying::label).findFirst().orElse("Unplug") + ")");
    }

    private void checkOpen() {
        if (closed) {
            throw new Link.LinkException("model: link is closed");
        }
    }

    // ------------------------------------------------------------------ SmbusBlockReader

    @Override
    public synchronized Optional<Bytes> blockRead(int addr7, int commandCode, int length) {
        checkOpen();
        if (deaths.unplugged()) {
            throw gone();
        }
        if (deaths.silent()) {
            events.info(String.format("model.dying: silent, block read at %02Xh not answered", addr7), Bytes.EMPTY);
            return Optional.empty();
        }
        if (smbusTarget == null) {
            events.info(String.format("serial binding: SMBus block read at %02Xh, command %02Xh not possible",
                    addr7, commandCode), Bytes.EMPTY);
            return Optional.empty();
        }
        return smbusTarget.blockRead(addr7, commandCode, length);
    }

    // ------------------------------------------------------------------ ModelControl

    @Override
    public void arm(FaultRule rule) {
        faults.arm(rule);
    }

    @Override
    public void disarmAll() {
        faults.disarmAll();
    }

    /** The rules armed now, in arming order. */
    public List<FaultRule> armed() {
        return faults.armed();
    }

    @Override
    public List<ModelEvent> events() {
        return events.snapshot();
    }

    @Override
    public Duration now() {
        return clock.now();
    }

    @Override
    public synchronized void setTiming(Duration responseLatency, int mprResponses, Duration mprt) {
        core.setTiming(responseLatency, mprResponses, mprt);
    }

    @Override
    public synchronized void reset() {
        faults.disarmAll();
        armConfiguredFaults();
        powerCycle(null);
        events.clear();
    }

    /** Power-on state of the endpoint (armed faults and events kept); {@code why} is logged when given. */
    private void powerCycle(String why) {
        state.reset();
        me.reset();
        core.reset();
        slots.clear();
        if (why != null) {
            events.info(why, Bytes.EMPTY);
        }
    }
}
