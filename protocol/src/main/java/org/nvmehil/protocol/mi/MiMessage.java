package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.hex32;
import static org.nvmehil.protocol.mi.Findings.hex8;

import org.nvmehil.protocol.integrity.Crc;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * One NVMe-MI message as the MCTP layer hands it over: {@code content} runs from the message-type
 * byte (84h) up to the byte before the MIC; {@code mic} is the 32-bit Message Integrity Check
 * (MI 1.2 §3.1.1.1: CRC-32C over the content, sent little-endian in the last four bytes).
 *
 * <p>Any MIC is representable; {@link #seal} computes the right one, {@link #withMic} sets a wrong
 * one on purpose.
 */
public record MiMessage(Bytes content, long mic) {

    /** Largest valid NVMe-MI message, MIC included (MI 1.2 §3.1). */
    public static final int MAX_SIZE = 4224;
    public static final int MIC_SIZE = 4;
    /** Header plus MIC: nothing shorter can be an NVMe-MI message. */
    public static final int MIN_SIZE = MiHeader.SIZE + MIC_SIZE;

    public MiMessage {
        if (content == null) {
            throw new NullPointerException("content");
        }
        Findings.checkBits("mic", mic, 32);
    }

    /** {@code content} with its correct MIC. */
    public static MiMessage seal(Bytes content) {
        return new MiMessage(content, Crc.crc32c(content));
    }

    /** The MIC the content calls for. */
    public long expectedMic() {
        return Crc.crc32c(content);
    }

    public boolean micValid() {
        return mic == expectedMic();
    }

    public MiMessage withMic(long newMic) {
        return new MiMessage(content, newMic);
    }

    /** The header (bytes 0-3 of the content; absent bytes read as zero). */
    public MiHeader header() {
        return MiHeader.decode(content);
    }

    /** Content after the 4-byte header. */
    public Bytes body() {
        return content.length() <= MiHeader.SIZE ? Bytes.EMPTY : content.slice(MiHeader.SIZE);
    }

    /** Wire length: content plus MIC. */
    public int length() {
        return content.length() + MIC_SIZE;
    }

    /** Content followed by the MIC, little-endian. */
    public Bytes toWire() {
        return new LeWriter().bytes(content).u32(mic).build();
    }

    /**
     * Splits a complete message into content and MIC. Rejected only when it is too short to hold a
     * header and a MIC; otherwise the value is present and violations report a bad type byte (IC
     * clear or type not 04h), an oversize message and a MIC that does not verify.
     */
    public static Decoded<MiMessage> decode(Bytes wire) {
        Findings f = new Findings();
        if (wire.length() < MIN_SIZE) {
            f.add(Req.MI_MESSAGE_TYPE, "length", 0,
                    wire.length() + " bytes cannot hold a 4-byte header and a 4-byte MIC");
            return f.rejected(wire);
        }
        int b0 = wire.u8(0);
        if (b0 != (0x80 | MiHeader.MCTP_TYPE_NVME_MI)) {
            f.add(Req.MI_MESSAGE_TYPE, "ic/type", 0, "type byte is " + hex8(b0)
                    + ((b0 & 0x80) == 0 ? " (IC clear)" : "") + ", expected 84h (IC set, type 04h)");
        }
        if (wire.length() > MAX_SIZE) {
            f.add(Req.MI_MESSAGE_MAX_SIZE, "length", MAX_SIZE,
                    "message is " + wire.length() + " bytes, at most " + MAX_SIZE + " allowed");
        }
        int micAt = wire.length() - MIC_SIZE;
        MiMessage m = new MiMessage(wire.slice(0, micAt), wire.u32le(micAt));
        if (!m.micValid()) {
            f.add(Req.MI_MIC, "mic", micAt, "MIC is " + hex32(m.mic) + " (sent " + wire.slice(micAt)
                    + "), expected " + hex32(m.expectedMic()) + " (sent " + new LeWriter().u32(m.expectedMic()).build() + ")");
        }
        return f.result(m, wire);
    }

    @Override
    public String toString() {
        return "MiMessage[" + content + " | mic " + new LeWriter().u32(mic).build() + (micValid() ? "" : " (bad)") + "]";
    }
}
