package org.nvmehil.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before Allure turns the results into a report: writes {@code categories.json} (how failures are sorted: spec
 * violation, advisory, timeout, lab fault, not applicable) into the results directory.
 *
 * <p>Usage: {@code ResultsPrep <allure-results dir>...}
 */
public final class ResultsPrep {
    /** The words of a wait that ended with nothing: a missing response, completion or state change, or the watchdog. */
    static final String TIMEOUT = "(no response within|no completion within|no ICResp within|nothing within|not 1 within|not 10b within|timed out after)";

    /**
     * Allure puts a result in every category that matches, so these exclude each other. Messages: {@code SPEC <level>
     * <cite> ...} from a ConformanceFailure; {@code LAB ...} from a lab or transport fault; a timeout's says how long
     * it waited ({@link #TIMEOUT}), whichever of those it is.
     */
    static final String CATEGORIES = """
            [
              {"name": "Timeout: nothing within the lab-config wait", "matchedStatuses": ["failed", "broken"],
               "messageRegex": "(?s).*%1$s.*"},
              {"name": "Spec violation (SHALL)", "matchedStatuses": ["failed"], "messageRegex": "(?s)SPEC SHALL (?!.*%1$s).*"},
              {"name": "Advisory (SHOULD / MAY)", "matchedStatuses": ["failed"],
               "messageRegex": "(?s)SPEC (SHOULD|MAY) (?!.*%1$s).*"},
              {"name": "Lab fault (broken: bench, transport or DUT gone)", "matchedStatuses": ["broken"],
               "messageRegex": "(?s)(?!.*%1$s).*"},
              {"name": "Not applicable (skipped with the reason)", "matchedStatuses": ["skipped"]},
              {"name": "Suite defect (failed without a requirement)", "matchedStatuses": ["failed"],
               "messageRegex": "(?s)(?!SPEC )(?!.*%1$s).*"}
            ]
            """.formatted(TIMEOUT);

    private ResultsPrep() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ResultsPrep <allure-results dir>...");
        }
        for (String a : args) {
            Path results = Path.of(a);
            Files.createDirectories(results);
            Files.writeString(results.resolve("categories.json"), CATEGORIES);
        }
    }
}
