package org.nvmehil.protocol.spec;

import java.util.List;

/**
 * The requirement registry: one constant per normative rule the suites check. Each holds the
 * document, the clause/figure, whether that clause number was read in a source derived from the
 * spec text ({@code clauseVerified}), the level, and a one-line paraphrase (never spec prose).
 *
 * <p>Tests cite constants with {@code @Spec}; Allure labels, failure messages and the conformance
 * matrix are derived from here. A constant with no test must say why in {@code notCovered}; the
 * requirement meta-test in {@code suites} enforces both directions.
 *
 * <p>Sources for levels and clauses: shared/reference/nvme-mi-protocol-facts.md §13 (R01–R40).
 */
public enum Req {

    // ---------------------------------------------------------------- DSP0237 SMBus/I2C binding
    SMBUS_COMMAND_CODE(Doc.DSP0237, "6.3, Fig. 1", true, Level.SHALL,
            "Every MCTP-over-SMBus packet is an SMBus Block Write with command code 0Fh.",
            Coverage.TESTED),
    SMBUS_BYTE_COUNT(Doc.DSP0237, "6.3, Fig. 1", true, Level.SHALL,
            "The byte count equals the number of bytes after it up to, but not including, the PEC.",
            Coverage.TESTED),
    SMBUS_SOURCE_ADDRESS(Doc.DSP0237, "6.3, Table 1", true, Level.SHALL,
            "The source slave address byte carries the sender's 7-bit address with bit 0 set to 1.",
            Coverage.TESTED),
    SMBUS_PEC(Doc.DSP0237, "6.3, Fig. 1", true, Level.SHALL,
            "Every packet ends with a PEC (CRC-8, poly 07h) over all bytes from the destination address on.",
            Coverage.TESTED),
    SMBUS_BAD_PEC_DROP(Doc.DSP0237, "6.3", true, Level.SHALL,
            "A receiver checks the PEC and drops a packet whose PEC is wrong.",
            Coverage.TESTED),
    SMBUS_MAX_TU(Doc.DSP0237, "6.3, Fig. 1", true, Level.SHALL,
            "A packet fits one block write: byte count at most 255, so the transmission unit is at most 250 bytes.",
            Coverage.TESTED),
    SMBUS_NACK_RETRY(Doc.DSP0237, "Table 8 (PN1)", true, Level.SHALL,
            "A non-bridge endpoint retries a NACKed packet at least 8 times.",
            "needs NACK injection on a real bus; the model link cannot NACK (issue #6 may add it on the simulated diozero bus)"),
    SMBUS_CONTROL_RESPONSE_TIME(Doc.DSP0237, "Table 9 (MT1)", true, Level.SHALL,
            "An MCTP control responder starts its response within 100 ms of the end of the request.",
            Coverage.TESTED),
    SMBUS_DESTINATION_ADDRESS(Doc.DSP0237, "6.3, Table 1", true, Level.SHALL,
            "The destination slave address byte has the R/W bit clear: MCTP over SMBus uses block writes only.",
            Coverage.TESTED),

    // ---------------------------------------------------------------- DSP0253 serial binding
    SERIAL_FRAME_FORMAT(Doc.DSP0253, "7", false, Level.SHALL,
            "A serial frame is 7Eh, revision 01h, byte count, escaped packet, FCS (high byte first), 7Eh.",
            Coverage.SERIAL_SUITE),
    SERIAL_ESCAPING(Doc.DSP0253, "7", true, Level.SHALL,
            "Packet bytes 7Eh and 7Dh are sent as 7Dh 5Eh and 7Dh 5Dh.",
            Coverage.SERIAL_SUITE),
    SERIAL_FCS(Doc.DSP0253, "7", false, Level.SHALL,
            "The FCS is CRC-16/MCRF4XX (init FFFFh, no final complement) over revision, count and unescaped packet.",
            Coverage.SERIAL_SUITE),
    SERIAL_BAD_FRAME_DROP(Doc.DSP0253, "7", false, Level.SHALL,
            "A receiver drops a frame whose FCS, revision or byte count is wrong.",
            Coverage.SERIAL_SUITE),

