package org.nvmehil.simulator.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.diozero.api.RuntimeIOException;
import com.diozero.sbc.DeviceFactoryHelper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nvmehil.drivers.i2c.I2cTarget;
import org.nvmehil.drivers.i2c.LinuxI2cLink;
import org.nvmehil.fixtures.config.LabConfigLoader;
import org.nvmehil.model.mctp.ControlResponder;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;
import org.nvmehil.protocol.wire.Bytes;

/**
 * SIMULATED BUS. The linux-i2c driver's diozero calls, through the simulated provider, onto a simulated bus: the
 * bytes each call puts on the bus, the DUT-NACK rule, the Basic Management transfer, and the model answering facts
 * §11 V7 byte for byte through the whole driver path.
 */
class LinuxI2cOverSimulatedBusTest {
    /** Facts §11 V7: Get Endpoint ID over SMBus, host 10h → ME 1Dh, and the answer of an ME with EID 09h. */
    private static final Bytes V7_REQUEST = Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F");
    private static final Bytes V7_RESPONSE = Bytes.hex("20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC");
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** A bus number of its own, so no other test's targets are on it. */
    private static final int BUS = 3;

    private final SimulatedI2cDeviceFactory provider = new SimulatedI2cDeviceFactory();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void useSimulatedProvider() {
        System.setProperty(DeviceFactoryHelper.DEVICE_FACTORY_PROP, SimulatedI2cDeviceFactory.NAME_PROPERTY_VALUE);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private LinuxI2cLink link() {
        I2cTarget host = provider.openTarget(BUS, 0x10);
        return keep(new LinuxI2cLink(provider, BUS, 0x1d, 0x10, host));
    }

    @Test
    void aFrameGoesOutAsOneWriteToItsDestinationAddress() {
        List<Bytes> seen = new ArrayList<>();
        keep(SimulatedI2cBus.controller(BUS).attach(0x1d, seen::add));
        link().send(V7_REQUEST);
        assertEquals(List.of(V7_REQUEST), seen, "the bus carries the frame exactly: address byte 3Ah, then 0F 08 21 ... PEC");
    }

    @Test
    void writesToTheHostAddressAreReceivedWithTheAddressByteFirst() {
        LinuxI2cLink link = link();
        SimulatedI2cBus.controller(BUS).write(0x10, V7_RESPONSE.slice(1).toArray());
        assertEquals(Optional.of(V7_RESPONSE), link.receive(WAIT));
        assertEquals(Optional.empty(), link.receive(Duration.ofMillis(20)));
    }

    @Test
    void aBusyDutIsRetriedThenASilentOneIsALabFault() {
        AtomicInteger attempts = new AtomicInteger();
        keep(SimulatedI2cBus.controller(BUS).attach(0x1d, w -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new RuntimeIOException("NACK", -121);
            }
        }));
        LinuxI2cLink link = link();
        link.send(V7_REQUEST);
        assertEquals(3, attempts.get(), "two NACKs, then the third write is taken");

        attempts.set(-100);
        Link.LinkException e = assertThrows(Link.LinkException.class, () -> link.send(V7_REQUEST));
        assertEquals(-100 + 1 + 3, attempts.get(), "one write and three retries");
        assertTrue(e.getMessage().contains("1Dh") && e.getMessage().contains("deviceAddr"), e.getMessage());
    }

    @Test
    void aWriteToAnotherAddressMayGoUnacknowledged() {
        LinuxI2cLink link = link();
        link.send(V7_REQUEST.withByte(0, 0x50 << 1));
        assertEquals("1", link.describe().get("unacknowledgedWritesToOtherAddresses"));
    }

    @Test
    void basicManagementIsWriteCommandCodeThenRepeatedStartRead() {
        List<String> calls = new ArrayList<>();
        keep(SimulatedI2cBus.controller(BUS).attach(0x6a, new SimulatedI2cBus.Target() {
            @Override
            public void onWrite(Bytes write) {
                calls.add("write " + write);
            }

            @Override
            public Optional<Bytes> onWriteRead(int addr7, Bytes written, int length) {
                calls.add("read " + written + " " + length);
                return Optional.of(Bytes.hex("06 BB FF 25 00 00 00 FC"));
            }
        }));
        LinuxI2cLink link = link();
        assertEquals(Optional.of(Bytes.hex("06 BB FF 25 00 00 00 FC")), link.blockRead(0x6a, 0x00, 8));
        assertEquals(List.of("read " + Bytes.hex("00") + " 8"), calls);
        assertEquals(Optional.empty(), link.blockRead(0x6b, 0x00, 8), "no target at 6Bh: not acknowledged");
    }

    /** The whole bench path: lab-config → driver factory → diozero → simulated bus → model → host target. */
    @Test
    void theModelAnswersV7ByteForByteThroughTheDriver() throws Exception {
        LabConfig config = LabConfigLoader.load(Path.of(System.getProperty("nvmehil.root", "..")).resolve("examples/simulated-i2c.yaml"));
        // V7's endpoint has a static EID (EID type 01b)
        keep(new I2cSimulatorPeer(new MctpEndpointCore.Options(ControlResponder.EidPolicy.STATIC)).start(config));
        Link link = keep(LinkFactory.forDriver("linux-i2c").open(config, LinkFactory.Channel.MI));
        assertEquals("nvme-hil simulated bus", link.describe().get("provider"));
        link.send(V7_REQUEST);
        assertEquals(Optional.of(V7_RESPONSE), link.receive(WAIT));
        Optional<Bytes> bm = ((LinuxI2cLink) link).blockRead(0x6a, 0x00, 8);
        assertTrue(bm.isPresent() && bm.get().length() == 8 && bm.get().u8(0) == 6, "Basic Management block 0: " + bm);
    }

    @Test
    void withoutTheSimulatedProviderThePeerRefusesToStart() {
        String was = System.clearProperty(DeviceFactoryHelper.DEVICE_FACTORY_PROP);
        try {
            LabConfig config = LabConfigLoader.load(Path.of(System.getProperty("nvmehil.root", "..")).resolve("examples/simulated-i2c.yaml"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new I2cSimulatorPeer().start(config));
            assertTrue(e.getMessage().contains("-Ddiozero.devicefactory=" + SimulatedI2cDeviceFactory.NAME_PROPERTY_VALUE), e.getMessage());
        } finally {
            System.setProperty(DeviceFactoryHelper.DEVICE_FACTORY_PROP, was);
        }
    }
}
