package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.nvmehil.model.TestLab;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.slot.CommandSlots;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.model.topology.SubsystemOptions;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.ParameterErrorLocation;
import org.nvmehil.protocol.wire.Bytes;

/**
 * A management endpoint plus the endpoint state an MCTP layer would share with it. Every exchange checks
 * what every response must satisfy (MIC verifies, ROR set, NMIMT and CSI echoed, reserved header fields
 * clear, at most 4224 bytes) and applies the SetMtu effect the way the MCTP layer does, after the
 * response.
 */
final class MeHarness {
    final EndpointState state = new EndpointState(0x09);
    final ManagementEndpoint me;

    MeHarness() {
        this(TestLab.defaults());
    }

    MeHarness(TestLab lab) {
        this(lab, SubsystemOptions.defaults());
    }

    MeHarness(TestLab lab, SubsystemOptions options) {
        me = ManagementEndpoint.of(lab.config(), options, state);
    }

    /** Puts slot {@code csi} into Process (a command message accepted, its response never ready). */
    void inProcess(int csi) {
        CommandSlots.MessageKey key = new CommandSlots.MessageKey(0x08, csi);
        state.slots().admit(csi, key, Long.MAX_VALUE);
        state.slots().process(csi, List.of(), Optional.empty(), Long.MAX_VALUE);
    }

    Subsystem subsystem() {
        return me.subsystem();
    }

    MiOutcome send(MiRequest r) {
        return me.handle(r.seal().toWire());
    }

    MiOutcome send(Bytes wire) {
        return me.handle(wire);
    }

    /** The response to {@code r}, checked for the generic response rules; effects applied. */
    Bytes exchange(MiRequest r) {
        return exchange(r.seal().toWire());
    }

    Bytes exchange(Bytes wire) {
        MiOutcome o = me.handle(wire);
        assertTrue(o.dropped().isEmpty(), () -> "dropped: " + o.dropped().get());
        assertTrue(o.response().isPresent(), "no response");
        Bytes rsp = o.response().get();
        MiMessage m = MiMessage.decode(rsp).get();
        assertTrue(m.micValid(), "response MIC does not verify: " + rsp);
        assertTrue(rsp.length() <= MiMessage.MAX_SIZE, "response longer than 4224 bytes");
        assertEquals(List.of(), m.header().checkResponseTo(MiHeader.decode(wire)), "response header " + rsp);
        for (MiOutcome.Effect e : o.effects()) {
            if (e instanceof MiOutcome.Effect.SetMtu) {
                state.setMtu(((MiOutcome.Effect.SetMtu) e).mtus());
            }
        }
        return rsp;
    }

    MiResponse response(MiRequest r) {
        return MiResponse.decode(exchange(r)).get();
    }

    AdminResponse admin(AdminRequest r) {
        MiResponse m = response(r);
        assertEquals(MiStatus.SUCCESS.code, m.status(), () -> "MI status " + MiStatus.describe(m.status()));
        return AdminResponse.decode(m).get();
    }

    ControlPrimitiveResponse primitive(ControlPrimitive cp) {
        ControlPrimitiveResponse r = ControlPrimitiveResponse.decode(exchange(cp)).get();
        assertEquals(List.of(), r.checkAgainst(cp));
        return r;
    }

    /** Asserts a generic error response with {@code status}. */
    void assertStatus(MiRequest r, MiStatus status) {
        MiResponse m = response(r);
        assertEquals(status.code, m.status(), () -> "got " + MiStatus.describe(m.status()) + " for " + r);
        if (status != MiStatus.SUCCESS) {
            assertEquals(Bytes.EMPTY, m.data(), "error responses carry no data");
        }
    }

    /** Asserts 04h Invalid Parameter with the PEL at {@code byteOffset}/{@code bit}. */
    void assertInvalidParameter(MiRequest r, int byteOffset, int bit) {
        assertInvalidParameter(r.seal().toWire(), byteOffset, bit);
    }

    void assertInvalidParameter(Bytes wire, int byteOffset, int bit) {
        MiResponse m = MiResponse.decode(exchange(wire)).get();
        assertEquals(MiStatus.INVALID_PARAMETER.code, m.status(), () -> "got " + MiStatus.describe(m.status()));
        assertEquals(new ParameterErrorLocation(byteOffset, bit), m.pel().get());
        assertEquals(Bytes.EMPTY, m.data());
    }
}
