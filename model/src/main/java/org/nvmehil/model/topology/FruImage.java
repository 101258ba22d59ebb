package org.nvmehil.model.topology;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The model's VPD image in the IPMI Platform Management FRU Information Storage Definition v1.0 format,
 * as NVMe-MI asks for (MI 1.2 §8, VPD; read and written with VPD Read/Write, §5.12-5.13):
 *
 * <ul>
 *   <li>Common Header (FRU §8): format version 01h, area offsets in multiples of 8 bytes (internal use,
 *       chassis and board absent), PAD, zero checksum over the 8 bytes.</li>
 *   <li>Product Info Area (FRU §11) at offset 8: version 01h, length in 8-byte units, language 00h
 *       (English), then type/length-prefixed fields in order manufacturer, product name, part/model
 *       number, version, serial number, asset tag, FRU file ID; C1h ends the fields, 00h pads the area to
 *       a multiple of 8 and its last byte is a zero checksum. Fields use type 11b (8-bit ASCII/Latin-1).</li>
 *   <li>MultiRecord Area (FRU §16) right after: an NVMe record (type 0Bh) and one NVMe PCIe Port record
 *       (type 0Ch) per PCIe port. Each record has the 5-byte header (type, end-of-list bit 7 with format
 *       version 2h, data length, data zero checksum, header zero checksum); the last one has end of list.
 *       Field order and widths of the two NVMe records follow libnvme's {@code nvme_mi_vpd_mra} and
 *       {@code nvme_mi_vpd_ppmra}; power and form-factor fields are 0 (not reported).</li>
 * </ul>
 * The rest of the image is 00h.
 */
public final class FruImage {
    public static final int FORMAT_VERSION = 0x01;
    public static final int COMMON_HEADER_SIZE = 8;
    /** Type/length byte type 11b: 8-bit ASCII + Latin-1 (English language code). */
    public static final int TYPE_ASCII8 = 0xC0;
    public static final int END_OF_FIELDS = 0xC1;
    public static final int RECORD_FORMAT = 0x02;
    public static final int END_OF_LIST = 0x80;
    public static final int RECORD_HEADER_SIZE = 5;
    /** MultiRecord type of the NVMe record. */
    public static final int NVME_RECORD = 0x0B;
    /** MultiRecord type of the NVMe PCIe Port record. */
    public static final int NVME_PCIE_PORT_RECORD = 0x0C;
    /** NVMe record data length (version, form factor, power fields, MTL, TNVMCAP, reserved). */
    public static final int NVME_RECORD_LENGTH = 62;
    /** Offset of TNVMCAP (16 bytes, LE) within the NVMe record data. */
    public static final int NVME_RECORD_TNVMCAP = 19;
    /** NVMe PCIe Port record data length. */
    public static final int PCIE_PORT_RECORD_LENGTH = 11;
    /** Version numbers the model writes in the two NVMe records (value not checked against spec text). */
    public static final int NVME_RECORD_VERSION = 0x01;

    /** Product Info Area field order (FRU §11). */
    public static final List<String> PRODUCT_FIELDS = List.of("manufacturer", "product name", "part/model number",
            "version", "serial number", "asset tag", "FRU file ID");

    private FruImage() {
    }

    /** One PCIe port as the PCIe Port record reports it. */
    public record PciePortRecord(int portNumber, int supportedSpeeds, int maxWidth) {
    }

    /**
     * Builds the image.
     *
     * @param size         image size; the FRU data must fit
     * @param productFields the seven product info fields, in {@link #PRODUCT_FIELDS} order (at most 63
     *                     bytes each)
     * @param tnvmcap      total NVM capacity in bytes (NVMe record)
     * @param pciePorts    one PCIe Port record each
     */
    public static Bytes build(int size, List<String> productFields, BigInteger tnvmcap, List<PciePortRecord> pciePorts) {
        if (productFields.size() != PRODUCT_FIELDS.size()) {
            throw new IllegalArgumentException("seven product info fields expected");
        }
        Bytes product = productArea(productFields);
        int productOffset = COMMON_HEADER_SIZE;
        int multiRecordOffset = productOffset + product.length();
        Bytes records = multiRecordArea(tnvmcap, pciePorts);
        LeWriter header = new LeWriter().u8(FORMAT_VERSION).u8(0).u8(0).u8(0).u8(productOffset / 8)
                .u8(multiRecordOffset / 8).u8(0);
        Bytes h = header.build();
        LeWriter w = new LeWriter().bytes(h).u8(zeroChecksum(h)).bytes(product).bytes(records);
        if (w.size() > size) {
            throw new IllegalArgumentException("FRU data needs " + w.size() + " bytes, the VPD has " + size);
        }
        return w.zeros(size - w.size()).build();
    }