    // ---------------------------------------------------------------- DSP0236 MCTP base
    MCTP_HEADER_VERSION(Doc.DSP0237, "6.3, Table 1", true, Level.SHALL,
            "The MCTP header version is 1 on this binding; a packet with another version is dropped.",
            Coverage.TESTED, "1.4.5"),
    MCTP_UNKNOWN_DEST_EID_DROP(Doc.DSP0236, "8 (packet validation)", false, Level.SHALL,
            "A packet addressed to an EID that is not the endpoint's own (nor null where accepted) is silently dropped.",
            Coverage.TESTED, "1.4.4"),
    MCTP_SOM_REQUIRED(Doc.DSP0236, "8 (packet assembly)", false, Level.SHALL,
            "A middle or end packet that arrives without an open message (no SOM) is silently dropped.",
            Coverage.TESTED, "1.4.1"),
    MCTP_SEQUENCE(Doc.DSP0236, "Table 1 notes", true, Level.SHALL,
            "Packet sequence numbers of one message increment by one modulo 4 from the SOM packet.",
            Coverage.TESTED, "1.2"),
    MCTP_SEQUENCE_ERROR_DROP(Doc.DSP0236, "8 (packet assembly)", false, Level.SHALL,
            "A packet with an out-of-sequence number ends the message being assembled; the message is dropped.",
            Coverage.TESTED),
    MCTP_TAG_CONSISTENT(Doc.DSP0236, "Table 1 notes", true, Level.SHALL,
            "All packets of one message carry the same source EID, tag owner bit and message tag.",
            Coverage.TESTED, "1.3"),
    MCTP_RESPONSE_TAG(Doc.DSP0236, "Table 1 notes", true, Level.SHALL,
            "A response carries the request's message tag with the tag owner bit cleared.",
            Coverage.TESTED),
    MCTP_REQUEST_TAG_OWNER(Doc.DSP0236, "Table 1 notes", false, Level.SHALL,
            "A request packet with tag owner 0 that matches no outstanding request is silently dropped.",
            Coverage.TESTED, "1.4.3"),
    MCTP_SOM_EOM(Doc.DSP0236, "8 (packetization)", false, Level.SHALL,
            "The first packet of a message has SOM set, the last has EOM set, and packets between have neither.",
            Coverage.TESTED),
    MCTP_RESPONSE_EIDS(Doc.DSP0236, "8 (message routing)", false, Level.SHALL,
            "A response comes from the responder's EID and is addressed to the EID of the requester.",
            Coverage.TESTED),
    MCTP_PACKET_SIZE(Doc.DSP0236, "8 (packetization)", false, Level.SHALL,
            "Every packet of a message except the last carries exactly the transmission unit; the last carries at most that.",
            Coverage.TESTED),
    MCTP_REASSEMBLY_TIMEOUT(Doc.DSP0236, "8 (message assembly)", false, Level.SHALL,
            "A receiver discards a partial message whose remaining packets do not arrive in time; a new message is then accepted.",
            Coverage.TESTED),
    MCTP_BASELINE_TU(Doc.DSP0236, "8 (baseline transmission unit)", false, Level.SHALL,
            "Every endpoint supports the 64-byte baseline transmission unit.",
            Coverage.TESTED),

