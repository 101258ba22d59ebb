package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.model.support.TcpHost.Result;
import org.nvmehil.protocol.fabrics.DiscoveryLog;
import org.nvmehil.protocol.fabrics.DiscoveryLogEntry;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.fabrics.FabricsStatus;
import org.nvmehil.protocol.fabrics.Property;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.C2HData;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.wire.Bytes;

/** Admin commands on the NVM and discovery controllers: Identify, log pages, features, Keep Alive, AER. */
class TcpAdminTest {

    private final TcpHost h = new TcpHost(TcpHost.target(TcpHost.config()));

    @Test
    void identifyController_fabricsFieldsConsistent() {
        int cntlid = h.enableAdmin();
        Result r = h.identify(1, 0);
        assertTrue(r.ok());
        FabricsIdentify f = FabricsIdentify.decode(r.data()).get();
        assertEquals(List.of(), f.checkForTcp(TcpHost.subnqn(), 0, false));
        assertEquals(cntlid, f.cntlid());
        assertEquals(5, f.mdts());
        assertEquals(1, f.cntrltype());
        assertEquals(1, f.kas());
        assertTrue(f.tbkas(), "traffic based keep alive");
        assertEquals(0x66, f.sqes());
        assertEquals(0x44, f.cqes());
        assertEquals(128, f.maxcmd());
        assertEquals(1, f.nn());
        assertEquals(0x00100001L, f.sgls());
        assertEquals((64 + 8192) / 16, f.ioccsz());
        assertEquals(1, f.iorcsz());
        assertEquals(0, f.icdoff());
        assertEquals(0, f.fcatt(), "dynamic controller model");
        assertEquals(1, f.msdbd());
        assertEquals(1, f.ofcs() & 1, "Disconnect supported");
        IdentifyController id = IdentifyController.decode(r.data()).get();
        assertEquals("NVMEHIL-0001", id.snTrimmed(), "the same drive the NVMe-MI model describes");
        assertEquals("nvme-hil reference model", id.mnTrimmed());
        assertEquals(0x00020000L, id.ver());
        assertEquals(0x08, id.oncs(), "Write Zeroes");
        assertEquals(3, r.data().u8(259), "AERL");
        assertEquals(63, r.data().u8(262), "ELPE");
        // the C2HData of the Identify: one PDU (4096 <= 32 KiB), LAST_PDU, then the CapsuleResp
        assertEquals(2, r.pdus().size());
        C2HData c = (C2HData) r.pdus().get(0);
        assertTrue(c.lastPdu());
        assertFalse(c.success());
    }

    @Test
    void identifyNamespace_sizesFromLabConfig_activeListAndDescriptors() {
        h.enableAdmin();
        Result ns = h.identify(0, 1);
        assertTrue(ns.ok());
        IdentifyNamespace n = IdentifyNamespace.decode(ns.data()).get();
        assertEquals(2_097_152L, n.nsze());
        assertEquals(512, n.blockSize());
        assertEquals(0x0B, h.identify(0, 2).cqe().sc(), "NSID 2 does not exist");
        assertEquals(0x0B, h.identify(0, 0).cqe().sc());
        assertEquals(0x0B, h.identify(0, 0xFFFF_FFFFL).cqe().sc());
        Result list = h.identify(2, 0);
        assertEquals(1, list.data().u32le(0));
        assertEquals(0, list.data().u32le(4));
        assertEquals(0, h.identify(2, 1).data().u32le(0), "NSIDs above 1: none");
        Result desc = h.identify(3, 1);
        assertEquals(0x03, desc.data().u8(0), "NIDT UUID");
        assertEquals(16, desc.data().u8(1));
        assertEquals(0x04, desc.data().u8(20), "NIDT CSI");
        assertEquals(0x02, h.identify(0x10, 0).cqe().sc(), "unsupported CNS: Invalid Field");
    }

    @Test
    void identifyBufferTooSmall_dataSglLengthInvalid_largerBufferGetsExactly4096() {
        h.enableAdmin();
        Result small = h.execRead(TcpHost.sqe(0x06, h.cid(), 0, 1, 0, 0), 1024);
        assertEquals(0x0F, small.cqe().sc());
        Result big = h.execRead(TcpHost.sqe(0x06, h.cid(), 0, 1, 0, 0), 8192);
        assertEquals(4096, big.data().length());
    }

