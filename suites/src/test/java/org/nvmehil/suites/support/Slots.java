package org.nvmehil.suites.support;

import java.util.List;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.mi.Nmimt;
import org.nvmehil.protocol.spec.Req;

/** Command-slot and control-primitive steps shared by the slot and timing suites (NVMe-MI 1.2 §4.2). */
public final class Slots {
    private Slots() {
    }

    /** A long response: Identify Controller, 4096 bytes, 65 packets at the baseline unit. */
    public static MiRequest identify(int csi) {
        return AdminRequest.identify(0, 1, 0, 0, 4096).withHeader(MiHeader.request(Nmimt.ADMIN, csi));
    }

    /** A short command on slot {@code csi}. */
    public static MiRequest poll(int csi) {
        return new MiCommand.SubsystemHealthStatusPoll(false).withHeader(MiHeader.request(Nmimt.MI_COMMAND, csi));
    }

    /** A control primitive's well-formed response: TAG echoed, status as given back. */
    public static ControlPrimitiveResponse primitive(MiClient mi, ControlPrimitive request) {
        Mi.Answer a = Mi.ask(mi, request);
        ControlPrimitiveResponse r = Mi.decoded(ControlPrimitiveResponse.decode(a.message()));
        Expect.equal(Req.MI_CP_TAG_ECHO, "control primitive response TAG", request.tag(), r.tag(), a.wire());
        return r;
    }

    /** A control primitive that must succeed; another status fails citing {@code req}. */
    public static ControlPrimitiveResponse ok(MiClient mi, ControlPrimitive request, Req req) {
        ControlPrimitiveResponse r = primitive(mi, request);
        Expect.equal(req, "control primitive status", MiStatus.SUCCESS.code, r.status(), r.seal().toWire());
        return r;
    }

    public static ManagementEndpointState getState(MiClient mi, int csi, boolean cesf) {
        return ok(mi, ControlPrimitive.getState(csi, 0x3C, cesf), Req.MI_CP_GET_STATE).mes();
    }

    /** Sends only the first packet of a multi-packet request: the slot is then receiving. */
    public static List<MctpPacket> sendFirstPacketOnly(MiClient mi, MiMessage request) {
        List<MctpPacket> packets = mi.packetsFor(request.toWire(), mi.nextTag());
        if (packets.size() < 2) {
            throw new IllegalArgumentException("the request fits one packet");
        }
        mi.sendUnit(mi.port().encode(packets.get(0)));
        return packets;
    }

    /** The packets of the exchange's response, or a failure citing {@code req} when there is none. */
    public static List<MctpPacket> responsePackets(Exchange ex, Req req) {
        Expect.response(ex, req);
        return ex.responsePackets();
    }

    /** Packets that arrived in a listen window for the request with {@code tag}. */
    public static List<MctpPacket> packetsWithTag(Exchange listened, int tag) {
        return listened.received().stream().flatMap(in -> in.packet().stream()).filter(p -> p.tag() == tag && !p.tagOwner())
                .toList();
    }

    /** Fails citing {@code req} unless the condition holds. */
    public static void require(boolean condition, Req req, String observed, MiClient mi) {
        if (!condition) {
            throw new ConformanceFailure(req, observed, mi.lastEvidence());
        }
    }
}
