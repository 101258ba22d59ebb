package org.nvmehil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nvmehil.fixtures.config.LabConfigException;
import org.nvmehil.fixtures.config.LabConfigLoader;

/**
 * The lab-config loader on any file: it loads, or refuses with a {@link LabConfigException} (which names the YAML
 * path and the fix); any other exception is a finding.
 */
class LabConfigFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("nvme-hil-fuzz", ".yaml");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void load(byte[] yaml) throws IOException {
        Files.write(FILE, yaml);
        try {
            LabConfigLoader.load(FILE);
        } catch (LabConfigException refused) {
            if (refused.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", refused);
            }
        }
    }
}
