/**
 * MCTP base transport (DMTF DSP0236): the packet codec, the fragmenter and the pure reassembly
 * state machine. Messages travel as {@link org.nvmehil.protocol.wire.Bytes} starting at the
 * message-type byte; this layer knows neither the bindings below it (SMBus/I2C, serial) nor the
 * message types above it (NVMe-MI). No I/O, no clock: callers pass the time in.
 */
package org.nvmehil.protocol.mctp;
