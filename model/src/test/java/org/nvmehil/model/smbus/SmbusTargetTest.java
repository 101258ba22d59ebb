package org.nvmehil.model.smbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.mctp.ControlResponder.EidPolicy;
import org.nvmehil.model.mi.MiOutcome;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.EchoMi;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.wire.Bytes;

/** The SMBus shell (DSP0237 §6.3; facts §3, §10): frame checks, response framing, MTU, Basic Management. */
class SmbusTargetTest {

    private final Bench bench = new Bench();
    private final Bytes getEid = Bench.frame(Bench.packet(0, Bench.controlRequest(0x02, 0, Bytes.EMPTY)));

    private void assertDropped(Bytes frame, String reasonPart, Set<Flag> flags) {
        assertTrue(bench.write(frame).isEmpty());
        List<ModelEvent> d = bench.events(ModelEvent.Kind.DROPPED);
        assertEquals(1, d.size(), () -> bench.events.snapshot().toString());
        assertTrue(d.get(0).reason().contains(reasonPart), d.get(0)::toString);
        assertEquals(frame, d.get(0).raw());
        assertEquals(flags, bench.flags());
    }

    @Test
    void responseFrame_isAddressedBackToTheRequester() {
        Bytes req = SmbusFrame.of(TestConfigs.ME_ADDR, 0x22, Bench.packet(5, Bench.miRequest(0x01))).encode();
        List<Bytes> out = bench.write(req);
        assertEquals(1, out.size());
        var d = SmbusFrame.decode(out.get(0));
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(0x22, d.get().destAddr7());
        assertEquals(TestConfigs.ME_ADDR, d.get().srcAddr7());
        assertEquals(TestConfigs.ME_ADDR << 1 | 1, d.get().srcSlaveAddr());
        MctpPacket p = MctpPacket.decode(d.get().packet()).get();
        assertEquals(TestConfigs.HOST_EID, p.destEid());
        assertEquals(TestConfigs.ME_EID, p.srcEid());
        assertEquals(5, p.tag());
        assertFalse(p.tagOwner());
        assertTrue(p.som() && p.eom());
        assertEquals(0, p.seq());
    }

    @Test
    void frameForAnotherAddress_isIgnoredWithInfoEvent() {
        Bytes other = SmbusFrame.of(0x30, TestConfigs.HOST_ADDR, Bench.packet(0, Bench.miRequest(1))).encode();
        assertTrue(bench.write(other).isEmpty());
        assertEquals(ModelEvent.Kind.INFO, bench.lastEvent().kind());
        assertTrue(bench.lastEvent().reason().contains("30h ignored"));
        assertTrue(bench.flags().isEmpty());
        assertTrue(bench.mi.handled.isEmpty());
    }

    @Test
    void badPec_bpopl() {
        assertDropped(getEid.withByte(getEid.length() - 1, getEid.u8(getEid.length() - 1) ^ 1), "SMBUS_PEC",
                Set.of(Flag.BPOPL));
    }

    @Test
    void wrongByteCount_bpopl() {
        SmbusFrame f = SmbusFrame.decode(getEid).get();
        assertDropped(f.withByteCount(f.byteCount() + 1).withValidPec().encode(), "SMBUS_BYTE_COUNT",
                Set.of(Flag.BPOPL));
    }

    @Test
    void wrongCommandCode_droppedWithoutFlag() {
        SmbusFrame f = SmbusFrame.decode(getEid).get();
        assertDropped(f.withCommandCode(0x0E).withValidPec().encode(), "SMBUS_COMMAND_CODE", Set.of());
    }

    @Test
    void sourceBit0Clear_droppedWithoutFlag() {
        SmbusFrame f = SmbusFrame.decode(getEid).get();
        assertDropped(f.withSrcSlaveAddr(f.srcSlaveAddr() & ~1).withValidPec().encode(), "SMBUS_SOURCE_ADDRESS",
                Set.of());
    }

    @Test
    void frameTooShort_bpopl() {
        assertDropped(Bytes.ofUnsigned(0x3A, 0x0F, 0x01), "SMBUS_BYTE_COUNT", Set.of(Flag.BPOPL));
    }

    @Test
    void multiPacketResponse_atBaselineMtu() {
        bench.mi.dataLength = 100; // 8 + 100 + 4 = 112 bytes
        List<Bytes> out = bench.exchange(3, Bench.miRequest(0x01));
        assertEquals(2, out.size());
        List<MctpPacket> p = Bench.packets(out);
        assertEquals(List.of(64, 48), p.stream().map(x -> x.payload().length()).toList());
        assertEquals(List.of(0x45, 0x35), out.stream().map(f -> f.u8(2)).toList()); // byte counts 69, 53
        assertTrue(p.get(0).som() && !p.get(0).eom() && !p.get(1).som() && p.get(1).eom());
        assertEquals(List.of(0, 1), p.stream().map(MctpPacket::seq).toList());
        assertTrue(p.stream().allMatch(x -> x.tag() == 3 && !x.tagOwner()));
        assertEquals(EchoMi.response(MiHeader.decode(Bench.miRequest(1)), 100), Bench.message(out));
        assertTrue(MiMessage.decode(Bench.message(out)).isClean());
    }

