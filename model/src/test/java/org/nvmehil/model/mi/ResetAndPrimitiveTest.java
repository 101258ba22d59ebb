package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.ManagementEndpointState.SlotState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.wire.Bytes;

/** Reset (MI 1.2 §5.8), Shutdown (§5.11), ME reset, and control primitives (§4.2.1). */
class ResetAndPrimitiveTest {

    @Test
    @DisplayName("NVM Subsystem Reset: no response at all, a SubsystemReset effect, NSSRO in MES, CCS and CSTS")
    void subsystemReset() {
        MeHarness h = new MeHarness();
        h.subsystem().setTemperature(40);
        MiOutcome o = h.send(MiCommand.Reset.nvmSubsystem());
        assertTrue(o.response().isEmpty());
        assertTrue(o.dropped().isEmpty(), "a successful reset is not a drop");
        assertEquals(List.of(new MiOutcome.Effect.SubsystemReset()), o.effects());
        assertTrue(h.state.isSet(Flag.NSSRO));
        assertEquals(EnumSet.of(CcsFlag.NSSRO), h.subsystem().compositeFlags());
        Controller c = h.subsystem().controller(0).get();
        assertTrue(c.nssro() && c.ready());
        assertEquals(313, c.temperatureKelvin(), "health values survive a subsystem reset");
        ManagementEndpointState mes = h.primitive(ControlPrimitive.getState(0, 1, true)).mes();
        assertTrue(mes.nssro());
        assertFalse(h.primitive(ControlPrimitive.getState(0, 2, false)).mes().nssro());
    }

