package org.nvmehil.protocol.fault;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link Fault} written as text, for a lab-config that arms the model for a whole run: the record's name, and its
 * arguments in parentheses when it has any — {@code CorruptPec}, {@code WrongByteCount(1)},
 * {@code CorruptField(15, 0x01)}, {@code LateResponse(2s)}. Integers are decimal or 0x-hex; durations take a unit
 * (us, ms, s); enums are given by constant name.
 */
public final class FaultSpec {
    private static final Pattern SPEC = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(us|ms|s)");

    private FaultSpec() {
    }

    /** Every fault name, for messages. */
    public static List<String> names() {
        return Arrays.stream(Fault.class.getPermittedSubclasses()).map(Class::getSimpleName).sorted().toList();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and how to write it
     */
    public static Fault parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a fault; write a name, with arguments in"
                    + " parentheses if it takes any, e.g. WrongByteCount(1)");
        }
        Class<?> type = Arrays.stream(Fault.class.getPermittedSubclasses())
                .filter(c -> c.getSimpleName().equals(m.group(1))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault named '" + m.group(1) + "'; known: " + names()));
        RecordComponent[] parts = type.getRecordComponents();
        List<String> args = m.group(2) == null || m.group(2).isBlank() ? List.of()
                : Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
        String signature = type.getSimpleName() + Arrays.stream(parts)
                .map(p -> p.getType().getSimpleName() + " " + p.getName()).collect(Collectors.joining(", ", "(", ")"));
        if (args.size() != parts.length) {
            throw new IllegalArgumentException(type.getSimpleName() + " takes " + parts.length + " argument(s), "
                    + args.size() + " given; write " + signature);
        }
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            values[i] = value(types[i], args.get(i), signature);
        }
        try {
            return (Fault) type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(spec + ": " + cause.getMessage() + "; write " + signature, cause);
        }
    }

    private static Object value(Class<?> type, String text, String signature) {
        try {
            if (type == int.class) {
                return Math.toIntExact(Long.decode(text));
            }
            if (type == long.class) {
                return Long.decode(text);
            }
            if (type == boolean.class && (text.equals("true") || text.equals("false"))) {
                return Boolean.parseBoolean(text);
            }
            if (type == Duration.class) {
                Matcher d = DURATION.matcher(text);
                if (d.matches()) {
                    long n = Long.parseLong(d.group(1));
                    return switch (d.group(2)) {
                        case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                        case "ms" -> Duration.ofMillis(n);
                        default -> Duration.ofSeconds(n);
                    };
                }
            }
            if (type.isEnum()) {
                for (Object c : type.getEnumConstants()) {
                    if (((Enum<?>) c).name().equals(text)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a " + type.getSimpleName() + "; write " + signature);
    }
}
