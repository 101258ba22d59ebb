/**
 * MCTP control messages (message type 00h, DSP0236 §11–12): the header, generic request and
 * response envelopes, and typed codecs for the commands an NVMe-MI endpoint must handle. Each
 * command has encoders and decoders for both directions, so the reference model can answer
 * requests and the suites can check responses. Decoders never throw on device bytes.
 */
package org.nvmehil.protocol.mctp.control;
