package org.nvmehil.protocol.nvme;

import static org.nvmehil.protocol.nvme.Findings.checkBits;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Firmware Slot Information log page (log identifier 03h, 512 bytes; NVMe Base 2.0): AFI (byte 0;
 * active slot bits 2:0, slot active after the next reset bits 6:4), reserved 1-7, FRS1-FRS7 (8 ASCII
 * bytes each from byte 8; all zero for an empty slot), reserved 64-511. An empty slot is the empty
 * string; other slots are padded with spaces to 8 chars.
 */
public record FirmwareSlotLog(int afi, List<String> frs) {

    public static final int LID = 0x03;
    public static final int SIZE = 512;
    public static final int SLOTS = 7;

    public FirmwareSlotLog {
        checkBits("afi", afi, 8);
        frs = List.copyOf(frs);
        if (frs.size() != SLOTS) {
            throw new IllegalArgumentException("seven firmware revision slots");
        }
        frs.forEach(s -> IdentifyController.checkText("frs", s, 8));
        frs = frs.stream().map(s -> s.isEmpty() ? s : Findings.pad(s, 8)).toList();
    }

    public int activeSlot() {
        return afi & 7;
    }

    public int nextResetSlot() {
        return afi >> 4 & 7;
    }

    /** FRSn, 1-based as in the spec. */
    public String frs(int slot) {
        return frs.get(slot - 1);
    }

    /** Empty slots encode as zeros, others space-padded. */
    public Bytes encode() {
        LeWriter w = new LeWriter().u8(afi).zeros(7);
        for (String s : frs) {
            if (s.isEmpty()) {
                w.zeros(8);
            } else {
                Findings.text(w, s, 8);
            }
        }
        return w.zeros(SIZE - w.size()).build();
    }

    /** An all-zero slot decodes as the empty string. */
    public static Decoded<FirmwareSlotLog> decode(Bytes b) {
        Findings f = new Findings();
        if (!f.size(b, SIZE, "Firmware Slot Information log")) {
            return f.rejected(b);
        }
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            int at = 8 + 8 * i;
            slots.add(b.slice(at, at + 8).equals(Bytes.zeros(8)) ? "" : Findings.text(b, at, 8));
        }
        return f.result(new FirmwareSlotLog(b.u8(0), slots), b);
    }
}
