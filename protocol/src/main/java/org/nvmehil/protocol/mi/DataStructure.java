package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * NVMe-MI data structures returned by Read NVMe-MI Data Structure (MI 1.2 §5.7; facts §6.3). The
 * response carries RDL (response data length) in bytes 5-6, byte 7 reserved, then RDL bytes of the
 * structure selected by DTYP. Decoder offsets are message offsets (data starts at 8).
 */
public sealed interface DataStructure {

    /** Message offset of RDL. */
    int RDL_OFFSET = 5;
    int INFO_SIZE = 32;

    int dtyp();

    Bytes encode();

    /** The success response carrying this structure, RDL set to its length. */
    default MiResponse toResponse(MiHeader header) {
        Bytes d = encode();
        return MiResponse.success(header, d.length() & 0xFFFF, d);
    }

    /** Wire bytes of a response to a Read Data Structure of type {@code dtyp}. */
    static Decoded<DataStructure> decode(Bytes wire, int dtyp) {
        return Findings.fromResponseWire(wire, (r, f) -> decode(r, dtyp, f));
    }

    /** Rejected without violations when the status is not Success. */
    static Decoded<DataStructure> decode(MiResponse r, int dtyp) {
        return Findings.fromResponse(r, (x, f) -> decode(x, dtyp, f));
    }

    private static DataStructure decode(MiResponse r, int dtyp, Findings f) {
        if (!r.isSuccess()) {
            return null;
        }
        int rdl = r.nmresp() & 0xFFFF;
        Bytes d = r.data();
        f.reservedBytes(r.nmrespBytes(), 2, 3, 5, "reserved");
        if (rdl != d.length()) {
            f.add(Req.MI_READ_DS_STRUCTURES, "rdl", RDL_OFFSET,
                    "RDL is " + rdl + " but " + d.length() + " data bytes follow");
        }
        int base = MiResponse.DATA_OFFSET;
        switch (dtyp) {
            case MiCommand.ReadDataStructure.NVM_SUBSYSTEM_INFO:
                return fixed(d, base, f, "NVM Subsystem Information") ? SubsystemInfo.decode(d, base, f) : null;
            case MiCommand.ReadDataStructure.PORT_INFO:
                return fixed(d, base, f, "Port Information") ? PortInfo.decode(d, base, f) : null;
            case MiCommand.ReadDataStructure.CONTROLLER_LIST:
                return ControllerList.decode(d, base, f);
            case MiCommand.ReadDataStructure.CONTROLLER_INFO:
                return fixed(d, base, f, "Controller Information") ? ControllerInfo.decode(d, base, f) : null;
            case MiCommand.ReadDataStructure.OPTIONAL_COMMANDS:
            case MiCommand.ReadDataStructure.MEB_COMMANDS:
                return CommandList.decode(dtyp, d, base, f);
            default:
                return new Unknown(dtyp, d);
        }
    }

    private static boolean fixed(Bytes d, int base, Findings f, String name) {
        if (d.length() != INFO_SIZE) {
            f.add(Req.MI_READ_DS_STRUCTURES, "length", base + Math.min(d.length(), INFO_SIZE),
                    name + " is " + d.length() + " bytes, expected 32");
        }
        return d.length() >= INFO_SIZE;
    }

    /**
     * NVM Subsystem Information, DTYP 00h (32 bytes): NUMP (0-based port count), MJR and MNR (NVMe-MI
     * version), NNSC (byte 3, NVMe-MI 2.0 capabilities; reserved in 1.2), bytes 4-31 reserved.
     */
    record SubsystemInfo(int nump, int mjr, int mnr, int nnsc) implements DataStructure {
        public SubsystemInfo {
            checkBits("nump", nump, 8);
            checkBits("mjr", mjr, 8);
            checkBits("mnr", mnr, 8);
            checkBits("nnsc", nnsc, 8);
        }

        public int dtyp() {
            return MiCommand.ReadDataStructure.NVM_SUBSYSTEM_INFO;
        }

        /** Number of ports (NUMP + 1). */
        public int ports() {
            return nump + 1;
        }

        public Bytes encode() {
            return new LeWriter().u8(nump).u8(mjr).u8(mnr).u8(nnsc).zeros(28).build();
        }

        static SubsystemInfo decode(Bytes d, int base, Findings f) {
            f.reservedBytes(d, 4, INFO_SIZE, base, "reserved");
            return new SubsystemInfo(d.u8(0), d.u8(1), d.u8(2), d.u8(3));
        }
    }

