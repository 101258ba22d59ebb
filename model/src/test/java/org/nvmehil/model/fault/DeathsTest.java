package org.nvmehil.model.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nvmehil.model.fault.Deaths.Verdict;
import org.nvmehil.protocol.fault.Dying;

class DeathsTest {

    private static List<Verdict> run(Deaths d, int units) {
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            out.add(d.onUnit());
        }
        return out;
    }

    @Test
    void silentFromItsUnitForItsCountThenLiveAgain() {
        Deaths d = new Deaths(List.of(new Dying.Silent(3, 2)), false);
        assertEquals(List.of(Verdict.LIVE, Verdict.LIVE, Verdict.IGNORE, Verdict.IGNORE, Verdict.LIVE), run(d, 5));
        assertEquals(5, d.units());
    }

    @Test
    void silentZeroIsForever() {
        Deaths d = new Deaths(List.of(new Dying.Silent(1, 0)), false);
        assertTrue(run(d, 1000).stream().allMatch(v -> v == Verdict.IGNORE));
        assertTrue(d.silent());
    }

    @Test
    void resetAndCloseFireOnTheirUnitOnly() {
        assertEquals(List.of(Verdict.LIVE, Verdict.RESET, Verdict.LIVE),
                run(new Deaths(List.of(new Dying.Reset(2)), false), 3));
        assertEquals(List.of(Verdict.CLOSE, Verdict.LIVE), run(new Deaths(List.of(new Dying.CloseTcp(1)), true), 2));
    }

    @Test
    void unplugFailsItsUnitAndTheNextCallsThenTheLinkIsBack() {
        Deaths d = new Deaths(List.of(new Dying.Unplug(2, 3)), false);
        assertEquals(Verdict.LIVE, d.onUnit());
        assertEquals(Verdict.UNPLUGGED, d.onUnit()); // call 1: the unit that pulled the plug
        assertTrue(d.unplugged());                   // call 2: a receive
        assertEquals(Verdict.UNPLUGGED, d.onUnit()); // call 3
        assertFalse(d.unplugged());
        assertEquals(Verdict.LIVE, d.onUnit());
        assertEquals(3, d.units(), "units sent while unplugged (after the one that pulled the plug) are not counted");
    }

    @Test
    void eachInterfaceSeesOnlyItsOwnDeaths() {
        List<Dying> plan = List.of(new Dying.Silent(1, 0), new Dying.CloseTcp(1));
        assertEquals(Verdict.IGNORE, new Deaths(plan, false).onUnit());
        assertEquals(Verdict.CLOSE, new Deaths(plan, true).onUnit());
        assertFalse(Deaths.none().planned());
    }
}