    @Test
    void adminOpcodePsdtAndUnsupported() {
        h.enableAdmin();
        Sqe prp = new Sqe(0x06, 0, 0, h.cid(), 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
        assertEquals(0x02, h.exec(prp, Bytes.EMPTY).cqe().sc(), "PSDT 00b (PRPs) on Fabrics: Invalid Field");
        assertEquals(0x01, h.exec(TcpHost.sqe(0x80, h.cid(), 1, 0, 0, 0), Bytes.EMPTY).cqe().sc(), "Format NVM unsupported");
        Sqe inCapsuleRead = TcpHost.sqe(0x06, h.cid(), 0, 1, 0, 0);
        assertEquals(0x11, h.exec(inCapsuleRead, Bytes.zeros(16)).cqe().sc(), "in-capsule SGL for C2H data");
        Sqe keyed = new org.nvmehil.protocol.fabrics.SglDescriptor(0, 4096, 0, 4, 0).applyTo(
                TcpHost.sqe(0x06, h.cid(), 0, 1, 0, 0));
        assertEquals(0x11, h.run(org.nvmehil.protocol.tcp.CapsuleCmd.of(keyed), Bytes.EMPTY).cqe().sc(),
                "Keyed SGL: SGL Descriptor Type Invalid");
    }

    @Test
    void logPages_smartErrorFirmware() {
        h.enableAdmin();
        Result smart = h.getLogPage(SmartLog.LID, 0xFFFF_FFFFL, 512, 0);
        SmartLog s = SmartLog.decode(smart.data()).get();
        assertEquals(35 + 273, s.ctemp());
        assertEquals(100, s.avsp());
        assertEquals(0x02, h.getLogPage(SmartLog.LID, 1, 512, 0).cqe().sc(), "per-namespace SMART unsupported");
        Result err = h.getLogPage(0x01, 0, 4096, 0);
        assertEquals(4096, err.data().length());
        Result fw = h.getLogPage(FirmwareSlotLog.LID, 0, 512, 0);
        assertEquals("0.1.0", FirmwareSlotLog.decode(fw.data()).get().frs(1).strip());
        Result part = h.getLogPage(SmartLog.LID, 0, 16, 0);
        assertEquals(smart.data().slice(0, 16), part.data());
        Result off = h.getLogPage(SmartLog.LID, 0, 16, 8);
        assertEquals(smart.data().slice(8, 24), off.data(), "log page offset");
        assertEquals(0x02, h.getLogPage(SmartLog.LID, 0, 16, 2).cqe().sc(), "offset not a dword multiple");
        assertEquals(0x02, h.getLogPage(SmartLog.LID, 0, 16, 1024).cqe().sc(), "offset past the page");
        Cqe disc = h.getLogPage(DiscoveryLog.LID, 0, 1024, 0).cqe();
        assertTrue(FabricsStatus.INVALID_LOG_PAGE.matches(disc), "no discovery log on the NVM controller");
        Result supported = h.getLogPage(0x00, 0, 1024, 0);
        assertEquals(1, supported.data().u32le(0x02 * 4));
    }

    @Test
    void smartCountsReadsAndWrites() {
        int cntlid = h.enableAdmin();
        TcpHost io = h.ioQueue(cntlid, 1, 0, false, false, 0);
        assertTrue(io.write(1, 0, TcpHost.pattern(4096, 1, 1), 512).ok());
        assertTrue(io.read(1, 0, 8, 512).ok());
        SmartLog s = SmartLog.decode(h.getLogPage(SmartLog.LID, 0, 512, 0).data()).get();
        assertEquals(1, s.dur().intValue());
        assertEquals(1, s.duw().intValue());
        assertEquals(1, s.hrc().intValue());
        assertEquals(1, s.hwc().intValue());
    }

    @Test
    void features_numberOfQueues_keepAliveTimer_temperatureThreshold() {
        int cntlid = h.enableAdmin();
        Result q = h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x07, 0x0003_0003L, 0), Bytes.EMPTY);
        assertEquals(0x0003_0003L, q.cqe().dw0());
        Result big = h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x07, 0x0100_0100L, 0), Bytes.EMPTY);
        assertEquals(0x000F_000FL, big.cqe().dw0(), "capped at 16 I/O queues");
        assertEquals(0x02, h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x07, 0xFFFF_0000L, 0), Bytes.EMPTY).cqe().sc());
        h.ioQueue(cntlid, 1, 0, false, false, 0);
        assertEquals(0x0C, h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x07, 0x0001_0001L, 0), Bytes.EMPTY).cqe().sc(),
                "after I/O queues exist: Command Sequence Error");
        assertEquals(0x000F_000FL, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x07, 0, 0), Bytes.EMPTY).cqe().dw0());

        assertEquals(5000, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x0F, 0, 0), Bytes.EMPTY).cqe().dw0(), "KATO of the Connect");
        assertTrue(h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x0F, 1250, 0), Bytes.EMPTY).ok());
        assertEquals(1300, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x0F, 0, 0), Bytes.EMPTY).cqe().dw0(), "rounded up to KAS");
        assertEquals(0x1A, h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x0F, 0, 0), Bytes.EMPTY).cqe().sc(), "KATO 0");
        assertEquals(1300, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x0F, 0, 0), Bytes.EMPTY).cqe().dw0(), "unchanged");
        assertEquals(120_000, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x10F, 0, 0), Bytes.EMPTY).cqe().dw0(), "default");
        assertEquals(4, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x30F, 0, 0), Bytes.EMPTY).cqe().dw0(), "changeable");

        assertEquals(343, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x04, 0, 0), Bytes.EMPTY).cqe().dw0() & 0xFFFF);
        assertTrue(h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x04, 350, 0), Bytes.EMPTY).ok());
        assertEquals(350, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x04, 0, 0), Bytes.EMPTY).cqe().dw0() & 0xFFFF);
        Cqe saved = h.exec(TcpHost.sqe(0x09, h.cid(), 0, 0x8000_0004L, 350, 0), Bytes.EMPTY).cqe();
        assertEquals(0x0D, saved.sc(), "not saveable");
        assertEquals(1, saved.sct());
        assertEquals(0x02, h.exec(TcpHost.sqe(0x0A, h.cid(), 0, 0x02, 0, 0), Bytes.EMPTY).cqe().sc(), "unsupported FID");
    }

    @Test
    void keepAliveAndAsyncEvents() {
        h.enableAdmin();
        assertTrue(h.exec(TcpHost.sqe(0x18, h.cid(), 0, 0, 0, 0), Bytes.EMPTY).ok());
        for (int i = 0; i < 4; i++) {
            h.send(org.nvmehil.protocol.tcp.CapsuleCmd.of(TcpHost.sqe(0x0C, 100 + i, 0, 0, 0, 0)));
        }
        assertFalse(h.hasOutput(), "AERs stay outstanding");
        h.send(org.nvmehil.protocol.tcp.CapsuleCmd.of(TcpHost.sqe(0x0C, 104, 0, 0, 0, 0)));
        Cqe over = h.next(CapsuleResp.class).cqe();
        assertEquals(104, over.cid());
        assertEquals(0x05, over.sc(), "AER Limit Exceeded");
        assertEquals(1, over.sct());
        assertTrue(h.propertySet(Property.CC, 0x00460000L).ok());
        assertTrue(h.propertySet(Property.CC, 0x00460001L).ok());
        h.advance(java.time.Duration.ofMillis(5));
        Cqe reused = h.exec(TcpHost.sqe(0x18, 100, 0, 0, 0, 0), Bytes.EMPTY).cqe();
        assertTrue(reused.isSuccess(), "the reset ended the AERs: CID 100 is free again, " + reused);
    }

    @Test
    void keepAliveWithKatoZeroAllowedByPolicy_keepAliveTimeoutInvalid() {
        TcpHost lax = new TcpHost(TcpHost.target(TcpHost.config().withKeepAlive(1, false, true)));
        lax.icReq();
        assertTrue(lax.connectAdmin(TcpHost.subnqn(), 0, 0).ok());
        assertTrue(lax.propertySet(Property.CC, 0x00460001L).ok());
        lax.advance(java.time.Duration.ofMillis(5));
        Cqe ka = lax.exec(TcpHost.sqe(0x18, lax.cid(), 0, 0, 0, 0), Bytes.EMPTY).cqe();
        assertEquals(0x1A, ka.sc());
    }

    @Test
    void discoveryController_identifyAndLog_advertisedAddressDiffersFromListening() {
        TcpHost d = new TcpHost(TcpHost.target(TcpHost.config().withAdvertised("10.0.2.15", 4420)));
        d.icReq();
        Result c = d.connectAdmin(TcpTargetConfig.DISCOVERY_NQN, 0, 0);
        assertTrue(c.ok());
        Result before = d.identify(1, 0);
        assertEquals(0x0C, before.cqe().sc(), "Command Sequence Error before CC.EN, also on discovery controllers");
        assertTrue(d.propertySet(Property.CC, 1).ok(), "discovery: IOSQES/IOCQES reserved");
        d.advance(java.time.Duration.ofMillis(5));
        Result id = d.identify(1, 0);
        FabricsIdentify f = FabricsIdentify.decode(id.data()).get();
        assertEquals(List.of(), f.checkForTcp(TcpTargetConfig.DISCOVERY_NQN, 0, true));
        assertEquals(2, f.cntrltype());
        assertEquals(0, f.kas());
        long cap = d.property(Property.CAP);
        assertEquals(List.of(), new org.nvmehil.protocol.fabrics.Cap(cap).check(true));
        Result hdr = d.getLogPage(DiscoveryLog.LID, 0, 1024, 0);
        assertEquals(2, hdr.data().u32le(8), "NUMREC");
        Result log = d.getLogPage(DiscoveryLog.LID, 0, 3072, 0);
        DiscoveryLog dl = DiscoveryLog.decode(log.data()).get();
        assertTrue(DiscoveryLog.decode(log.data()).isClean(), DiscoveryLog.decode(log.data()).violations().toString());
        assertEquals(2, dl.entries().size());
        DiscoveryLogEntry cur = dl.entries().get(0);
        DiscoveryLogEntry nvm = dl.entries().get(1);
        assertEquals(DiscoveryLogEntry.SUBTYPE_CURRENT_DISCOVERY, cur.subtype());
        assertEquals(DiscoveryLogEntry.SUBTYPE_NVM, nvm.subtype());
        assertEquals(TcpHost.subnqn(), nvm.subnqn());
        assertEquals("10.0.2.15", nvm.traddr());
        assertEquals("4420", nvm.trsvcid());
        assertEquals(DiscoveryLogEntry.TRTYPE_TCP, nvm.trtype());
        assertEquals(0x04, nvm.treq());
        assertEquals(0xFFFF, nvm.cntlid());
        assertEquals(32, nvm.asqsz());
        assertTrue(FabricsStatus.INVALID_LOG_PAGE.matches(d.getLogPage(0x02, 0, 512, 0).cqe()));
        assertEquals(0x01, d.exec(TcpHost.sqe(0x18, d.cid(), 0, 0, 0, 0), Bytes.EMPTY).cqe().sc(),
                "no Keep Alive on a discovery controller without persistent connections");
        assertEquals(0x02, d.identify(0, 1).cqe().sc());
    }

    @Test
    void discoveryLogOmitsTheSubsystemForHostsNotAllowed() {
        TcpHost d = new TcpHost(TcpHost.target(TcpHost.config().withAllowedHosts(java.util.Set.of("nqn.2014-08.x:y"))));
        d.icReq();
        assertTrue(d.connectAdmin(TcpTargetConfig.DISCOVERY_NQN, 0, 0).ok());
        assertTrue(d.propertySet(Property.CC, 1).ok());
        d.advance(java.time.Duration.ofMillis(5));
        assertEquals(1, d.getLogPage(DiscoveryLog.LID, 0, 1024, 0).data().u32le(8));
    }
}