    /**
     * Port Information, DTYP 01h (32 bytes): PRTTYP (0 inactive, 1 PCIe, 2 two-wire), PRTCAP (bit 0
     * CIAPS, bit 1 AEMS in 2.x), MMTUS (2-3), MEBS (4-7), then a type-specific part at bytes 8-31.
     */
    record PortInfo(int prttyp, int prtcap, int mmtus, long mebs, PortDetail detail) implements DataStructure {
        public static final int INACTIVE = 0;
        public static final int PCIE = 1;
        public static final int TWO_WIRE = 2;

        public PortInfo {
            checkBits("prttyp", prttyp, 8);
            checkBits("prtcap", prtcap, 8);
            checkBits("mmtus", mmtus, 16);
            checkBits("mebs", mebs, 32);
            if (detail == null) {
                throw new NullPointerException("detail");
            }
        }

        public int dtyp() {
            return MiCommand.ReadDataStructure.PORT_INFO;
        }

        /** CIAP supported (PRTCAP bit 0). */
        public boolean ciaps() {
            return (prtcap & 1) != 0;
        }

        public Bytes encode() {
            return new LeWriter().u8(prttyp).u8(prtcap).u16(mmtus).u32(mebs).bytes(detail.encode()).build();
        }

        static PortInfo decode(Bytes d, int base, Findings f) {
            LeReader r = new LeReader(d);
            int prttyp = r.u8();
            int prtcap = r.u8();
            int mmtus = r.u16();
            long mebs = r.u32();
            f.reservedBits(prtcap, 0xFC, base + 1, "prtcap.reserved");
            PortDetail detail;
            if (prttyp == PCIE) {
                detail = PortDetail.Pcie.decode(d, base, f);
            } else if (prttyp == TWO_WIRE) {
                detail = PortDetail.TwoWire.decode(d, base, f);
            } else {
                detail = new PortDetail.Other(d.slice(8, INFO_SIZE));
            }
            return new PortInfo(prttyp, prtcap, mmtus, mebs, detail);
        }
    }

    /** Bytes 8-31 of Port Information, by port type. */
    sealed interface PortDetail {
        /** Exactly 24 bytes. */
        Bytes encode();

        /**
         * PCIe port: PCIEMPSZ (8, max payload size code, 0 = 128 B .. 5 = 4 KiB), PCIESLSV (9, supported
         * link speeds vector), PCIECLS (10, current link speed, 0 = link not active), PCIEMLW (11, max
         * link width), PCIENLW (12, negotiated width), PCIEPN (13, port number); 14-31 reserved.
         */
        record Pcie(int pciempsz, int pcieslsv, int pciecls, int pciemlw, int pcienlw, int pciepn) implements PortDetail {
            public Pcie {
                checkBits("pciempsz", pciempsz, 8);
                checkBits("pcieslsv", pcieslsv, 8);
                checkBits("pciecls", pciecls, 8);
                checkBits("pciemlw", pciemlw, 8);
                checkBits("pcienlw", pcienlw, 8);
                checkBits("pciepn", pciepn, 8);
            }

            public Bytes encode() {
                return new LeWriter().u8(pciempsz).u8(pcieslsv).u8(pciecls).u8(pciemlw).u8(pcienlw).u8(pciepn)
                        .zeros(18).build();
            }

            static Pcie decode(Bytes d, int base, Findings f) {
                f.reservedBytes(d, 14, INFO_SIZE, base, "pcie.reserved");
                return new Pcie(d.u8(8), d.u8(9), d.u8(10), d.u8(11), d.u8(12), d.u8(13));
            }
        }

        /**
         * Two-wire (SMBus/I2C) port: CVPDADDR (8, 0 = no VPD), MVPDFREQ (9), CMEADDR (10, the ME's
         * 7-bit address), TWPRT (11; bits 1:0 MSMBFREQ, bit 7 I3C in 2.x), NVMEBM (12; bit 0 Basic
         * Management Command supported); 13-31 reserved.
         */
        record TwoWire(int cvpdaddr, int mvpdfreq, int cmeaddr, int twprt, int nvmebm) implements PortDetail {
            public TwoWire {
                checkBits("cvpdaddr", cvpdaddr, 8);
                checkBits("mvpdfreq", mvpdfreq, 8);
                checkBits("cmeaddr", cmeaddr, 8);
                checkBits("twprt", twprt, 8);
                checkBits("nvmebm", nvmebm, 8);
            }

