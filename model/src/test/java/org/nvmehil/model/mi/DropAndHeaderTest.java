package org.nvmehil.model.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ManagementEndpointState.Flag;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/** Messages the ME must drop silently (MI 1.2 §3.1, §3.1.1), and header rules every response follows. */
class DropAndHeaderTest {
    static final MiCommand MTU_GET = new MiCommand.ConfigurationGet(new ConfigQuery.MctpTransmissionUnit(1));

    private static void assertDropped(MeHarness h, Bytes wire) {
        MiOutcome o = h.send(wire);
        assertTrue(o.response().isEmpty(), "a response was sent");
        assertTrue(o.dropped().isPresent(), "no drop reason");
        assertEquals(List.of(), o.effects());
    }

    @Test
    @DisplayName("a bad MIC drops the request and raises BMICE; nothing else changes")
    void badMic() {
        MeHarness h = new MeHarness();
        MiMessage m = MTU_GET.seal();
        assertDropped(h, m.withMic(m.mic() ^ 1).toWire());
        assertTrue(h.state.isSet(Flag.BMICE));
        assertTrue(h.send(m.withMic(m.mic() ^ 1).toWire()).dropped().get().contains("MIC"));
    }

    @Test
    @DisplayName("IC clear, ROR set, wrong message type, too short, over 4224 bytes: dropped without BMICE")
    void otherDrops() {
        MeHarness h = new MeHarness();
        assertDropped(h, MTU_GET.withHeader(MTU_GET.header().withIc(false)).seal().toWire());
        assertDropped(h, Bytes.hex("84 80 00 00 48 c4 c2 ea"));
        assertDropped(h, MTU_GET.withHeader(MTU_GET.header().withRor(true)).seal().toWire());
        assertDropped(h, MTU_GET.withHeader(MTU_GET.header().withType(0x05)).seal().toWire());
        assertDropped(h, Bytes.hex("84 08 00"));
        assertDropped(h, Bytes.EMPTY);
        assertDropped(h, MiMessage.seal(Bytes.hex("84 08 00 00").concat(Bytes.zeros(4221))).toWire());
        assertFalse(h.state.isSet(Flag.BMICE));
    }

    @Test
    @DisplayName("a header plus a valid MIC and nothing else is answered 05h (no opcode)")
    void headerOnly() {
        MeHarness h = new MeHarness();
        MiResponse r = MiResponse.decode(h.exchange(MiMessage.seal(Bytes.hex("84 08 00 00")).toWire())).get();
        assertEquals(MiStatus.INVALID_COMMAND_SIZE.code, r.status());
    }

    @Test
    @DisplayName("CSI 1 is echoed by MI command, Admin and control primitive responses")
    void csiEchoed() {
        MeHarness h = new MeHarness();
        MiResponse r = h.response(MTU_GET.withHeader(MiHeader.request(Nmimt.MI_COMMAND, 1)));
        assertEquals(1, r.header().csi());
        assertEquals(1, h.admin(AdminRequest.identify(0, 1, 0, 0, 4096)
                .withHeader(MiHeader.request(Nmimt.ADMIN, 1))).header().csi());
        assertEquals(1, h.primitive(ControlPrimitive.getState(1, 7, false)).header().csi());
    }

    @Test
    @DisplayName("reserved header bits in a request are ignored and clear in the response")
    void reservedHeaderBitsIgnored() {
        MeHarness h = new MeHarness();
        MiResponse r = h.response(MTU_GET.withHeader(MTU_GET.header().withReserved(3, 0x3F, 0xFF)));
        assertEquals(MiStatus.SUCCESS.code, r.status());
        assertEquals(List.of(), r.header().reservedViolations());
    }

    @Test
    @DisplayName("reserved NMIMT 3h: 04h on NMIMT (PEL byte 1 bit 3), NMIMT echoed")
    void reservedNmimt() {
        MeHarness h = new MeHarness();
        Bytes wire = MTU_GET.withHeader(MTU_GET.header().withNmimtCode(3)).seal().toWire();
        h.assertInvalidParameter(wire, 1, 3);
        assertEquals(3, MiResponse.decode(h.exchange(wire)).get().header().nmimtCode());
    }

    @Test
    @DisplayName("NMIMT 4 (PCIe command set, not implemented): 03h")
    void pcieCommandSet() {
        MeHarness h = new MeHarness();
        Bytes wire = MiMessage.seal(new LeWriter().bytes(MiHeader.request(Nmimt.PCIE, 0).encode()).u8(0).u8(0)
                .u16(0).u32(4).u32(0).build()).toWire();
        MiResponse r = MiResponse.decode(h.exchange(wire)).get();
        assertEquals(MiStatus.INVALID_COMMAND_OPCODE.code, r.status());
        assertEquals(Nmimt.PCIE.code, r.header().nmimtCode());
    }

    @Test
    @DisplayName("MEB bit on a command: 04h PEL byte 2 bit 0 (no command may use the MEB); CIAP: PEL byte 2 bit 1")
    void mebAndCiapBits() {
        MeHarness h = new MeHarness();
        h.assertInvalidParameter(MTU_GET.withHeader(MTU_GET.header().withMeb(true)), 2, 0);
        h.assertInvalidParameter(MTU_GET.withHeader(MTU_GET.header().withCiap(true)), 2, 1);
        AdminRequest id = AdminRequest.identify(0, 1, 0, 0, 4096);
        h.assertInvalidParameter(id.withHeader(id.header().withMeb(true)), 2, 0);
    }

    @Test
    @DisplayName("reserved and vendor-specific MI opcodes, SES Receive/Send: 03h")
    void opcodes() {
        MeHarness h = new MeHarness();
        for (int opc : new int[] {0x0D, 0x20, 0xBF, 0xC0, 0xFF, 0x08, 0x09}) {
            h.assertStatus(new MiCommand.Raw(opc, 0, 0, Bytes.EMPTY), MiStatus.INVALID_COMMAND_OPCODE);
        }
    }
}
