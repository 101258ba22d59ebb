/**
 * NVMe/TCP transport PDUs (NVMe/TCP 1.0): the common header, the sealed {@link org.nvmehil.protocol.tcp.Pdu}
 * family, encoding with the negotiated digests and padding ({@link org.nvmehil.protocol.tcp.TcpParams}), a
 * whole-PDU decoder that reports every framing, digest and field violation, and the chunk-agnostic
 * {@link org.nvmehil.protocol.tcp.PduStreamDecoder}. Pure: no I/O, no threads, no clock.
 *
 * <p>Negative tests build illegal PDUs through {@link org.nvmehil.protocol.tcp.PduFrame}: every header field,
 * the digests and the padding can be overridden there, and the frame writes exactly what it holds.
 */
package org.nvmehil.protocol.tcp;
