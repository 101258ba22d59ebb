package org.nvmehil.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * After the report is written: the build's verdict. The suites run with failures ignored so that a failing DUT
 * still gets its whole report; this fails the build afterwards when any conformance run (a Surefire reports
 * directory given on the command line) has a failed or broken test, and says where the report is.
 *
 * <p>Usage: {@code VerdictGate <report location> <surefire-reports dir>...}; a directory that does not exist (a run
 * that was not asked for) is passed over.
 */
public final class VerdictGate {
    private VerdictGate() {
    }

    record Tally(Path dir, int tests, int failures, int errors, int skipped) {
        boolean bad() {
            return failures + errors > 0;
        }

        @Override
        public String toString() {
            return String.format("%s: %d tests, %d failed, %d broken, %d skipped", dir.getFileName(), tests, failures,
                    errors, skipped);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Tally> tallies = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            tally(Path.of(args[i])).ifPresent(tallies::add);
        }
        tallies.forEach(t -> System.out.println("[nvme-hil] " + t));
        List<Tally> bad = tallies.stream().filter(Tally::bad).toList();
        if (!bad.isEmpty()) {
            throw new IllegalStateException("the DUT did not pass: " + bad + ". The report with every failure, its clause,"
                    + " bytes and trace: " + args[0]);
        }
    }

    static java.util.Optional<Tally> tally(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                Element e = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()).getDocumentElement();
                tests += Integer.parseInt(e.getAttribute("tests"));
                failures += Integer.parseInt(e.getAttribute("failures"));
                errors += Integer.parseInt(e.getAttribute("errors"));
                skipped += Integer.parseInt(e.getAttribute("skipped"));
            }
        }
        return java.util.Optional.of(new Tally(dir, tests, failures, errors, skipped));
    }
}
