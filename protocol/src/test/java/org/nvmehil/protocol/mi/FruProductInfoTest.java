package org.nvmehil.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** A FRU image built by hand from the IPMI FRU v1.0 layout (not by the model's FruImage). */
class FruProductInfoTest {
    /*
     * Common header: 01 00 00 00 01 00 00 FE (product area at 1 x 8; 01+01+FE = 00).
     * Product area at 8, 3 x 8 = 24 bytes: 01 03 00, "ACME" (C4), "X1" (C2), "P-9" (C3), "" (C0), "S1" (C2), "" (C0),
     * C1, 00 pad, checksum.
     */
    private static final Bytes IMAGE = image();

    private static Bytes image() {
        Bytes area = Bytes.hex("01 03 00 C4 41 43 4D 45 C2 58 31 C3 50 2D 39 C0 C2 53 31 C0 C1 00 00");
        int sum = 0;
        for (int i = 0; i < area.length(); i++) {
            sum += area.u8(i);
        }
        return Bytes.hex("01 00 00 00 01 00 00 FE").concat(area).concat(Bytes.ofUnsigned(-sum & 0xFF));
    }

    @Test
    void readsTheProductFields() {
        var d = FruProductInfo.decode(IMAGE);
        assertTrue(d.isClean(), d.violations().toString());
        assertEquals(new FruProductInfo("ACME", "X1", "P-9", "", "S1", ""), d.get());
    }

    @Test
    void badChecksumsAreViolationsNotExceptions() {
        var d = FruProductInfo.decode(IMAGE.withByte(7, 0x00).withByte(31, 0x00));
        assertTrue(d.violates(Req.MI_VPD_READ));
        assertEquals(2, d.violations().size(), d.violations().toString());
        assertEquals("ACME", d.get().manufacturer());
    }

    @Test
    void anImageCutShortIsRejectedOrShownAsFarAsItGoes() {
        assertFalse(FruProductInfo.decode(IMAGE.slice(0, 5)).isPresent());
        assertFalse(FruProductInfo.decode(IMAGE.slice(0, 9)).isPresent());
        assertEquals("AC", FruProductInfo.decode(IMAGE.slice(0, 14)).get().manufacturer().substring(0, 2));
    }
}
