package org.nvmehil.model.mi;

import java.math.BigInteger;
import java.util.List;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Get Log Page (NVMe Base 2.0 §5.16). CDW10: LID 7:0, NUMDL 31:16; CDW11: NUMDU 15:0; CDW12/13: LPOL/LPOU
 * (byte offset, Identify LPA reports extended data); CDW14 bit 23: OT. The command returns (NUMD + 1)
 * dwords starting at the log page offset, zeros past the end of the page; MI then slices DOFST/DLEN.
 *
 * <p>Pages: 00h Supported Log Pages (1024 bytes; LSUPP for 00h-03h), 01h Error Information (ELPE + 1
 * entries of 64 bytes, newest first, unused entries zero), 02h SMART / Health Information (controller
 * scope: NSID must be 0 or FFFFFFFFh, else Invalid Field in Command, since per-namespace data is not
 * supported), 03h Firmware Slot Information. Any other LID: Invalid Log Page. An offset that is not a
 * dword multiple or lies past the end of the page, and OT set (index offsets are not supported), get
 * Invalid Field in Command.
 */
final class LogPages {
    static final int SUPPORTED_LOG_PAGES = 0x00;
    static final int SUPPORTED_LOG_PAGES_SIZE = 1024;
    static final List<Integer> SUPPORTED = List.of(0x00, ErrorLogEntry.LID, SmartLog.LID, FirmwareSlotLog.LID);

    private LogPages() {
    }

    static AdminResult handle(MeContext ctx, Controller c, AdminRequest a) {
        int lid = (int) (a.cdw10() & 0xFF);
        long numd = a.cdw10() >>> 16 | (a.cdw11() & 0xFFFF) << 16;
        long length = (numd + 1) * 4;
        long lpo = a.cdw12() | a.cdw13() << 32;
        boolean ot = (a.cdw14() >>> 23 & 1) != 0;
        if (ot) {
            return AdminResult.invalidField();
        }
        Bytes page;
        switch (lid) {
            case SUPPORTED_LOG_PAGES:
                page = supportedLogPages();
                break;
            case ErrorLogEntry.LID:
                page = errorLog(ctx, c);
                break;
            case SmartLog.LID:
                if (a.nsid() != 0 && a.nsid() != Identify.NSID_BROADCAST) {
                    return AdminResult.invalidField();
                }
                page = smartLog(c).encode();
                break;
            case FirmwareSlotLog.LID:
                page = ctx.subsystem.firmwareSlotLog().encode();
                break;
            default:
                return AdminResult.status(Cqe.SCT_COMMAND_SPECIFIC, AdminResult.SC_INVALID_LOG_PAGE);
        }
        if ((lpo & 3) != 0 || Long.compareUnsigned(lpo, page.length()) > 0) {
            return AdminResult.invalidField();
        }
        return AdminResult.data(page.slice((int) lpo), length);
    }

    static Bytes supportedLogPages() {
        LeWriter w = new LeWriter();
        for (int lid = 0; lid < SUPPORTED_LOG_PAGES_SIZE / 4; lid++) {
            w.u32(SUPPORTED.contains(lid) ? 1 : 0);
        }
        return w.build();
    }

    static Bytes errorLog(MeContext ctx, Controller c) {
        int entries = ctx.subsystem.options().errorLogEntries();
        LeWriter w = new LeWriter();
        for (ErrorLogEntry e : c.errorLog()) {
            w.bytes(e.encode());
        }
        return w.zeros(entries * ErrorLogEntry.SIZE - w.size()).build();
    }

    /**
     * SMART / Health from the controller's values: effective critical warning, composite temperature
     * (kelvin, also sensor 1), available spare and threshold, percentage used (saturating at 255), error
     * log entry count; other counters 0.
     */
    static SmartLog smartLog(Controller c) {
        BigInteger z = BigInteger.ZERO;
        int t = Math.min(c.temperatureKelvin(), 0xFFFF);
        return new SmartLog(c.criticalWarning(), t, c.spare(), c.spareThreshold(), Math.min(255, c.pdlu()), 0,
                z, z, z, z, z, z, z, z, z, BigInteger.valueOf(c.errorCount()), 0, 0, List.of(t, 0, 0, 0, 0, 0, 0, 0),
                0, 0, 0, 0);
    }
}
