package org.nvmehil.suites.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.fault.Fault;
import org.nvmehil.protocol.fault.FaultRule;
import org.nvmehil.protocol.lab.Link;
import org.nvmehil.protocol.lab.ModelControl;
import org.nvmehil.protocol.lab.ModelEvent;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.IcReq;
import org.nvmehil.suites.support.SelfTest;

/**
 * Each NVMe/TCP check fails when the model's NVMe/TCP target commits the matching fault (armed on the shared
 * target through any of its links), citing the requirement the fault breaks.
 */
@SelfTest.Of
class TcpSelfTest {

    /** A TCP check as the suites run it. */
    interface TcpCheck extends Consumer<TcpHost> {
    }

    /** Responses to NVM Read commands only: setup commands (Connect, Identify) stay clean. */
    private static final FaultRule.Match READS = FaultRule.Match.tcpIo(0x02);

    static Stream<Arguments> cases() {
        TcpInitTest init = new TcpInitTest();
        TcpFatalErrorTest fatal = new TcpFatalErrorTest();
        FabricsTest fabrics = new FabricsTest();
        TcpIoTest io = new TcpIoTest();
        TcpFramingTest framing = new TcpFramingTest();
        TcpKeepAliveTest ka = new TcpKeepAliveTest();
        TcpSettingsTest settings = new TcpSettingsTest();
        TcpDiscoveryTest discovery = new TcpDiscoveryTest();
        var hlen = TcpFatalErrorTest.badPdus().filter(a -> a.get()[1] == Req.TCP_HLEN_FATAL).findFirst().orElseThrow().get();
        Object[] readLarge = operation("Read 128 KiB, no digests");
        Object[] write64 = operation("Write 64 KiB (R2T), no digests");
        Object[] readBoth = operation("Read 4 KiB, both digests");
        return Stream.of(
                argumentSet("closes without C2HTermReq", FaultRule.always(new Fault.NoTermReq()), Req.TCP_FATAL_C2HTERMREQ,
                        (TcpCheck) h -> fatal.badPduAfterInit_terminatesWithTermReq((boolean) hlen[0], (Req) hlen[1],
                                (org.nvmehil.protocol.tcp.Fes) hlen[2], cast(hlen[3]), h)),
                argumentSet("C2HTermReq with the wrong FES", FaultRule.always(new Fault.BadC2HTermReq(Fault.TermReqDefect.WRONG_FES)),
                        Req.TCP_TERMREQ_FES, (TcpCheck) h -> fatal.invalidIcReq_terminatesWithTermReq(Req.TCP_ICREQ_PFV,
                                org.nvmehil.protocol.tcp.Fes.INVALID_PDU_HEADER_FIELD, 8L,
                                IcReq.of(false, false, 0, 0).encode().withByte(IcReq.OFFSET_PFV, 1), h)),
                argumentSet("ICResp with PFV 1", FaultRule.always(new Fault.BadIcResp(Fault.IcRespDefect.PFV)), Req.TCP_ICRESP_PFV,
                        (TcpCheck) h -> init.icReq_answeredWithWellFormedIcResp(false, false, h)),
                argumentSet("ICResp grants a digest not requested",
                        FaultRule.always(new Fault.BadIcResp(Fault.IcRespDefect.DIGEST_NOT_REQUESTED)),
                        Req.TCP_ICRESP_DIGEST_NOT_REQUESTED, (TcpCheck) h -> init.icResp_grantsOnlyRequestedDigests(false, false, h)),
                argumentSet("MAXH2CDATA below 4096", FaultRule.always(new Fault.BadIcResp(Fault.IcRespDefect.MAXH2CDATA_SMALL)),
                        Req.TCP_MAXH2CDATA_MIN, (TcpCheck) h -> init.icResp_maxh2cdataAtLeast4096(false, false, h)),
                argumentSet("CAP.CQR 0", FaultRule.always(new Fault.CorruptProperty(0x00, 1L << 16)), Req.NVMEOF_CAP_CQR,
                        (TcpCheck) fabrics::cap_cqrSetAndMqesValid),
                argumentSet("Identify SUBNQN not the connected one",
                        FaultRule.always(new Fault.InconsistentIdentify(Fault.IdentifyField.SUBNQN)), Req.NVMEOF_IDENTIFY_SUBNQN,
                        (TcpCheck) fabrics::identifyController_consistentForTcp),
                argumentSet("never ready", FaultRule.always(new Fault.NeverReady()), Req.NVMEOF_CC_EN_RDY,
                        (TcpCheck) fabrics::enableThenShutdown),
                argumentSet("H2CTermReq ignored", FaultRule.always(new Fault.IgnoreH2CTermReq()),
                        Req.TCP_CONTROLLER_TERMINATES_ON_H2CTERMREQ, (TcpCheck) fatal::h2cTermReq_controllerCloses),
                argumentSet("data digest wrong", FaultRule.always(new Fault.CorruptDataDigest()).on(READS), Req.TCP_DATA_DIGEST,
                        (TcpCheck) h -> framing.operation_everyPduWellFramed((boolean) readBoth[0], (boolean) readBoth[1],
                                cast(readBoth[2]), h)),
                argumentSet("header digest wrong", FaultRule.always(new Fault.CorruptHeaderDigest()).on(READS), Req.TCP_HEADER_DIGEST,
                        (TcpCheck) h -> framing.operation_everyPduWellFramed((boolean) readBoth[0], (boolean) readBoth[1],
                                cast(readBoth[2]), h)),
                argumentSet("C2HData offset skips ahead", FaultRule.always(new Fault.BadC2HDataOffset(512)).on(READS),
                        Req.TCP_C2H_DATAO_SEQUENTIAL, (TcpCheck) h -> framing.operation_everyPduWellFramed(
                                (boolean) readLarge[0], (boolean) readLarge[1], cast(readLarge[2]), h)),
                argumentSet("R2T not contiguous", FaultRule.always(new Fault.BadR2T(Fault.R2TDefect.NON_CONTIGUOUS)),
                        Req.TCP_R2T_SEQUENTIAL, (TcpCheck) h -> framing.operation_everyPduWellFramed(
                                (boolean) write64[0], (boolean) write64[1], cast(write64[2]), h)),
                argumentSet("completion with a wrong CID", FaultRule.once(new Fault.WrongCid()).on(READS),
                        Req.NVME_ONE_COMPLETION_PER_COMMAND, (TcpCheck) h -> io.queueDepth_everyCommandCompletesOnce(4, h)),
                argumentSet("a completion sent twice", FaultRule.once(new Fault.DuplicateResponse()).on(READS),
                        Req.NVME_ONE_COMPLETION_PER_COMMAND, (TcpCheck) h -> io.queueDepth_everyCommandCompletesOnce(4, h)),
                argumentSet("a completion dropped", FaultRule.once(new Fault.DropResponse()).on(READS),
                        Req.NVME_ONE_COMPLETION_PER_COMMAND, (TcpCheck) h -> io.queueDepth_everyCommandCompletesOnce(4, h)),
                argumentSet("SQHD not FFFFh with flow control disabled", FaultRule.always(new Fault.WrongSqhd()),
                        Req.NVMEOF_CONNECT_SQHD_FFFF, (TcpCheck) h -> io.flowControlDisabled_sqhdFfffAndReadsComplete(8, h)),
                argumentSet("keep alive never expires", FaultRule.always(new Fault.NoKeepAliveExpiry()),
                        Req.NVMEOF_KEEP_ALIVE_EXPIRY, (TcpCheck) ka::silenceLongerThanKato_endsTheAssociation),
                argumentSet("a valid admin Connect refused (Internal Error)", status(CONNECT, 0, 0x06),
                        Req.NVMEOF_CONNECT_DATA_FORMAT, (TcpCheck) fabrics::adminConnect_succeeds),
                argumentSet("Connect to an unknown SUBNQN accepted", status(CONNECT, 0, 0),
                        Req.NVMEOF_CONNECT_INVALID_SUBNQN, (TcpCheck) fabrics::connectUnknownSubnqn_isInvalidParameters),
                argumentSet("Connect with SQSIZE 0 accepted", status(CONNECT, 0, 0), Req.NVMEOF_CONNECT_INVALID_SQSIZE,
                        (TcpCheck) fabrics::connectSqsizeZero_isRefused),
                argumentSet("admin Connect with CNTLID FFEEh accepted", status(CONNECT, 0, 0),
                        Req.NVMEOF_CONNECT_INVALID_CNTLID, (TcpCheck) fabrics::adminConnectCntlidNotFfff_isInvalidParameters),
                argumentSet("second Connect on a queue accepted", new FaultRule(new Fault.WrongCqeStatus(0, 0), CONNECT,
                        FaultRule.Times.nth(2)), Req.NVMEOF_CONNECT_EXISTING_QID,
                        (TcpCheck) fabrics::secondConnect_isSequenceError),
                argumentSet("Property Get of CAP refused", status(FaultRule.Match.fabrics(0x04), 0, 0x02),
                        Req.NVMEOF_PROPERTY_GET_VALUE, (TcpCheck) h -> fabrics.propertyGet_definedProperty(
                                org.nvmehil.protocol.fabrics.Property.CAP, h)),
                argumentSet("Property Get of an undefined offset answered", status(FaultRule.Match.fabrics(0x04), 0, 0),
                        Req.NVMEOF_PROPERTY_INVALID, (TcpCheck) h -> fabrics.propertyGetUndefined_isInvalidField(0x40, h)),
                argumentSet("Identify on a disabled controller answered", status(FaultRule.Match.tcpAdmin(0x06), 0, 0),
                        Req.NVMEOF_DISABLED_COMMAND_SEQUENCE, (TcpCheck) fabrics::adminCommandBeforeEnable_isSequenceError),
                argumentSet("read past the last block answered", status(READS, 0, 0), Req.NVME_LBA_OUT_OF_RANGE,
                        (TcpCheck) h -> io.readOutsideTheNamespace_fails("past the last block", h)),
                argumentSet("read of an inactive namespace answered", status(READS, 0, 0), Req.NVME_INVALID_NAMESPACE,
                        (TcpCheck) h -> io.readOutsideTheNamespace_fails("an inactive namespace", h)),
                argumentSet("a read returns other data", FaultRule.once(new Fault.CorruptC2HData(0)).on(READS),
                        Req.NVME_READ_RETURNS_WRITTEN, (TcpCheck) h -> io.writeThenRead_returnsTheData(8, false, false, h)),
                argumentSet("Write Zeroes leaves the data", FaultRule.once(new Fault.CorruptC2HData(0)).on(READS),
                        Req.NVME_READ_RETURNS_WRITTEN, (TcpCheck) io::writeZeroes_readsBackZeros),
                argumentSet("Keep Alive refused", status(FaultRule.Match.tcpAdmin(0x18), 0, 0x06),
                        Req.NVMEOF_KEEP_ALIVE_COMMAND_BASED, (TcpCheck) ka::keepAliveWithinKato_keepsTheAssociation),
                argumentSet("Number of Queues refused", status(FaultRule.Match.tcpAdmin(0x09), 0, 0x06),
                        Req.NVMEOF_CAP_MQES, (TcpCheck) settings::numberOfQueues_granted),
                argumentSet("discovery controller identifies as I/O",
                        FaultRule.always(new Fault.InconsistentIdentify(Fault.IdentifyField.CNTRLTYPE)),
                        Req.NVMEOF_DISCOVERY_CONTROLLER, (TcpCheck) settings::discoveryController_identifiesAsOne),
                argumentSet("SN not ASCII", FaultRule.once(new Fault.CorruptC2HData(4)).on(FaultRule.Match.tcpAdmin(0x06)),
                        Req.NVME_IDENTIFY_ASCII, (TcpCheck) h -> settings.identifyStrings_asciiOverTcp("sn", h)),
                argumentSet("discovery entry 1 with a wrong TRTYPE", discoveryByte(DISCOVERY_ENTRY_1),
                        Req.NVMEOF_DISCOVERY_ENTRY, (TcpCheck) discovery::discoveryLog_listsTheSubsystem),
                argumentSet("discovery entry 1 malformed", discoveryByte(DISCOVERY_ENTRY_1),
                        Req.NVMEOF_DISCOVERY_ENTRY, (TcpCheck) discovery::discoveryLog_isConsistent));
    }

