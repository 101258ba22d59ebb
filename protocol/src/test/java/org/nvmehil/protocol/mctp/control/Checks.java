package org.nvmehil.protocol.mctp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.nvmehil.protocol.wire.Decoded;

/** Test helper: compares violations as {@code REQ_NAME:field} strings, in order. */
final class Checks {
    private Checks() {
    }

    static List<String> cited(Decoded<?> d) {
        return d.violations().stream().map(v -> v.req().name() + ":" + v.field()).toList();
    }

    static void assertCited(Decoded<?> d, String... expected) {
        assertEquals(List.of(expected), cited(d), () -> d.violations().toString());
    }
}