    // ---------------------------------------------------------------- DSP0236 MCTP control messages
    MCTP_CONTROL_FLAGS_DISCARD(Doc.DSP0236, "Table 1 notes (control flags)", true, Level.SHALL,
            "A control message with unexpected Rq/D/TO flag values is silently discarded.",
            Coverage.TESTED),
    MCTP_CONTROL_RESPONSE_HEADER(Doc.DSP0236, "11 (control message format)", false, Level.SHALL,
            "A control response has IC 0, Rq 0, D 0, the request's instance ID and command code, and a completion code.",
            Coverage.TESTED),
    MCTP_CONTROL_UNSUPPORTED(Doc.DSP0236, "Table 13 (completion codes)", true, Level.SHALL,
            "A control command the endpoint does not support completes with ERROR_UNSUPPORTED_CMD (05h).",
            Coverage.TESTED),
    MCTP_SET_EID(Doc.DSP0236, "12.3", false, Level.SHALL,
            "Set Endpoint ID rejects EIDs 00h and FFh and reports assignment status in bits 5:4 of its status byte.",
            Coverage.TESTED),
    MCTP_GET_EID(Doc.DSP0236, "12.4", false, Level.SHALL,
            "Get Endpoint ID returns the EID, endpoint type and EID type, with reserved bits zero.",
            Coverage.TESTED, "1.1", "1.1.1"),
    MCTP_GET_UUID(Doc.DSP0236, "12.5", false, Level.SHALL,
            "Get Endpoint UUID returns a 16-byte UUID that does not change between calls.",
            Coverage.TESTED),
    MCTP_GET_VERSION(Doc.DSP0236, "12.6", false, Level.SHALL,
            "Get MCTP Version Support returns BCD version entries, or 80h for a message type that is not supported.",
            Coverage.TESTED),
    MCTP_GET_MESSAGE_TYPES(Doc.DSP0236, "12.7, Table 19", false, Level.SHALL,
            "Get Message Type Support lists the supported message types with a count that matches the list.",
            Coverage.TESTED),
    MCTP_PREPARE_DISCOVERY(Doc.DSP0236, "12 (command 0Bh)", false, Level.SHALL,
            "An endpoint on a binding that does not use Prepare for Endpoint Discovery answers it with 05h.",
            Coverage.TESTED, "3.4"),
    MCTP_HEADER_FORMAT(Doc.DSP0236, "Table 1", false, Level.SHALL,
            "Every packet starts with the 4-byte transport header, whose reserved bits (byte 0 bits 7:4) are zero.",
            Coverage.TESTED),
    MCTP_SOURCE_EID(Doc.DSP0236, "Table 1 notes", false, Level.SHALL,
            "A packet's source EID is the null EID or a unicast EID (08h-FEh), never broadcast FFh or reserved 01h-07h.",
            Coverage.TESTED),
    MCTP_CONTROL_REQUEST_HEADER(Doc.DSP0236, "11 (control message format)", false, Level.SHALL,
            "A control request has IC 0, message type 00h, Rq 1 and its reserved header bit cleared.",
            "a rule for requesters: the suite builds its requests to it; the DUT side is MCTP_CONTROL_FLAGS_DISCARD"),

