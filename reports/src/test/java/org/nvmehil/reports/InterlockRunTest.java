package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The destructive-command interlock, over a whole run: the suites' execution {@code interlock} runs every
 * conformance suite on the model with {@code allowDestructive: false}, and its ledger of every command the drivers
 * were handed must show none that changes the DUT sent — while showing that such commands were asked for and
 * refused, and that the run did send plenty of ordinary ones.
 */
class InterlockRunTest {
    private static final Path LEDGER = Path.of(System.getProperty("nvmehil.root", ".."))
            .resolve("suites/target/allure-results-interlock/sent-commands.tsv");

    @Test
    void noDestructiveCommandIsSentWithTheInterlockOn() throws Exception {
        if (!Files.exists(LEDGER)) {
            String why = "the interlock run did not run (no " + LEDGER + ")";
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        List<String[]> rows = Files.readAllLines(LEDGER).stream().skip(1).map(l -> l.split("\t")).toList();
        List<String> sentDestructive = rows.stream().filter(r -> r[0].equals("sent") && !r[2].equals("-"))
                .map(r -> String.join(" ", r)).toList();
        assertEquals(List.of(), sentDestructive, "destructive commands sent with allowDestructive: false");
        long sent = rows.stream().filter(r -> r[0].equals("sent")).mapToLong(r -> Long.parseLong(r[3])).sum();
        assertTrue(sent > 1000, sent + " commands sent: the run exercised the DUT");
        List<String> refused = rows.stream().filter(r -> r[0].equals("refused")).map(r -> r[2]).toList();
        for (String expected : List.of("NVMe-MI VPD Write", "NVMe-MI Configuration Set", "I/O Write")) {
            assertTrue(refused.contains(expected), expected + " was asked for and refused: " + refused);
        }
    }
}
