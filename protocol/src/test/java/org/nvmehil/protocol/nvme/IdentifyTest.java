package org.nvmehil.protocol.nvme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/** Identify Controller and Identify Namespace data (NVMe Base 2.0 / NVM Command Set 1.0). */
class IdentifyTest {

    static final IdentifyController CTRL = IdentifyController.builder().vid(0x144D).ssvid(0x144D).sn("AZ123456")
            .mn("Model X").fr("1.0").rab(6).ieee(0x002538).cmic(0).mdts(5).cntlid(1).ver(0x00020000).ctratt(0x10)
            .cntrltype(1).nvmsr(1).vwci(0x85).mec(1).oacs(0x0016).frmw(0x16).lpa(0x0E).npss(4).wctemp(358)
            .cctemp(363).tnvmcap(new BigInteger("512110190592")).sanicap(0x60000003L).sqes(0x66).cqes(0x44).nn(32)
            .oncs(0x5F).subnqn("nqn.2014.08.org.nvmexpress:144d144dAZ123456").build();

    @Test
    @DisplayName("Identify Controller fields sit at their offsets (SN 4, MN 24, FR 64, CNTLID 78, VER 80, MEC 255, SUBNQN 768...)")
    void controllerOffsets() {
        Bytes b = CTRL.encode();
        assertEquals(4096, b.length());
        assertEquals(0x144D, b.u16le(0));
        assertEquals("AZ123456            ", new String(b.slice(4, 24).toArray(), StandardCharsets.US_ASCII));
        assertEquals("Model X", new String(b.slice(24, 64).toArray(), StandardCharsets.US_ASCII).strip());
        assertEquals("1.0     ", new String(b.slice(64, 72).toArray(), StandardCharsets.US_ASCII));
        assertEquals(Bytes.hex("06 38 25 00 00 05 01 00 00 00 02 00"), b.slice(72, 84));
        assertEquals(0x10, b.u32le(96));
        assertEquals(1, b.u8(111));
        assertEquals(Bytes.hex("01 85 01 16 00"), b.slice(253, 258));
        assertEquals(Bytes.hex("16 0e"), b.slice(260, 262));
        assertEquals(4, b.u8(263));
        assertEquals(358, b.u16le(266));
        assertEquals(363, b.u16le(268));
        assertEquals(512110190592L, b.le().getLong(280));
        assertEquals(0x60000003L, b.u32le(328));
        assertEquals(Bytes.hex("66 44"), b.slice(512, 514));
        assertEquals(32, b.u32le(516));
        assertEquals(0x5F, b.u16le(520));
        assertEquals('n', b.u8(768));
        assertEquals(0, b.u8(768 + CTRL.subnqn().length()));
        assertEquals("2.0.0", CTRL.version());
        assertTrue(CTRL.nvmesd() && CTRL.twpme() && CTRL.vwcrv());
        assertEquals(5, CTRL.vwcr());
    }

    @Test
    @DisplayName("Identify Controller round trip; encodeOnto keeps the other bytes of a device image")
    void controllerRoundTrip() {
        Decoded<IdentifyController> d = IdentifyController.decode(CTRL.encode());
        assertTrue(d.isClean(), d.violations()::toString);
        assertEquals(CTRL, d.get());
        assertEquals(CTRL, d.get().toBuilder().build());
        Bytes image = CTRL.encode().withByte(3072, 0xEE).withByte(2048, 0x11);
        assertEquals(image, IdentifyController.decode(image).get().encodeOnto(image));
        assertEquals("AZ123456", CTRL.snTrimmed());
    }

    static Stream<Arguments> asciiFaults() {
        Bytes good = CTRL.encode();
        return Stream.of(
                argumentSet("SN padded with NUL instead of spaces", good.withByte(4 + 8, 0), "sn", 12),
                argumentSet("MN holding a non-ASCII byte", good.withByte(24 + 2, 0xC3), "mn", 26),
                argumentSet("FR holding a control character", good.withByte(64, 0x09), "fr", 64),
                argumentSet("SN right-justified (leading space)", IdentifyController.builder().sn("  AZ1").mn("M").fr("F").build().encode(), "sn", 4));
    }

