package org.nvmehil.model.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.mctp.MctpEndpointCore;
import org.nvmehil.model.mi.MiOutcome;
import org.nvmehil.model.serial.SerialTarget;
import org.nvmehil.model.smbus.SmbusTarget;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.EchoMi;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.LinkFactory;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.lab.SmbusBlockReader;
import org.nvmehil.protocol.mctp.MctpFragmenter;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.wire.Bytes;

/** The link shell: virtual time, queueing, ModelControl, the driver registry. */
class ModelLinkTest {

    private final EchoMi mi = new EchoMi();
    private final ModelLink link = link(TestConfigs.defaults());

    private ModelLink link(LabConfig c) {
        return new ModelLink(c, MctpEndpointCore.Options.defaults(), (cfg, state) -> mi);
    }

    private static Bytes getEidFrame() {
        return Bench.frame(Bench.packet(0, Bench.controlRequest(0x02, 0, Bytes.EMPTY)));
    }

    private static Bytes miFrame() {
        return Bench.frame(Bench.packet(1, Bench.miRequest(0x01)));
    }

    @Test
    void v7_throughTheLink() {
        ModelLink l = new ModelLink(TestConfigs.defaults(), new MctpEndpointCore.Options(EidPolicy.STATIC),
                (c, s) -> mi);
        l.send(Bytes.hex("3A 0F 08 21 01 00 00 C8 00 80 02 4F"));
        assertEquals(Optional.of(Bytes.hex("20 0F 0C 3B 01 00 09 C0 00 00 02 00 09 01 00 DC")),
                l.receive(Duration.ofMillis(100)));
        assertEquals(Optional.empty(), l.receive(Duration.ofMillis(100)));
    }

    @Test
    void v8_throughTheLink() {
        link.send(Bytes.hex("3A 0F 08 21 01 09 08 C9 00 81 05 26"));
        assertEquals(Optional.of(Bytes.hex("20 0F 0B 3B 01 08 09 C1 00 01 05 00 01 04 7C")),
                link.receive(Duration.ofMillis(300)));
    }

    @Test
    void receiveTimeout_isInstantInWallTime_andAdvancesModelTime() {
        long start = System.nanoTime();
        assertEquals(Optional.empty(), link.receive(Duration.ofSeconds(5)));
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(wallMillis < 1000, "took " + wallMillis + " ms of wall time");
        assertEquals(Duration.ofSeconds(5), link.now());
    }

    /** Model time one frame of {@code bytes} takes on the 100 kHz test bus. */
    private static Duration wire(int bytes) {
        return SmbusTarget.wireTime(bytes, 100_000);
    }

    @Test
    void immediateResponse_takesOnlyItsWireTime() {
        link.send(getEidFrame());
        Bytes f = link.receive(Duration.ofSeconds(1)).orElseThrow();
        assertEquals(wire(f.length()), link.now(), "9 bit times per byte at 100 kHz");
        assertEquals(Duration.ofNanos(1_440_000), wire(16));
    }

    @Test
    void receiveZero_returnsOnlyWhatHasArrived() {
        link.send(getEidFrame());
        assertEquals(Optional.empty(), link.receive(Duration.ZERO), "still on the wire");
        assertTrue(link.receive(Duration.ofMillis(2)).isPresent());
    }

    @Test
    void responseLatency_appliesToCommandMessages_only() {
        ModelLink l = link(TestConfigs.withLatency(Duration.ofMillis(250)));
        l.send(getEidFrame());
        Bytes control = l.receive(Duration.ofMillis(10)).orElseThrow();
        assertEquals(wire(control.length()), l.now(), "control response not delayed");
        Duration sent = l.now();
        l.send(miFrame());
        assertEquals(Optional.empty(), l.receive(Duration.ofMillis(100)));
        assertEquals(sent.plusMillis(100), l.now());
        Bytes f = l.receive(Duration.ofSeconds(1)).orElseThrow();
        assertEquals(sent.plusMillis(250).plus(wire(f.length())), l.now(),
                "clock moved to the delivery time, not the deadline");
    }

    @Test
    void lateResponse_fault_inModelTime() {
        link.arm(FaultRule.once(new Fault.LateResponse(Duration.ofSeconds(2))));
        link.send(miFrame());
        assertEquals(Optional.empty(), link.receive(Duration.ofSeconds(1)));
        Bytes f = link.receive(Duration.ofSeconds(2)).orElseThrow();
        assertEquals(Duration.ofSeconds(2).plus(wire(f.length())), link.now());
    }

    @Test
    void multiPacketResponse_isDeliveredInOrder_onePacketTimeApart() {
        mi.dataLength = 200;
        link.send(miFrame());
        List<Bytes> frames = new java.util.ArrayList<>();
        List<Duration> at = new java.util.ArrayList<>();
        for (Optional<Bytes> f = link.receive(Duration.ofMillis(10)); f.isPresent(); f = link.receive(Duration.ofMillis(10))) {
            frames.add(f.get());
            at.add(link.now());
        }
        assertEquals(4, frames.size());
        assertEquals(73, frames.get(0).length(), "address, command, count, source, 4 + 64 packet bytes, PEC");
        Duration full = wire(73);
        assertEquals(Duration.ofNanos(6_570_000), full);
        assertEquals(List.of(full, full.multipliedBy(2), full.multipliedBy(3),
                full.multipliedBy(3).plus(wire(frames.get(3).length()))), at);
        assertEquals(List.of(0, 1, 2, 3), Bench.packets(frames).stream().map(MctpPacket::seq).toList());
        assertTrue(MiMessage.decode(Bench.message(frames)).isClean());
    }

