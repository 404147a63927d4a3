package org.tracknum;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tracknum.spi.StoreSettings;

/**
 * The {@code tracknum.format*} keys.
 *
 * <ul>
 *   <li>{@code tracknum.format}: {@code route} (default; {@code fixed} when a prefix is set),
 *       {@code fixed}, {@code none} or {@code s10}.</li>
 *   <li>Prefix formats: {@code .prefix} (for {@code fixed}), {@code .alphabet}
 *       ({@code alphanumeric} | {@code unambiguous}), {@code .random-length} (1-16, default: fill
 *       16 characters), {@code .check} ({@code none} | {@code iso7064}, or the system's name
 *       {@code mod37-36} | {@code mod31-30}), {@code .allow-weak} ({@code true} | {@code false}).</li>
 *   <li>S10: {@code .s10.service-indicator} (required), {@code .s10.serial-min},
 *       {@code .s10.serial-max} (default 0 and 99999999).</li>
 * </ul>
 *
 * A key of the other kind of format (e.g. {@code .alphabet} with {@code s10}) is refused rather
 * than ignored.
 */
final class FormatConfiguration {
    static final String FORMAT = "tracknum.format";
    static final String PREFIX = "tracknum.format.prefix";
    static final String ALPHABET = "tracknum.format.alphabet";
    static final String RANDOM_LENGTH = "tracknum.format.random-length";
    static final String CHECK = "tracknum.format.check";
    static final String ALLOW_WEAK = "tracknum.format.allow-weak";
    static final String SERVICE_INDICATOR = "tracknum.format.s10.service-indicator";
    static final String SERIAL_MIN = "tracknum.format.s10.serial-min";
    static final String SERIAL_MAX = "tracknum.format.s10.serial-max";
    private static final List<String> PREFIX_FORMAT_KEYS = List.of(PREFIX, ALPHABET, RANDOM_LENGTH, CHECK, ALLOW_WEAK);
    private static final List<String> S10_KEYS = List.of(SERVICE_INDICATOR, SERIAL_MIN, SERIAL_MAX);
    static final Set<String> KEYS = Stream.of(List.of(FORMAT), PREFIX_FORMAT_KEYS, S10_KEYS)
            .flatMap(List::stream).collect(Collectors.toUnmodifiableSet());

    private FormatConfiguration() {
    }

    static TrackingNumberFormat parse(StoreSettings settings) {
        String kind = settings.getChoice(FORMAT, settings.get(PREFIX).isPresent() ? "fixed" : "route",
                "route", "fixed", "none", "s10");
        return kind.equals("s10") ? s10(settings) : prefixed(settings, kind);
    }

    private static TrackingNumberFormat s10(StoreSettings settings) {
        refuseKeys(settings, PREFIX_FORMAT_KEYS, "s10");
        String indicator = settings.require(SERVICE_INDICATOR, "the two-letter S10 service indicator, e.g. RR");
        int first = settings.getInt(SERIAL_MIN, 0, 0, S10Layout.LAST_SERIAL);
        int last = settings.getInt(SERIAL_MAX, S10Layout.LAST_SERIAL, 0, S10Layout.LAST_SERIAL);
        if (first > last) {
            throw new ConfigurationException(SERIAL_MIN + "=" + first + " is above " + SERIAL_MAX + "=" + last
                    + ": the serial range must not be empty");
        }
        return build(settings, () -> TrackingNumberFormat.s10(indicator, first, last));
    }

    private static TrackingNumberFormat prefixed(StoreSettings settings, String kind) {
        refuseKeys(settings, S10_KEYS, kind);
        TrackingNumberFormat.Builder builder = TrackingNumberFormat.builder();
        if (kind.equals("fixed")) {
            builder.fixedPrefix(settings.require(PREFIX, "the carrier prefix, e.g. TN"));
        } else {
            refuseKeys(settings, List.of(PREFIX), kind);
            if (kind.equals("none")) {
                builder.noPrefix();
            }
        }
        TrackingNumberFormat.Alphabet alphabet = alphabet(settings);
        builder.alphabet(alphabet)
                .checkCharacter(checkCharacter(settings, alphabet))
                .allowWeak(settings.getBoolean(ALLOW_WEAK, false));
        if (settings.get(RANDOM_LENGTH).isPresent()) {
            builder.randomLength(settings.getInt(RANDOM_LENGTH, 0, 1, RandomLayout.MAX_LENGTH));
        }
        return build(settings, builder::build);
    }

    private static TrackingNumberFormat.Alphabet alphabet(StoreSettings settings) {
        return settings.getChoice(ALPHABET, "alphanumeric", "alphanumeric", "unambiguous").equals("unambiguous")
                ? TrackingNumberFormat.Alphabet.UNAMBIGUOUS
                : TrackingNumberFormat.Alphabet.ALPHANUMERIC;
    }

    private static boolean checkCharacter(StoreSettings settings, TrackingNumberFormat.Alphabet alphabet) {
        String check = settings.getChoice(CHECK, "none", "none", "iso7064", "mod37-36", "mod31-30");
        String system = alphabet == TrackingNumberFormat.Alphabet.ALPHANUMERIC ? "mod37-36" : "mod31-30";
        if (check.startsWith("mod") && !check.equals(system)) {
            throw new ConfigurationException(CHECK + "=" + check + " does not fit the " + alphabet.pattern()
                    + " alphabet: the check character is computed over the format's alphabet, so use iso7064 or "
                    + system);
        }
        return !check.equals("none");
    }

    private static void refuseKeys(StoreSettings settings, List<String> keys, String kind) {
        for (String key : keys) {
            if (settings.get(key).isPresent()) {
                throw new ConfigurationException(key + " does not apply to " + FORMAT + "=" + kind
                        + ": remove it or choose another " + FORMAT);
            }
        }
    }

    /** Builds, naming the format settings in any refusal (format settings hold no secrets). */
    private static TrackingNumberFormat build(StoreSettings settings, Supplier<TrackingNumberFormat> builder) {
        try {
            return builder.get();
        } catch (ConfigurationException e) {
            Map<String, String> given = new TreeMap<>(settings.asMap());
            given.keySet().retainAll(KEYS);
            throw new ConfigurationException("format settings " + given + ": " + e.getMessage(), e);
        }
    }
}
