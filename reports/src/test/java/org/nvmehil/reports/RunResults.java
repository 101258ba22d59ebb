package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The Allure results of one of the suites' runs, for the tests that check a whole run's report. */
final class RunResults {
    static final Path SUITES = Path.of(System.getProperty("nvmehil.root", "..")).resolve("suites/target");

    private RunResults() {
    }

    /**
     * Every {@code *-result.json} in {@code dir}. None: the run was not asked for — the test is skipped, or fails
     * where external tools are required (the ci profile runs every run).
     */
    static List<JsonNode> of(Path dir, String run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            ObjectMapper json = new ObjectMapper();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                    out.add(json.readTree(p.toFile()));
                }
            }
        }
        if (out.isEmpty()) {
            String why = "the " + run + " did not run (no results in " + dir + ")";
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return out;
    }
}
