package org.nvmehil.model.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.Bench;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.binding.serial.SerialFrame;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.wire.Bytes;

/** The serial shell (DSP0253 §7; facts §4, §11 V7): delineation, FCS checks, response framing, frame faults. */
class SerialTargetTest {

    /** Facts §11 V7: Get Endpoint ID, dest 09h, src 08h, tag 0, as an MCTP-over-serial frame (FCS init FFFFh). */
    private static final Bytes V7_GET_EID = Bytes.hex("7E 01 07 01 09 08 C8 00 80 02 0E B2 7E");

    private final Bench bench = new Bench();
    private final SerialTarget target = new SerialTarget(bench.core, bench.faults, bench.state, bench.events);

    private List<Bytes> send(Bytes... chunks) {
        for (Bytes c : chunks) {
            bench.slots.advanceTo(bench.clock.nanos());
            target.onBytes(c);
        }
        return bench.drain();
    }

    private static SerialStreamDecoder.Frame onlyFrame(List<Bytes> out) {
        assertEquals(1, out.size(), out::toString);
        List<SerialStreamDecoder.Event> ev = new SerialStreamDecoder().feed(out.get(0));
        assertEquals(1, ev.size(), ev::toString);
        return (SerialStreamDecoder.Frame) ev.get(0);
    }

    @Test
    void v7GetEid_answeredWithACleanFrameToTheRequester() {
        SerialStreamDecoder.Frame f = onlyFrame(send(V7_GET_EID));
        assertTrue(f.isClean(), f.violations()::toString);
        assertEquals(SerialFrame.REVISION, f.frame().revision());
        MctpPacket p = MctpPacket.decode(f.packet()).get();
        assertEquals(TestConfigs.HOST_EID, p.destEid());
        assertEquals(TestConfigs.ME_EID, p.srcEid());
        assertTrue(p.som() && p.eom());
        assertFalse(p.tagOwner());
        assertEquals(0, p.tag());
        assertEquals(Bytes.hex("00 00 02 00 09"), p.payload().head(5), "control response, Get EID, cc 00h, EID 09h");
    }

    @Test
    void sameRequestByteAtATime_sameResponse() {
        Bytes whole = onlyFrame(send(V7_GET_EID)).raw();
        List<Bytes> bytes = new ArrayList<>();
        for (int i = 0; i < V7_GET_EID.length(); i++) {
            bytes.add(V7_GET_EID.slice(i, i + 1));
        }
        assertEquals(whole, onlyFrame(send(bytes.toArray(Bytes[]::new))).raw());
    }

    @Test
    void noiseBeforeTheFirstFlag_ignoredWithoutFlag() {
        onlyFrame(send(Bytes.hex("00 FF 13"), V7_GET_EID));
        assertEquals(Set.of(), bench.flags());
        assertTrue(bench.events(ModelEvent.Kind.DROPPED).isEmpty());
    }

    @Test
    void badFcs_droppedWithBpopl() {
        Bytes bad = V7_GET_EID.withByte(10, 0x0F);
        assertTrue(send(bad).isEmpty());
        List<ModelEvent> d = bench.events(ModelEvent.Kind.DROPPED);
        assertEquals(1, d.size(), () -> bench.events.snapshot().toString());
        assertTrue(d.get(0).reason().contains("SERIAL_FCS"), d.get(0)::toString);
        assertEquals(Set.of(Flag.BPOPL), bench.flags());
    }

    @Test
    void badFcs_answeredWhenTheModelIsToldTo() {
        bench.faults.arm(FaultRule.once(new Fault.AnswerDroppable()));
        assertTrue(onlyFrame(send(V7_GET_EID.withByte(10, 0x0F))).isClean());
    }

    @Test
    void invalidEscape_abandonedWithBpopl() {
        Bytes bad = Bytes.hex("7E 01 07 01 09 08 C8 00 7D 11 02 0E B2 7E");
        assertTrue(send(bad).isEmpty());
        assertTrue(bench.events(ModelEvent.Kind.DROPPED).get(0).reason().contains("INVALID_ESCAPE"));
        assertEquals(Set.of(Flag.BPOPL), bench.flags());
    }

    @Test
    void corruptPecFault_makesTheResponseFcsWrong() {
        bench.faults.arm(FaultRule.once(new Fault.CorruptPec()));
        SerialStreamDecoder.Frame f = onlyFrame(send(V7_GET_EID));
        assertFalse(f.isClean());
        assertEquals(f.frame().expectedFcs() ^ 0xFFFF, f.frame().fcs());
    }

    @Test
    void wrongByteCountFault_movesTheCountKeepsTheFcsValid() {
        Bytes clean = onlyFrame(send(V7_GET_EID)).raw();
        bench.faults.arm(FaultRule.once(new Fault.WrongByteCount(1)));
        List<Bytes> out = send(V7_GET_EID);
        assertEquals(1, out.size());
        assertEquals(clean.u8(2) + 1, out.get(0).u8(2));
    }

    /** The Get EID response's EID byte 7Eh (the ME's EID set to 7Eh) goes out raw instead of as 7Dh 5Eh. */
    @Test
    void unescapedFrameFault_sendsFlagBytesRaw() {
        bench.state.setEid(0x7E);
        Bytes getEid = org.nvmehil.protocol.binding.serial.SerialFrame.of(Bytes.hex("01 7E 08 C8 00 80 02")).encode();
        Bytes clean = send(getEid).get(0);
        assertTrue(clean.toString().contains("7d 5e"), clean::toString);
        bench.faults.arm(FaultRule.once(new Fault.UnescapedFrame()));
        Bytes raw = send(getEid).get(0);
        assertEquals(clean.length() - 2, raw.length(), "two escapes fewer (source EID and the EID field): " + raw);
        assertFalse(raw.toString().contains("7d 5e"), raw::toString);
    }

    @Test
    void wireTime_tenBitsPerByteAtTheBaud() {
        assertEquals(1_000_000_000L, SerialTarget.wireNanos(11_520, 115_200));
        assertEquals(868_056, SerialTarget.wireNanos(10, 115_200), "rounded up");
        assertEquals(0, SerialTarget.wireNanos(10, 0));
    }
}
