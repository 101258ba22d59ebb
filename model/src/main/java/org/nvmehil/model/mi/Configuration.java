package org.nvmehil.model.mi;

import java.util.Optional;
import org.nvmehil.model.topology.Port;
import org.nvmehil.model.topology.TwoWirePort;
import org.nvmehil.protocol.mi.CcsFlag;
import org.nvmehil.protocol.mi.ConfigGetValue;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ConfigSetting;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Configuration Set and Get (MI 1.2 §5.1-5.2). Reserved CIDs and SFREQ 0h/4h-Fh and MTUS below 64 were
 * already answered by the parser. PEL offsets: CID byte 8, SFREQ byte 9 (NMD0 11:8), PORTID byte 11
 * (NMD0 31:24), MTUS byte 12 (NMD1 15:0). Vendor-specific CIDs (C0h-FFh) are not implemented: 04h on the
 * CID.
 *
 * <ul>
 *   <li>CID 01h SMBus/I2C Frequency: two-wire ports only; Set refuses a code above the port's MSMBFREQ
 *       and reports the change as {@link MiOutcome.Effect.SetSmbusFrequency}.</li>
 *   <li>CID 02h Health Status Change: Set clears the composite flags named in the packed NMD1 mask
 *       (reserved mask bits are ignored); Get succeeds with nothing.</li>
 *   <li>CID 03h MCTP Transmission Unit Size: on the ME's port Get reads the endpoint state's unit and
 *       Set accepts 64..MMTUS, answers Success and returns {@link MiOutcome.Effect.SetMtu} so the MCTP
 *       layer switches after sending this response (the handler does not touch the unit itself). Other
 *       ports have no ME: their unit is the 64-byte baseline, and Set accepts only 64.</li>
 * </ul>
 */
final class Configuration {
    static final int CID_OFFSET = 8;
    static final int SFREQ_OFFSET = 9;
    static final int PORTID_OFFSET = 11;
    static final int MTUS_OFFSET = 12;

    private Configuration() {
    }

    static MiOutcome set(MeContext ctx, MiCommand.ConfigurationSet c) {
        MiHeader h = c.header();
        ConfigSetting s = c.setting();
        if (s instanceof ConfigSetting.SmbusFrequency) {
            ConfigSetting.SmbusFrequency f = (ConfigSetting.SmbusFrequency) s;
            Optional<TwoWirePort> port = twoWire(ctx, f.portid());
            if (port.isEmpty()) {
                return Replies.invalidParameter(h, PORTID_OFFSET, 0);
            }
            if (f.sfreq() > port.get().msmbfreq()) {
                return Replies.invalidParameter(h, SFREQ_OFFSET, 0);
            }
            port.get().setSfreq(f.sfreq());
            return Replies.success(h, 0, Bytes.EMPTY,
                    new MiOutcome.Effect.SetSmbusFrequency(f.portid(), f.sfreq()));
        }
        if (s instanceof ConfigSetting.HealthStatusChange) {
            ctx.subsystem.clearComposite(CcsFlag.fromHsc(((ConfigSetting.HealthStatusChange) s).mask()));
            return Replies.success(h);
        }
        if (s instanceof ConfigSetting.MctpTransmissionUnit) {
            ConfigSetting.MctpTransmissionUnit t = (ConfigSetting.MctpTransmissionUnit) s;
            Optional<Port> port = ctx.subsystem.port(t.portid());
            if (port.isEmpty()) {
                return Replies.invalidParameter(h, PORTID_OFFSET, 0);
            }
            if (t.mtus() > mmtus(port.get())) {
                return Replies.invalidParameter(h, MTUS_OFFSET, 0);
            }
            if (hostsMe(port.get())) {
                return Replies.success(h, 0, Bytes.EMPTY,
                        new MiOutcome.Effect.SetMtu(t.portid(), t.mtus()));
            }
            return Replies.success(h);
        }
        return Replies.invalidParameter(h, CID_OFFSET, 0);
    }

    static MiOutcome get(MeContext ctx, MiCommand.ConfigurationGet c) {
        MiHeader h = c.header();
        MiHeader rh = MiHeader.responseTo(h);
        ConfigQuery q = c.query();
        if (q instanceof ConfigQuery.SmbusFrequency) {
            Optional<TwoWirePort> port = twoWire(ctx, ((ConfigQuery.SmbusFrequency) q).portid());
            if (port.isEmpty()) {
                return Replies.invalidParameter(h, PORTID_OFFSET, 0);
            }
            return Replies.send(ConfigGetValue.sfreqResponse(rh, port.get().sfreq()));
        }
        if (q instanceof ConfigQuery.HealthStatusChange) {
            return Replies.success(h);
        }
        if (q instanceof ConfigQuery.MctpTransmissionUnit) {
            Optional<Port> port = ctx.subsystem.port(((ConfigQuery.MctpTransmissionUnit) q).portid());
            if (port.isEmpty()) {
                return Replies.invalidParameter(h, PORTID_OFFSET, 0);
            }
            int mtus = hostsMe(port.get()) ? ctx.state.mtu() : ConfigGetValue.BASELINE_MTUS;
            return Replies.send(ConfigGetValue.mtusResponse(rh, mtus));
        }
        return Replies.invalidParameter(h, CID_OFFSET, 0);
    }

    private static Optional<TwoWirePort> twoWire(MeContext ctx, int portid) {
        return ctx.subsystem.port(portid).filter(p -> p instanceof TwoWirePort).map(p -> (TwoWirePort) p);
    }

    private static boolean hostsMe(Port p) {
        return p instanceof TwoWirePort && ((TwoWirePort) p).hostsManagementEndpoint();
    }

    private static int mmtus(Port p) {
        return p instanceof TwoWirePort ? ((TwoWirePort) p).mmtus() : ConfigGetValue.BASELINE_MTUS;
    }
}
