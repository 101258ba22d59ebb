package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * NVMe-MI command set requests (NMIMT 1; MI 1.2 §5). Layout (facts §6.1): header, opcode (byte 4),
 * reserved (5-7), NMD0 (8-11, LE), NMD1 (12-15, LE), request data (16 on), MIC. One record per
 * command, plus {@link Raw} for anything at all. Encoders never enforce semantics: illegal field
 * values are built as given.
 */
public sealed interface MiCommand extends MiRequest {

    /** Message offset of NMD0; NMD1 follows at 12, request data at 16. */
    int NMD0_OFFSET = 8;
    int NMD1_OFFSET = 12;
    int DATA_OFFSET = 16;

    /** Slot 0 request header for NMIMT 1 ({@code 84 08 00 00}). */
    MiHeader REQUEST = MiHeader.request(Nmimt.MI_COMMAND, 0);

    int opcode();

    long nmd0();

    long nmd1();

    default Bytes data() {
        return Bytes.EMPTY;
    }

    /** Bytes 5-7 as a 24-bit value; zero except in {@link Raw}. */
    default int reserved() {
        return 0;
    }

    default Optional<MiOpcode> miOpcode() {
        return MiOpcode.of(opcode());
    }

    /** The same command on another header (CSI 1, reserved bits, IC clear...). */
    MiCommand withHeader(MiHeader header);

    @Override
    default Bytes content() {
        return new LeWriter().bytes(header().encode()).u8(opcode()).u8(reserved()).u16(reserved() >>> 8)
                .u32(nmd0()).u32(nmd1()).bytes(data()).build();
    }

    /**
     * Maps a message onto the family by opcode, without judging it (missing bytes read as zero;
     * reserved bits are dropped from typed records but stay in the message). SES Receive/Send and
     * reserved or vendor opcodes become {@link Raw}. For the ME's verdict on a request use
     * {@link MeRequestParser}.
     */
    static MiCommand fromMessage(MiMessage m) {
        Bytes c = m.content();
        MiHeader h = m.header();
        LeReader r = new LeReader(c, 4);
        int opc = r.u8();
        int rsvd = r.u8() | r.u16() << 8;
        long nmd0 = r.u32();
        long nmd1 = r.u32();
        Bytes data = c.length() > DATA_OFFSET ? c.slice(DATA_OFFSET) : Bytes.EMPTY;
        Optional<MiOpcode> op = MiOpcode.of(opc);
        if (op.isEmpty()) {
            return new Raw(h, opc, rsvd, nmd0, nmd1, data);
        }
        switch (op.get()) {
            case READ_DATA_STRUCTURE:
                return new ReadDataStructure(h, (int) (nmd0 & 0xFFFF), (int) (nmd0 >>> 16 & 0xFF),
                        (int) (nmd0 >>> 24), (int) (nmd1 & 0xFF));
            case SUBSYSTEM_HEALTH_STATUS_POLL:
                return new SubsystemHealthStatusPoll(h, (nmd1 >>> 31 & 1) != 0);
            case CONTROLLER_HEALTH_STATUS_POLL:
                return ControllerHealthStatusPoll.fromDwords(h, nmd0, nmd1);
            case CONFIGURATION_SET:
                return new ConfigurationSet(h, settingFrom(nmd0, nmd1, data));
            case CONFIGURATION_GET:
                return new ConfigurationGet(h, queryFrom(nmd0, nmd1));
            case VPD_READ:
                return new VpdRead(h, (int) (nmd0 & 0xFFFF), (int) (nmd1 & 0xFFFF));
            case VPD_WRITE:
                return new VpdWrite(h, (int) (nmd0 & 0xFFFF), (int) (nmd1 & 0xFFFF), data);
            case RESET:
                return new Reset(h, (int) (nmd0 >>> 24));
            case MEB_READ:
                return new MebRead(h, nmd0, (int) (nmd1 & 0xFFFF));
            case MEB_WRITE:
                return new MebWrite(h, nmd0, (int) (nmd1 & 0xFFFF), data);
            case SHUTDOWN:
                return new Shutdown(h, (int) (nmd0 >>> 24));
            default:
                return new Raw(h, opc, rsvd, nmd0, nmd1, data);
        }
    }