            /** Maximum SMBus frequency code (TWPRT bits 1:0; see {@link Sfreq}). */
            public int msmbfreq() {
                return twprt & 3;
            }

            public boolean basicManagementSupported() {
                return (nvmebm & 1) != 0;
            }

            public Bytes encode() {
                return new LeWriter().u8(cvpdaddr).u8(mvpdfreq).u8(cmeaddr).u8(twprt).u8(nvmebm).zeros(19).build();
            }

            static TwoWire decode(Bytes d, int base, Findings f) {
                f.reservedBits(d.u8(11), 0x7C, base + 11, "twprt.reserved");
                f.reservedBits(d.u8(12), 0xFE, base + 12, "nvmebm.reserved");
                f.reservedBytes(d, 13, INFO_SIZE, base, "twowire.reserved");
                return new TwoWire(d.u8(8), d.u8(9), d.u8(10), d.u8(11), d.u8(12));
            }
        }

        /** Inactive or unknown port type: the 24 bytes as they are. */
        record Other(Bytes bytes) implements PortDetail {
            public Other {
                if (bytes.length() != 24) {
                    throw new IllegalArgumentException("port detail is 24 bytes, got " + bytes.length());
                }
            }

            public static Other zeros() {
                return new Other(Bytes.zeros(24));
            }

            public Bytes encode() {
                return bytes;
            }
        }
    }

    /**
     * Controller List, DTYP 02h: the NVMe Controller List format, NUMID (LE16) then NUMID controller
     * IDs (LE16) in ascending order, all at or above CTRLID. Variable length, not padded.
     *
     * @param numid the count as sent (may disagree with {@code ids} on purpose)
     */
    record ControllerList(int numid, List<Integer> ids) implements DataStructure {
        public ControllerList {
            checkBits("numid", numid, 16);
            ids = List.copyOf(ids);
            ids.forEach(i -> checkBits("id", i, 16));
        }

        public static ControllerList of(List<Integer> ids) {
            return new ControllerList(ids.size(), ids);
        }

        public int dtyp() {
            return MiCommand.ReadDataStructure.CONTROLLER_LIST;
        }

        public Bytes encode() {
            LeWriter w = new LeWriter().u16(numid);
            ids.forEach(w::u16);
            return w.build();
        }

        static ControllerList decode(Bytes d, int base, Findings f) {
            if (d.length() < 2) {
                f.add(Req.MI_CONTROLLER_LIST, "numid", base, "controller list has " + d.length()
                        + " bytes, no room for its count");
                return null;
            }
            int n = d.u16le(0);
            if (d.length() != 2 + 2 * n) {
                f.add(Req.MI_CONTROLLER_LIST, "numid", base, "NUMID " + n + " calls for " + (2 + 2 * n)
                        + " bytes, the list has " + d.length());
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = 2; i + 2 <= d.length() && ids.size() < n; i += 2) {
                int id = d.u16le(i);
                if (!ids.isEmpty() && id <= ids.get(ids.size() - 1)) {
                    f.add(Req.MI_CONTROLLER_LIST, "id", base + i, "controller ID " + id
                            + " does not ascend from " + ids.get(ids.size() - 1));
                }
                ids.add(id);
            }
            return new ControllerList(n, ids);
        }

