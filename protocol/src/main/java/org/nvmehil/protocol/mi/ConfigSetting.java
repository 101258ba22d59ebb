package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.Optional;
import java.util.Set;
import org.nvmehil.protocol.wire.Bytes;

/**
 * What a Configuration Set (opcode 03h, MI 1.2 §5.2) sets: the CID in NMD0 bits 7:0 and its
 * CID-specific NMD0/NMD1 bits. {@link Other} carries any CID (reserved, vendor specific, or a
 * defined one with reserved bits set).
 */
public sealed interface ConfigSetting {

    int cid();

    /** The whole NMD0 dword, CID included. */
    long nmd0();

    long nmd1();

    default Bytes data() {
        return Bytes.EMPTY;
    }

    default Optional<ConfigId> configId() {
        return ConfigId.of(cid());
    }

    /** CID 01h: NMD0 bits 11:8 SFREQ, bits 31:24 PORTID. */
    record SmbusFrequency(int portid, int sfreq) implements ConfigSetting {
        public SmbusFrequency {
            checkBits("portid", portid, 8);
            checkBits("sfreq", sfreq, 4);
        }

        public SmbusFrequency(int portid, Sfreq sfreq) {
            this(portid, sfreq.code);
        }

        public int cid() {
            return ConfigId.SMBUS_FREQUENCY.code;
        }

        public long nmd0() {
            return cid() | (long) sfreq << 8 | (long) portid << 24;
        }

        public long nmd1() {
            return 0;
        }
    }

    /**
     * CID 02h: NMD1 is the packed mask of composite-status flags to clear (see {@link CcsFlag}: bit
     * 3 is NSSRO here, not a reserved hole as in CCS).
     */
    record HealthStatusChange(long mask) implements ConfigSetting {
        public HealthStatusChange {
            checkBits("mask", mask, 32);
        }

        public static HealthStatusChange of(Set<CcsFlag> flags) {
            return new HealthStatusChange(CcsFlag.hsc(flags));
        }

        /** The mask that clears exactly the flags set in a CCS word read from a health poll. */
        public static HealthStatusChange clearingCcs(int ccs) {
            return new HealthStatusChange(CcsFlag.ccsToHsc(ccs));
        }

        public Set<CcsFlag> flags() {
            return CcsFlag.fromHsc(mask);
        }

        public int cid() {
            return ConfigId.HEALTH_STATUS_CHANGE.code;
        }

        public long nmd0() {
            return cid();
        }

        public long nmd1() {
            return mask;
        }
    }

    /** CID 03h: NMD0 bits 31:24 PORTID, NMD1 bits 15:0 MTUS (bytes). */
    record MctpTransmissionUnit(int portid, int mtus) implements ConfigSetting {
        public MctpTransmissionUnit {
            checkBits("portid", portid, 8);
            checkBits("mtus", mtus, 16);
        }

        public int cid() {
            return ConfigId.MCTP_TRANSMISSION_UNIT.code;
        }

        public long nmd0() {
            return cid() | (long) portid << 24;
        }

        public long nmd1() {
            return mtus;
        }
    }

    /** Any NMD0/NMD1 and request data; the CID is NMD0 bits 7:0. */
    record Other(long nmd0, long nmd1, Bytes data) implements ConfigSetting {
        public Other {
            checkBits("nmd0", nmd0, 32);
            checkBits("nmd1", nmd1, 32);
            if (data == null) {
                throw new NullPointerException("data");
            }
        }

        public static Other cid(int cid) {
            checkBits("cid", cid, 8);
            return new Other(cid, 0, Bytes.EMPTY);
        }

        public int cid() {
            return (int) (nmd0 & 0xFF);
        }
    }
}
