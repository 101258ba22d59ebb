package org.nvmehil.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every outcome lands in exactly one category (Allure files a result under every category that matches). */
class CategoriesTest {

    static List<String> categories(String status, String message) throws Exception {
        List<String> matched = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(ResultsPrep.CATEGORIES)) {
            boolean statusOk = false;
            for (JsonNode s : c.path("matchedStatuses")) {
                statusOk |= s.asText().equals(status);
            }
            if (statusOk && (!c.has("messageRegex")
                    || Pattern.compile(c.path("messageRegex").asText()).matcher(message).matches())) {
                matched.add(c.path("name").asText());
            }
        }
        return matched;
    }

    @ParameterizedTest(name = "{0} ''{1}'' → {2}")
    @CsvSource(delimiter = '|', value = {
        "failed | SPEC SHALL DSP0237 1.1.0 §6.3 [SMBUS_PEC] rule\\n  observed: PEC 00h\\n  bytes: 20 0f | Spec violation (SHALL)",
        "failed | SPEC SHALL NVMe-MI 1.2 §4.2 [MI_X] rule\\n  observed: no response within 1000 ms | Timeout: nothing within the lab-config wait",
        "failed | SPEC SHOULD NVMe-MI 1.2 §6 [MI_ADMIN_DLEN_DOFST] rule\\n  observed: 8 bytes | Advisory (SHOULD / MAY)",
        "broken | LAB usb-serial: read on /dev/ttyUSB0 failed | Lab fault (broken: bench, transport or DUT gone)",
        "broken | java.lang.NullPointerException | Lab fault (broken: bench, transport or DUT gone)",
        "broken | test timed out after 2 minutes | Timeout: nothing within the lab-config wait",
        "failed | expected: <1> but was: <2> | Suite defect (failed without a requirement)",
        "skipped | not applicable: no dut.tcp section | Not applicable (skipped with the reason)"})
    void exactlyOneCategory(String status, String message, String category) throws Exception {
        assertEquals(List.of(category), categories(status, message.replace("\\n", "\n")));
    }
}
