package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.hex8;

import org.nvmehil.protocol.nvme.AdminOpcode;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Violation;

/**
 * The ME side of request intake: decides, from the message alone, whether an out-of-band ME must
 * discard a message, which request it is, and which error status it must answer with. The
 * reference model reuses it; suites use it to know what a conforming ME must do with a vector.
 *
 * <p>Discards (no response): too short for header and MIC, IC clear (MI 1.2 §3.1.1), type not 04h,
 * longer than 4224 bytes (§3.1), MIC that does not verify (§3.1.1.1), ROR set.
 *
 * <p>Size classification follows MI 1.2 Fig. 26 (facts §6.1, §12 item 5): a body of the wrong size
 * on a command without request data is 05h Invalid Command Size; wrong request data on VPD Write or
 * MEB Write (data length not DLEN) is 06h Invalid Command Input Data Size. Reserved opcodes get 03h,
 * reserved values of defined fields 04h with the PEL of the field (offsets from 84h). When a request
 * has several faults the first found is reported: opcode, then size, then fields (MI lets an ME
 * report any one).
 */
public final class MeRequestParser {
    private MeRequestParser() {
    }

    /** Full intake of one reassembled message. */
    public static MeParse parse(Bytes wire) {
        if (wire.length() < MiMessage.MIN_SIZE) {
            return MeParse.discarded(Violation.at(Req.MI_MESSAGE_TYPE, "length", 0,
                    wire.length() + " bytes cannot hold a header and a MIC"), wire);
        }
        int b0 = wire.u8(0);
        if ((b0 & 0x80) == 0) {
            return MeParse.discarded(Violation.at(Req.MI_IC_CLEAR_DISCARD, "ic", 0,
                    "IC is clear (type byte " + hex8(b0) + ") on an out-of-band request"), wire);
        }
        if ((b0 & 0x7F) != MiHeader.MCTP_TYPE_NVME_MI) {
            return MeParse.discarded(Violation.at(Req.MI_MESSAGE_TYPE, "type", 0,
                    "message type " + hex8(b0 & 0x7F) + " is not NVMe-MI (04h)"), wire);
        }
        if (wire.length() > MiMessage.MAX_SIZE) {
            return MeParse.discarded(Violation.at(Req.MI_MESSAGE_MAX_SIZE, "length", MiMessage.MAX_SIZE,
                    wire.length() + " bytes exceed the 4224-byte maximum"), wire);
        }
        MiMessage m = MiMessage.decode(wire).get();
        if (!m.micValid()) {
            return MeParse.discarded(Violation.at(Req.MI_BAD_MIC_DISCARD, "mic", m.content().length(),
                    "MIC " + Findings.hex32(m.mic()) + " does not verify (expected " + Findings.hex32(m.expectedMic()) + ")"),
                    wire);
        }
        MiHeader h = m.header();
        if (h.ror()) {
            return MeParse.discarded(Violation.at(Req.MI_ROR_REQUEST_DISCARD, "ror", 1,
                    "ROR is set: a response is not processed as a command"), wire);
        }
        switch (h.nmimtCode()) {
            case 0:
                return parseControlPrimitive(m);
            case 1:
                return parseMiCommand(m);
            case 2:
                return parseAdmin(m);
            case 4:
                // PCIe command set: not modelled here; the model decides (support is optional).
                return MeParse.of(null, null, wire);
            default:
                return MeParse.of(null, MeError.invalidParameter(1, 3, Req.MI_INVALID_PARAMETER,
                        "NMIMT " + hex8(h.nmimtCode()) + " is reserved in MI 1.2"), wire);
        }
    }

