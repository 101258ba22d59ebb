package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The report of a failing DUT, checked on every build: the suites' execution {@code model-faulty} runs with
 * {@code model.faults: [CorruptPec]} (examples/model-faulty.yaml). Every failure must cite its clause with the
 * observed value and the bytes, sort into a category, and carry its wire trace and a pcapng capture that tshark
 * reads as SMBus (I2C) frames and MCTP packets in Linux cooked captures.
 */
class FaultyRunReportTest {
    private static final Path ROOT = Path.of(System.getProperty("nvmehil.root", ".."));
    private static final Path RESULTS = RunResults.SUITES.resolve("allure-results-model-faulty");

    private static List<JsonNode> results() throws Exception {
        return RunResults.of(RESULTS, "deliberately failing run");
    }

    @Test
    void everyFailureCitesItsClauseWithBytesAndCarriesTraceAndCapture() throws Exception {
        List<JsonNode> all = results();
        List<JsonNode> failed = all.stream().filter(r -> r.path("status").asText().equals("failed")).toList();
        assertFalse(failed.isEmpty(), "the run with CorruptPec armed has failures");
        for (JsonNode r : failed) {
            String name = r.path("name").asText();
            String message = r.path("statusDetails").path("message").asText();
            assertTrue(message.matches("(?s)SPEC SHALL .+ §.+ \\[[A-Z0-9_]+\\] .+\\n  observed: .+\\n  bytes: [0-9a-f ]+.*"),
                    name + ": " + message);
            assertTrue(labels(r, "requirement").size() > 0, name + " has requirement labels");
            assertEquals("Spec violation (SHALL)", category(r), name);
            List<String> attachments = new ArrayList<>();
            for (JsonNode a : r.path("attachments")) {
                attachments.add(a.path("name").asText());
                assertTrue(Files.size(RESULTS.resolve(a.path("source").asText())) > 0, name + ": " + a);
            }
            assertEquals(List.of("wire trace", "wire capture (Wireshark)"), attachments, name);
        }
    }

    /** Debian 12's tshark 4.0: the SMBus frames as I2C, the MCTP packets in Linux cooked captures (00FAh). */
    @Test
    void theCaptureOfAFailureOpensInTshark() throws Exception {
        List<String> rows = tshark(Path.of("/usr/bin/tshark"), "apt-get install tshark", "-T", "fields", "-e",
                "frame.interface_name", "-e", "sll.ltype");
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("smbus")), "I2C frames: " + rows);
        assertTrue(rows.stream().anyMatch(l -> l.equals("mctp\t0x00fa")), "MCTP in Linux cooked captures: " + rows);
    }

    /** tshark 4.4 (tools/wireshark-trixie): the MCTP packets decode as NVMe-MI messages, MIC and all. */
    @Test
    void aCurrentTsharkDecodesTheCaptureAsNvmeMi() throws Exception {
        Path wrapper = ROOT.resolve("tools/wireshark-trixie/tshark").toAbsolutePath().normalize();
        List<String> rows = tshark(wrapper, "tools/wireshark-trixie/setup.sh", "-Y", "nvme-mi", "-T", "fields",
                "-e", "frame.protocols", "-e", "nvme-mi.mic");
        assertFalse(rows.isEmpty(), "NVMe-MI messages in the capture");
        assertTrue(rows.stream().allMatch(l -> l.startsWith("sll:mctp:nvme-mi") && l.matches(".*\t0x[0-9a-f]{8}")), rows::toString);
    }

    /** tshark's field rows for the capture attached to the run's first failure. */
    private static List<String> tshark(Path tshark, String setup, String... args) throws Exception {
        JsonNode r = results().stream().filter(x -> x.path("status").asText().equals("failed")).findFirst().orElseThrow();
        Path pcapng = null;
        for (JsonNode a : r.path("attachments")) {
            if (a.path("source").asText().endsWith(".pcapng")) {
                pcapng = RESULTS.resolve(a.path("source").asText());
            }
        }
        boolean ready = Files.isExecutable(tshark) && (tshark.startsWith("/usr")
                || Files.isExecutable(tshark.resolveSibling(".cache/trixie/usr/bin/tshark")));
        if (!ready) {
            String why = tshark + " is not set up (" + setup + ")";
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                fail(why + "; required under the ci profile");
            }
            Assumptions.abort(why);
        }
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-r", String.valueOf(pcapng)));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("nvme-hil-tshark", ".txt");
        try {
            // output to a file, so a tshark that hangs is caught by the bounded wait and killed
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tshark did not finish within 60 s: " + cmd);
            }
            assertEquals(0, p.exitValue(), "tshark read " + pcapng);
            return Files.readAllLines(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> labels(JsonNode r, String name) {
        List<String> out = new ArrayList<>();
        r.path("labels").forEach(l -> {
            if (l.path("name").asText().equals(name)) {
                out.add(l.path("value").asText());
            }
        });
        return out;
    }

    /** The one category of ResultsPrep.CATEGORIES that matches (Allure files a result under every match). */
    private static String category(JsonNode r) throws Exception {
        String message = r.path("statusDetails").path("message").asText();
        List<String> matched = CategoriesTest.categories(r.path("status").asText(), message);
        assertEquals(1, matched.size(), "categories of '" + message + "': " + matched);
        return matched.get(0);
    }
}
