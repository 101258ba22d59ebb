package org.nvmehil.suites.tcp;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.fixtures.tcp.Command;
import org.nvmehil.fixtures.tcp.CommandResult;
import org.nvmehil.fixtures.tcp.IoQueue;
import org.nvmehil.fixtures.tcp.TcpController;
import org.nvmehil.fixtures.tcp.TcpHost;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;

/** NVM I/O over NVMe/TCP: data integrity through in-capsule, R2T and C2HData paths; queue depth (TCP 1.0 §3.3). */
@Conformance
@DisplayName("NVMe/TCP I/O: data integrity and queue depth")
class TcpIoTest {

    record Io(TcpController ctrl, IoQueue q, long nsid, int blockSize) {
    }

    static Io open(TcpHost host, boolean hdgst, boolean ddgst) {
        TcpController c = host.connect(host.adminOptions().withDigests(hdgst, ddgst));
        c.enable().requireReady();
        long nsid = c.activeNamespaces().require(Req.NVMEOF_IDENTIFY_SUBNQN).get(0);
        return new Io(c, c.ioQueue(1, 31), nsid, (int) c.blockSize(nsid));
    }

    static Bytes pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return Bytes.of(b);
    }

    static Stream<Arguments> transfers() {
        List<Arguments> out = new ArrayList<>();
        int[] blocks = {1, 8, 16, 128, 256};
        String[] names = {"one block", "4 KiB", "8 KiB", "64 KiB (R2T)", "128 KiB (several R2Ts)"};
        String[] digestNames = {"", ", header digest", ", data digest", ", header and data digests"};
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < blocks.length; i++) {
                out.add(argumentSet(names[i] + digestNames[d], blocks[i], (d & 1) != 0, (d & 2) != 0));
            }
        }
        return out.stream();
    }

    /**
     * Steps: write a pattern, read it back. Assertions: both succeed, every PDU on the way obeys the framing,
     * digest, R2T and C2HData rules, and the data read equals the data written.
     */
    @ParameterizedTest(name = "write then read {argumentSetName} → same data, clean transfers")
    @MethodSource("transfers")
    @Spec({Req.NVME_READ_RETURNS_WRITTEN, Req.TCP_H2C_MAXH2CDATA, Req.TCP_R2T_SEQUENTIAL, Req.TCP_C2H_DATAO_SEQUENTIAL,
            Req.TCP_C2H_LAST_PDU, Req.TCP_HEADER_DIGEST, Req.TCP_DATA_DIGEST})
    void writeThenRead_returnsTheData(int blocks, boolean hdgst, boolean ddgst, TcpHost host) {
        Io io = open(host, hdgst, ddgst);
        Bytes data = pattern(blocks * io.blockSize(), blocks);
        io.q().write(io.nsid(), 100, data).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN).requireNoViolations();
        CommandResult r = io.q().read(io.nsid(), 100, blocks).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN).requireNoViolations();
        Expect.that(r.data().equals(data), Req.NVME_READ_RETURNS_WRITTEN, "read returned other data: " + r.data().head(32),
                data.head(32));
    }

    /** Assertions: a read of an inactive namespace gets Invalid Namespace or Format; one past the end LBA Out of Range. */
    @ParameterizedTest(name = "read {0} → error status")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"an inactive namespace", "past the last block"})
    @Spec({Req.NVME_INVALID_NAMESPACE, Req.NVME_LBA_OUT_OF_RANGE})
    void readOutsideTheNamespace_fails(String where, TcpHost host) {
        Io io = open(host, false, false);
        boolean ns = where.startsWith("an inactive");
        long nsze = io.ctrl().identifyNamespace(io.nsid()).value().nsze();
        long nsid = ns ? 0xFFFF_FFF0L : io.nsid();
        long slba = ns ? 0 : nsze;
        CommandResult r = io.q().queue().execute(IoQueue.rw(IoQueue.OPC_READ, nsid, slba, 1), Bytes.EMPTY, io.blockSize());
        Req req = ns ? Req.NVME_INVALID_NAMESPACE : Req.NVME_LBA_OUT_OF_RANGE;
        r.requireCompleted(req);
        int expected = ns ? 0x0B : 0x80;
        Expect.that(r.cqeOrThrow().sct() == 0 && r.cqeOrThrow().sc() == expected, req, r.describe(), r.evidence());
    }

    /**
     * Steps: an I/O queue connected with SQ flow control disabled (CATTR DISSQFC); reads. Assertions: the
     * Connect response carries SQHD FFFFh; reads complete (a C2HData with SUCCESS may replace the CapsuleResp).
     */
    @ParameterizedTest(name = "SQ flow control disabled, read {0} blocks → SQHD FFFFh, read completes")
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 256})
    @Spec({Req.NVMEOF_CONNECT_SQHD_FFFF, Req.TCP_C2H_SUCCESS, Req.TCP_C2H_RESP_WITHOUT_SUCCESS})
    void flowControlDisabled_sqhdFfffAndReadsComplete(int blocks, TcpHost host) {
        Io io = open(host, false, false);
        IoQueue q = io.ctrl().tryIoQueue(2, 31, 0x04, org.nvmehil.fixtures.tcp.IcOptions.DEFAULT);
        var connect = q.connectResult();
        var cqe = connect.command().orElseThrow().cqeOrThrow();
        Expect.equal(Req.NVMEOF_CONNECT_SQHD_FFFF, "SQHD in the Connect response", 0xFFFF, cqe.sqhd(),
                connect.command().get().evidence());
        q.read(io.nsid(), 0, blocks).requireSuccess(Req.TCP_C2H_RESP_WITHOUT_SUCCESS).requireNoViolations();
    }

    /** Steps: Write Zeroes over written blocks, read back. Assertions: zeros. */
    @Test
    @DisplayName("Write Zeroes → the blocks read back as zeros")
    @Spec(Req.NVME_READ_RETURNS_WRITTEN)
    void writeZeroes_readsBackZeros(TcpHost host) {
        Io io = open(host, false, false);
        io.q().write(io.nsid(), 200, pattern(4 * io.blockSize(), 3)).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN);
        io.q().writeZeroes(io.nsid(), 200, 4).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN);
        CommandResult r = io.q().read(io.nsid(), 200, 4).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN);
        Expect.that(r.data().equals(Bytes.zeros(4 * io.blockSize())), Req.NVME_READ_RETURNS_WRITTEN,
                "not zeros after Write Zeroes: " + r.data().head(32), r.evidence());
        io.q().flush(io.nsid()).requireSuccess(Req.NVME_READ_RETURNS_WRITTEN);
    }

    /**
     * Steps: submit {@code depth} writes, then {@code depth} reads, without waiting in between. Assertions: each
     * command completes exactly once with its own CID, nothing unknown or duplicated arrives, and each read
     * returns its write.
     */
    @ParameterizedTest(name = "{0} commands in flight → each completes exactly once, data intact")
    @org.junit.jupiter.params.provider.ValueSource(ints = {4, 16, 30})
    @Spec(Req.NVME_ONE_COMPLETION_PER_COMMAND)
    void queueDepth_everyCommandCompletesOnce(int depth, TcpHost host) {
        checkQueueDepth(open(host, false, false), depth);
    }

    static void checkQueueDepth(Io io, int depth) {
        List<Command> writes = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            // the depth is in the pattern: a dropped write must not read back an earlier case's identical data
            writes.add(io.q().submitWrite(io.nsid(), 1000 + 8L * i, pattern(8 * io.blockSize(), depth * 64 + i)));
        }
        io.q().awaitAll(writes).forEach(r -> r.requireSuccess(Req.NVME_ONE_COMPLETION_PER_COMMAND));
        List<Command> reads = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            reads.add(io.q().submitRead(io.nsid(), 1000 + 8L * i, 8));
        }
        List<CommandResult> got = io.q().awaitAll(reads);
        for (int i = 0; i < depth; i++) {
            CommandResult r = got.get(i).requireSuccess(Req.NVME_ONE_COMPLETION_PER_COMMAND);
            Expect.that(r.data().equals(pattern(8 * io.blockSize(), depth * 64 + i)), Req.NVME_READ_RETURNS_WRITTEN,
                    "read " + i + " returned another write's data", r.evidence());
        }
        Expect.that(io.q().queue().anomalies().isEmpty(), Req.NVME_ONE_COMPLETION_PER_COMMAND,
                "queue anomalies: " + io.q().queue().anomalies(), got.get(depth - 1).evidence());
    }

}
