/**
 * MCTP over SMBus/I2C (DMTF DSP0237 1.1.0): one MCTP packet per SMBus Block Write with command code
 * 0Fh and a PEC. The MCTP packet is carried as opaque {@link org.nvmehil.protocol.wire.Bytes}; the
 * MCTP layer interprets it.
 */
package org.nvmehil.protocol.binding.smbus;