        /** Every ID at or above {@code start} (the CTRLID of the request). */
        public List<Violation> checkStart(int start) {
            Findings f = new Findings();
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) < start) {
                    f.add(Req.MI_CONTROLLER_LIST, "id", MiResponse.DATA_OFFSET + 2 + 2 * i,
                            "controller ID " + ids.get(i) + " is below the requested start " + start);
                }
            }
            return f.list();
        }
    }

    /**
     * Controller Information, DTYP 03h (32 bytes): PORTID (0), reserved (1-4), PRII (5, bit 0 = PRI
     * valid), PRI (6-7, PCIe routing ID), PCIVID (8-9), PCIDID (10-11), PCISVID (12-13), PCISDID
     * (14-15), PCIESN (16, PCIe segment, NVMe-MI 2.x), reserved (17-31).
     */
    record ControllerInfo(int portid, int prii, int pri, int pcivid, int pcidid, int pcisvid, int pcisdid,
                          int pciesn) implements DataStructure {
        public ControllerInfo {
            checkBits("portid", portid, 8);
            checkBits("prii", prii, 8);
            checkBits("pri", pri, 16);
            checkBits("pcivid", pcivid, 16);
            checkBits("pcidid", pcidid, 16);
            checkBits("pcisvid", pcisvid, 16);
            checkBits("pcisdid", pcisdid, 16);
            checkBits("pciesn", pciesn, 8);
        }

        public int dtyp() {
            return MiCommand.ReadDataStructure.CONTROLLER_INFO;
        }

        public Bytes encode() {
            return new LeWriter().u8(portid).zeros(4).u8(prii).u16(pri).u16(pcivid).u16(pcidid).u16(pcisvid)
                    .u16(pcisdid).u8(pciesn).zeros(15).build();
        }

        static ControllerInfo decode(Bytes d, int base, Findings f) {
            f.reservedBytes(d, 1, 5, base, "reserved");
            f.reservedBits(d.u8(5), 0xFE, base + 5, "prii.reserved");
            f.reservedBytes(d, 17, INFO_SIZE, base, "reserved");
            return new ControllerInfo(d.u8(0), d.u8(5), d.u16le(6), d.u16le(8), d.u16le(10), d.u16le(12),
                    d.u16le(14), d.u8(16));
        }
    }

    /**
     * One command of a command list: CTYP (the command type, NMIMT in bits 6:3 as in the NMP byte:
     * 08h MI command, 10h Admin, 20h PCIe) and its opcode.
     */
    record CommandEntry(int ctyp, int opc) {
        public CommandEntry {
            checkBits("ctyp", ctyp, 8);
            checkBits("opc", opc, 8);
        }

        public static CommandEntry of(Nmimt nmimt, int opc) {
            return new CommandEntry(nmimt.code << 3, opc);
        }

        public int nmimtCode() {
            return ctyp >> 3 & 0xF;
        }

        public Optional<Nmimt> nmimt() {
            return Nmimt.of(nmimtCode());
        }
    }

    /**
     * Optionally Supported Command List (DTYP 04h) or Management Endpoint Buffer Supported Command List
     * (DTYP 05h): NUMCMD (LE16), then NUMCMD two-byte entries.
     *
     * @param numcmd the count as sent
     */
    record CommandList(int dtyp, int numcmd, List<CommandEntry> entries) implements DataStructure {
        public CommandList {
            checkBits("dtyp", dtyp, 8);
            checkBits("numcmd", numcmd, 16);
            entries = List.copyOf(entries);
        }

        public static CommandList optional(List<CommandEntry> entries) {
            return new CommandList(MiCommand.ReadDataStructure.OPTIONAL_COMMANDS, entries.size(), entries);
        }

        public static CommandList meb(List<CommandEntry> entries) {
            return new CommandList(MiCommand.ReadDataStructure.MEB_COMMANDS, entries.size(), entries);
        }

        public boolean contains(Nmimt nmimt, int opc) {
            return entries.contains(CommandEntry.of(nmimt, opc));
        }

        public Bytes encode() {
            LeWriter w = new LeWriter().u16(numcmd);
            entries.forEach(e -> w.u8(e.ctyp()).u8(e.opc()));
            return w.build();
        }

        static CommandList decode(int dtyp, Bytes d, int base, Findings f) {
            if (d.length() < 2) {
                f.add(Req.MI_READ_DS_STRUCTURES, "numcmd", base, "command list has " + d.length()
                        + " bytes, no room for its count");
                return null;
            }
            int n = d.u16le(0);
            if (d.length() != 2 + 2 * n) {
                f.add(Req.MI_READ_DS_STRUCTURES, "numcmd", base, "NUMCMD " + n + " calls for " + (2 + 2 * n)
                        + " bytes, the list has " + d.length());
            }
            List<CommandEntry> list = new ArrayList<>();
            for (int i = 2; i + 2 <= d.length() && list.size() < n; i += 2) {
                list.add(new CommandEntry(d.u8(i), d.u8(i + 1)));
            }
            return new CommandList(dtyp, n, list);
        }
    }

    /** Any other DTYP: the data as it came. */
    record Unknown(int dtyp, Bytes bytes) implements DataStructure {
        public Unknown {
            checkBits("dtyp", dtyp, 8);
        }

        public Bytes encode() {
            return bytes;
        }
    }
}
