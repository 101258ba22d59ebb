package org.nvmehil.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.support.TcpHost;
import org.nvmehil.model.support.TcpHost.Result;
import org.nvmehil.model.support.TestConfigs;
import org.nvmehil.protocol.fabrics.Connect;
import org.nvmehil.protocol.fabrics.SglDescriptor;
import org.nvmehil.protocol.lab.LabConfig;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.C2HData;
import org.nvmehil.protocol.tcp.CapsuleCmd;
import org.nvmehil.protocol.tcp.CapsuleResp;
import org.nvmehil.protocol.tcp.H2CData;
import org.nvmehil.protocol.tcp.PduFrame;
import org.nvmehil.protocol.tcp.R2T;
import org.nvmehil.protocol.wire.Bytes;

/**
 * NVM I/O through the target: data kept across write and read, in-capsule and R2T writes (several R2Ts, MAXR2T),
 * C2HData split and SUCCESS, namespace and range checks, sparse storage, data digest errors (non-fatal) and the
 * fatal H2CData errors. Golden vectors: facts §13.5-§13.7 (copied from protocol's TcpVectors).
 */
class TcpIoTest {

    static final Bytes PAYLOAD_512 = TcpHost.pattern(512, 1, 0);
    /** TcpVectors.WRITE_INCAPSULE_DGST: Write CID 2, NSID 1, SLBA 0, 512 bytes in-capsule, HDGST+DDGST. */
    static final Bytes WRITE_INCAPSULE_DGST = Bytes.hex("04 03 48 4c 50 02 00 00"
            + "01 40 02 00 01 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "33 a1 1e 5a").concat(PAYLOAD_512).concat(Bytes.hex("5a ee 10 ae"));
    /** TcpVectors.READ_DGST: Read CID 3, 1 block, SGL 5Ah 200h. */
    static final Bytes READ_DGST = Bytes.hex("04 01 48 00 4c 00 00 00 02 40 03 00 01 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 02 00 00 00 00 00 5a"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 4e 56 21 25");
    /** TcpVectors.READ_C2H_DGST: the reference digest vector. */
    static final Bytes READ_C2H_DGST = Bytes.hex("07 07 18 1c 20 02 00 00 03 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00 ef 93 2d 15")
            .concat(PAYLOAD_512).concat(Bytes.hex("5a ee 10 ae"));
    /** TcpVectors.WRITE_32K / R2T / H2C_HEADER. */
    static final Bytes WRITE_32K = Bytes.hex("04 00 48 00 48 00 00 00 01 40 02 00 01 00 00 00"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 00 80 00 00 00 00 00 5a"
            + "80 00 00 00 00 00 00 00 3f 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00");
    static final Bytes R2T_VECTOR = Bytes.hex("09 00 18 00 18 00 00 00 02 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00");
    static final Bytes H2C_HEADER = Bytes.hex("06 04 18 18 18 80 00 00 02 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00");
    /** TcpVectors.C2H_SUCCESS_HEADER. */
    static final Bytes C2H_SUCCESS_HEADER = Bytes.hex("07 0c 18 18 18 02 00 00 02 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00");

    private static TcpHost io(TcpTargetConfig cfg, boolean digests, long maxr2t, int cattr) {
        TcpHost admin = new TcpHost(TcpHost.target(cfg));
        int cntlid = admin.enableAdmin();
        return admin.ioQueue(cntlid, 1, cattr, digests, digests, maxr2t);
    }

    private static TcpHost io() {
        return io(TcpHost.config(), false, 0, 0);
    }

    @Test
    void goldenInCapsuleWriteAndRead_withDigests_c2hDataByteExact() {
        TcpHost io = io(TcpHost.config(), true, 0, 0);
        io.sendRaw(WRITE_INCAPSULE_DGST);
        Cqe w = io.next(CapsuleResp.class).cqe();
        assertTrue(w.isSuccess());
        assertEquals(2, w.cid());
        assertEquals(2, w.sqhd());
        io.sendRaw(READ_DGST);
        assertEquals(READ_C2H_DGST, io.nextRaw(), "header, HDGST 152d93efh, data and DDGST ae10ee5ah as nvmet sends them");
        Cqe r = io.next(CapsuleResp.class).cqe();
        assertTrue(r.isSuccess());
        assertEquals(3, r.cid());
        assertEquals(3, r.sqhd());
        assertEquals(0, r.sqid(), "SQID reserved over Fabrics (nvmet puts the QID there)");
    }

    @Test
    void golden32kWrite_oneR2T_byteExact_thenDataReadBack() {
        TcpHost io = io();
        Bytes payload = TcpHost.pattern(32768, 7, 3);
        io.sendRaw(WRITE_32K);
        assertEquals(R2T_VECTOR, io.nextRaw(), "one R2T for the whole 32 KiB, TTAG 0");
        io.sendRaw(H2C_HEADER.concat(payload));
        Cqe w = io.next(CapsuleResp.class).cqe();
        assertTrue(w.isSuccess());
        assertEquals(2, w.sqhd());
        Result r = io.read(1, 0x80, 64, 512);
        assertEquals(payload, r.data());
    }

    @Test
    void r2tLongerThanMaxH2CData_hostSplitsItsH2CData() {
        TcpHost io = io();
        Bytes payload = TcpHost.pattern(65536, 3, 1);
        Result w = io.writeR2T(1, 1000, payload, 512);
        assertTrue(w.ok());
        assertEquals(1, w.pdus().stream().filter(p -> p instanceof R2T).count(), "one 64 KiB R2T, two H2CData from the host");
        assertEquals(payload, io.read(1, 1000, 128, 512).data());
    }

    @Test
    void severalR2Ts_atMostMaxR2TOutstanding_sequentialOffsets() {
        TcpHost io = io(TcpHost.config().withR2T(8192, 4), false, 1, 0);
        Bytes payload = TcpHost.pattern(32768, 5, 9);
        Sqe s = SglDescriptor.transport(32768).applyTo(TcpHost.sqe(0x01, 40, 1, 0, 0, 63));
        io.send(CapsuleCmd.of(s));
        R2T a = io.next(R2T.class);
        R2T b = io.next(R2T.class);
        assertFalse(io.hasOutput(), "host MAXR2T 1 (0's based) allows two outstanding R2Ts");
        assertEquals(0, a.r2to());
        assertEquals(8192, b.r2to());
        assertEquals(8192, a.r2tl());
        assertTrue(a.ttag() != b.ttag());
        io.send(H2CData.of(40, a.ttag(), 0, payload.slice(0, 8192), true));
        R2T c = io.next(R2T.class);
        assertEquals(16384, c.r2to(), "R2TO continues sequentially");
        io.send(H2CData.of(40, b.ttag(), 8192, payload.slice(8192, 16384), true));
        R2T d = io.next(R2T.class);
        assertEquals(24576, d.r2to());
        io.send(H2CData.of(40, d.ttag(), 24576, payload.slice(24576, 32768), true));
        assertFalse(io.hasOutput(), "still waiting for the data of R2T c");
        io.send(H2CData.of(40, c.ttag(), 16384, payload.slice(16384, 24576), true));
        assertTrue(io.next(CapsuleResp.class).cqe().isSuccess());
        assertEquals(payload, io.read(1, 0, 64, 512).data());
    }

    @Test
    void hostMaxR2T0_oneR2TAtATime() {
        TcpHost io = io(TcpHost.config().withR2T(8192, 4), false, 0, 0);
        Result w = io.writeR2T(1, 8, TcpHost.pattern(32768, 1, 2), 512);
        assertTrue(w.ok());
        List<Long> offsets = new ArrayList<>();
        w.pdus().stream().filter(p -> p instanceof R2T).forEach(p -> offsets.add(((R2T) p).r2to()));
        assertEquals(List.of(0L, 8192L, 16384L, 24576L), offsets);
    }

    @Test
    void readSplitIntoSeveralC2HData_lastPduOnlyOnTheLast() {
        TcpHost io = io(TcpHost.config().withMaxC2HData(4096), false, 0, 0);
        Bytes payload = TcpHost.pattern(16384, 11, 0);
        assertTrue(io.write(1, 0, payload.slice(0, 8192), 512).ok());
        assertTrue(io.write(1, 16, payload.slice(8192, 16384), 512).ok());
        Result r = io.read(1, 0, 32, 512);
        assertEquals(payload, r.data());
        List<C2HData> c2h = r.pdus().stream().filter(p -> p instanceof C2HData).map(p -> (C2HData) p).toList();
        assertEquals(4, c2h.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i * 4096L, c2h.get(i).datao());
            assertEquals(i == 3, c2h.get(i).lastPdu());
            assertFalse(c2h.get(i).success());
        }
        assertTrue(r.pdus().get(4) instanceof CapsuleResp);
    }

    @Test
    void flowControlDisabled_successFlagNoCapsuleResp_goldenHeader() {
        TcpHost io = io(TcpHost.config(), false, 0, Connect.CATTR_DISSQFC);
        Sqe read = SglDescriptor.transport(512).applyTo(TcpHost.sqe(0x02, 2, 1, 0, 0, 0));
        io.send(CapsuleCmd.of(read));
        Bytes raw = io.nextRaw();
        assertEquals(C2H_SUCCESS_HEADER, raw.slice(0, 24), "LAST_PDU|SUCCESS, flags 0Ch");
        assertFalse(io.hasOutput(), "no CapsuleResp after SUCCESS");
        Result err = io.read(2, 0, 1, 512);
        assertEquals(0x0B, err.cqe().sc(), "an error still gets a CapsuleResp");
        TcpHost off = io(TcpHost.config().withC2HSuccess(false), false, 0, Connect.CATTR_DISSQFC);
        Result r = off.read(1, 0, 1, 512);
        assertFalse(r.viaSuccess(), "SUCCESS is a may: the policy can turn it off");
        assertEquals(0, r.cqe().sqhd());
    }

    @Test
    void sparseStorage_lastLbaOfA1TiBNamespace() {
        LabConfig d = TestConfigs.defaults();
        long blocks = 1L << 31; // 1 TiB of 512-byte blocks
        LabConfig big = new LabConfig(d.lab(), d.mode(), d.allowDestructive(), d.dut(), d.timing(),
                new LabConfig.Model(d.model().identity(), d.model().health(),
                        new LabConfig.Topology(1, 1, 1, List.of(new LabConfig.Namespace(blocks, 512, List.of(0)))),
                        d.model().personality()), d.source());
        TcpTarget t = TcpHost.target(TcpHost.config(), big);
        TcpHost admin = new TcpHost(t);
        int cntlid = admin.enableAdmin();
        TcpHost io = admin.ioQueue(cntlid, 1, 0, false, false, 0);
        Bytes data = TcpHost.pattern(512, 13, 7);
        assertTrue(io.write(1, blocks - 1, data, 512).ok());
        assertEquals(512, t.storedBytes(), "one block stored");
        assertEquals(data, io.read(1, blocks - 1, 1, 512).data());
        assertEquals(Bytes.zeros(512), io.read(1, blocks - 2, 1, 512).data(), "never written: zeros");
        assertEquals(0x80, io.read(1, blocks - 1, 2, 512).cqe().sc(), "LBA Out of Range");
        assertEquals(0x80, io.read(1, blocks, 1, 512).cqe().sc());
        assertTrue(io.write(1, blocks - 1, Bytes.zeros(512), 512).ok());
        assertEquals(0, t.storedBytes(), "all-zero blocks are not stored");
    }

    @Test
    void storageBudget_capacityExceeded() {
        TcpHost io = io(TcpHost.config().withMaxStoredBytes(1024), false, 0, 0);
        assertTrue(io.write(1, 0, TcpHost.pattern(1024, 1, 1), 512).ok());
        assertEquals(0x81, io.write(1, 2, TcpHost.pattern(512, 1, 1), 512).cqe().sc());
        assertTrue(io.write(1, 0, TcpHost.pattern(512, 3, 1), 512).ok(), "overwriting stays within the budget");
    }

    @Test
    void writeZeroesAndFlush() {
        TcpHost io = io();
        assertTrue(io.write(1, 100, TcpHost.pattern(2048, 1, 5), 512).ok());
        Result wz = io.exec(TcpHost.sqe(0x08, io.cid(), 1, 101, 0, 1), Bytes.EMPTY);
        assertTrue(wz.ok());
        Bytes back = io.read(1, 100, 4, 512).data();
        assertEquals(TcpHost.pattern(2048, 1, 5).slice(0, 512), back.slice(0, 512));
        assertEquals(Bytes.zeros(1024), back.slice(512, 1536));
        assertEquals(TcpHost.pattern(2048, 1, 5).slice(1536, 2048), back.slice(1536, 2048));
        assertTrue(io.exec(TcpHost.sqe(0x00, io.cid(), 1, 0, 0, 0), Bytes.EMPTY).ok());
        assertTrue(io.exec(TcpHost.sqe(0x00, io.cid(), 0xFFFF_FFFFL, 0, 0, 0), Bytes.EMPTY).ok());
        assertEquals(0x0B, io.exec(TcpHost.sqe(0x00, io.cid(), 0, 0, 0, 0), Bytes.EMPTY).cqe().sc());
    }

    @Test
    void namespaceRangeMdtsAndOpcodeChecks() {
        TcpHost io = io();
        assertEquals(0x0B, io.read(0, 0, 1, 512).cqe().sc());
        assertEquals(0x0B, io.read(7, 0, 1, 512).cqe().sc());
        assertEquals(0x80, io.read(1, 2_097_152L, 1, 512).cqe().sc());
        assertEquals(0x02, io.read(1, 0, 257, 512).cqe().sc(), "257 blocks > 128 KiB (MDTS 5)");
        assertTrue(io.read(1, 0, 256, 512).ok());
        Cqe dsm = io.exec(TcpHost.sqe(0x09, io.cid(), 1, 0, 0, 0), Bytes.EMPTY).cqe();
        assertEquals(0x01, dsm.sc(), "Dataset Management not supported");
        assertTrue(dsm.dnr());
        assertEquals(0x01, io.exec(TcpHost.sqe(0x06, io.cid(), 0, 1, 0, 0), Bytes.EMPTY).cqe().sc(),
                "Identify is no I/O command");
    }

    @Test
    void sglChecks() {
        TcpHost io = io();
        Sqe w = TcpHost.sqe(0x01, io.cid(), 1, 0, 0, 0);
        // in-capsule: SGL shorter than the block, offset past the data, more than IOCCSZ allows
        Sqe shortSgl = SglDescriptor.inCapsule(0, 256).applyTo(w);
        assertEquals(0x0F, io.run(new CapsuleCmd(shortSgl, Bytes.zeros(256)), Bytes.EMPTY).cqe().sc());
        Sqe offset = SglDescriptor.inCapsule(1024, 512).applyTo(TcpHost.sqe(0x01, io.cid(), 1, 0, 0, 0));
        assertEquals(0x16, io.run(new CapsuleCmd(offset, Bytes.zeros(512)), Bytes.EMPTY).cqe().sc());
        Sqe large = TcpHost.sqe(0x01, io.cid(), 1, 0, 0, 31);
        assertEquals(0x0F, io.exec(large, Bytes.zeros(16384)).cqe().sc(), "16 KiB in-capsule > 8 KiB IOCCSZ allows");
        // data in the capsule but SGL 5Ah
        Sqe both = SglDescriptor.transport(512).applyTo(TcpHost.sqe(0x01, io.cid(), 1, 0, 0, 0));
        PduFrame f = new CapsuleCmd(both, Bytes.zeros(512)).frame(io.params);
        io.sendRaw(f.encode());
        assertEquals(0x11, io.next(CapsuleResp.class).cqe().sc());
        // transport buffer shorter than the read
        assertEquals(0x0F, io.execRead(TcpHost.sqe(0x02, io.cid(), 1, 0, 0, 1), 512).cqe().sc());
    }

    @Test
    void dataDigestErrorInCapsule_transientTransportError_connectionStays() {
        TcpHost io = io(TcpHost.config(), true, 0, 0);
        io.sendRaw(WRITE_INCAPSULE_DGST.withByte(WRITE_INCAPSULE_DGST.length() - 1, 0));
        Cqe c = io.next(CapsuleResp.class).cqe();
        assertEquals(0x22, c.sc(), "Transient Transport Error");
        assertEquals(0, c.sct());
        assertFalse(c.dnr());
        assertFalse(io.conn.closing());
        assertEquals(Bytes.zeros(512), io.read(1, 0, 1, 512).data(), "the data was not written");
    }

    @Test
    void dataDigestErrorInH2CData_commandFailsAfterAllData() {
        TcpHost io = io(TcpHost.config(), true, 0, 0);
        Bytes payload = TcpHost.pattern(8192, 3, 3);
        Sqe s = SglDescriptor.transport(8192).applyTo(TcpHost.sqe(0x01, 9, 1, 0, 0, 15));
        io.send(CapsuleCmd.of(s));
        R2T r = io.next(R2T.class);
        PduFrame f = H2CData.of(9, r.ttag(), 0, payload, true).frame(io.params).withDataDigest(0);
        io.sendRaw(f.encode());
        Cqe c = io.next(CapsuleResp.class).cqe();
        assertEquals(0x22, c.sc());
        assertFalse(io.conn.closing());
    }

    private static R2T startWrite(TcpHost io, int cid, int bytes) {
        Sqe s = SglDescriptor.transport(bytes).applyTo(TcpHost.sqe(0x01, cid, 1, 0, 0, bytes / 512 - 1));
        io.send(CapsuleCmd.of(s));
        return io.next(R2T.class);
    }

    @Test
    void h2cData_unsolicited_pduSequenceError() {
        TcpHost io = io();
        startWrite(io, 5, 4096);
        io.send(H2CData.of(5, 77, 0, Bytes.zeros(4096), true));
        io.expectTermReq(0x02, 0);
    }

    @Test
    void h2cData_unknownTtagAndCommand_fei10() {
        TcpHost io = io();
        io.send(H2CData.of(5, 77, 0, Bytes.zeros(4096), true));
        io.expectTermReq(0x01, 10);
    }

    @Test
    void h2cData_outOfRange_fes4() {
        TcpHost io = io();
        R2T r = startWrite(io, 5, 4096);
        io.send(H2CData.of(5, r.ttag(), 0, Bytes.zeros(4100), true));
        io.expectTermReq(0x04, 0);
    }

    @Test
    void h2cData_nonContiguous_pduSequenceError() {
        TcpHost io = io();
        R2T r = startWrite(io, 5, 4096);
        io.send(H2CData.of(5, r.ttag(), 4, Bytes.zeros(4092), true));
        io.expectTermReq(0x02, 0);
    }

    @Test
    void h2cData_wrongCccid_fei8() {
        TcpHost io = io();
        R2T r = startWrite(io, 5, 4096);
        io.send(H2CData.of(6, r.ttag(), 0, Bytes.zeros(4096), true));
        io.expectTermReq(0x01, 8);
    }

    @Test
    void h2cData_lastPduMismatch_fei1() {
        TcpHost io = io();
        R2T r = startWrite(io, 5, 4096);
        io.send(H2CData.of(5, r.ttag(), 0, Bytes.zeros(4096), false));
        io.expectTermReq(0x01, 1);
    }

    @Test
    void h2cData_afterItsR2TCompleted_pduSequenceError() {
        TcpHost io = io(TcpHost.config().withR2T(4096, 1), false, 0, 0);
        R2T r = startWrite(io, 5, 8192);
        io.send(H2CData.of(5, r.ttag(), 0, Bytes.zeros(4096), true));
        io.next(R2T.class);
        io.send(H2CData.of(5, r.ttag(), 0, Bytes.zeros(4096), true));
        io.expectTermReq(0x02, 0);
    }

    @Test
    void h2cData_datalDisagreesWithData_fei16() {
        TcpHost io = io();
        R2T r = startWrite(io, 5, 4096);
        io.send(new H2CData(5, r.ttag(), 0, 2048, true, Bytes.zeros(4096)));
        io.expectTermReq(0x01, 16);
    }

    @Test
    void reset_zeroesTheNamespacesDisarmsFaults_keepsConnections() {
        TcpHost io = io();
        assertTrue(io.write(1, 5, TcpHost.pattern(512, 1, 1), 512).ok());
        io.target.faults().arm(org.nvmehil.protocol.fault.FaultRule.always(new org.nvmehil.protocol.fault.Fault.WrongCid()));
        io.target.reset();
        assertEquals(0, io.target.storedBytes());
        Result r = io.read(1, 5, 1, 512);
        assertTrue(r.ok(), "the connection and its controller survive a reset");
        assertEquals(Bytes.zeros(512), r.data());
        assertTrue(io.target.faults().armed().isEmpty());
    }

    @Test
    void commandIdConflict() {
        TcpHost io = io();
        startWrite(io, 5, 4096);
        io.send(CapsuleCmd.of(TcpHost.sqe(0x00, 5, 1, 0, 0, 0)));
        assertEquals(0x03, io.next(CapsuleResp.class).cqe().sc());
    }
}
