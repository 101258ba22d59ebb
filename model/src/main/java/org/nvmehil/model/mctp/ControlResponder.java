package org.nvmehil.model.mctp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nvmehil.model.endpoint.EndpointState;
import org.nvmehil.model.event.EventLog;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.MessageType;
import org.nvmehil.protocol.mctp.control.CompletionCode;
import org.nvmehil.protocol.mctp.control.ControlHeader;
import org.nvmehil.protocol.mctp.control.ControlRequest;
import org.nvmehil.protocol.mctp.control.ControlResponse;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mctp.control.GetEndpointUuid;
import org.nvmehil.protocol.mctp.control.GetMctpVersionSupport;
import org.nvmehil.protocol.mctp.control.GetMessageTypeSupport;
import org.nvmehil.protocol.mctp.control.MctpVersion;
import org.nvmehil.protocol.mctp.control.SetEndpointId;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;
import org.nvmehil.protocol.wire.Violation;

/**
 * The model's MCTP control responder (DSP0236 §11–12; facts §2). Pure: message in, response message or
 * discard reason out. Control responses are always one packet (facts §2.1).
 *
 * <ul>
 *   <li>Flags: Rq 0, D 1 (datagram) or IC 1 are unexpected for the commands an NVMe-MI endpoint serves, so
 *       the request is silently discarded (DSP0236 Table 1 notes; returned as a discard reason). TO 0 never
 *       gets here: the core drops it first.</li>
 *   <li>Request data of the wrong length → 03h ERROR_INVALID_LENGTH (libmctp's behaviour).</li>
 *   <li>Set Endpoint ID (§12.3): Set and Force are both accepted (the model has one bus owner, so it never
 *       rejects); EID 00h, FFh or reserved 01h–07h → 02h; Reset Static → back to the configured EID under a
 *       static {@link EidPolicy}, else 02h; Set Discovered Flag → 02h (the Discovered flag belongs to the
 *       endpoint-discovery scheme, which SMBus does not use). The EID changes before the response is built,
 *       so the response already comes from the new EID.</li>
 *   <li>Get Endpoint ID (§12.4): simple endpoint, EID type per {@link EidPolicy}, reserved bits 0,
 *       medium-specific 00h.</li>
 *   <li>Get Endpoint UUID (§12.5): the configured UUID.</li>
 *   <li>Get MCTP Version Support (§12.6): FFh and 00h → 1.3.1; 04h → NVMe-MI 1.2 (F1F2FF00h); others → 80h.</li>
 *   <li>Get Message Type Support (§12.7): the DSP0236 form, count 1, list 04h.</li>
 *   <li>Everything else, Prepare for Endpoint Discovery included (SMBus does not use that scheme) → 05h.</li>
 * </ul>
 */
public final class ControlResponder {

    /** MCTP base and control protocol version the model claims. */
    public static final MctpVersion MCTP_VERSION = MctpVersion.of(1, 3, 1);
    /** NVMe-MI version reported for message type 04h. */
    public static final MctpVersion NVME_MI_VERSION = MctpVersion.of(1, 2, MctpVersion.NO_UPDATE);

    /** What Get Endpoint ID reports as EID type and whether Reset Static is supported. */
    public enum EidPolicy {
        /** 00b: dynamic EID only; Reset Static → 02h. */
        DYNAMIC,
        /** 01b: static EID (the configured one); Reset Static restores it. */
        STATIC,
        /** 10b while the EID equals the configured static EID, 11b after Set EID changed it. */
        STATIC_WITH_MATCH
    }

    /** A response message, or why the request was discarded. */
    public record Result(Optional<Bytes> response, Optional<String> discarded) {
        static Result respond(Bytes b) {
            return new Result(Optional.of(b), Optional.empty());
        }

        static Result discard(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }
    }

    private final EndpointState state;
    private final Bytes uuid;
    private final EidPolicy eidPolicy;
    private final int staticEid;
    private final EventLog events;

    /**
     * @param staticEid the EID a static policy reports and Reset Static restores (the configured device EID)
     */
    public ControlResponder(EndpointState state, UUID uuid, EidPolicy eidPolicy, int staticEid, EventLog events) {
        this.state = state;
        this.uuid = GetEndpointUuid.toBytes(uuid);
        this.eidPolicy = eidPolicy;
        this.staticEid = staticEid;
        this.events = events;
    }

    public EidPolicy eidPolicy() {
        return eidPolicy;
    }

