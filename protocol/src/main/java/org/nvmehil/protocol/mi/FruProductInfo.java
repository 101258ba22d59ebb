package org.nvmehil.protocol.mi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * The Product Info Area of a VPD image in IPMI FRU format (NVMe-MI §8 VPD; IPMI FRU Information Storage Definition
 * v1.0 §8 common header, §11 product info area): the type/length-prefixed fields manufacturer, product name,
 * part/model number, version, serial number, asset tag. Used to show the DUT's identity in the report.
 *
 * <p>Lenient: a field the image cuts short or that is not 8-bit ASCII/Latin-1 (type code 11b) is shown as hex; a
 * wrong checksum or area offset is a violation of {@link Req#MI_VPD_READ}, never an exception.
 */
public record FruProductInfo(String manufacturer, String productName, String partNumber, String version,
                             String serialNumber, String assetTag) {

    private static final int COMMON_HEADER = 8;
    private static final int END_OF_FIELDS = 0xC1;

    /** Decodes from the start of the VPD image (the common header at offset 0). */
    public static Decoded<FruProductInfo> decode(Bytes image) {
        List<Violation> v = new ArrayList<>();
        if (image.length() < COMMON_HEADER) {
            v.add(Violation.at(Req.MI_VPD_READ, "commonHeader", 0, image.length() + " bytes, shorter than the 8-byte common header"));
            return Decoded.rejected(v, image);
        }
        if (checksum(image, 0, COMMON_HEADER) != 0) {
            v.add(Violation.at(Req.MI_VPD_READ, "commonHeader.checksum", 7, "the 8 header bytes do not sum to 00h"));
        }
        int at = image.u8(4) * 8;
        if (at == 0 || at + 3 > image.length()) {
            v.add(Violation.at(Req.MI_VPD_READ, "commonHeader.productInfoOffset", 4, at == 0
                    ? "no product info area (offset 0)" : "product info area at " + at + ", past the " + image.length() + " bytes read"));
            return Decoded.rejected(v, image);
        }
        int areaLength = image.u8(at + 1) * 8;
        if (areaLength > 0 && at + areaLength <= image.length() && checksum(image, at, at + areaLength) != 0) {
            v.add(Violation.at(Req.MI_VPD_READ, "productInfo.checksum", at + areaLength - 1, "the area does not sum to 00h"));
        }
        List<String> fields = new ArrayList<>();
        int p = at + 3;
        while (fields.size() < 6 && p < image.length() && image.u8(p) != END_OF_FIELDS) {
            int typeLength = image.u8(p);
            int n = typeLength & 0x3F;
            Bytes raw = image.slice(p + 1, Math.min(p + 1 + n, image.length()));
            fields.add((typeLength >>> 6) == 3 ? new String(raw.toArray(), StandardCharsets.ISO_8859_1).trim() : raw.toString());
            p += 1 + n;
        }
        while (fields.size() < 6) {
            fields.add("");
        }
        return Decoded.of(new FruProductInfo(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4),
                fields.get(5)), v, image);
    }

    private static int checksum(Bytes b, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += b.u8(i);
        }
        return sum & 0xFF;
    }
}
