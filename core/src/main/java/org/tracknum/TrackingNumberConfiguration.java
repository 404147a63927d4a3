package org.tracknum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.ReservationStoreProvider;

/**
 * Where a generator's {@code tracknum.*} settings come from, layered, for
 * {@link TrackingNumberGenerator.Builder#configuration}. Immutable: the {@code with...} methods
 * return a new configuration.
 *
 * <p>Precedence, highest first: system properties, then {@code TRACKNUM_*} environment variables,
 * then the properties file named by {@code tracknum.config} (these three for
 * {@link #fromEnvironment()} only), or the given properties or map; then the layers of
 * {@link #withDefaults}. Blank values count as absent at every layer.
 *
 * <p>An environment variable is the key in upper case with {@code .} and {@code -} as {@code _}
 * ({@code TRACKNUM_RETRY_BUDGET}). Variables are read as follows, in this order:
 * <ol>
 *   <li>a variable starting with a prefix given to {@link #ignoringEnvironmentPrefix} is the
 *       application's own and skipped;</li>
 *   <li>a Kubernetes service-link variable is skipped (logged at DEBUG): one of the shapes
 *       {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_SERVICE_PORT},
 *       {@code <SERVICE>_SERVICE_PORT_<NAME>}, {@code <SERVICE>_PORT},
 *       {@code <SERVICE>_PORT_<n>_<TCP|UDP|SCTP>} and its {@code _ADDR}, {@code _PORT},
 *       {@code _PROTO}, for any Service name, also inside the library's families
 *       ({@code TRACKNUM_REDIS_PORT}). A variable that is a library key's name is a service link
 *       only if it also has such a shape and its value is what Kubernetes writes there (an IP
 *       address, a port number, {@code tcp://ip:port}, a protocol); otherwise it is the key;</li>
 *   <li>a variable naming a known key sets it;</li>
 *   <li>any other {@code TRACKNUM_*} variable is refused, with the known variable it probably
 *       meant.</li>
 * </ol>
 * An unknown {@code tracknum.*} key is refused the same way. Both are reported, together with
 * malformed values, by {@link TrackingNumberGenerator.Builder#build()}, never at the first call.
 */
