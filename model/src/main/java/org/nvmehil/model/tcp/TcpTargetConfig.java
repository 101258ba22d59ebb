package org.nvmehil.model.tcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.nvmehil.protocol.lab.LabConfig;

/**
 * The NVMe/TCP target's policies and limits: legal choices the specifications leave to a controller (not
 * faults). {@link #fromLab} takes the subsystem NQN and the advertised address from lab-config and the rest from
 * {@link #defaults}; each {@code with…} changes one value.
 *
 * @param subnqn            NQN of the NVM subsystem (lab-config {@code model.identity.subnqn})
 * @param allowedHosts      host NQNs allowed to connect; empty = any host (Base 2.2 §6.3: others get Connect
 *                          Invalid Host)
 * @param grantHeaderDigest enable HDGST when the ICReq asks for it (NVMe/TCP 1.0 §3.3.1.1: may)
 * @param grantDataDigest   enable DDGST when the ICReq asks for it
 * @param maxH2CData        MAXH2CDATA in the ICResp, bytes (dword multiple, at least 4096)
 * @param maxC2HData        most DATA bytes per C2HData PDU; larger transfers are split (dword multiple)
 * @param r2tMaxLength      most bytes one R2T solicits (dword multiple); larger writes get several R2Ts
 * @param maxR2T            most R2Ts the target keeps outstanding per command (further capped by the host's
 *                          MAXR2T + 1)
 * @param ioInCapsuleData   in-capsule data an I/O command capsule may carry (IOCCSZ = (64 + this) / 16)
 * @param adminInCapsuleData in-capsule data an Admin or Fabrics capsule may carry (NVMe/TCP 1.0 Fig. 11: 8192)
 * @param mdts              Identify MDTS (max transfer 2^MDTS x 4 KiB; 0 = no limit)
 * @param mqes              CAP.MQES, 0's based largest I/O SQ
 * @param asqsz             largest admin SQ in entries (discovery entry ASQSZ; admin SQSIZE + 1 limit)
 * @param maxIoQueues       I/O queues a controller offers (Number of Queues feature, largest QID)
 * @param capTo             CAP.TO in 500 ms units (covers {@link #readyDelay} and {@link #shutdownDelay})
 * @param readyDelay        time from CC.EN = 1 to CSTS.RDY = 1
 * @param shutdownDelay     time CSTS.SHST stays 01b (occurring) before 10b (complete)
 * @param kas               Identify KAS, KATO granularity in 100 ms units (at least 1)
 * @param rejectZeroKato    a KATO of 0 on an NVM controller (admin Connect, Set Features 0Fh) fails with Keep
 *                          Alive Timeout Invalid: the literal reading of Base 2.2 §3.9.1 with NVMe/TCP 1.0 §3.4;
 *                          false accepts it and disables keep alive (Linux nvmet)
 * @param trafficBasedKeepAlive CTRATT.TBKAS: any command restarts the timer and expiry comes 2 x KATO after the
 *                          last one (Base 2.2 §3.9.4); false: command based, Keep Alive and Set Features KATO
 *                          restart it and it expires KATO after the last restart (§3.9.3)
 * @param discoveryIdleTimeout a discovery connection without commands for this long is closed (Base 2.2
 *                          §3.1.3.3, example 2 minutes)
 * @param useC2HSuccess     on queues whose SQ flow control is disabled, end successful reads with SUCCESS in the
 *                          last C2HData and no CapsuleResp (NVMe/TCP 1.0 §3.3.2.1: may)
 * @param rejectReservedBits non-zero reserved PDU header bits and bytes (FLAGS, PDO, ICReq 16-127, H2CData
 *                          20-23) are fatal with FES 01h; false ignores them
 * @param advertisedAddress TRADDR of the NVM subsystem entry in the discovery log (may differ from the
 *                          listening address: port forwarding)
 * @param advertisedPort    TRSVCID of that entry
 * @param portId            PORTID of the discovery entries
 * @param maxStoredBytes    bound on namespace data kept in memory (written non-zero blocks); beyond it writes
 *                          fail with Capacity Exceeded
 * @param maxHpda           largest ICReq HPDA supported (0..31); a larger legal value is an unsupported
 *                          parameter (C2HTermReq FES 06h, FEI 10; NVMe/TCP 1.0 §3.1)
 */