    private static ConfigSetting settingFrom(long nmd0, long nmd1, Bytes data) {
        int cid = (int) (nmd0 & 0xFF);
        if (cid == ConfigId.SMBUS_FREQUENCY.code) {
            return new ConfigSetting.SmbusFrequency((int) (nmd0 >>> 24), (int) (nmd0 >>> 8 & 0xF));
        } else if (cid == ConfigId.HEALTH_STATUS_CHANGE.code) {
            return new ConfigSetting.HealthStatusChange(nmd1);
        } else if (cid == ConfigId.MCTP_TRANSMISSION_UNIT.code) {
            return new ConfigSetting.MctpTransmissionUnit((int) (nmd0 >>> 24), (int) (nmd1 & 0xFFFF));
        }
        return new ConfigSetting.Other(nmd0, nmd1, data);
    }

    private static ConfigQuery queryFrom(long nmd0, long nmd1) {
        int cid = (int) (nmd0 & 0xFF);
        if (cid == ConfigId.SMBUS_FREQUENCY.code) {
            return new ConfigQuery.SmbusFrequency((int) (nmd0 >>> 24));
        } else if (cid == ConfigId.HEALTH_STATUS_CHANGE.code) {
            return new ConfigQuery.HealthStatusChange();
        } else if (cid == ConfigId.MCTP_TRANSMISSION_UNIT.code) {
            return new ConfigQuery.MctpTransmissionUnit((int) (nmd0 >>> 24));
        }
        return new ConfigQuery.Other(nmd0, nmd1);
    }

    private static void checkHeader(MiHeader h) {
        if (h == null) {
            throw new NullPointerException("header");
        }
    }

    /**
     * Read NVMe-MI Data Structure, opcode 00h (MI 1.2 §5.7). NMD0: CTRLID 15:0, PORTID 23:16, DTYP
     * 31:24; NMD1: IOCSI 7:0 (MI 2.0, reserved in 1.2).
     */
    record ReadDataStructure(MiHeader header, int ctrlid, int portid, int dtyp, int iocsi) implements MiCommand {
        public static final int NVM_SUBSYSTEM_INFO = 0x00;
        public static final int PORT_INFO = 0x01;
        public static final int CONTROLLER_LIST = 0x02;
        public static final int CONTROLLER_INFO = 0x03;
        public static final int OPTIONAL_COMMANDS = 0x04;
        public static final int MEB_COMMANDS = 0x05;
        /** Message offset of DTYP (NMD0 bits 31:24): the PEL byte for a reserved type. */
        public static final int DTYP_OFFSET = 11;

        public ReadDataStructure {
            checkHeader(header);
            checkBits("ctrlid", ctrlid, 16);
            checkBits("portid", portid, 8);
            checkBits("dtyp", dtyp, 8);
            checkBits("iocsi", iocsi, 8);
        }

        public ReadDataStructure(int ctrlid, int portid, int dtyp) {
            this(REQUEST, ctrlid, portid, dtyp, 0);
        }

        public static ReadDataStructure subsystemInfo() {
            return new ReadDataStructure(0, 0, NVM_SUBSYSTEM_INFO);
        }

        public static ReadDataStructure portInfo(int portid) {
            return new ReadDataStructure(0, portid, PORT_INFO);
        }

        /** Controller IDs greater than or equal to {@code startCtrlid} (NMD0 15:0, not PORTID). */
        public static ReadDataStructure controllerList(int startCtrlid) {
            return new ReadDataStructure(startCtrlid, 0, CONTROLLER_LIST);
        }

        public static ReadDataStructure controllerInfo(int ctrlid) {
            return new ReadDataStructure(ctrlid, 0, CONTROLLER_INFO);
        }

        public static ReadDataStructure optionalCommands(int ctrlid) {
            return new ReadDataStructure(ctrlid, 0, OPTIONAL_COMMANDS);
        }

        public static ReadDataStructure mebCommands() {
            return new ReadDataStructure(0, 0, MEB_COMMANDS);
        }

        public int opcode() {
            return MiOpcode.READ_DATA_STRUCTURE.code;
        }