    private static Bytes productArea(List<String> fields) {
        LeWriter body = new LeWriter().u8(FORMAT_VERSION).u8(0).u8(0);
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length > 63) {
                throw new IllegalArgumentException("FRU field \"" + f + "\" exceeds 63 bytes");
            }
            body.u8(TYPE_ASCII8 | b.length).bytes(Bytes.of(b));
        }
        body.u8(END_OF_FIELDS);
        int len = (body.size() + 1 + 7) / 8 * 8;
        body.zeros(len - 1 - body.size());
        byte[] a = body.build().toArray();
        a[1] = (byte) (len / 8);
        Bytes area = Bytes.of(a);
        return area.concat(Bytes.ofUnsigned(zeroChecksum(area)));
    }

    private static Bytes multiRecordArea(BigInteger tnvmcap, List<PciePortRecord> ports) {
        // version, form factor, 6 reserved, 1.8 V/3.3 V initial and maximum power (4), reserved,
        // 3.3 Vaux max, 5 V initial/max, 12 V initial/max (5), maximum thermal load: 19 bytes, then TNVMCAP
        LeWriter nvme = new LeWriter().u8(NVME_RECORD_VERSION).u8(0).zeros(6).zeros(4).zeros(1).zeros(5).u8(0);
        byte[] cap = tnvmcap.toByteArray();
        for (int i = 0; i < 16; i++) {
            int j = cap.length - 1 - i;
            nvme.u8(j >= 0 ? cap[j] : 0);
        }
        nvme.zeros(NVME_RECORD_LENGTH - nvme.size());
        List<Bytes> data = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        data.add(nvme.build());
        types.add(NVME_RECORD);
        for (PciePortRecord p : ports) {
            data.add(new LeWriter().u8(NVME_RECORD_VERSION).u8(p.portNumber()).u8(0).u8(p.supportedSpeeds())
                    .u8(p.maxWidth()).u8(0).u8(0).u8(0).zeros(3).build());
            types.add(NVME_PCIE_PORT_RECORD);
        }
        LeWriter w = new LeWriter();
        for (int i = 0; i < data.size(); i++) {
            boolean last = i == data.size() - 1;
            Bytes d = data.get(i);
            Bytes h = new LeWriter().u8(types.get(i)).u8(RECORD_FORMAT | (last ? END_OF_LIST : 0)).u8(d.length())
                    .u8(zeroChecksum(d)).build();
            w.bytes(h).u8(zeroChecksum(h)).bytes(d);
        }
        return w.build();
    }

    /** The byte that makes the sum of {@code b} and itself 0 modulo 256 (FRU zero checksum). */
    public static int zeroChecksum(Bytes b) {
        int sum = 0;
        for (int i = 0; i < b.length(); i++) {
            sum += b.u8(i);
        }
        return -sum & 0xFF;
    }

    /** True when the bytes (checksum included) sum to 0 modulo 256. */
    public static boolean sumsToZero(Bytes b) {
        int sum = 0;
        for (int i = 0; i < b.length(); i++) {
            sum += b.u8(i);
        }
        return (sum & 0xFF) == 0;
    }

    /**
     * Reads the product info fields back from an image (for tests and diagnostics): empty when the
     * common header or the area is malformed or its checksum fails.
     */
    public static Optional<List<String>> productFields(Bytes image) {
        if (image.length() < COMMON_HEADER_SIZE || !sumsToZero(image.slice(0, COMMON_HEADER_SIZE))) {
            return Optional.empty();
        }
        int at = image.u8(4) * 8;
        if (at == 0 || at + 3 > image.length()) {
            return Optional.empty();
        }
        int len = image.u8(at + 1) * 8;
        if (len == 0 || at + len > image.length() || !sumsToZero(image.slice(at, at + len))) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        int p = at + 3;
        while (p < at + len - 1 && image.u8(p) != END_OF_FIELDS) {
            int n = image.u8(p) & 0x3F;
            if (p + 1 + n > at + len) {
                return Optional.empty();
            }
            out.add(new String(image.slice(p + 1, p + 1 + n).toArray(), StandardCharsets.ISO_8859_1));
            p += 1 + n;
        }
        return Optional.of(out);
    }
}
