package org.nvmehil.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nvmehil.protocol.spec.Doc;
import org.nvmehil.protocol.spec.Req;

/**
 * The conformance matrix: every requirement of the registry ({@link Req}), grouped by document and clause, with its
 * level, UNH-IOL test numbers, and for each run (the model over SMBus, over serial, the simulator on a pty, the
 * simulated I2C bus, the Linux target...) the conformance tests that cite it and their verdict. Read from the Allure
 * results of each run (label {@code requirement}, tag {@code conformance}); self-tests are left out. One HTML file,
 * no scripts, so it opens anywhere; counts are also in {@code data-*} attributes for the browser check.
 *
 * <p>Usage: {@code ConformanceMatrix <output.html>[,<copy.html>...] <run name>=<allure-results dir>...}; a run whose directory is
 * missing or empty is shown as not run.
 */
public final class ConformanceMatrix {
    /** One test's verdict in one run. */
    record Verdict(String test, String status) {
    }

    /** A requirement's verdict in one run: failed beats broken beats passed beats skipped. */
    static String combine(List<Verdict> vs) {
        if (vs.isEmpty()) {
            return "untested";
        }
        for (String s : List.of("failed", "broken", "passed", "skipped")) {
            if (vs.stream().anyMatch(v -> v.status().equals(s))) {
                return s;
            }
        }
        return "unknown";
    }

    private ConformanceMatrix() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ConformanceMatrix <output.html> <run>=<allure-results dir>...");
        }
        Map<String, Map<Req, List<Verdict>>> runs = new LinkedHashMap<>();
        Map<String, Integer> testsPerRun = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            Map<Req, List<Verdict>> byReq = new EnumMap<>(Req.class);
            testsPerRun.put(kv[0], read(Path.of(kv[1]), byReq));
            runs.put(kv[0], byReq);
        }
        String page = html(runs, testsPerRun);
        for (String o : args[0].split(",")) {
            Path out = Path.of(o);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, page);
            System.out.println("[nvme-hil] conformance matrix: " + out.toAbsolutePath());
        }
    }

    /** Reads one run's results into {@code byReq}; returns how many conformance tests it has. */
    static int read(Path dir, Map<Req, List<Verdict>> byReq) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        ObjectMapper json = new ObjectMapper();
        int tests = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
        }
        for (Path p : files) {
            JsonNode r = json.readTree(p.toFile());
            List<String> reqs = new ArrayList<>();
            boolean conformance = false;
            for (JsonNode l : r.path("labels")) {
                String name = l.path("name").asText();
                conformance |= name.equals("tag") && l.path("value").asText().equals("conformance");
                if (name.equals("requirement")) {
                    reqs.add(l.path("value").asText());
                }
            }
            if (!conformance) {
                continue;
            }
            tests++;
            Verdict v = new Verdict(r.path("name").asText(), r.path("status").asText("unknown"));
            for (String id : reqs) {
                try {
                    byReq.computeIfAbsent(Req.valueOf(id), k -> new ArrayList<>()).add(v);
                } catch (IllegalArgumentException unknown) {
                    // a label from an older registry: not a requirement any more
                }
            }
        }
        return tests;
    }

    static String html(Map<String, Map<Req, List<Verdict>>> runs, Map<String, Integer> testsPerRun) {
        StringBuilder h = new StringBuilder();
        int totalTests = testsPerRun.values().stream().mapToInt(Integer::intValue).sum();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nvme-hil conformance matrix</title>")
                .append("<style>body{font:14px sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}th{background:#eee}")
                .append(".passed{background:#d8f5d8}.failed{background:#f8d0d0}.broken{background:#f8e6c0}")
                .append(".skipped{background:#e8e8e8}.untested{color:#999}details{max-width:40em}</style></head>")
                .append("<body data-requirements=\"").append(Req.values().length).append("\" data-tests=\"").append(totalTests)
                .append("\"><h1>nvme-hil conformance matrix</h1><p>Requirement → conformance tests → verdict, per run. Generated ")
                .append(Instant.now()).append(". A requirement fails in a run when any test citing it fails there.</p>");
        h.append("<h2>Runs</h2><table><tr><th>run</th><th>conformance tests</th></tr>");
        testsPerRun.forEach((run, n) -> h.append("<tr><td>").append(esc(run)).append("</td><td class=\"run-tests\" data-run=\"")
                .append(esc(run)).append("\">").append(n == 0 ? "not run" : n).append("</td></tr>"));
        h.append("</table>");
        h.append("<h2>Coverage by document</h2><table><tr><th>document</th><th>requirements</th><th>with a test</th>");
        runs.keySet().forEach(r -> h.append("<th>").append(esc(r)).append(": passed / failed / skipped / untested</th>"));
        h.append("</tr>");
        Map<Doc, List<Req>> byDoc = new TreeMap<>();
        for (Req r : Req.values()) {
            byDoc.computeIfAbsent(r.doc, d -> new ArrayList<>()).add(r);
        }
        byDoc.forEach((doc, reqs) -> {
            h.append("<tr><td>").append(esc(doc.shortName())).append("</td><td>").append(reqs.size()).append("</td><td>")
                    .append(reqs.stream().filter(Req::isCovered).count()).append("</td>");
            runs.values().forEach(run -> {
                Map<String, Integer> c = new LinkedHashMap<>();
                for (String s : List.of("passed", "failed", "skipped", "untested")) {
                    c.put(s, 0);
                }
                reqs.forEach(r -> c.merge(bucket(combine(run.getOrDefault(r, List.of()))), 1, Integer::sum));
                h.append("<td>").append(c.get("passed")).append(" / ").append(c.get("failed")).append(" / ")
                        .append(c.get("skipped")).append(" / ").append(c.get("untested")).append("</td>");
            });
            h.append("</tr>");
        });
        h.append("</table>");
        byDoc.forEach((doc, reqs) -> {
            h.append("<h2>").append(esc(doc.shortName())).append("</h2><table><tr><th>requirement</th><th>clause</th>")
                    .append("<th>level</th><th>UNH-IOL</th><th>rule</th>");
            runs.keySet().forEach(r -> h.append("<th>").append(esc(r)).append("</th>"));
            h.append("</tr>");
            for (Req r : reqs) {
                h.append("<tr id=\"").append(r.name()).append("\"><td>").append(r.name()).append("</td><td>").append(esc(r.cite()))
                        .append("</td><td>").append(r.level).append("</td><td>").append(esc(String.join(", ", r.unhIol)))
                        .append("</td><td>").append(esc(r.text));
                if (!r.isCovered()) {
                    h.append("<br><i>not covered: ").append(esc(r.notCovered)).append("</i>");
                }
                h.append("</td>");
                runs.values().forEach(run -> {
                    List<Verdict> vs = run.getOrDefault(r, List.of());
                    String verdict = combine(vs);
                    h.append("<td class=\"").append(verdict).append("\">");
                    if (vs.isEmpty()) {
                        h.append("—");
                    } else {
                        h.append("<details><summary>").append(verdict).append(" (").append(vs.size()).append(")</summary>");
                        vs.forEach(v -> h.append(esc(v.status())).append(": ").append(esc(v.test())).append("<br>"));
                        h.append("</details>");
                    }
                    h.append("</td>");
                });
                h.append("</tr>");
            }
            h.append("</table>");
        });
        return h.append("</body></html>\n").toString();
    }

    private static String bucket(String verdict) {
        return switch (verdict) {
            case "failed", "broken" -> "failed";
            case "passed" -> "passed";
            case "skipped" -> "skipped";
            default -> "untested";
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
