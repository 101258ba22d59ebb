package org.nvmehil.suites.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nvmehil.protocol.spec.Req;

/**
 * The requirement coverage rules, as pure functions over plain data so they can be tested with fake
 * registries: every requirement has a test or a reason why not, and no requirement with a test still carries
 * a reason.
 */
final class Coverage {

    /**
     * One registry entry.
     *
     * @param id         constant name, e.g. {@code MI_MIC}
     * @param document   document short name, e.g. {@code NVMe-MI 1.2}
     * @param cite       citation for messages
     * @param notCovered why no test exists yet; null when a test is expected
     */
    record Requirement(String id, String document, String cite, String notCovered) {
        static Requirement of(Req r) {
            return new Requirement(r.name(), r.doc.shortName(), r.cite(), r.notCovered);
        }
    }

    private Coverage() {
    }

    /** Problems found, one message each; empty when coverage is consistent. */
    static List<String> check(List<Requirement> registry, Map<String, List<String>> testsById) {
        List<String> problems = new ArrayList<>();
        for (Requirement r : registry) {
            List<String> tests = testsById.getOrDefault(r.id(), List.of());
            if (tests.isEmpty() && r.notCovered() == null) {
                problems.add(r.id() + " (" + r.cite() + ") has no test and no notCovered reason: cite it with"
                        + " @Spec(Req." + r.id() + ") on a test, or give Req." + r.id() + " a notCovered reason");
            } else if (!tests.isEmpty() && r.notCovered() != null) {
                problems.add(r.id() + " is marked notCovered (\"" + r.notCovered() + "\") but is tested by "
                        + String.join(", ", tests) + ": remove the notCovered reason from Req." + r.id());
            }
        }
        return problems;
    }

    /** A short report: covered and not covered per document, then the reasons for the gaps. */
    static String summary(List<Requirement> registry, Map<String, List<String>> testsById) {
        Map<String, int[]> byDoc = new LinkedHashMap<>();
        Map<String, Integer> byReason = new TreeMap<>();
        int covered = 0;
        for (Requirement r : registry) {
            boolean tested = !testsById.getOrDefault(r.id(), List.of()).isEmpty();
            int[] counts = byDoc.computeIfAbsent(r.document(), d -> new int[2]);
            counts[tested ? 0 : 1]++;
            covered += tested ? 1 : 0;
            if (!tested && r.notCovered() != null) {
                byReason.merge(r.notCovered(), 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder("Requirement coverage: ").append(covered).append(" of ")
                .append(registry.size()).append(" covered\n");
        byDoc.forEach((doc, c) -> b.append(String.format("  %-16s covered %3d  not covered %3d%n", doc, c[0], c[1])));
        if (!byReason.isEmpty()) {
            b.append("Not covered, by reason:\n");
            b.append(byReason.entrySet().stream().map(e -> String.format("  %3d  %s", e.getValue(), e.getKey()))
                    .collect(Collectors.joining("\n"))).append('\n');
        }
        return b.toString();
    }
}