    @Test
    void mtuEffect_appliesAfterItsOwnResponse() {
        bench.mi.nextEffects = new MiOutcome.Effect[] {new MiOutcome.Effect.SetMtu(1, 250)};
        bench.mi.dataLength = 100;
        assertEquals(2, bench.exchange(0, Bench.miRequest(0x03)).size(), "the Set response still uses TU 64");
        assertEquals(250, bench.state.mtu());
        assertEquals(1, bench.events(ModelEvent.Kind.EFFECT).size(), bench.events.snapshot()::toString);

        bench.mi.dataLength = 300; // 312 bytes → 250 + 62
        List<Bytes> out = bench.exchange(1, Bench.miRequest(0x01));
        assertEquals(List.of(250, 62), Bench.packets(out).stream().map(x -> x.payload().length()).toList());
        assertEquals(0xFF, out.get(0).u8(2), "byte count 255: 1 + 4 + 250");
        assertTrue(SmbusFrame.decode(out.get(0)).isClean());
        assertEquals(312, Bench.message(out).length());
    }

    @Test
    void mtuEffect_forAnotherPort_leavesOurMtu() {
        bench.mi.nextEffects = new MiOutcome.Effect[] {new MiOutcome.Effect.SetMtu(0, 128)};
        bench.exchange(0, Bench.miRequest(0x03));
        assertEquals(64, bench.state.mtu());
        assertEquals(1, bench.events(ModelEvent.Kind.EFFECT).size(), bench.events.snapshot()::toString);
    }

    @Test
    void subsystemReset_resetsTransportState_andSetsNssro() {
        bench.state.setMtu(128);
        bench.state.setEid(0x40);
        bench.state.raise(Flag.BMICE);
        bench.mi.nextSilent = true;
        bench.mi.nextEffects = new MiOutcome.Effect[] {new MiOutcome.Effect.SubsystemReset()};
        List<Bytes> out = bench.write(Bench.frame(MctpPacket.single(0x40, TestConfigs.HOST_EID, true, 0,
                Bench.miRequest(0x08)).encode()));
        assertTrue(out.isEmpty());
        assertEquals(64, bench.state.mtu());
        assertEquals(TestConfigs.ME_EID, bench.state.eid());
        assertEquals(Set.of(Flag.NSSRO), bench.flags());
        assertEquals(0, bench.mi.resets, "the ME resets the subsystem itself; a full ME reset would wipe its NSSRO reports");
        assertTrue(bench.lastEvent().reason().contains("NVM Subsystem Reset"));
    }

    @Test
    void smbusFrequencyEffect_isRecorded() {
        bench.mi.nextEffects = new MiOutcome.Effect[] {new MiOutcome.Effect.SetSmbusFrequency(1, 2)};
        bench.exchange(0, Bench.miRequest(0x03));
        assertEquals(1, bench.events(ModelEvent.Kind.EFFECT).size(), bench.events.snapshot()::toString);
    }

    // ------------------------------------------------------------------ Basic Management (facts §10)

    @Test
    void basicManagement_statusBlock_v7Vector() {
        LabConfig c = TestConfigs.withHealth(new LabConfig.Health(37, 0, 100, 10, 0));
        Bench b = new Bench(c, EidPolicy.DYNAMIC);
        assertEquals(Bytes.hex("06 BB FF 25 00 00 00 FC"), b.target.blockRead(0x6A, 0x00, 8).orElseThrow());
    }

    @Test
    void basicManagement_statusBlock_fromHealth() {
        LabConfig c = TestConfigs.withHealth(new LabConfig.Health(-5, 300, 100, 10, 0x04));
        Bench b = new Bench(c, EidPolicy.DYNAMIC);
        var d = BasicManagement.StatusBlock.decode(b.target.blockRead(0x6A, 0x00, 8).orElseThrow());
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(0xFB, d.get().sw());
        assertEquals(0xFB, d.get().ctemp()); // -5 °C
        assertEquals(255, d.get().pdlu());
        assertFalse(d.get().driveNotReady());
    }

    @Test
    void basicManagement_vendorBlock() {
        Bytes r = bench.target.blockRead(0x6A, 0x08, 24).orElseThrow();
        var d = BasicManagement.VendorBlock.decode(r);
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(0x1b36, d.get().vid());
        assertEquals(0x1b, r.u8(1), "VID is big-endian");
        assertEquals("NVMEHIL-0001        ", d.get().sn());
    }

    @Test
    void basicManagement_lengthCutsOrPads_otherCodesEmpty() {
        Bytes full = bench.target.blockRead(0x6A, 0x00, 8).orElseThrow();
        assertEquals(full.head(4), bench.target.blockRead(0x6A, 0x00, 4).orElseThrow());
        assertEquals(full.concat(Bytes.ofUnsigned(0xFF, 0xFF)), bench.target.blockRead(0x6A, 0x00, 10).orElseThrow());
        Bytes other = bench.target.blockRead(0x6A, 0x20, 2).orElseThrow();
        assertEquals(Bytes.ofUnsigned(0x00, BasicManagement.pec(0x20, Bytes.ofUnsigned(0x00))), other);
    }

    @Test
    void basicManagement_offOrWrongAddress_noAck() {
        Bench off = new Bench(TestConfigs.withBasicManagement(false), EidPolicy.DYNAMIC);
        assertTrue(off.target.blockRead(0x6A, 0x00, 8).isEmpty());
        assertTrue(bench.target.blockRead(0x1D, 0x00, 8).isEmpty());
        assertEquals(ModelEvent.Kind.INFO, off.lastEvent().kind());
    }

    @Test
    void basicManagementZeroLengthRead_isEmptyNotACrash() {
        assertEquals(Bytes.EMPTY, bench.target.blockRead(0x6A, 0x00, 0).orElseThrow());
    }
}