    /** @param message a complete control message, from the type byte on */
    public Result handle(Bytes message) {
        Decoded<ControlRequest> d = ControlRequest.decode(message);
        if (d.value().isEmpty()) {
            return Result.discard("not a control request: " + d.violations());
        }
        ControlHeader h = d.get().header();
        if (!h.rq() || h.d() || h.ic()) {
            return Result.discard(String.format("unexpected control flags Rq %d D %d IC %d (MCTP_CONTROL_FLAGS_DISCARD)",
                    h.rq() ? 1 : 0, h.d() ? 1 : 0, h.ic() ? 1 : 0));
        }
        int iid = h.instanceId();
        return Result.respond(switch (h.commandCode()) {
            case 0x01 -> setEndpointId(message, h);
            case 0x02 -> lengthError(GetEndpointId.decodeRequest(message).violations())
                    ? invalidLength(h) : getEndpointId(iid);
            case 0x03 -> lengthError(GetEndpointUuid.decodeRequest(message).violations())
                    ? invalidLength(h) : GetEndpointUuid.Response.of(iid, uuid).encode();
            case 0x04 -> getVersion(message, h);
            case 0x05 -> lengthError(GetMessageTypeSupport.decodeRequest(message).violations())
                    ? invalidLength(h) : GetMessageTypeSupport.Response.of(iid, MessageType.NVME_MI).encode();
            default -> ControlResponse.error(h, CompletionCode.ERROR_UNSUPPORTED_CMD).encode();
        });
    }

    private Bytes setEndpointId(Bytes message, ControlHeader h) {
        Decoded<SetEndpointId.Request> d = SetEndpointId.Request.decode(message);
        if (lengthError(d.violations())) {
            return invalidLength(h);
        }
        SetEndpointId.Request r = d.get();
        int iid = h.instanceId();
        int before = state.eid();
        switch (r.operation()) {
            case SetEndpointId.OP_SET, SetEndpointId.OP_FORCE -> {
                if (r.eid() < MctpPacket.FIRST_UNICAST_EID || r.eid() == MctpPacket.BROADCAST_EID) {
                    return SetEndpointId.Response.error(iid, CompletionCode.ERROR_INVALID_DATA).encode();
                }
                state.setEid(r.eid());
            }
            case SetEndpointId.OP_RESET_STATIC -> {
                if (eidPolicy == EidPolicy.DYNAMIC || staticEid == MctpPacket.NULL_EID) {
                    return SetEndpointId.Response.error(iid, CompletionCode.ERROR_INVALID_DATA).encode();
                }
                state.setEid(staticEid);
            }
            default -> {
                return SetEndpointId.Response.error(iid, CompletionCode.ERROR_INVALID_DATA).encode();
            }
        }
        if (state.eid() != before) {
            events.effect(String.format("Set Endpoint ID: EID %02Xh -> %02Xh", before, state.eid()));
        }
        return SetEndpointId.Response.of(iid, SetEndpointId.ASSIGNMENT_ACCEPTED, SetEndpointId.ALLOCATION_NO_POOL,
                state.eid(), 0).encode();
    }

    private Bytes getEndpointId(int iid) {
        int eid = state.eid();
        int type = switch (eidPolicy) {
            case DYNAMIC -> GetEndpointId.EID_DYNAMIC;
            case STATIC -> GetEndpointId.EID_STATIC;
            case STATIC_WITH_MATCH -> eid == staticEid ? GetEndpointId.EID_STATIC_MATCHES
                    : GetEndpointId.EID_STATIC_DIFFERS;
        };
        return GetEndpointId.Response.of(iid, eid, GetEndpointId.ENDPOINT_SIMPLE, type, 0x00).encode();
    }

    private Bytes getVersion(Bytes message, ControlHeader h) {
        Decoded<GetMctpVersionSupport.Request> d = GetMctpVersionSupport.Request.decode(message);
        if (lengthError(d.violations())) {
            return invalidLength(h);
        }
        int iid = h.instanceId();
        return switch (d.get().messageType()) {
            case GetMctpVersionSupport.BASE_SPEC, GetMctpVersionSupport.CONTROL_PROTOCOL ->
                    GetMctpVersionSupport.Response.of(iid, MCTP_VERSION).encode();
            case MessageType.NVME_MI -> GetMctpVersionSupport.Response.of(iid, NVME_MI_VERSION).encode();
            default -> GetMctpVersionSupport.Response.unsupportedType(iid).encode();
        };
    }

    private static Bytes invalidLength(ControlHeader h) {
        return ControlResponse.error(h, CompletionCode.ERROR_INVALID_LENGTH).encode();
    }

    /** True when the typed decoder found missing or surplus request data. */
    private static boolean lengthError(List<Violation> v) {
        return v.stream().anyMatch(x -> x.field().equals("length") || x.field().equals("trailing"));
    }
}
