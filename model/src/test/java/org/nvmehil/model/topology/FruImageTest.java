package org.nvmehil.model.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.TestLab;
import org.nvmehil.protocol.wire.Bytes;

/** The VPD image in IPMI FRU format (FRU Information Storage Definition v1.0 §8, §11, §16). */
class FruImageTest {

    @Test
    @DisplayName("common header: version 01h, product area at 8, multirecord area after it, zero checksum")
    void commonHeader() {
        Bytes img = Subsystem.fromConfig(TestLab.defaults().config()).vpd().image();
        assertEquals(256, img.length());
        assertEquals(0x01, img.u8(0));
        assertEquals(Bytes.zeros(3), img.slice(1, 4));
        assertEquals(1, img.u8(4));
        assertEquals(0, img.u8(6));
        assertTrue(FruImage.sumsToZero(img.slice(0, 8)));
    }

    @Test
    @DisplayName("product info area: version, length in 8-byte units, English, ASCII fields, C1h end, zero checksum")
    void productArea() {
        Bytes img = Subsystem.fromConfig(TestLab.defaults().config()).vpd().image();
        int len = img.u8(9) * 8;
        Bytes area = img.slice(8, 8 + len);
        assertEquals(0x01, area.u8(0));
        assertEquals(0x00, area.u8(2));
        assertEquals(0xC0 | 8, area.u8(3));
        assertTrue(FruImage.sumsToZero(area));
        assertEquals(8 + len, img.u8(5) * 8, "multirecord area follows the product area");
        assertEquals(List.of("nvme-hil", "nvme-hil reference model", "nvme-hil reference model", "0.1.0",
                "NVMEHIL-0001", "", ""), FruImage.productFields(img).get());
    }

    @Test
    @DisplayName("multirecord area: NVMe record (0Bh) with TNVMCAP, one PCIe port record (0Ch) per port, last one ends the list")
    void multiRecords() {
        Subsystem s = Subsystem.fromConfig(TestLab.defaults().topology(2, 1, 1, TestLab.NAMESPACE).config());
        Bytes img = s.vpd().image();
        int at = img.u8(5) * 8;
        int[] types = {FruImage.NVME_RECORD, FruImage.NVME_PCIE_PORT_RECORD, FruImage.NVME_PCIE_PORT_RECORD};
        for (int i = 0; i < types.length; i++) {
            Bytes hdr = img.slice(at, at + 5);
            assertEquals(types[i], hdr.u8(0));
            assertEquals(0x02 | (i == types.length - 1 ? 0x80 : 0), hdr.u8(1));
            assertTrue(FruImage.sumsToZero(hdr));
            int n = hdr.u8(2);
            Bytes data = img.slice(at + 5, at + 5 + n);
            assertEquals(0, (data.toArray().length == 0 ? 0 : sum(data) + hdr.u8(3)) & 0xFF);
            if (i == 0) {
                assertEquals(FruImage.NVME_RECORD_LENGTH, n);
                assertEquals(BigInteger.valueOf(2_097_152L * 512), new BigInteger(1, reverse(data.slice(
                        FruImage.NVME_RECORD_TNVMCAP, FruImage.NVME_RECORD_TNVMCAP + 16).toArray())));
            } else {
                assertEquals(FruImage.PCIE_PORT_RECORD_LENGTH, n);
                assertEquals(i - 1, data.u8(1));
                assertEquals(0x0F, data.u8(3));
                assertEquals(4, data.u8(4));
            }
            at += 5 + n;
        }
        assertEquals(Bytes.zeros(256 - at), img.slice(at));
    }

    @Test
    @DisplayName("data that does not fit the VPD, or a field over 63 bytes, is refused")
    void limits() {
        List<String> f = List.of("m", "p", "n", "v", "s", "", "");
        assertThrows(IllegalArgumentException.class, () -> FruImage.build(64, f, BigInteger.ONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> FruImage.build(256,
                List.of("x".repeat(64), "p", "n", "v", "s", "", ""), BigInteger.ONE, List.of()));
        assertEquals(128, FruImage.build(128, f, BigInteger.ONE, List.of()).length());
        assertTrue(FruImage.productFields(Bytes.zeros(16)).isEmpty());
    }

    private static int sum(Bytes b) {
        int s = 0;
        for (int i = 0; i < b.length(); i++) {
            s += b.u8(i);
        }
        return s;
    }

    private static byte[] reverse(byte[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