public final class TrackingNumberConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingNumberConfiguration.class);
    private static final String PREFIX = "tracknum.";
    private static final String ENV_PREFIX = "TRACKNUM_";

    private final boolean environmentLayers;
    private final Map<String, String> given;
    private final Map<String, String> environment;
    private final Map<String, String> defaults;
    private final List<String> ignoredPrefixes;
    private final Map<Class<?>, Object> resources;

    private TrackingNumberConfiguration(boolean environmentLayers, Map<String, String> given,
                                        Map<String, String> environment, Map<String, String> defaults,
                                        List<String> ignoredPrefixes, Map<Class<?>, Object> resources) {
        this.environmentLayers = environmentLayers;
        this.given = Collections.unmodifiableMap(new TreeMap<>(given));
        this.environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        this.defaults = Collections.unmodifiableMap(new TreeMap<>(defaults));
        this.ignoredPrefixes = List.copyOf(ignoredPrefixes);
        this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    /** The {@code tracknum.*} keys of {@code properties}, and nothing else (other keys are ignored). */
    public static TrackingNumberConfiguration fromProperties(Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                values.put(name, properties.getProperty(name));
            }
        }
        return new TrackingNumberConfiguration(false, values, Map.of(), Map.of(), List.of(), Map.of());
    }

    /**
     * The {@code tracknum.*} entries of {@code values}, e.g. as bound by a framework; other keys
     * and null values are ignored.
     */
    public static TrackingNumberConfiguration fromMap(Map<String, String> values) {
        Map<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k != null && k.startsWith(PREFIX) && v != null) {
                copy.put(k, v);
            }
        });
        return new TrackingNumberConfiguration(false, copy, Map.of(), Map.of(), List.of(), Map.of());
    }

    /**
     * System properties &gt; {@code TRACKNUM_*} environment variables &gt; the properties file
     * named by {@code tracknum.config} / {@code TRACKNUM_CONFIG} (every key in it must start with
     * {@code tracknum.}). Takes a snapshot of the system properties and the environment now; the
     * file is read when the generator is built.
     */
    public static TrackingNumberConfiguration fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    static TrackingNumberConfiguration fromEnvironment(Properties system, Map<String, String> env) {
        Map<String, String> fromSystem = new TreeMap<>();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                fromSystem.put(name, system.getProperty(name));
            }
        }
        Map<String, String> variables = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && value != null) {
                variables.put(name, value);
            }
        });
        return new TrackingNumberConfiguration(true, fromSystem, variables, Map.of(), List.of(), Map.of());
    }

    /**
     * Adds {@code defaults} ({@code tracknum.*} keys) under every other layer, including defaults
     * added before: an application's own defaults, e.g. the server's embedded database, which
     * any setting of the user overrides.
     *
     * @throws IllegalArgumentException for a key that does not start with {@code tracknum.}
     */
    public TrackingNumberConfiguration withDefaults(Map<String, String> defaults) {
        Map<String, String> layered = new TreeMap<>();
        defaults.forEach((k, v) -> {
            if (k == null || !k.startsWith(PREFIX)) {
                throw new IllegalArgumentException("a default must be a tracknum.* key: " + k);
            }
            if (v != null) {
                layered.put(k, v);
            }
        });
        layered.putAll(this.defaults);
        return new TrackingNumberConfiguration(environmentLayers, given, environment, layered, ignoredPrefixes,
                resources);
    }

    /**
     * Environment variables starting with {@code prefix} (e.g. {@code TRACKNUM_SERVER_}) are the
     * application's own: they are neither library keys nor refused as unknown. The prefix must
     * not cover any library key's variable (checked when the generator is built).
     *
     * @throws IllegalArgumentException unless {@code prefix} is upper case, digits and {@code _}
     */
    public TrackingNumberConfiguration ignoringEnvironmentPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("an environment prefix is upper case letters, digits and _, e.g."
                    + " TRACKNUM_SERVER_: " + prefix);
        }
        List<String> prefixes = new ArrayList<>(ignoredPrefixes);
        prefixes.add(prefix);
        return new TrackingNumberConfiguration(environmentLayers, given, environment, defaults, prefixes, resources);
    }

    /**
     * Hands {@code resource} to the store providers, e.g. a {@code javax.sql.DataSource} that the
     * JDBC store uses when {@code tracknum.jdbc.url} is absent, or a {@code UnifiedJedis} that the
     * Redis store uses when neither {@code tracknum.redis.url} nor {@code .cluster} is set. It
     * stays the caller's: stores never close it.
     */
    public <T> TrackingNumberConfiguration withResource(Class<T> type, T resource) {
        Objects.requireNonNull(type, "type");
        Map<Class<?>, Object> more = new LinkedHashMap<>(resources);
        more.put(type, type.cast(Objects.requireNonNull(resource, "resource")));
        return new TrackingNumberConfiguration(environmentLayers, given, environment, defaults, ignoredPrefixes, more);
    }

    /**
     * The effective value of {@code key} after layering (trimmed), or empty.
     *
     * @throws ConfigurationException if the file named by {@code tracknum.config} cannot be read
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(resolve(GeneratorConfiguration.providers()).values().get(key));
    }

    /**
     * Every known key, sorted: core's, the formats', and those of every store provider on the
     * class path, each with its description and default.
     */
    public static List<TrackingNumberSetting> settings() {
        return List.copyOf(GeneratorConfiguration.catalogue(GeneratorConfiguration.providers()).values());
    }

    /** Keys only: values may be secrets. */
    @Override
    public String toString() {
        Map<String, String> values;
        try {
            values = resolve(GeneratorConfiguration.providers()).values();
        } catch (ConfigurationException e) {
            return "TrackingNumberConfiguration[unreadable: " + e.getMessage() + "]";
        }
        return "TrackingNumberConfiguration" + values.keySet();
    }

    Map<Class<?>, Object> resources() {
        return resources;
    }

    /** The effective values, for tests. */
    Map<String, String> values() {
        return resolve(GeneratorConfiguration.providers()).values();
    }

    /** The effective values and what is wrong with them (unknown keys and variables). */
    record Resolved(Map<String, String> values, List<String> problems) {
    }

    Resolved resolve(Map<String, ReservationStoreProvider> providers) {
        Map<String, TrackingNumberSetting> known = GeneratorConfiguration.catalogue(providers);
        List<String> problems = new ArrayList<>();
        Map<String, String> fromEnvironment = environmentValues(environment, known.keySet(), ignoredPrefixes, problems);
        Map<String, String> values = new TreeMap<>();
        putPresent(values, defaults);
        if (environmentLayers) {
            String file = firstPresent(given.get(GeneratorConfiguration.CONFIG_FILE),
                    fromEnvironment.get(GeneratorConfiguration.CONFIG_FILE),
                    defaults.get(GeneratorConfiguration.CONFIG_FILE));
            if (file != null) {
                putPresent(values, readFile(Path.of(file.strip())));
            }
            putPresent(values, fromEnvironment);
        }
        putPresent(values, given);
        for (String key : values.keySet()) {
            if (!known.containsKey(key)) {
                problems.add(unknownKey(key, known.keySet()));
            }
        }
        return new Resolved(Collections.unmodifiableMap(values), List.copyOf(problems));
    }

    /**
     * The settings among {@code environment}, by key; what is wrong goes to {@code problems}.
     *
     * @param knownKeys every known {@code tracknum.*} key
     */
    static Map<String, String> environmentValues(Map<String, String> environment, Set<String> knownKeys,
                                                 List<String> ignoredPrefixes, List<String> problems) {
        Map<String, String> byName = new TreeMap<>();
        knownKeys.forEach(key -> byName.put(TrackingNumberSetting.environmentName(key), key));
        for (String prefix : ignoredPrefixes) {
            byName.keySet().stream().filter(name -> name.startsWith(prefix)).findFirst().ifPresent(name ->
                    problems.add("the ignored environment prefix " + prefix + " covers the library's variable "
                            + name + " (" + byName.get(name) + "): choose a prefix of your own, e.g. TRACKNUM_SERVER_"));
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (ignoredPrefixes.stream().anyMatch(name::startsWith)) {
                continue;
            }
            String key = byName.get(name);
            if (ServiceLinks.isLink(name, e.getValue()) || (key == null && ServiceLinks.hasShape(name))) {
                LOG.debug("ignoring {}: a Kubernetes service-link variable, not a Tracknum setting", name);
                continue;
            }
            if (key == null) {
                problems.add("unknown environment variable " + name + Suggestions.closest(name, byName.keySet(), ENV_PREFIX)
                        .map(s -> ": did you mean " + s + " (" + byName.get(s) + ")?")
                        .orElse(": known ones are " + byName.keySet())
                        + " (Kubernetes service links such as TRACKNUM_SERVICE_HOST are ignored; a store's variables"
                        + " are known once its module is on the classpath)");
                continue;
            }
            values.put(key, e.getValue());
        }
        return values;
    }

    private static String unknownKey(String key, Set<String> known) {
        return "unknown configuration key " + key + Suggestions.closest(key, known, PREFIX)
                .map(s -> ": did you mean " + s + "?")
                .orElse(": known keys are " + known)
                + " (a store's keys are known once its module is on the classpath)";
    }

    private static void putPresent(Map<String, String> into, Map<String, String> layer) {
        layer.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                into.put(k, v.strip());
            }
        });
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException(GeneratorConfiguration.CONFIG_FILE + "=" + file + " cannot be read: "
                    + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                throw new ConfigurationException("key " + name + " in " + file
                        + " is not a Tracknum setting: keys start with tracknum.");
            }
            values.put(name, properties.getProperty(name));
        }
        return values;
    }
}
