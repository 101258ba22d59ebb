package org.nvmehil.suites.slots;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nvmehil.fixtures.dut.Conformance;
import org.nvmehil.fixtures.mi.Exchange;
import org.nvmehil.fixtures.mi.MiClient;
import org.nvmehil.fixtures.spec.Spec;
import org.nvmehil.protocol.mi.ManagementEndpointState;
import org.nvmehil.protocol.mi.MiRequest;
import org.nvmehil.protocol.mi.MiStatus;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.support.Mi;
import org.nvmehil.suites.support.Slots;

/** Two command slots, one outstanding Command Message each (NVMe-MI 1.2 §4.2; UNH-IOL group 7). */
@Conformance
@DisplayName("NVMe-MI command slots (NVMe-MI 1.2 §4.2)")
class CommandSlotTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                argumentSet("short on slot 0, short on slot 1", Slots.poll(0), Slots.poll(1)),
                argumentSet("long on slot 0, short on slot 1", Slots.identify(0), Slots.poll(1)),
                argumentSet("short on slot 0, long on slot 1", Slots.poll(0), Slots.identify(1)),
                argumentSet("long on both slots", Slots.identify(0), Slots.identify(1)));
    }

    /**
     * Steps: send a command on slot 0 and one on slot 1 before reading anything. Assertions: both are
     * answered, each response well formed and carrying its own request's CSI and tag.
     */
    @ParameterizedTest(name = "{argumentSetName} → both answered on their own slot")
    @MethodSource("pairs")
    @Spec({Req.MI_TWO_SLOTS, Req.MI_RESPONSE_CSI})
    void bothSlots_concurrentCommandsAnsweredOnTheirSlot(MiRequest slot0, MiRequest slot1, MiClient mi) {
        checkConcurrent(mi, slot0, slot1);
    }

    static void checkConcurrent(MiClient mi, MiRequest slot0, MiRequest slot1) {
        List<Exchange> ex = mi.sendAll(List.of(slot0.seal(), slot1.seal()));
        Mi.answer(mi, slot0.seal(), ex.get(0)).requireStatus(MiStatus.SUCCESS, Req.MI_TWO_SLOTS);
        Mi.answer(mi, slot1.seal(), ex.get(1)).requireStatus(MiStatus.SUCCESS, Req.MI_TWO_SLOTS);
    }

    /**
     * Steps: clear the error flags; send a long command on slot 0 and, before its response is read, a
     * second command on slot 0; collect both; Get State. Assertions: the first is answered; if the second
     * was not, CMNICS is set; the ME answers a new command afterwards.
     */
    @Test
    @DisplayName("second command on a busy slot → ME stays responsive, a discard sets CMNICS")
    @Spec(Req.MI_SLOT_OVERLAP)
    void busySlot_secondCommandEitherAnsweredOrFlagged(MiClient mi) {
        Slots.getState(mi, 0, true);
        MiRequest first = Slots.identify(0);
        MiRequest second = Slots.poll(0);
        int t1 = mi.submit(first.seal());
        int t2 = mi.submit(second.seal());
        Exchange e1 = mi.await(t1, mi.timing().responseTimeout());
        Exchange e2 = mi.await(t2, mi.timing().silenceWindow());
        if (e1.answered()) {
            Mi.answer(mi, first.seal(), e1);
        }
        if (e2.answered()) {
            Mi.answer(mi, second.seal(), e2);
        }
        ManagementEndpointState mes = Slots.getState(mi, 0, true);
        boolean dropped = !e1.answered() || !e2.answered();
        Slots.require(!dropped || mes.cmnics(), Req.MI_SLOT_OVERLAP,
                "a command was discarded (" + (e1.answered() ? "second" : "first") + ") but CMNICS is clear: " + mes, mi);
        Mi.ok(mi, Slots.poll(0), Req.MI_SLOT_OVERLAP);
    }
}