public record TcpTargetConfig(String subnqn, Set<String> allowedHosts, boolean grantHeaderDigest,
                              boolean grantDataDigest, int maxH2CData, int maxC2HData, int r2tMaxLength, int maxR2T,
                              int ioInCapsuleData, int adminInCapsuleData, int mdts, int mqes, int asqsz,
                              int maxIoQueues, int capTo, Duration readyDelay, Duration shutdownDelay, int kas,
                              boolean rejectZeroKato, boolean trafficBasedKeepAlive, Duration discoveryIdleTimeout,
                              boolean useC2HSuccess, boolean rejectReservedBits, String advertisedAddress,
                              int advertisedPort, int portId, long maxStoredBytes, int maxHpda) {

    /** The well-known NQN of the discovery subsystem. */
    public static final String DISCOVERY_NQN = "nqn.2014-08.org.nvmexpress.discovery";

    public TcpTargetConfig {
        Objects.requireNonNull(subnqn, "subnqn");
        allowedHosts = Set.copyOf(allowedHosts);
        if (maxH2CData < 4096 || maxH2CData % 4 != 0) {
            throw new IllegalArgumentException("maxH2CData " + maxH2CData + " must be a dword multiple of at least 4096");
        }
        if (maxC2HData < 4 || maxC2HData % 4 != 0 || r2tMaxLength < 4 || r2tMaxLength % 4 != 0) {
            throw new IllegalArgumentException("maxC2HData and r2tMaxLength must be positive dword multiples");
        }
        if (maxR2T < 1) {
            throw new IllegalArgumentException("maxR2T must be at least 1");
        }
        if (ioInCapsuleData < 0 || ioInCapsuleData % 16 != 0 || adminInCapsuleData < 1024) {
            throw new IllegalArgumentException("ioInCapsuleData must be a multiple of 16, adminInCapsuleData at least 1024");
        }
        if (mqes < 1 || mqes > 0xFFFF || asqsz < 2 || asqsz > 0x10000 || maxIoQueues < 1 || maxIoQueues > 0xFFFE) {
            throw new IllegalArgumentException("mqes 1..65535, asqsz 2..65536, maxIoQueues 1..65534");
        }
        if (kas < 1 || kas > 0xFFFF || capTo < 1 || capTo > 0xFF) {
            throw new IllegalArgumentException("kas 1..65535, capTo 1..255");
        }
        Objects.requireNonNull(readyDelay, "readyDelay");
        Objects.requireNonNull(shutdownDelay, "shutdownDelay");
        Objects.requireNonNull(discoveryIdleTimeout, "discoveryIdleTimeout");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        if (maxHpda < 0 || maxHpda > 31) {
            throw new IllegalArgumentException("maxHpda " + maxHpda + " outside 0..31");
        }
    }

    /**
     * Subsystem {@code subnqn}, any host, both digests granted, MAXH2CDATA 32 KiB, C2HData split at 32 KiB, R2Ts of
     * at most 64 KiB, 2 outstanding R2Ts, 8 KiB in-capsule data (I/O and admin), MDTS 5 (128 KiB), MQES 127,
     * ASQSZ 32, 16 I/O queues, CAP.TO 1 (500 ms), ready and shutdown after 5 ms, KAS 1 (100 ms), KATO 0
     * rejected, traffic based keep alive, discovery idle timeout 2 minutes, SUCCESS used, reserved bits
     * checked, advertised 127.0.0.1:4420, PORTID 1, 256 MiB of stored data, every HPDA (0-31) supported.
     */
    public static TcpTargetConfig defaults(String subnqn) {
        return new TcpTargetConfig(subnqn, Set.of(), true, true, 32 * 1024, 32 * 1024, 64 * 1024, 2, 8192, 8192, 5, 127,
                32, 16, 1, Duration.ofMillis(5), Duration.ofMillis(5), 1, true, true, Duration.ofMinutes(2), true, true,
                "127.0.0.1", 4420, 1, 256L * 1024 * 1024, 31);
    }

    /** {@link #defaults} with the subsystem NQN of {@code model.identity} and the address of {@code dut.tcp}. */
    public static TcpTargetConfig fromLab(LabConfig config) {
        TcpTargetConfig c = defaults(config.model().identity().subnqn());
        return config.dut().tcp().map(t -> c.withAdvertised(t.host(), t.port())).orElse(c);
    }

    /** Largest I/O transfer in bytes (MDTS with 4 KiB pages), or {@link Long#MAX_VALUE} without limit. */
    public long maxTransfer() {
        return mdts == 0 ? Long.MAX_VALUE : 4096L << mdts;
    }

    /** Identify IOCCSZ: the I/O command capsule in 16-byte units. */
    public int ioccsz() {
        return (64 + ioInCapsuleData) / 16;
    }

    /** Whether {@code hostnqn} may connect. */
    public boolean hostAllowed(String hostnqn) {
        return allowedHosts.isEmpty() || allowedHosts.contains(hostnqn);
    }

    private Builder b() {
        return new Builder(this);
    }

    public TcpTargetConfig withAllowedHosts(Set<String> v) {
        Builder b = b();
        b.allowedHosts = v;
        return b.build();
    }

    public TcpTargetConfig withDigests(boolean header, boolean data) {
        Builder b = b();
        b.grantHeaderDigest = header;
        b.grantDataDigest = data;
        return b.build();
    }

    public TcpTargetConfig withMaxC2HData(int v) {
        Builder b = b();
        b.maxC2HData = v;
        return b.build();
    }

    /** R2T size and the target's own cap on outstanding R2Ts per command. */
    public TcpTargetConfig withR2T(int maxLength, int outstanding) {
        Builder b = b();
        b.r2tMaxLength = maxLength;
        b.maxR2T = outstanding;
        return b.build();
    }

    public TcpTargetConfig withDelays(Duration ready, Duration shutdown) {
        Builder b = b();
        b.readyDelay = ready;
        b.shutdownDelay = shutdown;
        return b.build();
    }

    public TcpTargetConfig withKeepAlive(int kas, boolean rejectZeroKato, boolean trafficBased) {
        Builder b = b();
        b.kas = kas;
        b.rejectZeroKato = rejectZeroKato;
        b.trafficBasedKeepAlive = trafficBased;
        return b.build();
    }

    public TcpTargetConfig withDiscoveryIdleTimeout(Duration v) {
        Builder b = b();
        b.discoveryIdleTimeout = v;
        return b.build();
    }

    public TcpTargetConfig withC2HSuccess(boolean v) {
        Builder b = b();
        b.useC2HSuccess = v;
        return b.build();
    }

    public TcpTargetConfig withRejectReservedBits(boolean v) {
        Builder b = b();
        b.rejectReservedBits = v;
        return b.build();
    }

    /** The address and port the discovery log names for the NVM subsystem. */
    public TcpTargetConfig withAdvertised(String address, int port) {
        Builder b = b();
        b.advertisedAddress = address;
        b.advertisedPort = port;
        return b.build();
    }

    public TcpTargetConfig withMaxStoredBytes(long v) {
        Builder b = b();
        b.maxStoredBytes = v;
        return b.build();
    }

    public TcpTargetConfig withMaxHpda(int v) {
        Builder b = b();
        b.maxHpda = v;
        return b.build();
    }

    /** Mutable copy for the withers. */
    private static final class Builder {
        String subnqn;
        Set<String> allowedHosts;
        boolean grantHeaderDigest;
        boolean grantDataDigest;
        int maxH2CData;
        int maxC2HData;
        int r2tMaxLength;
        int maxR2T;
        int ioInCapsuleData;
        int adminInCapsuleData;
        int mdts;
        int mqes;
        int asqsz;
        int maxIoQueues;
        int capTo;
        Duration readyDelay;
        Duration shutdownDelay;
        int kas;
        boolean rejectZeroKato;
        boolean trafficBasedKeepAlive;
        Duration discoveryIdleTimeout;
        boolean useC2HSuccess;
        boolean rejectReservedBits;
        String advertisedAddress;
        int advertisedPort;
        int portId;
        long maxStoredBytes;
        int maxHpda;

        Builder(TcpTargetConfig c) {
            subnqn = c.subnqn;
            allowedHosts = c.allowedHosts;
            grantHeaderDigest = c.grantHeaderDigest;
            grantDataDigest = c.grantDataDigest;
            maxH2CData = c.maxH2CData;
            maxC2HData = c.maxC2HData;
            r2tMaxLength = c.r2tMaxLength;
            maxR2T = c.maxR2T;
            ioInCapsuleData = c.ioInCapsuleData;
            adminInCapsuleData = c.adminInCapsuleData;
            mdts = c.mdts;
            mqes = c.mqes;
            asqsz = c.asqsz;
            maxIoQueues = c.maxIoQueues;
            capTo = c.capTo;
            readyDelay = c.readyDelay;
            shutdownDelay = c.shutdownDelay;
            kas = c.kas;
            rejectZeroKato = c.rejectZeroKato;
            trafficBasedKeepAlive = c.trafficBasedKeepAlive;
            discoveryIdleTimeout = c.discoveryIdleTimeout;
            useC2HSuccess = c.useC2HSuccess;
            rejectReservedBits = c.rejectReservedBits;
            advertisedAddress = c.advertisedAddress;
            advertisedPort = c.advertisedPort;
            portId = c.portId;
            maxStoredBytes = c.maxStoredBytes;
            maxHpda = c.maxHpda;
        }

        TcpTargetConfig build() {
            return new TcpTargetConfig(subnqn, allowedHosts, grantHeaderDigest, grantDataDigest, maxH2CData, maxC2HData,
                    r2tMaxLength, maxR2T, ioInCapsuleData, adminInCapsuleData, mdts, mqes, asqsz, maxIoQueues, capTo,
                    readyDelay, shutdownDelay, kas, rejectZeroKato, trafficBasedKeepAlive, discoveryIdleTimeout,
                    useC2HSuccess, rejectReservedBits, advertisedAddress, advertisedPort, portId, maxStoredBytes, maxHpda);
        }
    }
}