    /** An NVMe-MI command set message (NMIMT 1); the message-level checks are assumed done. */
    public static MeParse parseMiCommand(MiMessage m) {
        Bytes raw = m.toWire();
        int len = m.content().length();
        if (len < 5) {
            return MeParse.of(null, MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    "no opcode: " + len + " bytes before the MIC"), raw);
        }
        MiCommand cmd = MiCommand.fromMessage(m);
        int opc = cmd.opcode();
        if (MiOpcode.isReserved(opc)) {
            return MeParse.of(cmd, MeError.of(MiStatus.INVALID_COMMAND_OPCODE, Req.MI_INVALID_OPCODE,
                    "opcode " + hex8(opc) + " is reserved"), raw);
        }
        if (cmd instanceof MiCommand.Raw) {
            // vendor specific, or SES Receive/Send (prohibited on a storage device): the model decides
            return MeParse.of(cmd, null, raw);
        }
        MeError sizeError = sizeError(cmd, len);
        return MeParse.of(cmd, sizeError != null ? sizeError : fieldError(cmd), raw);
    }

    private static MeError sizeError(MiCommand cmd, int len) {
        int body = MiCommand.DATA_OFFSET;
        if (len < body) {
            return MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    "request is " + len + " bytes before the MIC, a command needs " + body);
        }
        boolean takesData = cmd.miOpcode().map(o -> o.takesRequestData).orElse(false);
        if (takesData) {
            long dlen = cmd.nmd1() & 0xFFFF;
            if (len - body != dlen) {
                return MeError.of(MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE, Req.MI_INVALID_INPUT_DATA_SIZE,
                        (len - body) + " bytes of request data, DLEN says " + dlen);
            }
        } else if (len != body) {
            return MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    (len - body) + " surplus bytes after NMD1 on a command without request data");
        }
        return null;
    }

    private static MeError fieldError(MiCommand cmd) {
        if (cmd instanceof MiCommand.ReadDataStructure) {
            MiCommand.ReadDataStructure r = (MiCommand.ReadDataStructure) cmd;
            if (r.dtyp() > MiCommand.ReadDataStructure.MEB_COMMANDS) {
                return MeError.invalidParameter(MiCommand.ReadDataStructure.DTYP_OFFSET, 0,
                        Req.MI_READ_DS_RESERVED_DTYP, "DTYP " + hex8(r.dtyp()) + " is reserved");
            }
        } else if (cmd instanceof MiCommand.ControllerHealthStatusPoll) {
            MiCommand.ControllerHealthStatusPoll p = (MiCommand.ControllerHealthStatusPoll) cmd;
            if (p.maxrent() == 0xFF) {
                return MeError.invalidParameter(MiCommand.ControllerHealthStatusPoll.MAXRENT_OFFSET, 0,
                        Req.MI_CHSP_MAXRENT, "MAXRENT FFh asks for 256 entries");
            }
        } else if (cmd instanceof MiCommand.ConfigurationSet) {
            ConfigSetting s = ((MiCommand.ConfigurationSet) cmd).setting();
            if (ConfigId.isReservedInMi12(s.cid())) {
                return reservedCid(s.cid());
            }
            if (s instanceof ConfigSetting.SmbusFrequency) {
                int v = ((ConfigSetting.SmbusFrequency) s).sfreq();
                if (v == Sfreq.NOT_SUPPORTED.code || Sfreq.of(v).isEmpty()) {
                    return MeError.invalidParameter(9, 0, Req.MI_CONFIG_SMBUS_FREQUENCY,
                            "SFREQ " + v + " is not a frequency (0 = not supported, 4h-Fh reserved)");
                }
            } else if (s instanceof ConfigSetting.MctpTransmissionUnit) {
                int v = ((ConfigSetting.MctpTransmissionUnit) s).mtus();
                if (v < ConfigGetValue.BASELINE_MTUS) {
                    return MeError.invalidParameter(12, 0, Req.MI_CONFIG_MTU,
                            "MTUS " + v + " is below the 64-byte baseline");
                }
            }
        } else if (cmd instanceof MiCommand.ConfigurationGet) {
            int cid = ((MiCommand.ConfigurationGet) cmd).query().cid();
            if (ConfigId.isReservedInMi12(cid)) {
                return reservedCid(cid);
            }
        } else if (cmd instanceof MiCommand.Reset) {
            int t = ((MiCommand.Reset) cmd).type();
            if (t != MiCommand.Reset.NVM_SUBSYSTEM_RESET) {
                return MeError.invalidParameter(MiCommand.Reset.TYPE_OFFSET, 0, Req.MI_RESET,
                        "reset type " + hex8(t) + " is reserved");
            }
        } else if (cmd instanceof MiCommand.Shutdown) {
            int t = ((MiCommand.Shutdown) cmd).type();
            if (t > MiCommand.Shutdown.ABRUPT) {
                return MeError.invalidParameter(MiCommand.Shutdown.TYPE_OFFSET, 0, Req.MI_INVALID_PARAMETER,
                        "shutdown type " + hex8(t) + " is reserved");
            }
        }
        return null;
    }

    private static MeError reservedCid(int cid) {
        return MeError.invalidParameter(MiCommand.ConfigurationSet.CID_OFFSET, 0, Req.MI_CONFIG_RESERVED_CID,
                "configuration identifier " + hex8(cid) + " is reserved in MI 1.2");
    }

    /**
     * A tunnelled Admin message (NMIMT 2): opcode not in Fig. 114 → 03h; prohibited → 04h, PEL byte 4
     * bit 0 (MI 1.2 §6.2; nvme-mi-dev, written to MI 2.0, answers 03h); shorter than the 68-byte
     * command → 05h; request data longer than DLEN, or a host-to-controller command whose data is not
     * DLEN bytes → 06h; data on a command that moves none to the controller (but within DLEN) → 05h.
     * Unknown CTLID and DOFST/DLEN checks need the device and stay with the model.
     */
    public static MeParse parseAdmin(MiMessage m) {
        Bytes raw = m.toWire();
        int len = m.content().length();
        if (len < 5) {
            return MeParse.of(null, MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    "no opcode: " + len + " bytes before the MIC"), raw);
        }
        AdminRequest a = AdminRequest.fromMessage(m);
        AdminCommandSupport support = AdminCommandSupport.of(a.opcode());
        if (support == AdminCommandSupport.NOT_LISTED) {
            return MeParse.of(a, MeError.of(MiStatus.INVALID_COMMAND_OPCODE, Req.MI_ADMIN_PROHIBITED,
                    "Admin opcode " + hex8(a.opcode()) + " is not listed in MI 1.2 Figure 114"), raw);
        }
        if (support == AdminCommandSupport.PROHIBITED) {
            return MeParse.of(a, MeError.invalidParameter(AdminRequest.OPCODE_OFFSET, 0, Req.MI_ADMIN_PROHIBITED,
                    "Admin opcode " + hex8(a.opcode()) + " is prohibited out of band"), raw);
        }
        if (len < AdminRequest.HEADER_SIZE) {
            return MeParse.of(a, MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    "request is " + len + " bytes before the MIC, an Admin command needs 68"), raw);
        }
        long data = len - AdminRequest.HEADER_SIZE;
        boolean hostData = a.direction() == AdminOpcode.Direction.HOST_TO_CONTROLLER
                || a.direction() == AdminOpcode.Direction.BIDIRECTIONAL;
        if (data > a.dlen() || hostData && data != a.dlen()) {
            return MeParse.of(a, MeError.of(MiStatus.INVALID_COMMAND_INPUT_DATA_SIZE, Req.MI_INVALID_INPUT_DATA_SIZE,
                    data + " bytes of request data, DLEN is " + a.dlen()), raw);
        }
        if (!hostData && data != 0) {
            return MeParse.of(a, MeError.of(MiStatus.INVALID_COMMAND_SIZE, Req.MI_INVALID_COMMAND_SIZE,
                    data + " bytes after the command on an opcode that sends no data to the controller"), raw);
        }
        return MeParse.of(a, null, raw);
    }

    /**
     * A control primitive (NMIMT 0): not exactly 8 bytes before the MIC → 05h; reserved CPO → 03h;
     * Pause with CSI 1 → 04h. Replay offsets beyond the stored response need the ME state (model).
     */
    public static MeParse parseControlPrimitive(MiMessage m) {
        Bytes raw = m.toWire();
        int len = m.content().length();
        ControlPrimitive cp = ControlPrimitive.fromMessage(m);
        if (len != ControlPrimitive.SIZE) {
            return MeParse.of(len < 5 ? null : cp, MeError.of(MiStatus.INVALID_COMMAND_SIZE,
                    Req.MI_INVALID_COMMAND_SIZE, "control primitive is " + len + " bytes before the MIC, expected 8"), raw);
        }
        if (Cpo.isReserved(cp.cpo())) {
            return MeParse.of(cp, MeError.of(MiStatus.INVALID_COMMAND_OPCODE, Req.MI_CP_INVALID_OPCODE,
                    "control primitive opcode " + hex8(cp.cpo()) + " is reserved"), raw);
        }
        if (cp.cpo() == Cpo.PAUSE.code && cp.header().csi() != 0) {
            return MeParse.of(cp, MeError.invalidParameter(1, 0, Req.MI_CP_PAUSE, "Pause must use CSI 0"), raw);
        }
        return MeParse.of(cp, null, raw);
    }
}
