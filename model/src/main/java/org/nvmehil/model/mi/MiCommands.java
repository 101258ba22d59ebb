package org.nvmehil.model.mi;

import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiStatus;

/**
 * The NVMe-MI command set (NMIMT 1; MI 1.2 §5, Figs. 57-58): hands each well-formed request to its
 * handler. Implemented: the mandatory commands plus VPD Write, Reset, Shutdown and, with an MEB, MEB
 * Read/Write. SES Receive/Send (prohibited for a storage device) and vendor-specific opcodes get 03h
 * Invalid Command Opcode; reserved opcodes were already answered by the parser.
 */
final class MiCommands {
    private MiCommands() {
    }

    static MiOutcome handle(MeContext ctx, MiCommand c) {
        if (c instanceof MiCommand.ReadDataStructure) {
            return DataStructures.handle(ctx, (MiCommand.ReadDataStructure) c);
        }
        if (c instanceof MiCommand.SubsystemHealthStatusPoll) {
            return HealthPolls.subsystem(ctx, (MiCommand.SubsystemHealthStatusPoll) c);
        }
        if (c instanceof MiCommand.ControllerHealthStatusPoll) {
            return HealthPolls.controllers(ctx, (MiCommand.ControllerHealthStatusPoll) c);
        }
        if (c instanceof MiCommand.ConfigurationSet) {
            return Configuration.set(ctx, (MiCommand.ConfigurationSet) c);
        }
        if (c instanceof MiCommand.ConfigurationGet) {
            return Configuration.get(ctx, (MiCommand.ConfigurationGet) c);
        }
        if (c instanceof MiCommand.VpdRead) {
            return VpdAccess.read(ctx, (MiCommand.VpdRead) c);
        }
        if (c instanceof MiCommand.VpdWrite) {
            return VpdAccess.write(ctx, (MiCommand.VpdWrite) c);
        }
        if (c instanceof MiCommand.Reset) {
            return SubsystemControl.reset(ctx, (MiCommand.Reset) c);
        }
        if (c instanceof MiCommand.Shutdown) {
            return SubsystemControl.shutdown(ctx, (MiCommand.Shutdown) c);
        }
        if (c instanceof MiCommand.MebRead) {
            return MebAccess.read(ctx, (MiCommand.MebRead) c);
        }
        if (c instanceof MiCommand.MebWrite) {
            return MebAccess.write(ctx, (MiCommand.MebWrite) c);
        }
        return Replies.error(c.header(), MiStatus.INVALID_COMMAND_OPCODE);
    }
}
