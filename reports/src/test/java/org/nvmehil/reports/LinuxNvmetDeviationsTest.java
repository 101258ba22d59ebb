package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The NVMe/TCP suites' run against the real Linux kernel target fails exactly where Linux is known to depart
 * from the specification (tools/nvmet-vm/known-deviations.tsv), citing the listed requirement — and nowhere
 * else. A listed deviation that no longer fails means the list is out of date.
 */
class LinuxNvmetDeviationsTest {
    private static final Path ROOT = Path.of(System.getProperty("nvmehil.root", ".."));
    private static final Path RESULTS = ROOT.resolve("suites/target/surefire-reports-linux-nvmet");
    private static final Path KNOWN = ROOT.resolve("tools/nvmet-vm/known-deviations.tsv");
    private static final Pattern CITED = Pattern.compile("\\[([A-Z][A-Z0-9_]+)\\]");

    @Test
    void failuresAgainstLinuxNvmet_areExactlyTheDocumentedDeviations() throws Exception {
        List<Path> reports = reports();
        if (reports.isEmpty()) {
            String why = "the suites did not run against the Linux nvmet VM (no " + RESULTS + ")";
            if (Boolean.getBoolean("nvmehil.requireExternalTools")) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Map<String, String> known = known();
        Map<String, String> failed = new TreeMap<>();
        int tests = 0;
        int skipped = 0;
        for (Path p : reports) {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()).getDocumentElement();
            // TEST-<package>.<Class>.xml: the class name (testcase classname holds the display name)
            String file = p.getFileName().toString();
            String fqcn = file.substring("TEST-".length(), file.length() - ".xml".length());
            String cls = fqcn.substring(fqcn.lastIndexOf('.') + 1);
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                tests++;
                String id = cls + "#" + c.getAttribute("name").replaceFirst("\\(.*", "");
                skipped += c.getElementsByTagName("skipped").getLength();
                for (String tag : new String[] {"failure", "error"}) {
                    NodeList f = c.getElementsByTagName(tag);
                    if (f.getLength() > 0) {
                        Matcher m = CITED.matcher(((Element) f.item(0)).getAttribute("message"));
                        failed.merge(id, m.find() ? m.group(1) : tag + ": " + ((Element) f.item(0)).getAttribute("message"),
                                (a, b) -> a.equals(b) ? a : a + ", " + b);
                    }
                }
            }
        }
        assertTrue(tests > 0, "no test ran against the VM");
        assertEquals(0, skipped, "tests skipped against the VM: it was not reachable or a feature was missing");
        List<String> problems = new ArrayList<>();
        failed.forEach((id, req) -> {
            if (!req.equals(known.get(id))) {
                problems.add("unexpected failure " + id + " citing " + req
                        + (known.containsKey(id) ? " (documented as " + known.get(id) + ")" : " (not a documented deviation)"));
            }
        });
        known.forEach((id, req) -> {
            if (!failed.containsKey(id)) {
                problems.add("documented deviation " + id + " (" + req + ") did not fail: update " + KNOWN);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static List<Path> reports() throws IOException {
        if (!Files.isDirectory(RESULTS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(RESULTS)) {
            return s.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml")).toList();
        }
    }

    private static Map<String, String> known() throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(KNOWN)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            m.put(f[0], f[1]);
        }
        return m;
    }
}
