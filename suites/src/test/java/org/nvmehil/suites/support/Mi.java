package org.nvmehil.suites.support;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.protocol.mctp.control.ControlRequest;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.Decoded;

/**
 * Request-and-check steps shared by the NVMe-MI suites. Every step first requires a well-formed
 * response at every layer (structure gates semantics), then returns what a test inspects.
 */
public final class Mi {
    private Mi() {
    }

    /** The response to {@code request}, well formed at every layer; any status. */
    public static Answer ask(MiClient mi, MiRequest request) {
        MiMessage req = request.seal();
        Exchange ex = mi.send(req);
        return answer(mi, req, ex);
    }

    /** The response to an already sealed (possibly deliberately wrong) request message. */
    public static Answer ask(MiClient mi, MiMessage request) {
        return answer(mi, request, mi.send(request));
    }

    /** The well-formed response in an exchange already made for {@code req}. */
    public static Answer answer(MiClient mi, MiMessage req, Exchange ex) {
        MiMessage m = Expect.wellFormedMiResponse(ex, req, mi);
        Decoded<MiResponse> r = MiResponse.decode(m);
        Expect.none(r.violations(), m.toWire());
        return new Answer(ex, m, r.get());
    }

    /** The response, which must have status {@code status}; a different status fails citing {@code req}. */
    public static Answer expectStatus(MiClient mi, MiRequest request, MiStatus status, Req req) {
        Answer a = ask(mi, request);
        a.requireStatus(status, req);
        return a;
    }

    /** A successful response; any other status fails citing {@code req}. */
    public static Answer ok(MiClient mi, MiRequest request, Req req) {
        return expectStatus(mi, request, MiStatus.SUCCESS, req);
    }

    /** Read NVMe-MI Data Structure, decoded and checked against its layout. */
    public static DataStructure dataStructure(MiClient mi, MiCommand.ReadDataStructure request) {
        Answer a = ok(mi, request, Req.MI_READ_DS_STRUCTURES);
        Decoded<DataStructure> d = DataStructure.decode(a.response(), request.dtyp());
        Expect.none(d.violations(), a.wire());
        return Expect.value(d);
    }

    /** The DUT's ports, from Subsystem Information (NUMP) and Port Information. */
    public static List<DataStructure.PortInfo> ports(MiClient mi) {
        DataStructure.SubsystemInfo s = (DataStructure.SubsystemInfo) dataStructure(mi, MiCommand.ReadDataStructure.subsystemInfo());
        List<DataStructure.PortInfo> ports = new ArrayList<>();
        for (int id = 0; id <= s.nump(); id++) {
            ports.add((DataStructure.PortInfo) dataStructure(mi, MiCommand.ReadDataStructure.portInfo(id)));
        }
        return ports;
    }

    /** The port ID of the first two-wire (SMBus/I2C) port; the suite's own path to the DUT must be one. */
    public static int twoWirePort(MiClient mi) {
        List<DataStructure.PortInfo> ports = ports(mi);
        for (int id = 0; id < ports.size(); id++) {
            if (ports.get(id).prttyp() == DataStructure.PortInfo.TWO_WIRE) {
                return id;
            }
        }
        throw new ConformanceFailure(Req.MI_READ_DS_STRUCTURES,
                "no port reports type two-wire (02h), yet the DUT answers over SMBus/I2C", mi.lastEvidence());
    }

    /** An MCTP control request (message bytes from the type byte) and its well-formed response message. */
    public static Bytes control(MiClient mi, Bytes request) {
        ControlRequest req = Expect.value(ControlRequest.decode(request));
        Exchange ex = mi.exchange(request, mi.timing().controlResponseTimeout());
        Expect.wellFormedControlResponse(ex, req, mi);
        return ex.response().orElseThrow();
    }

    /** A decoded control response with no violations. */
    public static <T> T decoded(Decoded<T> d) {
        Expect.none(d.violations(), d.raw());
        return Expect.value(d);
    }

    /**
     * A response and where it came from.
     *
     * @param exchange the bus-level exchange
     * @param message  the response message (MIC checked)
     * @param response the generic response (status, NMRESP, data)
     */
    public record Answer(Exchange exchange, MiMessage message, MiResponse response) {
        public Bytes wire() {
            return message.toWire();
        }

        public int status() {
            return response.status();
        }

        public void requireStatus(MiStatus expected, Req req) {
            if (response.status() != expected.code) {
                throw new ConformanceFailure(req, "status " + MiStatus.describe(response.status()) + ", expected "
                        + MiStatus.describe(expected.code), wire());
            }
        }

        /** Invalid Parameter pointing at byte {@code byteOffset} bit {@code bit} of the request. */
        public void requireInvalidParameter(int byteOffset, int bit, Req req) {
            requireStatus(MiStatus.INVALID_PARAMETER, req);
            var pel = response.pel().orElseThrow();
            if (pel.byteOffset() != byteOffset || pel.bit() != bit) {
                throw new ConformanceFailure(Req.MI_PARAMETER_ERROR_LOCATION, "PEL points at byte " + pel.byteOffset()
                        + " bit " + pel.bit() + ", expected byte " + byteOffset + " bit " + bit, wire());
            }
        }
    }
}
