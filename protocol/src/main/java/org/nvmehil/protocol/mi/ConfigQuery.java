package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.Optional;

/**
 * What a Configuration Get (opcode 04h, MI 1.2 §5.1) asks for: the CID in NMD0 bits 7:0 plus its
 * CID-specific bits. The value comes back in NMRESP ({@link ConfigGetValue}).
 */
public sealed interface ConfigQuery {

    int cid();

    /** The whole NMD0 dword, CID included. */
    long nmd0();

    default long nmd1() {
        return 0;
    }

    default Optional<ConfigId> configId() {
        return ConfigId.of(cid());
    }

    /** CID 01h, NMD0 bits 31:24 PORTID; answered with SFREQ in response byte 5 bits 3:0. */
    record SmbusFrequency(int portid) implements ConfigQuery {
        public SmbusFrequency {
            checkBits("portid", portid, 8);
        }

        public int cid() {
            return ConfigId.SMBUS_FREQUENCY.code;
        }

        public long nmd0() {
            return cid() | (long) portid << 24;
        }
    }

    /** CID 02h: completes with Success and no value. */
    record HealthStatusChange() implements ConfigQuery {
        public int cid() {
            return ConfigId.HEALTH_STATUS_CHANGE.code;
        }

        public long nmd0() {
            return cid();
        }
    }

    /** CID 03h, NMD0 bits 31:24 PORTID; answered with MTUS in response bytes 5-6. */
    record MctpTransmissionUnit(int portid) implements ConfigQuery {
        public MctpTransmissionUnit {
            checkBits("portid", portid, 8);
        }

        public int cid() {
            return ConfigId.MCTP_TRANSMISSION_UNIT.code;
        }

        public long nmd0() {
            return cid() | (long) portid << 24;
        }
    }

    /** Any NMD0/NMD1; the CID is NMD0 bits 7:0. */
    record Other(long nmd0, long nmd1) implements ConfigQuery {
        public Other {
            checkBits("nmd0", nmd0, 32);
            checkBits("nmd1", nmd1, 32);
        }

        public static Other cid(int cid) {
            checkBits("cid", cid, 8);
            return new Other(cid, 0);
        }

        public int cid() {
            return (int) (nmd0 & 0xFF);
        }
    }
}