    @Test
    @DisplayName("reserved reset types (01h, FFh): 04h on the type (PEL byte 11)")
    void resetTypes() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(new MiCommand.Reset(MiCommand.REQUEST, 0x01), 11, 0);
        h.assertInvalidParameter(new MiCommand.Reset(MiCommand.REQUEST, 0xFF), 11, 0);
        assertFalse(h.state.isSet(Flag.NSSRO));
    }

    @Test
    @DisplayName("Shutdown normal and abrupt succeed (SHST complete, SHST changed); other types 04h PEL byte 11")
    void shutdown() {
        MeHarness h = new MeHarness();
        h.assertStatus(new MiCommand.Shutdown(MiCommand.Shutdown.NORMAL), MiStatus.SUCCESS);
        assertEquals(Controller.SHST_COMPLETE, h.subsystem().controller(0).get().shutdownStatus());
        assertEquals(EnumSet.of(CcsFlag.SHST), h.subsystem().compositeFlags());
        h.assertStatus(new MiCommand.Shutdown(MiCommand.Shutdown.ABRUPT), MiStatus.SUCCESS);
        h.assertInvalidParameter(new MiCommand.Shutdown(2), 11, 0);
    }

    @Test
    @DisplayName("ME reset(): subsystem back to lab-config, changed flags and pause cleared")
    void meReset() {
        MeHarness h = new MeHarness();
        h.subsystem().setTemperature(99);
        h.primitive(ControlPrimitive.pause(1));
        h.send(MiCommand.Reset.nvmSubsystem());
        h.me.reset();
        assertEquals(308, h.subsystem().controller(0).get().temperatureKelvin());
        assertEquals(0, h.subsystem().ccs());
        assertFalse(h.state.isSet(Flag.PFLG));
        assertFalse(h.subsystem().controller(0).get().nssro());
    }

    @Test
    @DisplayName("Get State echoes the TAG and reports the slot state of the CSI slot; CESF clears bits 14:3 after reporting")
    void getState() {
        MeHarness h = new MeHarness();
        h.inProcess(1);
        h.state.raise(Flag.UDSTID);
        ControlPrimitiveResponse r = h.primitive(ControlPrimitive.getState(1, 0xA5, true));
        assertEquals(0xA5, r.tag());
        assertEquals(SlotState.PROCESS, r.mes().ssta());
        assertTrue(r.mes().has(Flag.UDSTID));
        r = h.primitive(ControlPrimitive.getState(0, 0x00, false));
        assertEquals(new ManagementEndpointState(0), r.mes());
    }

    @Test
    @DisplayName("Pause sets PFLG (seen by Get State, not cleared by CESF); Resume clears it")
    void pauseResume() {
        MeHarness h = new MeHarness();
        assertEquals(0, h.primitive(ControlPrimitive.pause(0x11)).cpsr());
        assertTrue(h.primitive(ControlPrimitive.getState(0, 1, true)).mes().pflg());
        assertTrue(h.primitive(ControlPrimitive.getState(0, 1, false)).mes().pflg());
        h.primitive(ControlPrimitive.resume(0x12));
        assertFalse(h.primitive(ControlPrimitive.getState(0, 1, false)).mes().pflg());
    }

    @Test
    @DisplayName("Pause on CSI 1: 04h, TAG echoed, PFLG untouched")
    void pauseSlot1() {
        MeHarness h = new MeHarness();
        ControlPrimitive p = ControlPrimitive.pause(0x42).withHeader(MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 1));
        ControlPrimitiveResponse r = h.primitive(p);
        assertEquals(MiStatus.INVALID_PARAMETER.code, r.status());
        assertEquals(0x42, r.tag());
        assertFalse(h.state.isSet(Flag.PFLG));
    }

    @Test
    @DisplayName("Abort: CPAS 10b in Process, 00b when Idle; slot Idle, PFLG cleared")
    void abort() {
        MeHarness h = new MeHarness();
        h.primitive(ControlPrimitive.pause(1));
        h.inProcess(1);
        ControlPrimitiveResponse r = h.primitive(ControlPrimitive.abort(1, 0x77));
        assertEquals(ControlPrimitiveResponse.CPAS_PARTIAL, r.cpas());
        assertEquals(SlotState.IDLE, h.state.slot(1));
        assertFalse(h.state.isSet(Flag.PFLG));
        assertEquals(ControlPrimitiveResponse.CPAS_NOTHING_OR_COMPLETE,
                h.primitive(ControlPrimitive.abort(1, 0x78)).cpas());
    }

    @Test
    @DisplayName("Replay: RR 0 when the slot has no stored response (the ME alone stores none), no slot left paused")
    void replay() {
        MeHarness h = new MeHarness();
        h.exchange(DropAndHeaderTest.MTU_GET);
        h.primitive(ControlPrimitive.pause(1));
        ControlPrimitiveResponse r = h.primitive(ControlPrimitive.replay(0, 0x33, 0));
        assertEquals(MiStatus.SUCCESS.code, r.status());
        assertFalse(r.rr());
        assertFalse(h.state.isSet(Flag.PFLG));
    }

    @Test
    @DisplayName("reserved CPO 05h and vendor CPO F0h: 03h; wrong length: 05h; TAG echoed")
    void primitiveErrors() {
        MeHarness h = new MeHarness();
        ControlPrimitive reserved = new ControlPrimitive(MiHeader.request(Nmimt.CONTROL_PRIMITIVE), 0x05, 0x21, 0);
        assertEquals(MiStatus.INVALID_COMMAND_OPCODE.code, h.primitive(reserved).status());
        ControlPrimitive vendor = new ControlPrimitive(MiHeader.request(Nmimt.CONTROL_PRIMITIVE), 0xF0, 0x22, 0);
        ControlPrimitiveResponse r = h.primitive(vendor);
        assertEquals(MiStatus.INVALID_COMMAND_OPCODE.code, r.status());
        assertEquals(0x22, r.tag());
        Bytes longer = org.nvmehil.protocol.mi.MiMessage.seal(ControlPrimitive.getState(0, 9, false).content()
                .concat(Bytes.zeros(4))).toWire();
        assertEquals(MiStatus.INVALID_COMMAND_SIZE.code, ControlPrimitiveResponse.decode(h.exchange(longer)).get().status());
    }
}
