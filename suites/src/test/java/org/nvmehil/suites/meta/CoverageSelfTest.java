package org.nvmehil.suites.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nvmehil.suites.meta.Coverage.Requirement;

/** Tests the tester: the coverage rules catch what they must, with fake registries. */
@Tag("meta")
class CoverageSelfTest {

    static final Requirement TESTED = new Requirement("A_TESTED", "Doc 1", "Doc 1 §1", null);
    static final Requirement EXPLAINED = new Requirement("B_EXPLAINED", "Doc 1", "Doc 1 §2", "needs a bench");
    static final Requirement FORGOTTEN = new Requirement("C_FORGOTTEN", "Doc 2", "Doc 2 §3", null);
    static final Requirement STALE = new Requirement("D_STALE", "Doc 2", "Doc 2 §4", "test arrives later");

    @Test
    @DisplayName("tested, or untested with a reason → no problems")
    void consistentRegistryPasses() {
        assertEquals(List.of(), Coverage.check(List.of(TESTED, EXPLAINED), Map.of("A_TESTED", List.of("T#a"))));
    }

    @Test
    @DisplayName("untested without a reason → a problem telling the author to add a test or a reason")
    void uncoveredUnmarkedFails() {
        List<String> problems = Coverage.check(List.of(TESTED, FORGOTTEN), Map.of("A_TESTED", List.of("T#a")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("C_FORGOTTEN (Doc 2 §3) has no test and no notCovered reason"));
        assertTrue(problems.get(0).contains("@Spec(Req.C_FORGOTTEN)"));
    }

    @Test
    @DisplayName("tested but still marked notCovered → a problem telling the author to remove the mark")
    void staleMarkFails() {
        List<String> problems = Coverage.check(List.of(STALE), Map.of("D_STALE", List.of("T#x", "U#y")));
        assertEquals(List.of("D_STALE is marked notCovered (\"test arrives later\") but is tested by T#x, U#y:"
                + " remove the notCovered reason from Req.D_STALE"), problems);
    }

    @Test
    @DisplayName("summary counts covered and not covered per document, and groups the reasons")
    void summary() {
        String s = Coverage.summary(List.of(TESTED, EXPLAINED, FORGOTTEN, STALE),
                Map.of("A_TESTED", List.of("T#a")));
        assertTrue(s.startsWith("Requirement coverage: 1 of 4 covered\n"), s);
        assertTrue(s.contains("Doc 1            covered   1  not covered   1"), s);
        assertTrue(s.contains("Doc 2            covered   0  not covered   2"), s);
        assertTrue(s.contains("    1  needs a bench"), s);
    }
}
