package org.nvmehil.suites.mi;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.ModelOnly;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.mi.ConfigGetValue;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;

/** VPD, Reset and the Management Endpoint Buffer (MI 1.2 §5.4, §5.5, §5.8, §5.12, §5.13). */
@Conformance
@DisplayName("NVMe-MI VPD, Reset, MEB (NVMe-MI 1.2 §5)")
class MiDataTest {

    static Bytes vpdRead(MiClient mi, int dofst, int dlen) {
        Mi.Answer a = Mi.ok(mi, new MiCommand.VpdRead(dofst, dlen), Req.MI_VPD_READ);
        return Mi.decoded(ConfigGetValue.decodeReadData(a.response(), dlen, Req.MI_VPD_READ));
    }

    /**
     * Assertions: the VPD starts with an IPMI FRU common header: format version 1 (bits 7:4 zero), pad
     * byte zero, zero checksum over the 8 bytes (UNH-IOL 11.1).
     */
    @Test
    @DisplayName("VPD Read of the FRU common header → version 1, reserved zero, checksum zero")
    @Spec(Req.MI_VPD_READ)
    void vpdCommonHeader_isValid(MiClient mi) {
        Bytes h = vpdRead(mi, 0, 8);
        Expect.equal(Req.MI_VPD_READ, "FRU common header format version byte", 0x01, h.u8(0), h);
        Expect.equal(Req.MI_VPD_READ, "FRU common header pad byte", 0x00, h.u8(6), h);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += h.u8(i);
        }
        Expect.equal(Req.MI_VPD_READ, "FRU common header checksum (sum mod 256)", 0, sum & 0xFF, h);
        Expect.that(h.u8(5) != 0, Req.MI_VPD_READ, "no MultiRecord area offset (byte 5 = 0): the NVMe record is missing", h);
    }

    /** Assertions: VPD Read with DLEN 0 succeeds with no data. */
    @Test
    @DisplayName("VPD Read with DLEN 0 → success, no data")
    @Spec(Req.MI_VPD_READ)
    void vpdReadZeroLength_succeeds(MiClient mi) {
        vpdRead(mi, 0, 0);
    }

    /** Assertions: reading past the end of any possible VPD (offset FFFFh, 2 bytes) gets 04h. */
    @Test
    @DisplayName("VPD Read past the end → 04h Invalid Parameter")
    @Spec({Req.MI_VPD_READ, Req.MI_INVALID_PARAMETER})
    void vpdReadPastEnd_isInvalidParameter(MiClient mi) {
        Mi.ask(mi, new MiCommand.VpdRead(0xFFFF, 2)).requireStatus(MiStatus.INVALID_PARAMETER, Req.MI_VPD_READ);
    }

    /** Setup: destructive commands allowed. Steps: write 4 bytes, read back, restore. Assertions: data reads back. */
    @Test
    @DisplayName("VPD Write → the bytes read back")
    @Spec(Req.MI_VPD_WRITE)
    void vpdWrite_readsBack(MiClient mi, LabConfig config) {
        assumeDestructive(config);
        int at = 0xF0;
        Bytes original = vpdRead(mi, at, 4);
        Bytes pattern = Bytes.hex("A5 5A C3 3C");
        try {
            Mi.ok(mi, MiCommand.VpdWrite.of(at, pattern), Req.MI_VPD_WRITE);
            Expect.that(vpdRead(mi, at, 4).equals(pattern), Req.MI_VPD_WRITE, "read back " + vpdRead(mi, at, 4), mi.lastEvidence());
        } finally {
            Mi.ok(mi, MiCommand.VpdWrite.of(at, original), Req.MI_VPD_WRITE);
        }
    }

    /** Assertions: VPD Write with DLEN 0 succeeds. */
    @Test
    @DisplayName("VPD Write with DLEN 0 → success")
    @Spec(Req.MI_VPD_WRITE)
    void vpdWriteZeroLength_succeeds(MiClient mi, LabConfig config) {
        assumeDestructive(config);
        Mi.ok(mi, MiCommand.VpdWrite.of(0, Bytes.EMPTY), Req.MI_VPD_WRITE);
    }

    /**
     * Steps: write the VPD until the model's update limit (lab-config model.personality.vpdWriteLimit) is
     * used up. Assertions: the next write gets 20h VPD Updates Exceeded. Model only: on a drive this would
     * wear out its VPD EEPROM.
     */
    @Test
    @ModelOnly
    @DisplayName("VPD Write past the update limit → 20h VPD Updates Exceeded")
    @Spec(Req.MI_VPD_WRITE)
    void vpdWritePastLimit_isUpdatesExceeded(MiClient mi, LabConfig config) {
        Bytes same = vpdRead(mi, 0xF0, 1);
        for (int i = 0; i < config.model().personality().vpdWriteLimit(); i++) {
            Mi.ok(mi, MiCommand.VpdWrite.of(0xF0, same), Req.MI_VPD_WRITE);
        }
        Mi.expectStatus(mi, MiCommand.VpdWrite.of(0xF0, same), MiStatus.VPD_UPDATES_EXCEEDED, Req.MI_VPD_WRITE);
    }

    /**
     * Setup: destructive commands allowed. Steps: Reset (NVM Subsystem Reset); listen; Get State.
     * Assertions: no response to the Reset; afterwards the ME answers and reports NSSRO.
     */
    @Test
    @DisplayName("Reset (NVM Subsystem Reset) → no response, then NSSRO set")
    @Spec(Req.MI_RESET)
    void subsystemReset_hasNoResponseAndSetsNssro(MiClient mi, LabConfig config) {
        assumeDestructive(config);
        Exchange ex = mi.send(MiCommand.Reset.nvmSubsystem());
        Expect.silence(ex, Req.MI_RESET);
        Mi.Answer a = Mi.ask(mi, ControlPrimitive.getState(0, 0x44, true));
        ControlPrimitiveResponse s = Mi.decoded(ControlPrimitiveResponse.decode(a.message()));
        Expect.that(s.mes().nssro(), Req.MI_RESET, "NSSRO clear after an NVM Subsystem Reset: " + s.mes(), a.wire());
    }

    /** Assertions: reserved reset types get 04h. */
    @ParameterizedTest(name = "Reset type {0} → 04h Invalid Parameter")
    @ValueSource(ints = {0x01, 0xFF})
    @Spec(Req.MI_RESET)
    void reservedResetType_isInvalidParameter(int type, MiClient mi) {
        Mi.ask(mi, new MiCommand.Reset(MiCommand.REQUEST, type))
                .requireInvalidParameter(MiCommand.Reset.TYPE_OFFSET, 0, Req.MI_RESET);
    }

    // ---------------------------------------------------------------- Management Endpoint Buffer

    static long mebSize(MiClient mi) {
        int port = Mi.twoWirePort(mi);
        long mebs = ((DataStructure.PortInfo) Mi.dataStructure(mi, MiCommand.ReadDataStructure.portInfo(port))).mebs();
        Assumptions.assumeTrue(mebs > 0, "not applicable: the ME has no Management Endpoint Buffer (MEBS = 0)");
        return mebs;
    }

    /** Offset/length selectors relative to the MEB size. */
    enum MebCase { DOFST_AT_SIZE, DOFST_PAST_SIZE, END_PAST_SIZE }

    static Stream<Arguments> mebOutOfBounds() {
        return Stream.of(
                argumentSet("MEB Read at DOFST = size", MebCase.DOFST_AT_SIZE, false),
                argumentSet("MEB Read at DOFST = size + 4", MebCase.DOFST_PAST_SIZE, false),
                argumentSet("MEB Read with DOFST + DLEN = size + 4", MebCase.END_PAST_SIZE, false),
                argumentSet("MEB Write at DOFST = size", MebCase.DOFST_AT_SIZE, true),
                argumentSet("MEB Write with DOFST + DLEN = size + 4", MebCase.END_PAST_SIZE, true));
    }

    /** Assertions: any MEB access outside the buffer gets 04h Invalid Parameter (UNH-IOL 8.8). */
    @ParameterizedTest(name = "{argumentSetName} → 04h Invalid Parameter")
    @MethodSource("mebOutOfBounds")
    @Spec(Req.MI_MEB_BOUNDS)
    void mebOutOfBounds_isInvalidParameter(MebCase c, boolean write, MiClient mi) {
        long size = mebSize(mi);
        long dofst = switch (c) {
            case DOFST_AT_SIZE -> size;
            case DOFST_PAST_SIZE -> size + 4;
            case END_PAST_SIZE -> size - 4;
        };
        int dlen = 8;
        Mi.ask(mi, write ? MiCommand.MebWrite.of(dofst, Bytes.zeros(dlen)) : new MiCommand.MebRead(dofst, dlen))
                .requireStatus(MiStatus.INVALID_PARAMETER, Req.MI_MEB_BOUNDS);
    }

    /** Assertions: MEB Read and Write with DLEN 0 succeed. */
    @ParameterizedTest(name = "MEB {0} with DLEN 0 → success")
    @ValueSource(strings = {"Read", "Write"})
    @Spec(Req.MI_MEB_BOUNDS)
    void mebZeroLength_succeeds(String op, MiClient mi) {
        mebSize(mi);
        Mi.ok(mi, op.equals("Read") ? new MiCommand.MebRead(0, 0) : MiCommand.MebWrite.of(0, Bytes.EMPTY), Req.MI_MEB_BOUNDS);
    }

    /** Steps: write 64 bytes at the end of the buffer; read them back. Assertions: the same bytes. */
    @Test
    @DisplayName("MEB Write at the end of the buffer → MEB Read returns the bytes")
    @Spec(Req.MI_MEB_BOUNDS)
    void mebWriteAtEnd_readsBack(MiClient mi) {
        long size = mebSize(mi);
        Bytes pattern = Bytes.zeros(64).withByte(0, 0x11).withByte(63, 0xEE);
        Mi.ok(mi, MiCommand.MebWrite.of(size - 64, pattern), Req.MI_MEB_BOUNDS);
        Mi.Answer a = Mi.ok(mi, new MiCommand.MebRead(size - 64, 64), Req.MI_MEB_BOUNDS);
        Bytes back = Mi.decoded(ConfigGetValue.decodeReadData(a.response(), 64, Req.MI_MEB_BOUNDS));
        Expect.that(back.equals(pattern), Req.MI_MEB_BOUNDS, "read back " + back, a.wire());
    }

    static void assumeDestructive(LabConfig config) {
        Assumptions.assumeTrue(config.allowDestructive(),
                "not run: allowDestructive is false and this command changes the DUT");
    }
}
