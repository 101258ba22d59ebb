package org.nvmehil.suites.mi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nvmehil.fixtures.check.Expect;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.dut.SmbusOnly;
import org.nvmehil.fixtures.dut.Dut;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.lab.SmbusBlockReader;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.AdminResponse;
import org.nvmehil.protocol.mi.BasicManagement;
import org.nvmehil.protocol.mi.DataStructure;
import org.nvmehil.protocol.mi.MiCommand;
import org.nvmehil.protocol.nvme.IdentifyController;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.suites.support.Mi;

/** The NVMe Basic Management Command: an SMBus block read at 6Ah, outside MCTP (NVMe-MI 1.2 Appendix A). */
@Conformance
@SmbusOnly
@DisplayName("NVMe Basic Management Command (NVMe-MI 1.2 Appendix A)")
class BasicManagementTest {

    static final int ADDRESS = 0x6A;

    static SmbusBlockReader reader(Dut dut, MiClient mi) {
        int port = Mi.twoWirePort(mi);
        var tw = (DataStructure.PortDetail.TwoWire) ((DataStructure.PortInfo) Mi.dataStructure(mi,
                MiCommand.ReadDataStructure.portInfo(port))).detail();
        Assumptions.assumeTrue(tw.basicManagementSupported(),
                "not applicable: Port Information NVMEBM = 0 (Basic Management Command not supported)");
        return dut.smbusBlockReader().orElseThrow(() -> new org.opentest4j.TestAbortedException(
                "not applicable: this lab's link cannot do SMBus block reads"));
    }

    static Bytes read(SmbusBlockReader r, int cmd, int length) {
        return r.blockRead(ADDRESS, cmd, length).orElseThrow(() -> new org.nvmehil.fixtures.spec.ConformanceFailure(
                Req.MI_BASIC_MANAGEMENT, "no acknowledge at 6Ah although NVMEBM = 1", Bytes.ofUnsigned(0xD4, cmd, 0xD5)));
    }

    /** Assertions: block 0 has byte count 06h, SFLGS bits 1:0 = 11b, reserved zero, a valid PEC. */
    @Test
    @DisplayName("status block (command code 0) → count 06h, SFLGS 1:0 = 11b, valid PEC")
    @Spec(Req.MI_BASIC_MANAGEMENT)
    void statusBlock_hasItsLayout(Dut dut, MiClient mi) {
        Bytes b = read(reader(dut, mi), 0, 8);
        Mi.decoded(BasicManagement.StatusBlock.decode(b));
    }

    /** Assertions: block 8 has count 16h, a valid PEC, and the VID and serial number Identify Controller reports. */
    @Test
    @DisplayName("vendor block (command code 8) → VID and SN match Identify Controller, valid PEC")
    @Spec(Req.MI_BASIC_MANAGEMENT)
    void vendorBlock_matchesIdentify(Dut dut, MiClient mi) {
        Bytes b = read(reader(dut, mi), 8, 24);
        BasicManagement.VendorBlock v = Mi.decoded(BasicManagement.VendorBlock.decode(b));
        AdminResponse id = Mi.decoded(AdminResponse.decode(Mi.ok(mi, AdminRequest.identify(0, 1, 0, 0, 4096),
                Req.MI_ADMIN_WELL_FORMED).response()));
        IdentifyController c = Mi.decoded(IdentifyController.decode(id.data()));
        Expect.equal(Req.MI_BASIC_MANAGEMENT, "VID", c.vid(), v.vid(), b);
        Expect.that(v.sn().equals(c.sn()), Req.MI_BASIC_MANAGEMENT,
                "serial number '" + v.sn() + "', Identify Controller says '" + c.sn() + "'", b);
    }
}
