/**
 * NVMe over Fabrics structures from the Base specification (2.2) as NVMe/TCP uses them: the Fabrics command set
 * (opcode 7Fh: Connect with its 1024-byte data, Property Get/Set, Disconnect, Authentication Send/Receive), the
 * Connect response, Fabrics status codes, the property map and register fields (CAP, VS, CC, CSTS, NSSR), SGL
 * descriptors, the discovery log page (LID 70h) and the fabrics fields of Identify Controller. Pure codecs: no I/O.
 * Decoders never throw on device bytes and report violations with byte offsets within the structure decoded.
 */
package org.nvmehil.protocol.fabrics;
