package org.nvmehil.suites.meta;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.qameta.allure.Allure;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nvmehil.fixtures.spec.SpecExtension;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.suites.meta.Coverage.Requirement;

/**
 * Every {@link Req} has a test citing it with {@code @Spec}, or a {@code notCovered} reason, never both. Finds
 * the tests by JUnit discovery over {@code org.nvmehil.suites}, so it sees exactly what a run would run.
 */
@Tag("meta")
class RequirementCoverageTest {

    static final String SUITES_PACKAGE = "org.nvmehil.suites";

    @Test
    @DisplayName("every requirement is tested or says why not, and no tested requirement is still marked")
    void everyRequirementIsTestedOrExplained() {
        Map<String, List<String>> testsById = citations();
        List<Requirement> registry = Arrays.stream(Req.values()).map(Requirement::of).collect(Collectors.toList());

        String summary = Coverage.summary(registry, testsById);
        System.out.print(summary);
        Allure.addAttachment("requirement coverage", "text/plain", summary, ".txt");

        List<String> problems = Coverage.check(registry, testsById);
        if (!problems.isEmpty()) {
            fail(problems.size() + " requirement coverage problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    /** Requirement id → tests citing it ({@code Class#method}), from a discovery of the suites. */
    static Map<String, List<String>> citations() {
        LauncherConfig config = LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build();
        TestPlan plan = LauncherFactory.create(config).discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(SUITES_PACKAGE))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build());
        Map<String, Set<String>> found = new TreeMap<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                // tests, and test templates/factories (containers whose invocations appear only at run time)
                if (id.getSource().orElse(null) instanceof MethodSource source) {
                    Class<?> testClass = source.getJavaClass();
                    Method method = source.getJavaMethod();
                    for (Req r : SpecExtension.citedBy(testClass, method)) {
                        found.computeIfAbsent(r.name(), k -> new LinkedHashSet<>())
                                .add(testClass.getName() + "#" + method.getName());
                    }
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        found.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }
}