    @ParameterizedTest
    @MethodSource("asciiFaults")
    @DisplayName("SN/MN/FR that are not space-padded printable ASCII → NVME_IDENTIFY_ASCII")
    void asciiFaultReported(Bytes image, String field, int offset) {
        Decoded<IdentifyController> d = IdentifyController.decode(image);
        assertTrue(d.isPresent());
        assertEquals(1, d.violations().size(), d.violations()::toString);
        Violation v = d.violations().get(0);
        assertEquals(Req.NVME_IDENTIFY_ASCII, v.req());
        assertEquals(field, v.field());
        assertEquals(offset, v.offset());
        assertEquals(image, d.get().encodeOnto(image), "non-ASCII bytes survive the round trip");
    }

    @Test
    @DisplayName("a blank (all spaces) SN is printable ASCII; a short image is rejected (NVME_DATA_LAYOUT)")
    void blankAndShort() {
        assertTrue(IdentifyController.decode(IdentifyController.builder().build().encode()).isClean());
        Decoded<IdentifyController> d = IdentifyController.decode(Bytes.zeros(20));
        assertFalse(d.isPresent());
        assertTrue(d.violates(Req.NVME_DATA_LAYOUT));
    }

    // ------------------------------------------------------------------ namespace

    static final IdentifyNamespace NS = new IdentifyNamespace(0x1000000L, 0xF00000L, 0x10000L, 0x14, 1, 0x11, 1, 0x1F,
            0, 1, BigInteger.valueOf(0x200000000L), 1, Bytes.hex("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"),
            Bytes.hex("01 02 03 04 05 06 07 08"),
            List.of(new IdentifyNamespace.LbaFormat(0, 9, 2), new IdentifyNamespace.LbaFormat(8, 12, 0)));

    @Test
    @DisplayName("Identify Namespace offsets: NSZE 0, NCAP 8, NUSE 16, NLBAF 25, FLBAS 26, NVMCAP 48, NGUID 104, EUI64 120, LBAF 128")
    void namespaceOffsets() {
        Bytes b = NS.encode();
        assertEquals(4096, b.length());
        assertEquals(0x1000000L, b.le().getLong(0));
        assertEquals(0xF00000L, b.le().getLong(8));
        assertEquals(0x10000L, b.le().getLong(16));
        assertEquals(Bytes.hex("14 01 11 01 1f 00 01"), b.slice(24, 31));
        assertEquals(0x200000000L, b.le().getLong(48));
        assertEquals(1, b.u32le(92));
        assertEquals(NS.nguid(), b.slice(104, 120));
        assertEquals(NS.eui64(), b.slice(120, 128));
        assertEquals(0x02090000L, b.u32le(128));
        assertEquals(0x000C0008L, b.u32le(132));
        assertEquals(1, NS.formatIndex());
        assertTrue(NS.extendedMetadata());
        assertEquals(4096, NS.blockSize());
    }

    @Test
    @DisplayName("Identify Namespace round trip; NLBAF counts list entries 0-based")
    void namespaceRoundTrip() {
        Decoded<IdentifyNamespace> d = IdentifyNamespace.decode(NS.encode());
        assertTrue(d.isClean());
        assertEquals(NS, d.get());
        IdentifyNamespace simple = IdentifyNamespace.simple(100, 9);
        assertEquals(512, simple.blockSize());
        assertEquals(simple, IdentifyNamespace.decode(simple.encode()).get());
    }

    @Test
    @DisplayName("FLBAS bits 6:5 extend the format index beyond 16 formats (NVMe 2.0)")
    void flbasHighBits() {
        IdentifyNamespace n = new IdentifyNamespace(0, 0, 0, 0, 0, 0x21, 0, 0, 0, 0, BigInteger.ZERO, 0, Bytes.zeros(16),
                Bytes.zeros(8), List.of());
        assertEquals(17, n.formatIndex());
        assertEquals(0, n.blockSize());
    }

    @Test
    @DisplayName("NLBAF beyond 63 → NVME_DATA_LAYOUT, 64 formats read")
    void nlbafTooLarge() {
        Decoded<IdentifyNamespace> d = IdentifyNamespace.decode(NS.encode().withByte(25, 0xFF));
        assertEquals(64, d.get().lbaf().size());
        assertEquals(25, d.violations().get(0).offset());
        assertTrue(d.violates(Req.NVME_DATA_LAYOUT));
    }
}
