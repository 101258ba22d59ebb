package org.nvmehil.model.tcp;

import java.util.Optional;
import org.nvmehil.model.tcp.TcpConnection.Cmd;
import org.nvmehil.model.tcp.TcpConnection.Dir;
import org.nvmehil.model.tcp.TcpConnection.Plan;
import org.nvmehil.protocol.wire.Bytes;

/**
 * NVM command set I/O commands on I/O queues (NVM Command Set spec, via facts §11): Flush (00h), Write (01h),
 * Read (02h), Write Zeroes (08h) on the sparse in-memory namespaces. All need the controller enabled and ready
 * (else Command Sequence Error, Base 2.2 §3.3.2.3). Checks: NSID active (else Invalid Namespace or Format; Flush
 * also takes FFFFFFFFh), SLBA + NLB within the namespace (LBA Out of Range), Read/Write within MDTS (Invalid
 * Field). Other opcodes: Invalid Command Opcode.
 */
final class IoCommands {

    static final int FLUSH = 0x00;
    static final int WRITE = 0x01;
    static final int READ = 0x02;
    static final int WRITE_ZEROES = 0x08;
    /** Transfers above this are refused whatever MDTS says, to bound memory (64 MiB). */
    static final long HARD_LIMIT = 64L * 1024 * 1024;

    private IoCommands() {
    }

    private static long slba(Cmd cmd) {
        return cmd.sqe.cdw10() | cmd.sqe.cdw11() << 32;
    }

    private static long nlb(Cmd cmd) {
        return (cmd.sqe.cdw12() & 0xFFFF) + 1;
    }

    static Optional<Status> precheck(TcpConnection c, Cmd cmd) {
        if (!c.controller.operational(c.now())) {
            return Optional.of(Status.COMMAND_SEQUENCE_ERROR);
        }
        int opc = cmd.sqe.opc();
        if (opc != FLUSH && opc != WRITE && opc != READ && opc != WRITE_ZEROES) {
            return Optional.of(Status.INVALID_OPCODE);
        }
        long nsid = cmd.sqe.nsid();
        if (opc == FLUSH) {
            return nsid == AdminCommands.NSID_BROADCAST || c.target.namespace(nsid).isPresent() ? Optional.empty()
                    : Optional.of(Status.INVALID_NAMESPACE);
        }
        Optional<SparseNamespace> ns = c.target.namespace(nsid);
        if (ns.isEmpty()) {
            return Optional.of(Status.INVALID_NAMESPACE);
        }
        if (!ns.get().inRange(slba(cmd), nlb(cmd))) {
            return Optional.of(Status.LBA_OUT_OF_RANGE);
        }
        if (opc != WRITE_ZEROES) {
            long bytes = nlb(cmd) * ns.get().blockSize();
            if (bytes > c.cfg().maxTransfer() || bytes > HARD_LIMIT) {
                return Optional.of(Status.INVALID_FIELD);
            }
        }
        return Optional.empty();
    }

    static Plan plan(TcpConnection c, Cmd cmd) {
        int opc = cmd.sqe.opc();
        if (opc != READ && opc != WRITE) {
            return Plan.NONE;
        }
        long bytes = nlb(cmd) * c.target.namespace(cmd.sqe.nsid()).orElseThrow().blockSize();
        return new Plan(opc == READ ? Dir.C2H : Dir.H2C, bytes);
    }

    static Completion execute(TcpConnection c, Cmd cmd, Bytes data) {
        TcpTarget t = c.target;
        int opc = cmd.sqe.opc();
        if (opc == FLUSH) {
            return Completion.ok();
        }
        SparseNamespace ns = t.namespace(cmd.sqe.nsid()).orElseThrow();
        long slba = slba(cmd);
        int nlb = (int) nlb(cmd);
        switch (opc) {
            case READ -> {
                byte[] d = ns.read(slba, nlb);
                t.bytesRead += d.length;
                t.readCommands++;
                return Completion.data(Bytes.of(d));
            }
            case WRITE -> {
                if (!ns.write(slba, data.toArray())) {
                    t.info("namespace " + ns.nsid() + ": write refused, stored data would exceed "
                            + t.config().maxStoredBytes() + " bytes", Bytes.EMPTY);
                    return Completion.error(Status.CAPACITY_EXCEEDED);
                }
                t.bytesWritten += data.length();
                t.writeCommands++;
                return Completion.ok();
            }
            default -> {
                ns.zero(slba, nlb);
                return Completion.ok();
            }
        }
    }
}
