package org.nvmehil.protocol.fault;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link Fault} (or a {@link Dying}) written as text, for a lab-config that arms the model for a whole run: the record's name, and its
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
        return names(Fault.class);
    }

    private static List<String> names(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getSimpleName).sorted().toList();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and how to write it
     */
    public static Fault parse(String spec) {
        return parse(Fault.class, spec, "fault", "WrongByteCount(1)");
    }

    /**
     * A {@link Dying}, e.g. {@code Silent(300, 200)}.
     *
     * @throws IllegalArgumentException naming what is wrong and how to write it
     */
    public static Dying parseDying(String spec) {
        return parse(Dying.class, spec, "way to die", "Silent(300, 200)");
    }

    private static <T> T parse(Class<T> sealed, String spec, String what, String example) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            String split = spec.contains("(") && !spec.contains(")") ? " (a comma inside a [..] list splits the item:"
                    + " quote it, '" + example + "', or write one '- ' item per line)" : "";
            throw new IllegalArgumentException("'" + spec + "' is not a " + what + "; write a name, with arguments in"
                    + " parentheses if it takes any, e.g. " + example + split);
        }
        Class<?> type = Arrays.stream(sealed.getPermittedSubclasses())
                .filter(c -> c.getSimpleName().equals(m.group(1))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + what + " named '" + m.group(1) + "'; known: "
                        + names(sealed)));
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
            return sealed.cast(type.getDeclaredConstructor(types).newInstance(values));
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