    // ---------------------------------------------------------------- NVMe-MI message layer
    MI_MESSAGE_MAX_SIZE(Doc.NVME_MI, "3.1", true, Level.SHALL,
            "An NVMe-MI message longer than 4224 bytes is invalid; an out-of-band ME never sends one.",
            Coverage.TESTED),
    MI_MESSAGE_TYPE(Doc.NVME_MI, "3.1.1, Fig. 18", true, Level.SHALL,
            "Out-of-band NVMe-MI messages use MCTP message type 04h with IC set and end with a MIC.",
            Coverage.TESTED),
    MI_RESPONSE_HEADER(Doc.NVME_MI, "3.1.1, Fig. 18", true, Level.SHALL,
            "A response has ROR set and the NMIMT of its request.",
            Coverage.TESTED),
    MI_RESPONSE_CSI(Doc.NVME_MI, "3.1.1, Fig. 18", true, Level.SHALL,
            "A response carries the command slot identifier (CSI) of its request.",
            Coverage.TESTED),
    MI_RESERVED_ZERO(Doc.NVME_MI, "3.1.1, Fig. 18", true, Level.SHALL,
            "Reserved fields of a response (header and command-specific) are cleared to zero.",
            Coverage.TESTED, "6.1"),
    MI_MIC(Doc.NVME_MI, "3.1.1.1, Figs. 19-22", true, Level.SHALL,
            "The MIC is CRC-32C over the whole message before it, placed little-endian in the last 4 bytes.",
            Coverage.TESTED),
    MI_BAD_MIC_DISCARD(Doc.NVME_MI, "3.1.1.1", false, Level.SHALL,
            "A request whose MIC does not verify is discarded with no response.",
            Coverage.TESTED, "1.4.2", "5.6"),
    MI_IC_CLEAR_DISCARD(Doc.NVME_MI, "3.1.1", false, Level.SHALL,
            "An out-of-band NVMe-MI request with IC cleared is discarded with no response.",
            Coverage.TESTED),
    MI_ROR_REQUEST_DISCARD(Doc.NVME_MI, "3.1.1", false, Level.SHALL,
            "A message arriving at the ME with ROR set (a response) is not processed as a command.",
            Coverage.TESTED),
    MI_INVALID_PARAMETER(Doc.NVME_MI, "4.1.2, Fig. 26", true, Level.SHALL,
            "A reserved or unimplemented value in a defined request field completes with 04h Invalid Parameter.",
            Coverage.TESTED),
    MI_PARAMETER_ERROR_LOCATION(Doc.NVME_MI, "4.1.2.2, Figs. 28-29", true, Level.SHALL,
            "Invalid Parameter reports the byte (from the message-type byte) and bit of the bad field's least significant bit.",
            Coverage.TESTED),
    MI_INVALID_OPCODE(Doc.NVME_MI, "4.1.2, Fig. 26", true, Level.SHALL,
            "A reserved opcode, or an optional one not implemented, completes with 03h Invalid Command Opcode.",
            Coverage.TESTED),
    MI_INVALID_COMMAND_SIZE(Doc.NVME_MI, "4.1.2, Fig. 26", true, Level.SHALL,
            "A body size mismatch not caused by request data completes with 05h Invalid Command Size.",
            Coverage.TESTED, "4.10"),
    MI_INVALID_INPUT_DATA_SIZE(Doc.NVME_MI, "4.1.2, Fig. 26", true, Level.SHALL,
            "Too much or too little request data on a command that takes data completes with 06h.",
            Coverage.TESTED),
    MI_MPR_ONCE(Doc.NVME_MI, "4.1.2, Fig. 26", true, Level.SHALL,
            "An ME sends at most one More Processing Required response per command, except through Replay.",
            Coverage.TESTED),
    MI_REQUEST_TO_RESPONSE_TIME(Doc.NVME_MI, "4.1.2.3 / 8.1 (out-of-band operational times)", false, Level.SHALL,
            "An ME that cannot send its response within the request-to-response time sends a More Processing Required response first (the limit is the lab's timing.responseTimeout: the spec value was not found).",
            Coverage.TESTED),
    MI_MPR_FORMAT(Doc.NVME_MI, "4.1.2.3", true, Level.SHALL,
            "An MPR response carries MPRT in 100 ms units and the final response follows with the same MCTP tag.",
            Coverage.TESTED),
    MI_RESPONSE_FORMAT(Doc.NVME_MI, "4.1.2, Fig. 27", false, Level.SHALL,
            "A command response holds status and three NMRESP bytes before its data; an error response ends there (8 bytes before the MIC).",
            Coverage.TESTED),

    // ---------------------------------------------------------------- NVMe-MI command slots, control primitives
    MI_TWO_SLOTS(Doc.NVME_MI, "4.2", false, Level.SHALL,
            "The out-of-band ME has two command slots, each with at most one outstanding command; CSI selects the slot.",
            Coverage.TESTED),
    MI_SLOT_OVERLAP(Doc.NVME_MI, "4.2", false, Level.SHALL,
            "A command on a busy slot is undefined; if the ME discards one it sets CMNICS and stays responsive.",
            Coverage.TESTED),
    MI_CP_TAG_ECHO(Doc.NVME_MI, "4.2.1", false, Level.SHALL,
            "A control primitive response echoes the request's TAG unchanged.",
            Coverage.TESTED, "7.1"),
    MI_CP_PAUSE(Doc.NVME_MI, "4.2.1.1", false, Level.SHALL,
            "Pause uses CSI 0 (CSI 1 gets Invalid Parameter) and stops command responses at a packet boundary.",
            Coverage.TESTED),
    MI_CP_RESUME(Doc.NVME_MI, "4.2.1.2", false, Level.SHALL,
            "Resume clears the pause flag and paused transmission continues.",
            Coverage.TESTED),
    MI_CP_ABORT(Doc.NVME_MI, "4.2.1.3", false, Level.SHALL,
            "Abort returns the slot to Idle, clears the pause flag and reports CPAS.",
            Coverage.TESTED),
    MI_CP_GET_STATE(Doc.NVME_MI, "4.2.1.4", false, Level.SHALL,
            "Get State reports the ME state flags and slot state; with CESF set it clears bits 14:3 after reporting.",
            Coverage.TESTED),
    MI_CP_REPLAY(Doc.NVME_MI, "4.2.1.5", false, Level.SHALL,
            "Replay resends the slot's last response from packet RRO with SOM set, original header and MIC; no slot stays paused.",
            Coverage.TESTED, "7.4", "7.5"),
    MI_CP_INVALID_OPCODE(Doc.NVME_MI, "4.2.1", false, Level.SHALL,
            "A reserved control primitive opcode completes with Invalid Command Opcode.",
            Coverage.TESTED),

