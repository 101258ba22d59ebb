package org.nvmehil.suites.tcp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.ConnectResult;
import org.nvmehil.fixtures.tcp.PropertyValue;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fabrics.Cap;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.spec.Req;

/** Fabrics: Connect, properties, initialisation and shutdown, Identify (NVMe Base 2.2 §3, §6). */
@Conformance
@DisplayName("NVMe over Fabrics: Connect, properties, init/shutdown, Identify")
class FabricsTest {

    /**
     * Assertions: a well-formed admin Connect with the lab-config's NQNs succeeds with a controller ID. A refusal that
     * names the NQNs or the host is lab trouble (broken: check lab-config); any other refusal fails.
     */
    @Test
    @DisplayName("admin Connect → success with a CNTLID")
    @Spec({Req.NVMEOF_CONNECT_DATA_FORMAT, Req.NVMEOF_CONNECT_KATO})
    void adminConnect_succeeds(TcpHost host) {
        ConnectResult r = host.tryConnect(host.adminOptions()).connectResult();
        host.requireAnswered(r);
        Expect.that(r.isSuccess(), Req.NVMEOF_CONNECT_DATA_FORMAT, r.describe(), r.command().orElseThrow().evidence());
    }

    /** Assertions: Connect naming an unknown subsystem gets Connect Invalid Parameters (SCT 1, SC 82h). */
    @Test
    @DisplayName("Connect to an unknown SUBNQN → Connect Invalid Parameters")
    @Spec(Req.NVMEOF_CONNECT_INVALID_SUBNQN)
    void connectUnknownSubnqn_isInvalidParameters(TcpHost host) {
        TcpController c = host.tryConnect(host.adminOptions().withSubnqn("nqn.2014-08.org.nvmehil:no-such-subsystem"));
        CommandResult r = c.connectResult().command().orElseThrow();
        Cqe cqe = r.cqeOrThrow();
        Expect.that(cqe.sct() == 1 && cqe.sc() == 0x82, Req.NVMEOF_CONNECT_INVALID_SUBNQN, r.describe(), r.evidence());
    }

    /** Assertions: Connect with SQSIZE 0 (a one-entry queue) is refused with Connect Invalid Parameters. */
    @Test
    @DisplayName("Connect with SQSIZE 0 → refused")
    @Spec(Req.NVMEOF_CONNECT_INVALID_SQSIZE)
    void connectSqsizeZero_isRefused(TcpHost host) {
        TcpController c = host.tryConnect(host.adminOptions().withSqsize(0));
        CommandResult r = c.connectResult().command().orElseThrow();
        Expect.that(!r.isSuccess(), Req.NVMEOF_CONNECT_INVALID_SQSIZE, r.describe(), r.evidence());
    }

    /**
     * Assertions: an admin Connect naming CNTLID FFEEh (not FFFFh) to the dynamic-model subsystem the discovery log
     * advertises (CNTLID FFFFh) gets Connect Invalid Parameters (SCT 1, SC 82h); allocating a controller anyway is the
     * violation.
     */
    @Test
    @DisplayName("admin Connect with CNTLID FFEEh to a dynamic-model subsystem → Connect Invalid Parameters")
    @Spec(Req.NVMEOF_CONNECT_INVALID_CNTLID)
    void adminConnectCntlidNotFfff_isInvalidParameters(TcpHost host) {
        TcpController other = host.tryConnect(host.adminOptions().withCntlid(0xFFEE));
        CommandResult r = other.connectResult().command().orElseThrow();
        Cqe cqe = r.cqeOrThrow();
        Expect.that(cqe.sct() == 1 && cqe.sc() == 0x82, Req.NVMEOF_CONNECT_INVALID_CNTLID, r.describe(), r.evidence());
    }

    static Stream<Arguments> properties() {
        return Stream.of(
                argumentSet("CAP (8 bytes)", Property.CAP),
                argumentSet("VS (4 bytes)", Property.VS),
                argumentSet("CC (4 bytes)", Property.CC),
                argumentSet("CSTS (4 bytes)", Property.CSTS));
    }

    /** Assertions: Property Get of each defined property succeeds. */
    @ParameterizedTest(name = "Property Get {argumentSetName} → success")
    @MethodSource("properties")
    @Spec({Req.NVMEOF_PROPERTY_GET_VALUE, Req.NVMEOF_PROPERTY_MAP})
    void propertyGet_definedProperty(Property p, TcpHost host) {
        PropertyValue v = host.connect().propertyGet(p);
        v.command().requireSuccess(Req.NVMEOF_PROPERTY_GET_VALUE);
    }

