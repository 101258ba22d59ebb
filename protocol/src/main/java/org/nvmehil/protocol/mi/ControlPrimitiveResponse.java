package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.List;
import java.util.Optional;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.LeWriter;
import org.nvmehil.protocol.wire.Violation;

/**
 * Control primitive response (MI 1.2 §4.2.1; facts §7.1-7.2): status (byte 4), TAG echoed (5), CPSR
 * (6-7, LE): CPAS (bits 1:0) for Abort, {@link ManagementEndpointState} for Get State, RR (bit 0) for
 * Replay, reserved for Pause and Resume.
 */
public record ControlPrimitiveResponse(MiHeader header, int status, int tag, int cpsr) {

    /** CPAS values (Abort). */
    public static final int CPAS_NOTHING_OR_COMPLETE = 0;
    public static final int CPAS_BEFORE_PROCESSING = 1;
    public static final int CPAS_PARTIAL = 2;

    public ControlPrimitiveResponse {
        if (header == null) {
            throw new NullPointerException("header");
        }
        checkBits("status", status, 8);
        checkBits("tag", tag, 8);
        checkBits("cpsr", cpsr, 16);
    }

    /** A success answer to {@code request}: its slot, its TAG. */
    public static ControlPrimitiveResponse success(ControlPrimitive request, int cpsr) {
        return new ControlPrimitiveResponse(MiHeader.responseTo(request.header()), MiStatus.SUCCESS.code,
                request.tag(), cpsr);
    }

    public static ControlPrimitiveResponse getState(ControlPrimitive request, ManagementEndpointState mes) {
        return success(request, mes.mes());
    }

    public static ControlPrimitiveResponse abort(ControlPrimitive request, int cpas) {
        checkBits("cpas", cpas, 2);
        return success(request, cpas);
    }

    public static ControlPrimitiveResponse replay(ControlPrimitive request, boolean rr) {
        return success(request, rr ? 1 : 0);
    }

    /** An error answer (e.g. 03h for a reserved CPO, 04h for Pause on CSI 1). */
    public static ControlPrimitiveResponse error(ControlPrimitive request, int status) {
        return new ControlPrimitiveResponse(MiHeader.responseTo(request.header()), status, request.tag(), 0);
    }

    public Optional<MiStatus> statusValue() {
        return MiStatus.of(status);
    }

    public int cpas() {
        return cpsr & 3;
    }

    public ManagementEndpointState mes() {
        return new ManagementEndpointState(cpsr);
    }

    /** Replay: a replay is starting. */
    public boolean rr() {
        return (cpsr & 1) != 0;
    }

    public Bytes content() {
        return new LeWriter().bytes(header.encode()).u8(status).u8(tag).u16(cpsr).build();
    }

    public MiMessage seal() {
        return MiMessage.seal(content());
    }

    public static Decoded<ControlPrimitiveResponse> decode(Bytes wire) {
        return Findings.fromWire(wire, ControlPrimitiveResponse::decode);
    }

    /** Reports a wrong length, ROR clear and set reserved header bits. */
    public static Decoded<ControlPrimitiveResponse> decode(MiMessage m) {
        return Findings.fromMessage(m, ControlPrimitiveResponse::decode);
    }

    static ControlPrimitiveResponse decode(MiMessage m, Findings f) {
        Bytes c = m.content();
        if (c.length() != ControlPrimitive.SIZE) {
            f.add(Req.MI_RESPONSE_FORMAT, "length", Math.min(c.length(), ControlPrimitive.SIZE),
                    "control primitive response has " + c.length() + " bytes before the MIC, expected 8");
        }
        if (c.length() < ControlPrimitive.SIZE) {
            return null;
        }
        MiHeader h = m.header();
        if (!h.ror()) {
            f.add(Req.MI_RESPONSE_HEADER, "ror", 1, "ROR is 0 in a response");
        }
        f.addAll(h.reservedViolations());
        return new ControlPrimitiveResponse(h, c.u8(4), c.u8(5), c.u16le(6));
    }

    /**
     * Checks this response against its request: header (ROR, NMIMT, CSI), TAG echoed
     * (MI_CP_TAG_ECHO), and the reserved CPSR bits of the primitive (Abort 15:2 and CPAS 11b, Get State
     * bits 5 and 2, Replay 15:1). Pause/Resume CPSR is not checked (MI 1.x had bits that read as 1).
     */
    public List<Violation> checkAgainst(ControlPrimitive request) {
        Findings f = new Findings(header.checkResponseTo(request.header()));
        if (tag != request.tag()) {
            f.add(Req.MI_CP_TAG_ECHO, "tag", 5, "TAG is " + Findings.hex8(tag) + ", the request sent "
                    + Findings.hex8(request.tag()));
        }
        if (status != MiStatus.SUCCESS.code) {
            return f.list();
        }
        Optional<Cpo> cpo = request.cpoValue();
        if (cpo.isEmpty()) {
            return f.list();
        }
        switch (cpo.get()) {
            case ABORT:
                f.reservedBits(cpsr, 0xFFFC, 6, "cpsr.reserved");
                if (cpas() == 3) {
                    f.add(Req.MI_CP_ABORT, "cpas", 6, "CPAS 11b is reserved");
                }
                break;
            case GET_STATE:
                f.reservedBits(cpsr, ManagementEndpointState.RESERVED, 6, "mes.reserved");
                break;
            case REPLAY:
                f.reservedBits(cpsr, 0xFFFE, 6, "cpsr.reserved");
                break;
            default:
                break;
        }
        return f.list();
    }
}
