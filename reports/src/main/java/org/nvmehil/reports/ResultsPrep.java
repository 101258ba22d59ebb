package org.nvmehil.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before Allure turns the results into a report: writes {@code categories.json} (how failures are sorted: spec
 * violation, advisory, timeout, lab fault, not applicable) into the results directory.
 *
 * <p>Usage: {@code ResultsPrep <allure-results dir>}
 */
public final class ResultsPrep {
    /**
     * First match wins. Messages: {@code SPEC <level> <cite> ...} from a ConformanceFailure; {@code LAB ...} from a
     * lab or transport fault; timeouts say {@code no response within} (a missing response) or come from the
     * per-test watchdog ({@code timed out after}).
     */
    static final String CATEGORIES = """
            [
              {"name": "Timeout: no response within the lab-config wait", "matchedStatuses": ["failed", "broken"],
               "messageRegex": "(?s).*(no response within|no completion within|no ICResp within|nothing within|not 1 within|not 10b within|timed out after).*"},
              {"name": "Spec violation (SHALL)", "matchedStatuses": ["failed"], "messageRegex": "(?s)SPEC SHALL .*"},
              {"name": "Advisory (SHOULD / MAY)", "matchedStatuses": ["failed"], "messageRegex": "(?s)SPEC (SHOULD|MAY) .*"},
              {"name": "Lab fault (broken: bench, transport or DUT gone)", "matchedStatuses": ["broken"]},
              {"name": "Not applicable (skipped with the reason)", "matchedStatuses": ["skipped"]},
              {"name": "Suite defect (failed without a requirement)", "matchedStatuses": ["failed"]}
            ]
            """;

    private ResultsPrep() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ResultsPrep <allure-results dir>");
        }
        Path results = Path.of(args[0]);
        Files.createDirectories(results);
        Files.writeString(results.resolve("categories.json"), CATEGORIES);
    }
}
