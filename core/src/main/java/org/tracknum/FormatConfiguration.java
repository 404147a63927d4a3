package org.tracknum;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tracknum.spi.StoreSettings;

/**
 * Maps the {@code tracknum.format*} keys that are present onto {@link TrackingNumberFormat}'s
 * builder; the defaults and ranges are the builder's.
 *
 * <ul>
 *   <li>{@code tracknum.format}: {@code route} (default; {@code fixed} when a prefix is set),
 *       {@code fixed}, {@code none} or {@code s10}.</li>
 *   <li>Prefix formats: {@code .prefix} (for {@code fixed}), {@code .alphabet}
 *       ({@code alphanumeric} | {@code unambiguous}), {@code .random-length} (1-16, default: fill
 *       16 characters), {@code .check} ({@code none} | {@code iso7064}, or the system's name
 *       {@code mod37-36} | {@code mod31-30}), {@code .allow-weak} ({@code true} | {@code false}).</li>
 *   <li>S10: {@code .s10.service-indicator} (required), {@code .s10.serial-min},
 *       {@code .s10.serial-max}.</li>
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

    /** The catalogue entries, with the builder's defaults. */
    static List<TrackingNumberSetting> settings() {
        return List.of(
                TrackingNumberSetting.of(FORMAT, "route (origin + destination country), fixed (a carrier prefix),"
                        + " none, or s10 (UPU S10); fixed when tracknum.format.prefix is set", "route"),
                TrackingNumberSetting.withoutDefault(PREFIX, "the carrier prefix of tracknum.format=fixed, e.g. TN"),
                TrackingNumberSetting.of(ALPHABET, "alphanumeric ([0-9A-Z]) or unambiguous (no look-alikes)",
                        alphabetName(TrackingNumberFormat.Builder.DEFAULT_ALPHABET)),
                TrackingNumberSetting.withoutDefault(RANDOM_LENGTH, "random characters per number, 1 to 16;"
                        + " by default as many as fill 16 characters"),
                TrackingNumberSetting.of(CHECK, "none, or iso7064 (mod37-36 / mod31-30 for the alphabet): an ISO/IEC"
                        + " 7064 check character", TrackingNumberFormat.Builder.DEFAULT_CHECK_CHARACTER ? "iso7064" : "none"),
                TrackingNumberSetting.of(ALLOW_WEAK, "accept formats with fewer than 40 random bits",
                        TrackingNumberFormat.Builder.DEFAULT_ALLOW_WEAK),
                TrackingNumberSetting.withoutDefault(SERVICE_INDICATOR, "the two-letter S10 service indicator, e.g. RR"
                        + " (required with tracknum.format=s10)"),
                TrackingNumberSetting.of(SERIAL_MIN, "first S10 serial", TrackingNumberFormat.FIRST_SERIAL),
                TrackingNumberSetting.of(SERIAL_MAX, "last S10 serial", S10Layout.LAST_SERIAL));
    }

    /** Whether any format key is present. */
    static boolean present(StoreSettings settings) {
        return KEYS.stream().anyMatch(k -> settings.get(k).isPresent());
    }

    static TrackingNumberFormat parse(StoreSettings settings) {
        String kind = settings.getChoice(FORMAT, "route", "fixed", "none", "s10")
                .orElse(settings.get(PREFIX).isPresent() ? "fixed" : "route");
        return kind.equals("s10") ? s10(settings) : prefixed(settings, kind);
    }

    private static TrackingNumberFormat s10(StoreSettings settings) {
        refuseKeys(settings, PREFIX_FORMAT_KEYS, "s10");
        String indicator = settings.require(SERVICE_INDICATOR, "the two-letter S10 service indicator, e.g. RR");
        Integer first = settings.getInt(SERIAL_MIN).orElse(null);
        Integer last = settings.getInt(SERIAL_MAX).orElse(null);
        return build(settings, () -> TrackingNumberFormat.s10(indicator, first, last));
    }

    private static TrackingNumberFormat prefixed(StoreSettings settings, String kind) {
        refuseKeys(settings, S10_KEYS, kind);
        TrackingNumberFormat.Builder builder = TrackingNumberFormat.builder().fromConfiguration();
        if (kind.equals("fixed")) {
            builder.fixedPrefix(settings.require(PREFIX, "the carrier prefix, e.g. TN"));
        } else {
            refuseKeys(settings, List.of(PREFIX), kind);
            if (kind.equals("none")) {
                builder.noPrefix();
            }
        }
        Optional<TrackingNumberFormat.Alphabet> alphabet = settings.getChoice(ALPHABET, "alphanumeric", "unambiguous")
                .map(a -> a.equals("unambiguous") ? TrackingNumberFormat.Alphabet.UNAMBIGUOUS
                        : TrackingNumberFormat.Alphabet.ALPHANUMERIC);
        alphabet.ifPresent(builder::alphabet);
        settings.getChoice(CHECK, "none", "iso7064", "mod37-36", "mod31-30").ifPresent(check -> {
            TrackingNumberFormat.Alphabet effective = alphabet.orElse(TrackingNumberFormat.Builder.DEFAULT_ALPHABET);
            String system = effective == TrackingNumberFormat.Alphabet.ALPHANUMERIC ? "mod37-36" : "mod31-30";
            if (check.startsWith("mod") && !check.equals(system)) {
                throw new ConfigurationException(CHECK + "=" + check + " does not fit the " + effective.pattern()
                        + " alphabet: the check character is computed over the format's alphabet, so use iso7064 or "
                        + system);
            }
            builder.checkCharacter(!check.equals("none"));
        });
        settings.getBoolean(ALLOW_WEAK).ifPresent(builder::allowWeak);
        settings.getInt(RANDOM_LENGTH).ifPresent(builder::randomLength);
        return build(settings, builder::build);
    }

    private static String alphabetName(TrackingNumberFormat.Alphabet alphabet) {
        return alphabet == TrackingNumberFormat.Alphabet.UNAMBIGUOUS ? "unambiguous" : "alphanumeric";
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
            if (e.getMessage().startsWith("tracknum.format")) {
                throw e;
            }
            Map<String, String> given = new TreeMap<>(settings.asMap());
            given.keySet().retainAll(KEYS);
            throw new ConfigurationException("format settings " + given + ": " + e.getMessage(), e);
        }
    }
}
