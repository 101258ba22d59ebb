package org.nvmehil.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks at the report the way a person does: headless Chromium opens the single-file Allure report and the
 * conformance matrix from {@code file://}, and the DOM it renders must show what the results hold — the number of
 * test cases on the Overview, and a row for every requirement in the matrix. Needs {@code chromium} (Debian package
 * {@code chromium}); without it the check is skipped with that reason, unless {@code requireExternalTools} is true
 * (the ci profile), when its absence fails the build.
 *
 * <p>Usage: {@code BrowserCheck <requireExternalTools> <matrix.html> <allure-results dir>=<single-file report index.html>...}
 */
public final class BrowserCheck {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private BrowserCheck() {
    }

    public static void main(String[] args) throws Exception {
        boolean required = Boolean.parseBoolean(args[0]);
        Path matrix = Path.of(args[1]).toAbsolutePath();
        if (!Files.isExecutable(CHROMIUM)) {
            String why = "browser check not run: no " + CHROMIUM + " (apt-get install chromium)";
            if (required) {
                throw new IllegalStateException(why + "; required under the ci profile");
            }
            System.out.println("[nvme-hil] " + why);
            return;
        }
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            Path report = Path.of(kv[1]).toAbsolutePath();
            int expected = testCases(Path.of(kv[0]));
            String dom = dumpDom(report);
            Matcher m = Pattern.compile("(\\d+)\\s*</[^>]+>\\s*<[^>]+>\\s*test cases", Pattern.CASE_INSENSITIVE).matcher(dom);
            if (!m.find()) {
                throw new IllegalStateException("the report rendered without its 'test cases' count: " + report
                        + " (" + dom.length() + " characters of DOM)");
            }
            int shown = Integer.parseInt(m.group(1));
            if (shown != expected) {
                throw new IllegalStateException(report + " shows " + shown + " test cases, its results hold " + expected);
            }
            System.out.println("[nvme-hil] browser check: Chromium renders " + report + " with " + shown + " test cases");
        }
        String matrixDom = dumpDom(matrix);
        long rows = Pattern.compile("<tr id=\"[A-Z][A-Z0-9_]+\"").matcher(matrixDom).results().count();
        Matcher reqs = Pattern.compile("data-requirements=\"(\\d+)\"").matcher(matrixDom);
        if (!reqs.find() || rows != Long.parseLong(reqs.group(1))) {
            throw new IllegalStateException("the matrix rendered " + rows + " requirement rows, expected "
                    + (reqs.find(0) ? reqs.group(1) : "a data-requirements count"));
        }
        System.out.println("[nvme-hil] browser check: Chromium renders the matrix with " + rows + " requirements");
    }

    /** Test cases as Allure counts them: one per history id (retries of a test are one case). */
    static int testCases(Path results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        try (Stream<Path> s = Files.list(results)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                ids.add(json.readTree(p.toFile()).path("historyId").asText(p.getFileName().toString()));
            }
        }
        return ids.size();
    }

    /** The DOM after scripts ran, from {@code chromium --headless --dump-dom} on a fresh profile. */
    static String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("nvme-hil-chromium");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom",
                page.toUri().toString()));
        Path out = Files.createTempFile("nvme-hil-dom", ".html");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly); // chromium's renderer and GPU processes too
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish rendering " + page + " within " + TIMEOUT_SECONDS + " s");
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            try (Stream<Path> walk = Files.walk(profile)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
