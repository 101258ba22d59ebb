package org.nvmehil.protocol.mi;

import org.nvmehil.protocol.wire.Bytes;

/**
 * Every request a requester can send to an ME: the NVMe-MI command set (NMIMT 1), tunnelled Admin
 * commands (NMIMT 2) and control primitives (NMIMT 0). {@link #content} is the message from 84h up
 * to the MIC; {@link #seal} appends the right MIC.
 */
public sealed interface MiRequest permits MiCommand, AdminRequest, ControlPrimitive {

    MiHeader header();

    Bytes content();

    default MiMessage seal() {
        return MiMessage.seal(content());
    }
}