        public long nmd0() {
            return ctrlid | (long) portid << 16 | (long) dtyp << 24;
        }

        public long nmd1() {
            return iocsi;
        }

        public ReadDataStructure withHeader(MiHeader h) {
            return new ReadDataStructure(h, ctrlid, portid, dtyp, iocsi);
        }
    }

    /** NVM Subsystem Health Status Poll, opcode 01h (MI 1.2 §5.6). NMD1 bit 31: CS, clear CCS after reading. */
    record SubsystemHealthStatusPoll(MiHeader header, boolean cs) implements MiCommand {
        public SubsystemHealthStatusPoll {
            checkHeader(header);
        }

        public SubsystemHealthStatusPoll(boolean cs) {
            this(REQUEST, cs);
        }

        public int opcode() {
            return MiOpcode.SUBSYSTEM_HEALTH_STATUS_POLL.code;
        }

        public long nmd0() {
            return 0;
        }

        public long nmd1() {
            return cs ? 1L << 31 : 0;
        }

        public SubsystemHealthStatusPoll withHeader(MiHeader h) {
            return new SubsystemHealthStatusPoll(h, cs);
        }
    }

    /**
     * Controller Health Status Poll, opcode 02h (MI 1.2 §5.3). NMD0: SCTLID 15:0 (starting
     * controller), MAXRENT 23:16 (0-based, so FFh asks for 256 entries, which is invalid), INCF 24,
     * INCPF 25, INCVF 26, ALL 31. NMD1 selects which changes count: CSTS 0, CTEMP 1, PDLU 2, SPARE 3,
     * CWARN 4; CCF 31 clears the changed flags.
     */
    record ControllerHealthStatusPoll(MiHeader header, int sctlid, int maxrent, boolean incf, boolean incpf,
                                      boolean incvf, boolean all, boolean csts, boolean ctemp, boolean pdlu,
                                      boolean spare, boolean cwarn, boolean ccf) implements MiCommand {
        /** Message offset of MAXRENT: the PEL byte for MAXRENT FFh. */
        public static final int MAXRENT_OFFSET = 10;

        public ControllerHealthStatusPoll {
            checkHeader(header);
            checkBits("sctlid", sctlid, 16);
            checkBits("maxrent", maxrent, 8);
        }

        /**
         * Every controller (PFs, VFs, failed ones) from {@code sctlid}, up to {@code maxrent}+1 entries,
         * reporting all of them regardless of changes, with every change selector set.
         */
        public static ControllerHealthStatusPoll all(int sctlid, int maxrent, boolean ccf) {
            return new ControllerHealthStatusPoll(REQUEST, sctlid, maxrent, true, true, true, true,
                    true, true, true, true, true, ccf);
        }

        static ControllerHealthStatusPoll fromDwords(MiHeader h, long nmd0, long nmd1) {
            return new ControllerHealthStatusPoll(h, (int) (nmd0 & 0xFFFF), (int) (nmd0 >>> 16 & 0xFF),
                    bit(nmd0, 24), bit(nmd0, 25), bit(nmd0, 26), bit(nmd0, 31),
                    bit(nmd1, 0), bit(nmd1, 1), bit(nmd1, 2), bit(nmd1, 3), bit(nmd1, 4), bit(nmd1, 31));
        }

        private static boolean bit(long v, int b) {
            return (v >>> b & 1) != 0;
        }

        private static long flag(boolean v, int b) {
            return v ? 1L << b : 0;
        }

        public int opcode() {
            return MiOpcode.CONTROLLER_HEALTH_STATUS_POLL.code;
        }

        public long nmd0() {
            return sctlid | (long) maxrent << 16 | flag(incf, 24) | flag(incpf, 25) | flag(incvf, 26) | flag(all, 31);
        }

        public long nmd1() {
            return flag(csts, 0) | flag(ctemp, 1) | flag(pdlu, 2) | flag(spare, 3) | flag(cwarn, 4) | flag(ccf, 31);
        }

        /** Entries asked for: MAXRENT + 1. */
        public int maxEntries() {
            return maxrent + 1;
        }

        public ControllerHealthStatusPoll withHeader(MiHeader h) {
            return new ControllerHealthStatusPoll(h, sctlid, maxrent, incf, incpf, incvf, all, csts, ctemp, pdlu,
                    spare, cwarn, ccf);
        }

    }