    // ---------------------------------------------------------------- NVMe-MI command set
    MI_MANDATORY_COMMANDS(Doc.NVME_MI, "5, Figs. 57-58", true, Level.SHALL,
            "A storage-device ME supports Read Data Structure, both health polls, Configuration Get/Set and VPD Read out of band.",
            Coverage.TESTED),
    MI_CONFIG_RESERVED_CID(Doc.NVME_MI, "5.1/5.2", true, Level.SHALL,
            "Configuration Get/Set with a reserved configuration identifier completes with 04h, PEL byte 8 bit 0.",
            Coverage.TESTED, "4.2"),
    MI_CONFIG_SMBUS_FREQUENCY(Doc.NVME_MI, "5.1/5.2", true, Level.SHALL,
            "SMBus/I2C Frequency is read and set per two-wire port; an unsupported value or other port type gets 04h.",
            Coverage.TESTED),
    MI_CONFIG_MTU(Doc.NVME_MI, "5.1/5.2", true, Level.SHALL,
            "MCTP Transmission Unit Size reads 64 after reset; after a Set, responses use the new unit.",
            Coverage.TESTED),
    MI_CONFIG_HEALTH_STATUS_CHANGE(Doc.NVME_MI, "5.2", false, Level.SHALL,
            "Health Status Change clears the chosen composite controller status flags (packed mask layout).",
            Coverage.TESTED),
    MI_CHSP(Doc.NVME_MI, "5.3", true, Level.SHALL,
            "Controller Health Status Poll returns 16-byte entries for the selected controllers (CTEMP in kelvin).",
            Coverage.TESTED),
    MI_CHSP_MAXRENT(Doc.NVME_MI, "5.3", true, Level.SHALL,
            "Controller Health Status Poll with MAXRENT FFh (256 entries) completes with 04h, PEL byte 10.",
            Coverage.TESTED, "4.5"),
    MI_MEB_BOUNDS(Doc.NVME_MI, "5.4/5.5", true, Level.SHALL,
            "MEB Read/Write out of the buffer's bounds completes with 04h on DOFST or DLEN; DLEN 0 succeeds.",
            Coverage.TESTED, "8.8"),
    MI_NSHSP(Doc.NVME_MI, "5.6", true, Level.SHALL,
            "NVM Subsystem Health Status Poll returns the 8-byte status (NSS, active-low SW, CTEMP, PDLU, CCS); CS clears CCS.",
            Coverage.TESTED, "8.4"),
    MI_READ_DS_RESERVED_DTYP(Doc.NVME_MI, "5.7", true, Level.SHALL,
            "Read NVMe-MI Data Structure with a reserved type completes with 04h, PEL byte 11.",
            Coverage.TESTED, "4.6"),
    MI_READ_DS_STRUCTURES(Doc.NVME_MI, "5.7", true, Level.SHALL,
            "Subsystem, port and controller information structures have their defined length and layout.",
            Coverage.TESTED),
    MI_CONTROLLER_LIST(Doc.NVME_MI, "5.7", false, Level.SHALL,
            "The controller list holds the controller IDs greater than or equal to CTRLID (NMD0 15:0).",
            Coverage.TESTED),
    MI_RESET(Doc.NVME_MI, "5.8", true, Level.SHALL,
            "A successful NVM Subsystem Reset sends no success response; other reset types get 04h.",
            Coverage.TESTED),
    MI_VPD_READ(Doc.NVME_MI, "5.12", true, Level.SHALL,
            "VPD Read returns DLEN bytes from DOFST in IPMI FRU layout; DLEN 0 succeeds; out of range gets 04h.",
            Coverage.TESTED, "11.1", "11.3"),
    MI_VPD_WRITE(Doc.NVME_MI, "5.13", true, Level.SHALL,
            "VPD Write stores the data, DLEN 0 succeeds, and writes past the update limit get 20h.",
            Coverage.TESTED),

