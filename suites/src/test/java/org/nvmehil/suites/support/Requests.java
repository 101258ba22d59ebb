package org.nvmehil.suites.support;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.nvmehil.protocol.mi.AdminRequest;
import org.nvmehil.protocol.mi.ConfigQuery;
import org.nvmehil.protocol.mi.ControlPrimitive;
import org.nvmehil.protocol.mi.MiCommand;

/**
 * A spread of well-formed requests, one per command family and response shape (single and
 * multi-packet), for checks that must hold on every response. Port-specific commands use port 0 or
 * controller 0, which every NVMe subsystem has.
 */
public final class Requests {
    private Requests() {
    }

    public static Stream<Arguments> everyKind() {
        return Stream.of(
                argumentSet("Read Data Structure: subsystem information", MiCommand.ReadDataStructure.subsystemInfo()),
                argumentSet("Read Data Structure: port 0 information", MiCommand.ReadDataStructure.portInfo(0)),
                argumentSet("Read Data Structure: controller list", MiCommand.ReadDataStructure.controllerList(0)),
                argumentSet("Read Data Structure: controller 0 information", MiCommand.ReadDataStructure.controllerInfo(0)),
                argumentSet("Read Data Structure: optional command list", MiCommand.ReadDataStructure.optionalCommands(0)),
                argumentSet("NVM Subsystem Health Status Poll", new MiCommand.SubsystemHealthStatusPoll(false)),
                argumentSet("Controller Health Status Poll", MiCommand.ControllerHealthStatusPoll.all(0, 0, false)),
                argumentSet("Configuration Get: MCTP transmission unit", new MiCommand.ConfigurationGet(
                        new ConfigQuery.MctpTransmissionUnit(0))),
                argumentSet("VPD Read: 256 bytes (5 packets at TU 64)", new MiCommand.VpdRead(0, 256)),
                argumentSet("Admin Identify Controller: 4096 bytes (65 packets)", AdminRequest.identify(0, 1, 0, 0, 4096)),
                argumentSet("Admin Get Log Page: SMART / Health", AdminRequest.getLogPage(0, 0x02, 0xFFFFFFFFL, 512, 0)),
                argumentSet("Control primitive: Get State", ControlPrimitive.getState(0, 0x5A, false)));
    }
}