    /** Configuration Set, opcode 03h (MI 1.2 §5.2). */
    record ConfigurationSet(MiHeader header, ConfigSetting setting) implements MiCommand {
        /** Message offset of the CID (NMD0 7:0): the PEL byte for a reserved CID. */
        public static final int CID_OFFSET = 8;

        public ConfigurationSet {
            checkHeader(header);
            if (setting == null) {
                throw new NullPointerException("setting");
            }
        }

        public ConfigurationSet(ConfigSetting setting) {
            this(REQUEST, setting);
        }

        public int opcode() {
            return MiOpcode.CONFIGURATION_SET.code;
        }

        public long nmd0() {
            return setting.nmd0();
        }

        public long nmd1() {
            return setting.nmd1();
        }

        public Bytes data() {
            return setting.data();
        }

        public ConfigurationSet withHeader(MiHeader h) {
            return new ConfigurationSet(h, setting);
        }
    }

    /** Configuration Get, opcode 04h (MI 1.2 §5.1). */
    record ConfigurationGet(MiHeader header, ConfigQuery query) implements MiCommand {
        public static final int CID_OFFSET = 8;

        public ConfigurationGet {
            checkHeader(header);
            if (query == null) {
                throw new NullPointerException("query");
            }
        }

        public ConfigurationGet(ConfigQuery query) {
            this(REQUEST, query);
        }

        public int opcode() {
            return MiOpcode.CONFIGURATION_GET.code;
        }

        public long nmd0() {
            return query.nmd0();
        }

        public long nmd1() {
            return query.nmd1();
        }

        public ConfigurationGet withHeader(MiHeader h) {
            return new ConfigurationGet(h, query);
        }
    }

    /** VPD Read, opcode 05h (MI 1.2 §5.12). NMD0 15:0 DOFST, NMD1 15:0 DLEN. */
    record VpdRead(MiHeader header, int dofst, int dlen) implements MiCommand {
        public VpdRead {
            checkHeader(header);
            checkBits("dofst", dofst, 16);
            checkBits("dlen", dlen, 16);
        }

        public VpdRead(int dofst, int dlen) {
            this(REQUEST, dofst, dlen);
        }

        public int opcode() {
            return MiOpcode.VPD_READ.code;
        }

        public long nmd0() {
            return dofst;
        }

        public long nmd1() {
            return dlen;
        }

        public VpdRead withHeader(MiHeader h) {
            return new VpdRead(h, dofst, dlen);
        }
    }

    /**
     * VPD Write, opcode 06h (MI 1.2 §5.13). NMD0 15:0 DOFST, NMD1 15:0 DLEN, DLEN bytes of request
     * data. DLEN and the data length are independent here so mismatches can be built.
     */
    record VpdWrite(MiHeader header, int dofst, int dlen, Bytes data) implements MiCommand {
        public VpdWrite {
            checkHeader(header);
            checkBits("dofst", dofst, 16);
            checkBits("dlen", dlen, 16);
            if (data == null) {
                throw new NullPointerException("data");
            }
        }

        /** DLEN taken from the data. */
        public static VpdWrite of(int dofst, Bytes data) {
            return new VpdWrite(REQUEST, dofst, data.length(), data);
        }

        public int opcode() {
            return MiOpcode.VPD_WRITE.code;
        }

        public long nmd0() {
            return dofst;
        }

        public long nmd1() {
            return dlen;
        }

        public VpdWrite withHeader(MiHeader h) {
            return new VpdWrite(h, dofst, dlen, data);
        }
    }

    /** Reset, opcode 07h (MI 1.2 §5.8). NMD0 31:24 Reset Type; 00h NVM Subsystem Reset, others reserved. */
    record Reset(MiHeader header, int type) implements MiCommand {
        public static final int NVM_SUBSYSTEM_RESET = 0x00;
        public static final int TYPE_OFFSET = 11;

