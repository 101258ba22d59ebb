/**
 * MCTP over a serial byte stream (DMTF DSP0253 1.0.0): flag-delimited frames with byte stuffing and
 * a 16-bit FCS. {@link org.nvmehil.protocol.binding.serial.SerialFrame} encodes one frame (and can
 * encode known-bad variants); {@link org.nvmehil.protocol.binding.serial.SerialStreamDecoder} turns
 * any chunking of a received stream into frame and discard events. The MCTP packet is opaque here.
 */
package org.nvmehil.protocol.binding.serial;
