package org.nvmehil.protocol.wire;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a decoder makes of device bytes: the value (absent when the bytes cannot be read as one),
 * every spec violation seen, and the raw bytes. Decoders never throw on device bytes.
 */
public record Decoded<T>(Optional<T> value, List<Violation> violations, Bytes raw) {

    public Decoded {
        violations = List.copyOf(violations);
    }

    public static <T> Decoded<T> of(T value, List<Violation> violations, Bytes raw) {
        return new Decoded<>(Optional.of(value), violations, raw);
    }

    public static <T> Decoded<T> clean(T value, Bytes raw) {
        return new Decoded<>(Optional.of(value), List.of(), raw);
    }

    /** The bytes could not be read as a {@code T} at all. */
    public static <T> Decoded<T> rejected(List<Violation> violations, Bytes raw) {
        return new Decoded<>(Optional.empty(), violations, raw);
    }

    /** A value is present and nothing was wrong. */
    public boolean isClean() {
        return value.isPresent() && violations.isEmpty();
    }

    public boolean isPresent() {
        return value.isPresent();
    }

    /** The value; throws {@link IllegalStateException} naming the violations if there is none. */
    public T get() {
        return value.orElseThrow(() -> new IllegalStateException("not decodable: " + violations + " in " + raw));
    }

    /** True if any violation cites {@code req}. */
    public boolean violates(org.nvmehil.protocol.spec.Req req) {
        return violations.stream().anyMatch(v -> v.req() == req);
    }

    public <U> Decoded<U> map(Function<T, U> f) {
        return new Decoded<>(value.map(f), violations, raw);
    }
}
