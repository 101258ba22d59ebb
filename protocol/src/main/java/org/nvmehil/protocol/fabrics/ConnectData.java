package org.nvmehil.protocol.fabrics;

import static org.nvmehil.protocol.wire.Findings.checkBits;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * The 1024 bytes of Connect data (Base 2.2 §6.3, Fig. 547): HOSTID 0-15, CNTLID 16-17 (FFFFh any dynamic
 * controller, FFFEh any static one), 18-255 reserved, SUBNQN 256-511 and HOSTNQN 512-767 (NUL-terminated UTF-8),
 * 768-1023 reserved. The offsets double as IPO values of a Connect Invalid Parameters response (IPS = 1).
 *
 * @param hostid 16 bytes as on the wire (a UUID in its usual byte order)
 */
public record ConnectData(Bytes hostid, int cntlid, String subnqn, String hostnqn) {

    public static final int SIZE = 1024;
    public static final int OFFSET_HOSTID = 0;
    public static final int OFFSET_CNTLID = 16;
    public static final int OFFSET_SUBNQN = 256;
    public static final int OFFSET_HOSTNQN = 512;
    public static final int NQN_SIZE = 256;
    public static final int CNTLID_DYNAMIC = 0xFFFF;
    public static final int CNTLID_STATIC_ANY = 0xFFFE;
    /** The well-known NQN of discovery subsystems. */
    public static final String DISCOVERY_NQN = "nqn.2014-08.org.nvmexpress.discovery";

    public ConnectData {
        if (hostid == null || hostid.length() != 16) {
            throw new IllegalArgumentException("hostid must be 16 bytes");
        }
        checkBits("cntlid", cntlid, 16);
        FabricsFindings.checkText("subnqn", subnqn, NQN_SIZE);
        FabricsFindings.checkText("hostnqn", hostnqn, NQN_SIZE);
    }

    public static ConnectData of(UUID hostid, int cntlid, String subnqn, String hostnqn) {
        return new ConnectData(uuidBytes(hostid), cntlid, subnqn, hostnqn);
    }

    /** A UUID as 16 bytes, most significant first (the order Linux sends a Host ID in). */
    public static Bytes uuidBytes(UUID u) {
        return Bytes.of(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    public UUID hostUuid() {
        ByteBuffer bb = ByteBuffer.wrap(hostid.toArray());
        return new UUID(bb.getLong(), bb.getLong());
    }

    public Bytes encode() {
        return new LeWriter().bytes(hostid).u16(cntlid).zeros(OFFSET_SUBNQN - 18)
                .bytes(FabricsFindings.nulPadded(subnqn, NQN_SIZE)).bytes(FabricsFindings.nulPadded(hostnqn, NQN_SIZE))
                .zeros(SIZE - 768).build();
    }

    /**
     * Decodes Connect data. Reports a size other than 1024 and NQNs without NUL or not UTF-8
     * (NVMEOF_CONNECT_DATA_FORMAT) and non-zero reserved bytes (NVMEOF_RESERVED_ZERO); rejects data shorter than
     * 1024 bytes.
     */
    public static Decoded<ConnectData> decode(Bytes b) {
        FabricsFindings f = new FabricsFindings();
        if (b.length() != SIZE) {
            f.add(Req.NVMEOF_CONNECT_DATA_FORMAT, "length", Math.min(b.length(), SIZE), "Connect data is " + b.length()
                    + " bytes, expected 1024");
            if (b.length() < SIZE) {
                return f.rejected(b);
            }
        }
        f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 18, OFFSET_SUBNQN, "reserved");
        String sub = f.nulTerminated(b, OFFSET_SUBNQN, NQN_SIZE, Req.NVMEOF_CONNECT_DATA_FORMAT, "subnqn");
        String host = f.nulTerminated(b, OFFSET_HOSTNQN, NQN_SIZE, Req.NVMEOF_CONNECT_DATA_FORMAT, "hostnqn");
        f.reservedRange(Req.NVMEOF_RESERVED_ZERO, b, 768, SIZE, "reserved");
        return f.result(new ConnectData(b.slice(0, 16), b.u16le(OFFSET_CNTLID), FabricsFindings.fitUtf8(sub, NQN_SIZE),
                FabricsFindings.fitUtf8(host, NQN_SIZE)), b);
    }
}