    // ---------------------------------------------------------------- NVMe Admin tunnelled over MI
    MI_ADMIN_WELL_FORMED(Doc.NVME_MI, "6.2, Figs. 114/117-118", true, Level.SHALL,
            "A well-formed tunnelled Admin command gets MI status 00h with the NVMe status in CQE DW3; an unknown CTLID gets 04h.",
            Coverage.TESTED),
    MI_ADMIN_CQE_CID_ZERO(Doc.NVME_MI, "6, Fig. 118", true, Level.SHALL,
            "The command identifier in the tunnelled completion (CQE DW3 15:0) is zero.",
            Coverage.TESTED),
    MI_ADMIN_PROHIBITED(Doc.NVME_MI, "6.2, Fig. 114", true, Level.SHALL,
            "A prohibited Admin opcode gets 04h with PEL on the opcode; an opcode absent from Fig. 114 gets 03h.",
            Coverage.TESTED),
    MI_ADMIN_DATA_SLICE(Doc.NVME_MI, "6, Figs. 115-116", true, Level.SHALL,
            "The response carries DLEN bytes of the command's data starting at DOFST; the ME discards the rest.",
            Coverage.TESTED),
    MI_ADMIN_DLEN_DOFST(Doc.NVME_MI, "6, Figs. 115-116", true, Level.SHOULD,
            "DLEN and DOFST are dword multiples, DLEN is at most 4096, and both are 0 for commands without data.",
            "advisory (SHOULD) checks need the advisory report category (issue #7)"),
    NVME_IDENTIFY_ASCII(Doc.NVME_BASE, "5.1.13.2.1, Fig. 276", false, Level.SHALL,
            "Identify Controller SN, MN and FR are ASCII, left-justified and padded with spaces.",
            Coverage.TESTED),
    MI_BASIC_MANAGEMENT(Doc.NVME_MI, "Appendix A", false, Level.SHALL,
            "The Basic Management Command block read at 6Ah returns the documented layout with a valid PEC, if supported.",
            Coverage.TESTED),
    NVME_DATA_LAYOUT(Doc.NVME_BASE, "5.1.12 (Get Log Page), 5.1.13 (Identify)", false, Level.SHALL,
            "Identify data is 4096 bytes, SMART/Health and Firmware Slot logs 512 bytes, an Error Information entry 64 bytes, and list counts fit their lists.",
            Coverage.TESTED);

    /** The notCovered argument: TESTED when a conformance test cites the requirement, else the reason why not. */
    static final class Coverage {
        static final String TESTED = null;
        static final String MI_SUITE = "conformance test arrives with the NVMe-MI suites (issue #3)";
        static final String SERIAL_SUITE = "conformance test arrives with the serial binding suites (issue #6)";

        private Coverage() {
        }
    }

    public final Doc doc;
    public final String clause;
    /** False when the clause number is our best reading and has not been checked against the spec text. */
    public final boolean clauseVerified;
    public final Level level;
    /** One-sentence paraphrase of the rule. */
    public final String text;
    /** Non-null when no conformance test checks this yet: the reason. */
    public final String notCovered;
    /** UNH-IOL NVMe-MI test plan numbers that exercise this requirement. */
    public final List<String> unhIol;

    Req(Doc doc, String clause, boolean clauseVerified, Level level, String text, String notCovered, String... unhIol) {
        this.doc = doc;
        this.clause = clause;
        this.clauseVerified = clauseVerified;
        this.level = level;
        this.text = text;
        this.notCovered = notCovered;
        this.unhIol = List.of(unhIol);
    }

    /** Citation for messages and labels, e.g. {@code NVMe-MI 1.2 §3.1.1.1, Figs. 19-22}. */
    public String cite() {
        return doc.shortName() + " §" + clause + (clauseVerified ? "" : " (clause unverified)");
    }

    public boolean isCovered() {
        return notCovered == null;
    }
}