    @Test
    void reassemblyTimeout_isReportedWhenModelTimePasses() {
        Bytes big = MiMessage.seal(Bytes.hex("84 08 00 00 01 00 00 00").concat(Bytes.zeros(80))).toWire();
        MctpPacket som = MctpFragmenter.baseline().fragment(big, TestConfigs.ME_EID, TestConfigs.HOST_EID, true, 0, 0)
                .get(0);
        link.send(Bench.frame(som.encode()));
        assertEquals(SlotState.RECEIVE, link.endpointState().slot(0));
        assertEquals(Optional.empty(), link.receive(Duration.ofSeconds(6)));
        assertEquals(SlotState.IDLE, link.endpointState().slot(0), "the slot goes back to Idle");
        List<ModelEvent> e = link.events().stream().filter(x -> x.kind() == ModelEvent.Kind.DROPPED).toList();
        assertEquals(1, e.size(), e::toString);
        assertTrue(e.get(0).reason().contains("TIMEOUT"));
        assertEquals(Duration.ofSeconds(6), e.get(0).at());
    }

    @Test
    void reset_restoresPowerOnState_keepsTime() {
        link.arm(FaultRule.always(new Fault.CorruptPec()));
        mi.nextEffects = new MiOutcome.Effect[] {new MiOutcome.Effect.SetMtu(1, 128)};
        link.send(miFrame());
        link.send(Bench.frame(Bench.packet(0, Bench.controlRequest(0x01, 0, Bytes.ofUnsigned(0, 0x33)))));
        link.send(Bench.frame(MctpPacket.decode(Bench.packet(0, Bench.miRequest(1))).get().withHdrVersion(2).encode()));
        while (link.receive(Duration.ofMillis(100)).isPresent()) {
            // drain the two responses
        }
        Duration drained = link.now();
        assertEquals(Optional.empty(), link.receive(Duration.ofSeconds(3)));
        assertEquals(128, link.endpointState().mtu());
        assertEquals(0x33, link.endpointState().eid());
        assertTrue(link.endpointState().isSet(Flag.BHVS));
        link.send(Bench.frame(MctpPacket.single(0x33, TestConfigs.HOST_EID, true, 1, Bench.miRequest(1)).encode()));
        assertEquals(SlotState.TRANSMIT, link.endpointState().slot(0), "a response is on the wire");

        link.reset();

        assertEquals(64, link.endpointState().mtu());
        assertEquals(TestConfigs.ME_EID, link.endpointState().eid());
        assertTrue(!link.endpointState().isSet(Flag.BHVS));
        assertTrue(link.events().isEmpty());
        assertTrue(link.armed().isEmpty());
        assertEquals(1, mi.resets);
        assertEquals(SlotState.IDLE, link.endpointState().slot(0));
        assertEquals(Optional.empty(), link.receive(Duration.ofMillis(100)), "queue emptied");
        assertEquals(drained.plusSeconds(3).plusMillis(100), link.now(), "model time keeps running");
        link.send(getEidFrame());
        assertTrue(Bench.decodeFrame(link.receive(Duration.ofMillis(10)).orElseThrow()).pecValid(), "fault disarmed");
    }

    @Test
    void describe_namesDriverBindingAddressesEids() {
        var d = link.describe();
        assertEquals("model", d.get("driver"));
        assertEquals("smbus", d.get("binding"));
        assertEquals("0x1d", d.get("deviceAddr"));
        assertEquals("0x10", d.get("hostAddr"));
        assertEquals("0x09", d.get("deviceEid"));
        assertEquals("0x08", d.get("hostEid"));
    }

    @Test
    void blockRead_throughTheLink() {
        SmbusBlockReader r = link;
        assertEquals(8, r.blockRead(0x6A, 0, 8).orElseThrow().length());
    }

    @Test
    void closedLink_refusesTraffic() {
        link.close();
        assertThrows(Link.LinkException.class, () -> link.send(getEidFrame()));
    }

    @Test
    void serialBinding_answersV7GetEidWithASerialFrameAfterItsWireTime() {
        ModelLink serial = link(TestConfigs.withBinding(LabConfig.Binding.SERIAL));
        serial.send(Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 0E B2 7E")); // facts §11 V7
        Duration before = serial.now();
        Bytes frame = serial.receive(Duration.ofMillis(100)).orElseThrow();
        var d = new SerialStreamDecoder().feed(frame);
        assertEquals(1, d.size(), d::toString);
        var f = assertInstanceOf(SerialStreamDecoder.Frame.class, d.get(0));
        assertTrue(f.isClean(), f.violations()::toString);
        assertEquals(0x08, MctpPacket.decode(f.packet()).get().destEid());
        assertEquals(SerialTarget.wireTime(frame.length(), 115_200), serial.now().minus(before));
        assertEquals("115200", serial.describe().get("baud"));
        assertTrue(serial.blockRead(0x6A, 0, 8).isEmpty(), "no SMBus on a serial line");
    }

    @Test
    void driverRegistry_findsModel_miChannelBuildsTheModel_tcpOpensTheTarget() {
        LinkFactory f = LinkFactory.forDriver("model");
        assertInstanceOf(ModelLinkFactory.class, f);
        try (Link l = f.open(TestConfigs.defaults(), LinkFactory.Channel.MI)) {
            assertInstanceOf(ModelControl.class, l);
            l.send(getEidFrame());
            assertTrue(l.receive(Duration.ofMillis(100)).isPresent(), "control works without the ME");
        }
        try (Link tcp = f.open(TestConfigs.defaults(), LinkFactory.Channel.TCP)) {
            assertInstanceOf(ModelControl.class, tcp);
            assertTrue(tcp.describe().get("target").startsWith("127.0.0.1:"));
        } finally {
            ModelLinkFactory.closeTcpTargets();
        }
    }
}
