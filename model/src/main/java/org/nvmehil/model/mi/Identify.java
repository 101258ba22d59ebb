package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.model.topology.Controller;
import org.nvmehil.model.topology.Namespace;
import org.nvmehil.model.topology.Subsystem;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Identify (NVMe Base 2.0 §5.17; CNS in CDW10 7:0), 4096 bytes for every CNS the model answers:
 *
 * <ul>
 *   <li>00h Identify Namespace: NSID 0, above NN, or FFFFFFFFh (no Namespace Management, so no common
 *       namespace capabilities) gets Invalid Namespace or Format; an inactive NSID (valid but not attached
 *       to this controller) returns all zeros; an active one its data.</li>
 *   <li>01h Identify Controller: {@link Subsystem#identifyControllerData}; NSID is not used.</li>
 *   <li>02h Active Namespace ID List: the NSIDs attached to this controller that are greater than the
 *       NSID given, ascending, zero-padded; NSID FFFFFFFEh or FFFFFFFFh gets Invalid Namespace or Format.</li>
 *   <li>Any other CNS: Invalid Field in Command.</li>
 * </ul>
 */
final class Identify {
    static final long NSID_BROADCAST = 0xFFFF_FFFFL;
    static final long NSID_LIST_LIMIT = 0xFFFF_FFFEL;

    private Identify() {
    }

    static AdminResult handle(MeContext ctx, Controller c, AdminRequest a) {
        Subsystem s = ctx.subsystem;
        int cns = (int) (a.cdw10() & 0xFF);
        long nsid = a.nsid();
        switch (cns) {
            case 0x00: {
                if (nsid == 0 || nsid == NSID_BROADCAST || nsid > s.maxNsid()) {
                    return AdminResult.invalidNamespace();
                }
                Optional<Namespace> ns = s.namespace(nsid);
                if (ns.isEmpty() || !ns.get().isAttachedTo(c.id())) {
                    return AdminResult.data(Bytes.zeros(IdentifyController.SIZE));
                }
                return AdminResult.data(ns.get().identify().encode());
            }
            case 0x01:
                return AdminResult.data(s.identifyControllerData(c));
            case 0x02: {
                if (nsid >= NSID_LIST_LIMIT) {
                    return AdminResult.invalidNamespace();
                }
                LeWriter w = new LeWriter();
                for (Namespace n : s.namespaces()) {
                    if (n.nsid() > nsid && n.isAttachedTo(c.id()) && w.size() < IdentifyController.SIZE) {
                        w.u32(n.nsid());
                    }
                }
                return AdminResult.data(w.zeros(IdentifyController.SIZE - w.size()).build());
            }
            default:
                return AdminResult.invalidField();
        }
    }
}
