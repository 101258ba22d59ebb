package org.nvmehil.protocol.tcp;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.wire.Bytes;

/**
 * The golden vectors of the NVMe/TCP facts sheet §13, captured from Linux nvmet (kernel 6.1.0-56-amd64, Debian
 * 6.1.192-2) on 2026-11-21. Literal bytes are copied from the sheet; where the sheet shows only the first bytes
 * of a PDU, the rest is rebuilt from what the sheet says about it (the Connect data from the Host ID and NQNs,
 * the known payloads i mod 256 and (7i+3) mod 256) and pinned by the digests the sheet lists. Payloads the sheet
 * does not give (Identify data, the 32 KiB write without digests) are synthetic and only the documented header
 * bytes are compared.
 */
public final class TcpVectors {

    public static final String NVMET = "Linux nvmet 6.1";
    public static final UUID HOST_ID = UUID.fromString("6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c");
    public static final String SUBNQN = "nqn.2026-01.test:subsys1";
    public static final String HOSTNQN = "nqn.2014-08.org.nvmexpress:uuid:6a1b9c2e-7f3d-4e5a-9b8c-0d1e2f3a4b5c";

    private TcpVectors() {
    }

    public static Bytes h(String hex) {
        return Bytes.hex(hex);
    }

    public static Bytes pattern(int n, IntUnaryOperator byteAt) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = byteAt.applyAsInt(i);
        }
        return Bytes.ofUnsigned(v);
    }

    public static Bytes ascii(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------------ §13.1 ICReq / ICResp

    public static final Bytes ICREQ = h("00 00 80 00 80 00 00 00 00 00 00 00 00 00 00 00").concat(Bytes.zeros(112));
    public static final Bytes ICRESP = h("01 00 80 00 80 00 00 00 00 00 00 00 00 00 40 00").concat(Bytes.zeros(112));
    public static final Bytes ICREQ_DGST = h("00 00 80 00 80 00 00 00 00 00 00 03 00 00 00 00").concat(Bytes.zeros(112));
    public static final Bytes ICRESP_DGST = h("01 00 80 00 80 00 00 00 00 00 00 03 00 00 40 00").concat(Bytes.zeros(112));

    // ------------------------------------------------------------------ §13.2 Connect (admin)

    public static final String CONNECT_SQE = "7f 40 01 00 01 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 04 00 00 00 00 00 01 00 00 00 00 1f 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

    /** The 1024 data bytes: rebuilt from Host ID, CNTLID FFFFh and the NQNs; "every other data byte is 00". */
    public static final Bytes CONNECT_DATA = h("6a 1b 9c 2e 7f 3d 4e 5a 9b 8c 0d 1e 2f 3a 4b 5c ff ff").concat(Bytes.zeros(256 - 18))
            .concat(ascii(SUBNQN)).concat(Bytes.zeros(256 - SUBNQN.length()))
            .concat(ascii(HOSTNQN)).concat(Bytes.zeros(256 - HOSTNQN.length()))
            .concat(Bytes.zeros(256));
    /** The data bytes the sheet prints literally: {offset, hex}. */
    public static final Object[][] CONNECT_DATA_DUMP = {
            {0, "6a 1b 9c 2e 7f 3d 4e 5a 9b 8c 0d 1e 2f 3a 4b 5c ff ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
            {256, "6e 71 6e 2e 32 30 32 36 2d 30 31 2e 74 65 73 74 3a 73 75 62 73 79 73 31 00 00 00 00 00 00 00 00"},
            {512, "6e 71 6e 2e 32 30 31 34 2d 30 38 2e 6f 72 67 2e 6e 76 6d 65 78 70 72 65 73 73 3a 75 75 69 64 3a"
                    + " 36 61 31 62 39 63 32 65 2d 37 66 33 64 2d 34 65 35 61 2d 39 62 38 63 2d 30 64 31 65 32 66 33 61"}};
    public static final ConnectData CONNECT_DATA_VALUE = ConnectData.of(HOST_ID, 0xFFFF, SUBNQN, HOSTNQN);

    public static final Bytes CONNECT = h("04 00 48 48 48 04 00 00" + CONNECT_SQE).concat(CONNECT_DATA);
    public static final Bytes CONNECT_RESP = h("05 00 18 00 18 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00");
    public static final Bytes CONNECT_DGST = h("04 03 48 4c 50 04 00 00" + CONNECT_SQE + "1c 11 3f 07").concat(CONNECT_DATA)
            .concat(h("31 85 43 24"));
    public static final Bytes CONNECT_RESP_DGST = h("05 01 18 00 1c 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00 09 a8 8e fc");

    // ------------------------------------------------------------------ §13.3 Property Get / Set, commands before CC.EN

    public static final Bytes PROPERTY_GET_CAP = h("04 00 48 00 48 00 00 00 7f 40 02 00 04 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes PROPERTY_GET_CAP_RESP = h("05 00 18 00 18 00 00 00 ff 03 00 0f 20 08 00 00 02 00 00 00 02 00 00 00");
    public static final Bytes PROPERTY_SET_CC = h("04 00 48 00 48 00 00 00 7f 40 05 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "00 00 00 00 14 00 00 00 01 00 46 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes PROPERTY_SET_RESP = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 05 00 00 00 05 00 00 00");
    public static final Bytes PROPERTY_GET_CSTS_RESP = h("05 00 18 00 18 00 00 00 01 00 00 00 00 00 00 00 06 00 00 00 06 00 00 00");
    public static final Bytes IDENTIFY_BEFORE_EN_NVM = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 04 00 00 00 04 00 18 80");
    public static final Bytes IDENTIFY_BEFORE_EN_DISCOVERY = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 04 00 00 00 04 00 02 c0");

    // ------------------------------------------------------------------ §13.4 Identify Controller and its C2HData

    public static final Bytes IDENTIFY = h("04 00 48 00 48 00 00 00 06 40 07 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 10 00 00 00 00 00 5a"
            + "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    /** First 24 of 4120 bytes. */
    public static final Bytes IDENTIFY_C2H_HEADER = h("07 04 18 18 18 10 00 00 07 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00");
    /** The 16 data bytes the sheet gives; the other 4080 are synthetic (zero). */
    public static final Bytes IDENTIFY_DATA = h("00 00 00 00 4e 56 4d 45 54 56 4d 30 30 30 31 20").concat(Bytes.zeros(4080));
    public static final Bytes IDENTIFY_RESP = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 07 00 00 00 07 00 00 00");
    /** First 28 of 4128 bytes (HDGST 5a0d91e6h). */
    public static final Bytes IDENTIFY_C2H_HEADER_DGST = h("07 07 18 1c 20 10 00 00 07 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00 e6 91 0d 5a");

    // ------------------------------------------------------------------ §13.5 known-payload write and read, both digests

    public static final Bytes PAYLOAD_512 = pattern(512, i -> i % 256);
    public static final Bytes WRITE_INCAPSULE_DGST = h("04 03 48 4c 50 02 00 00"
            + "01 40 02 00 01 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "33 a1 1e 5a").concat(PAYLOAD_512).concat(h("5a ee 10 ae"));
    public static final Bytes READ_DGST = h("04 01 48 00 4c 00 00 00 02 40 03 00 01 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 02 00 00 00 00 00 5a"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 4e 56 21 25");
    public static final Bytes READ_C2H_DGST = h("07 07 18 1c 20 02 00 00 03 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00 ef 93 2d 15")
            .concat(PAYLOAD_512).concat(h("5a ee 10 ae"));
    public static final Bytes READ_RESP_DGST = h("05 01 18 00 1c 00 00 00 00 00 00 00 00 00 00 00 03 00 01 00 03 00 00 00 d2 77 55 df");

    // ------------------------------------------------------------------ §13.6 R2T and H2CData

    public static final Bytes WRITE_32K = h("04 00 48 00 48 00 00 00 01 40 02 00 01 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 80 00 00 00 00 00 5a"
            + "80 00 00 00 00 00 00 00 3f 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes R2T = h("09 00 18 00 18 00 00 00 02 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00");
    /** First 24 of 32792 bytes; the payload of this write is not in the sheet (synthetic here). */
    public static final Bytes H2C_HEADER = h("06 04 18 18 18 80 00 00 02 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00");
    public static final Bytes WRITE_32K_RESP = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 02 00 01 00 02 00 00 00");
    public static final Bytes R2T_DGST = h("09 01 18 00 1c 00 00 00 04 00 02 00 00 00 00 00 00 80 00 00 00 00 00 00 97 44 a3 30");
    /** Payload byte i = (7i+3) mod 256; its DDGST was 42b1c633h. */
    public static final Bytes PAYLOAD_32K = pattern(32768, i -> (7 * i + 3) % 256);
    public static final Bytes H2C_DGST = h("06 07 18 1c 20 80 00 00 04 00 02 00 00 00 00 00 00 80 00 00 00 00 00 00 c3 35 20 05")
            .concat(PAYLOAD_32K).concat(h("33 c6 b1 42"));

    // ------------------------------------------------------------------ §13.7 SQ flow control disabled

    /** First 72 of 1096 bytes (the data, with CNTLID 0001h, is not shown). */
    public static final Bytes IO_CONNECT_HEADER = h("04 00 48 48 48 04 00 00 7f 40 01 00 01 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 04 00 00 00 00 00 01"
            + "00 00 02 00 1f 00 04 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes IO_CONNECT_RESP = h("05 00 18 00 18 00 00 00 01 00 00 00 00 00 00 00 ff ff 02 00 01 00 00 00");
    /** First 24 of 536 bytes (synthetic payload). */
    public static final Bytes C2H_SUCCESS_HEADER = h("07 0c 18 18 18 02 00 00 02 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00");

    // ------------------------------------------------------------------ §13.8 discovery log page

    public static final Bytes GET_LOG_PAGE_DISCOVERY = h("04 00 48 00 48 00 00 00 02 40 07 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 04 00 00 00 00 00 5a"
            + "70 00 ff 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    /** First 56 of 1048 bytes; "rest of the 1024-byte header reserved (00)". */
    public static final Bytes DISCOVERY_C2H_HEAD = h("07 04 18 18 18 04 00 00 07 00 00 00 00 00 00 00"
            + "00 04 00 00 00 00 00 00 02 00 00 00 00 00 00 00"
            + "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes DISCOVERY_C2H = DISCOVERY_C2H_HEAD.concat(Bytes.zeros(1048 - 56));
    /** Log bytes 2048-2111 (entry 1, first 64 bytes). */
    public static final Bytes DISCOVERY_ENTRY1_HEAD = h("03 01 02 04 01 00 ff ff 20 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "34 34 32 30 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");

    // ------------------------------------------------------------------ §13.9 error responses and shutdown

    public static final Bytes CONNECT_UNKNOWN_SUBNQN = h("05 00 18 00 18 00 00 00 00 01 01 00 00 00 00 00 00 00 00 00 01 00 04 83");
    public static final Bytes CONNECT_SQSIZE_0 = h("05 00 18 00 18 00 00 00 2c 00 00 00 00 00 00 00 00 00 00 00 01 00 04 83");
    public static final Bytes KEEP_ALIVE_KATO_0 = h("05 00 18 00 18 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 08 00 34 00");
    public static final Bytes PROPERTY_SET_SHN = h("04 00 48 00 48 00 00 00 7f 40 0a 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 5a"
            + "00 00 00 00 14 00 00 00 01 40 46 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    public static final Bytes CSTS_AFTER_SHUTDOWN = h("05 00 18 00 18 00 00 00 08 00 00 00 00 00 00 00 0b 00 00 00 0b 00 00 00");
}