        public Reset {
            checkHeader(header);
            checkBits("type", type, 8);
        }

        public static Reset nvmSubsystem() {
            return new Reset(REQUEST, NVM_SUBSYSTEM_RESET);
        }

        public int opcode() {
            return MiOpcode.RESET.code;
        }

        public long nmd0() {
            return (long) type << 24;
        }

        public long nmd1() {
            return 0;
        }

        public Reset withHeader(MiHeader h) {
            return new Reset(h, type);
        }
    }

    /** Management Endpoint Buffer Read, opcode 0Ah (MI 1.2 §5.4). NMD0 DOFST (32 bits), NMD1 15:0 DLEN. */
    record MebRead(MiHeader header, long dofst, int dlen) implements MiCommand {
        public MebRead {
            checkHeader(header);
            checkBits("dofst", dofst, 32);
            checkBits("dlen", dlen, 16);
        }

        public MebRead(long dofst, int dlen) {
            this(REQUEST, dofst, dlen);
        }

        public int opcode() {
            return MiOpcode.MEB_READ.code;
        }

        public long nmd0() {
            return dofst;
        }

        public long nmd1() {
            return dlen;
        }

        public MebRead withHeader(MiHeader h) {
            return new MebRead(h, dofst, dlen);
        }
    }

    /** Management Endpoint Buffer Write, opcode 0Bh (MI 1.2 §5.5). NMD0 DOFST, NMD1 15:0 DLEN, DLEN bytes of data. */
    record MebWrite(MiHeader header, long dofst, int dlen, Bytes data) implements MiCommand {
        public MebWrite {
            checkHeader(header);
            checkBits("dofst", dofst, 32);
            checkBits("dlen", dlen, 16);
            if (data == null) {
                throw new NullPointerException("data");
            }
        }

        public static MebWrite of(long dofst, Bytes data) {
            return new MebWrite(REQUEST, dofst, data.length(), data);
        }

        public int opcode() {
            return MiOpcode.MEB_WRITE.code;
        }

        public long nmd0() {
            return dofst;
        }

        public long nmd1() {
            return dlen;
        }

        public MebWrite withHeader(MiHeader h) {
            return new MebWrite(h, dofst, dlen, data);
        }
    }

    /** Shutdown, opcode 0Ch (MI 1.2 §5.11). NMD0 31:24 Shutdown Type: 0 normal, 1 abrupt, others reserved. */
    record Shutdown(MiHeader header, int type) implements MiCommand {
        public static final int NORMAL = 0;
        public static final int ABRUPT = 1;
        public static final int TYPE_OFFSET = 11;

        public Shutdown {
            checkHeader(header);
            checkBits("type", type, 8);
        }

        public Shutdown(int type) {
            this(REQUEST, type);
        }

        public int opcode() {
            return MiOpcode.SHUTDOWN.code;
        }

        public long nmd0() {
            return (long) type << 24;
        }

        public long nmd1() {
            return 0;
        }

        public Shutdown withHeader(MiHeader h) {
            return new Shutdown(h, type);
        }
    }

    /** Any opcode, reserved bytes 5-7, NMD0, NMD1 and data: for reserved/vendor opcodes and negative tests. */
    record Raw(MiHeader header, int opcode, int reserved, long nmd0, long nmd1, Bytes data) implements MiCommand {
        public Raw {
            checkHeader(header);
            checkBits("opcode", opcode, 8);
            checkBits("reserved", reserved, 24);
            checkBits("nmd0", nmd0, 32);
            checkBits("nmd1", nmd1, 32);
            if (data == null) {
                throw new NullPointerException("data");
            }
        }

        public Raw(int opcode, long nmd0, long nmd1, Bytes data) {
            this(REQUEST, opcode, 0, nmd0, nmd1, data);
        }

        /** The same bytes as {@code c}, as a Raw record (to mutate one field of a typed command). */
        public static Raw of(MiCommand c) {
            return new Raw(c.header(), c.opcode(), c.reserved(), c.nmd0(), c.nmd1(), c.data());
        }

        public Raw withHeader(MiHeader h) {
            return new Raw(h, opcode, reserved, nmd0, nmd1, data);
        }
    }
}