    /**
     * Entry 1 of the discovery log (the NVM subsystem on the model), as offset into the read of the entries (the host
     * reads them from log offset 1,024, after the header): entry 0 is the first 1,024 bytes. TRTYPE is its byte 0.
     */
    private static final long DISCOVERY_ENTRY_1 = 1024;

    /** Byte {@code offset} of every Get Log Page's data inverted (the headers read are shorter: only the entries). */
    private static FaultRule discoveryByte(long offset) {
        return FaultRule.always(new Fault.CorruptC2HData(offset)).on(FaultRule.Match.tcpAdmin(0x02));
    }

    /** Connect commands (FCTYPE 01h), on any queue. */
    private static final FaultRule.Match CONNECT = FaultRule.Match.fabrics(0x01);

    /** The CapsuleResp of commands matching {@code m} always carries SCT {@code sct}, SC {@code sc}. */
    private static FaultRule status(FaultRule.Match m, int sct, int sc) {
        return FaultRule.always(new Fault.WrongCqeStatus(sct, sc)).on(m);
    }

    /** The framing test's case with this name. */
    private static Object[] operation(String name) {
        return TcpFramingTest.operations().filter(a -> ((Arguments.ArgumentSet) a).getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no framing case " + name)).get();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @ParameterizedTest(name = "{argumentSetName} → {1} check fails")
    @MethodSource("cases")
    void checkFailsOnFault(FaultRule rule, Req expected, TcpCheck check, TcpHost host) {
        Link link = host.openLink();
        // model-only (DutExtension skips it on hardware): on the model the link must reach the target's hooks
        ModelControl model = org.junit.jupiter.api.Assertions.assertInstanceOf(ModelControl.class, link,
                "the NVMe/TCP link of a model run does not reach the model target");
        model.reset();
        model.arm(rule);
        try {
            ConformanceFailure f = assertThrows(ConformanceFailure.class, () -> check.accept(host),
                    () -> "the check passed although the target committed " + rule.fault().label());
            assertEquals(expected, f.requirement(), () -> "failed citing another requirement:\n" + f.getMessage());
            assertTrue(model.events().stream().anyMatch(e -> e.kind() == ModelEvent.Kind.FAULT_FIRED),
                    () -> "the fault never fired; events: " + model.events());
            assertTrue(f.getMessage().contains(expected.cite()), f::getMessage);
            assertTrue(f.evidence().isPresent(), () -> "the failure shows no bytes:\n" + f.getMessage());
        } finally {
            model.reset();
            link.close();
        }
    }

}
