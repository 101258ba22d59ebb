package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A dying DUT, over a whole run: the suites' execution {@code dying-dut} runs every conformance suite against a model
 * that resets, goes mute, loses its link and drops NVMe/TCP connections part-way (examples/model-dying.yaml). The run
 * must have a result for every test, explain every test that did not pass, find the DUT again after each death, and
 * end in bounded time.
 */
class DyingRunReportTest {
    private static final Path SUITES = RunResults.SUITES;
    private static final Path RESULTS = SUITES.resolve("allure-results-dying");
    private static final Path SERIAL_RESULTS = SUITES.resolve("allure-results-dying-serial");
    private static final String DUT_DOWN = "LAB the DUT is not answering since ";
    /** How long the whole dying run may take (it takes about 15 s here: the NVMe/TCP waits are wall time). */
    private static final long BOUND_MILLIS = 180_000;

    private static List<JsonNode> results() throws Exception {
        return results(RESULTS);
    }

    private static List<JsonNode> results(Path dir) throws Exception {
        return RunResults.of(dir, "dying-DUT run");
    }

    private static String message(JsonNode r) {
        return r.path("statusDetails").path("message").asText();
    }

    @Test
    void everyTestHasAResultAndEveryOneThatDidNotPassIsExplained() throws Exception {
        List<JsonNode> all = results();
        VerdictGate.Tally dying = VerdictGate.tally(SUITES.resolve("surefire-reports-dying")).orElseThrow();
        assertEquals(dying.tests(), all.size(), "one report entry per test that ran: " + dying);
        VerdictGate.tally(SUITES.resolve("surefire-reports-interlock")).ifPresent(same -> assertEquals(same.tests(),
                dying.tests(), "the same suites ran to the end as in the healthy interlock run"));
        long notRun = 0;
        List<String> hit = new ArrayList<>();
        for (JsonNode r : all) {
            String status = r.path("status").asText();
            String m = message(r);
            if (status.equals("passed") || status.equals("skipped")) {
                continue;
            }
            assertTrue(m.startsWith("LAB ") || m.startsWith("SPEC "), r.path("name").asText() + " is " + status
                    + " with a message saying why: " + m);
            if (m.startsWith(DUT_DOWN)) {
                assertEquals("broken", status, m);
                notRun++;
            } else {
                hit.add(r.path("fullName").asText() + " [" + status + "]: " + m.lines().findFirst().orElse(""));
            }
        }
        List<String[]> ledger = ledger();
        long notRunByLedger = ledger.stream().filter(l -> l[1].equals("back")).mapToLong(l -> {
            Matcher n = Pattern.compile("after (\\d+) test").matcher(l[3]);
            assertTrue(n.find(), l[3]);
            return Long.parseLong(n.group(1));
        }).sum();
        assertEquals(notRunByLedger, notRun, "tests reported as not run while the DUT was down, as the ledger counts");
        // the five deaths each hit the test in flight (or were spent by a probe); nothing else fails
        assertTrue(hit.size() <= 5, "only the tests a death hit fail or break of themselves: " + hit);
        System.out.println("[nvme-hil] dying run: " + dying + "; " + notRun + " not run while down; hit: " + hit);
    }

    @Test
    void theDutWentDownAndCameBackEachTimeAndEveryDeathHappened() throws Exception {
        results();
        List<String[]> ledger = ledger();
        List<String> states = ledger.stream().map(l -> l[1]).toList();
        assertEquals(List.of("down", "back", "down", "back", "down", "back"), states,
                "NVMe/TCP mute, NVMe-MI link unplugged, NVMe-MI mute: each found and recovered");
        assertTrue(ledger.stream().anyMatch(l -> l[3].contains("NVMe-MI link: LAB model: the device is gone")), "unplug");
        assertTrue(ledger.stream().anyMatch(l -> l[3].contains("NVMe-MI: MCTP Get Endpoint ID got nothing")), "mute");
        assertTrue(ledger.stream().anyMatch(l -> l[3].contains("NVMe/TCP: no ICResp")), "NVMe/TCP mute");
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(RESULTS.resolve("environment.properties"))) {
            env.load(r);
        }
        Matcher units = Pattern.compile(", (\\d+) NVMe-MI units so far").matcher(env.getProperty("mi.dying", ""));
        assertTrue(units.find(), "the environment shows the plan and the count: " + env);
        assertTrue(Long.parseLong(units.group(1)) > 730, "the run got past the last NVMe-MI death: " + units.group());
    }

    @Test
    void theRunEndsInBoundedTime() throws Exception {
        List<JsonNode> all = results();
        long start = all.stream().mapToLong(r -> r.path("start").asLong()).min().orElseThrow();
        long stop = all.stream().mapToLong(r -> r.path("stop").asLong()).max().orElseThrow();
        assertTrue(all.stream().allMatch(r -> r.path("stop").asLong() >= r.path("start").asLong()), "every test ended");
        assertTrue(stop - start < BOUND_MILLIS, "the dying run took " + (stop - start) + " ms");
    }

    /**
     * The serial adapter pulled mid-run (execution dying-serial, a real socat pty that the simulator removes and
     * restores): the test in flight breaks as a lab fault, the tests while the port is missing are broken unrun, the
     * port is opened again once it is back, and the rest of the run passes.
     */
    @Test
    void aVanishedSerialPortIsFoundAgainAndTheRunGoesOn() throws Exception {
        List<JsonNode> all = results(SERIAL_RESULTS);
        VerdictGate.Tally t = VerdictGate.tally(SUITES.resolve("surefire-reports-dying-serial")).orElseThrow();
        assertEquals(t.tests(), all.size(), "one report entry per test that ran: " + t);
        List<String[]> ledger = ledger(SERIAL_RESULTS);
        assertEquals(List.of("down", "back"), ledger.stream().map(l -> l[1]).toList(), "one outage, found again");
        assertTrue(ledger.get(0)[3].contains("NVMe-MI link: LAB usb-serial: "), ledger.get(0)[3]);
        List<String> notPassed = all.stream().filter(r -> !r.path("status").asText().equals("passed"))
                .map(DyingRunReportTest::message).toList();
        assertTrue(notPassed.stream().allMatch(m -> m.startsWith("LAB ")), "lab faults only: " + notPassed);
        assertTrue(notPassed.stream().anyMatch(m -> m.contains("the port went away")), "the test in flight: " + notPassed);
        assertTrue(t.tests() - notPassed.size() > notPassed.size(), "the run went on after the port came back: " + t);
    }

    private static List<String[]> ledger() throws Exception {
        return ledger(RESULTS);
    }

    private static List<String[]> ledger(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("dut-health.tsv")).stream().skip(1).map(l -> l.split("\t", 4)).toList();
    }
}