    /** Assertions: Property Get at an undefined offset gets Invalid Field in Command. */
    @ParameterizedTest(name = "Property Get at offset {0} → Invalid Field")
    @ValueSource(longs = {0x40, 0x1000})
    @Spec(Req.NVMEOF_PROPERTY_INVALID)
    void propertyGetUndefined_isInvalidField(long offset, TcpHost host) {
        CommandResult r = host.connect().propertyGet(0, offset).command();
        Cqe cqe = r.cqeOrThrow();
        Expect.that(cqe.sct() == 0 && cqe.sc() == Cqe.SC_INVALID_FIELD, Req.NVMEOF_PROPERTY_INVALID, r.describe(), r.evidence());
    }

    /** Assertions: CAP.CQR is 1 on a message-based controller; CAP.MQES is at least 1. */
    @Test
    @DisplayName("CAP → CQR = 1 and MQES ≥ 1")
    @Spec({Req.NVMEOF_CAP_CQR, Req.NVMEOF_CAP_MQES})
    void cap_cqrSetAndMqesValid(TcpHost host) {
        PropertyValue v = host.connect().propertyGet(Property.CAP);
        Cap cap = new Cap(v.value());
        Expect.that(cap.mqes() >= 1, Req.NVMEOF_CAP_MQES, "MQES " + cap.mqes(), v.command().evidence());
        Expect.that(cap.cqr(), Req.NVMEOF_CAP_CQR, "CAP.CQR = 0", v.command().evidence());
    }

    /** Assertions: CC.EN = 1 makes CSTS.RDY = 1 within CAP.TO; CC.SHN then reaches SHST complete. */
    @Test
    @DisplayName("CC.EN = 1 → CSTS.RDY within CAP.TO; CC.SHN → SHST complete")
    @Spec({Req.NVMEOF_CC_EN_RDY, Req.NVMEOF_CC_SHN_SHST})
    void enableThenShutdown(TcpHost host) {
        TcpController c = host.connect();
        c.enable().requireReady();
        c.shutdown().requireComplete();
    }

    /** Assertions: an Admin command (Identify) before CC.EN = 1 gets Command Sequence Error. */
    @Test
    @DisplayName("Identify on a disabled controller → Command Sequence Error")
    @Spec(Req.NVMEOF_DISABLED_COMMAND_SEQUENCE)
    void adminCommandBeforeEnable_isSequenceError(TcpHost host) {
        CommandResult r = host.connect().identifyController().command();
        Cqe cqe = r.cqeOrThrow();
        Expect.that(cqe.sct() == 0 && cqe.sc() == 0x0C, Req.NVMEOF_DISABLED_COMMAND_SEQUENCE, r.describe(), r.evidence());
    }

    /** Assertions: Identify Controller names the connected subsystem and is consistent for NVMe/TCP. */
    @Test
    @DisplayName("Identify Controller → SUBNQN is the connected one, MDTS/IOCCSZ/ICDOFF consistent")
    @Spec({Req.NVMEOF_IDENTIFY_SUBNQN, Req.NVMEOF_IDENTIFY_MDTS_IOCCSZ, Req.TCP_ICDOFF_ZERO})
    void identifyController_consistentForTcp(TcpHost host) {
        TcpController c = host.connect();
        c.enable().requireReady();
        var id = c.identifyController();
        FabricsIdentify f = id.require(Req.NVMEOF_IDENTIFY_SUBNQN);
        Cap cap = c.cap();
        Expect.none(f.checkForTcp(c.subnqn(), cap.mpsmin(), false), id.command().evidence());
    }

    /** Assertions: a second Connect on the connected admin queue gets Command Sequence Error. */
    @Test
    @DisplayName("second Connect on a connected queue → Command Sequence Error")
    @Spec(Req.NVMEOF_CONNECT_EXISTING_QID)
    void secondConnect_isSequenceError(TcpHost host) {
        TcpController c = host.connect();
        CommandResult r = c.admin(c.connectResult().connect().toSqe(), c.connectResult().data().encode(), 0);
        Cqe cqe = r.cqeOrThrow();
        Expect.that(cqe.sct() == 0 && cqe.sc() == 0x0C, Req.NVMEOF_CONNECT_EXISTING_QID, r.describe(), r.evidence());
    }
}
