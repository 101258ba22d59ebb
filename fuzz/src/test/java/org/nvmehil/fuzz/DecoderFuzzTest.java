package org.nvmehil.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.nvmehil.protocol.binding.serial.SerialFrame;
import org.nvmehil.protocol.binding.serial.SerialStreamDecoder;
import org.nvmehil.protocol.binding.smbus.SmbusFrame;
import org.nvmehil.protocol.fabrics.ConnectData;
import org.nvmehil.protocol.fabrics.DiscoveryLog;
import org.nvmehil.protocol.fabrics.FabricsIdentify;
import org.nvmehil.protocol.mctp.MctpAssembler;
import org.nvmehil.protocol.mctp.MctpPacket;
import org.nvmehil.protocol.mctp.control.ControlRequest;
import org.nvmehil.protocol.mctp.control.ControlResponse;
import org.nvmehil.protocol.mctp.control.GetEndpointId;
import org.nvmehil.protocol.mctp.control.GetEndpointUuid;
import org.nvmehil.protocol.mctp.control.GetMctpVersionSupport;
import org.nvmehil.protocol.mctp.control.GetMessageTypeSupport;
import org.nvmehil.protocol.mctp.control.SetEndpointId;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.mi.ConfigGetValue;
import org.nvmehil.protocol.mi.ControlPrimitiveResponse;
import org.nvmehil.protocol.mi.ControllerHealthStatus;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.FruProductInfo;
import org.nvmehil.protocol.mi.MeRequestParser;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.mi.MiResponse;
import org.nvmehil.protocol.mi.SubsystemHealthStatus;
import org.nvmehil.protocol.nvme.Cqe;
import org.nvmehil.protocol.nvme.ErrorLogEntry;
import org.nvmehil.protocol.nvme.FirmwareSlotLog;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.nvme.IdentifyNamespace;
import org.nvmehil.protocol.nvme.SmartLog;
import org.nvmehil.protocol.nvme.Sqe;
import org.nvmehil.protocol.tcp.Direction;
import org.nvmehil.protocol.tcp.PduDecoder;
import org.nvmehil.protocol.tcp.PduStreamDecoder;
import org.nvmehil.protocol.tcp.TcpParams;
import org.nvmehil.protocol.wire.Bytes;

/**
 * Every decoder of device bytes, fed whatever Jazzer makes. The invariant is the design rule "decoders never throw on
 * device bytes": a value, violations and the raw bytes, and no exception at all — so a target has no try/catch, and
 * any exception is a finding. Stream decoders get the bytes in pieces of fuzzed sizes.
 */
class DecoderFuzzTest {

    /** DSP0237 frames, as the host reads them from the bus and as a target reads them without the address byte. */
    @FuzzTest
    void smbusFrame(byte[] data) {
        Bytes b = Bytes.of(data);
        SmbusFrame.decode(b);
        SmbusFrame.decodeReceived(0x10, b);
    }

    /** DSP0253 serial byte stream, cut into fuzzed pieces, with a fuzzed packet size limit. */
    @FuzzTest
    void serialStream(FuzzedDataProvider in) {
        SerialStreamDecoder d = new SerialStreamDecoder(in.consumeInt(SerialFrame.MIN_PACKET_SIZE, SerialFrame.MAX_BYTE_COUNT));
        while (in.remainingBytes() > 0) {
            d.feed(Bytes.of(in.consumeBytes(in.consumeInt(0, 80))));
        }
        SerialFrame.decode(Bytes.of(in.consumeRemainingAsBytes()));
    }

    /** MCTP packets into the reassembler, at fuzzed times (timeouts, sequences, tags, sizes). */
    @FuzzTest
    void mctpAssembly(FuzzedDataProvider in) {
        MctpAssembler a = new MctpAssembler();
        long now = 0;
        while (in.remainingBytes() > 0) {
            now += in.consumeLong(0, 10_000_000_000L); // up to 10 s between packets: reassembly timeouts fire
            long at = now;
            MctpPacket.decode(Bytes.of(in.consumeBytes(in.consumeInt(0, 80)))).value().ifPresent(p -> a.accept(p, at));
        }
    }

    /** Every NVMe-MI and MCTP control message decoder, on one message. */
    @FuzzTest
    void managementMessage(byte[] data) {
        Bytes m = Bytes.of(data);
        MiMessage.decode(m);
        MiResponse.decode(m);
        AdminResponse.decode(m);
        ControlPrimitiveResponse.decode(m);
        SubsystemHealthStatus.decode(m);
        ControllerHealthStatus.decode(m);
        ConfigGetValue.decodeSfreq(m);
        ConfigGetValue.decodeMtus(m);
        for (int dtyp = 0; dtyp <= 8; dtyp++) {
            DataStructure.decode(m, dtyp);
        }
        MeRequestParser.parse(m);
        ControlRequest.decode(m);
        ControlResponse.decode(m);
        GetEndpointId.Response.decode(m);
        GetEndpointUuid.Response.decode(m);
        GetMctpVersionSupport.Response.decode(m);
        GetMctpVersionSupport.Request.decode(m);
        GetMessageTypeSupport.Response.decode(m);
        SetEndpointId.Request.decode(m);
        SetEndpointId.Response.decode(m);
        BasicManagement.StatusBlock.decode(m);
        BasicManagement.VendorBlock.decode(m);
        FruProductInfo.decode(m);
    }

    /** An NVMe/TCP byte stream in fuzzed pieces; each delineated PDU decoded both ways with fuzzed digest/padding settings. */
    @FuzzTest
    void tcpStream(FuzzedDataProvider in) {
        TcpParams params = new TcpParams(in.consumeBoolean(), in.consumeBoolean(), in.consumeInt(0, 31), in.consumeInt(0, 31));
        PduStreamDecoder d = new PduStreamDecoder(in.consumeInt(152, 1 << 20));
        while (in.remainingBytes() > 0) {
            for (PduStreamDecoder.Event e : d.feed(Bytes.of(in.consumeBytes(in.consumeInt(0, 300))))) {
                if (e instanceof PduStreamDecoder.Complete c) {
                    PduDecoder.decode(c.raw(), params, Direction.C2H);
                    PduDecoder.decode(c.raw(), params, Direction.H2C);
                }
            }
        }
    }

    /** NVMe and Fabrics data structures: Identify, logs, discovery, SQE/CQE, Connect data. */
    @FuzzTest
    void nvmeStructures(byte[] data) {
        Bytes b = Bytes.of(data);
        IdentifyController.decode(b);
        IdentifyNamespace.decode(b);
        FabricsIdentify.decode(b);
        DiscoveryLog.decode(b);
        ConnectData.decode(b);
        Cqe.decode(b);
        Sqe.decode(b);
        SmartLog.decode(b);
        ErrorLogEntry.decode(b);
        FirmwareSlotLog.decode(b);
    }
}
