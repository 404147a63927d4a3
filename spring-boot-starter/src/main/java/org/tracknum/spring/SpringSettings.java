package org.tracknum.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.tracknum.ConfigurationException;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberSetting;

/**
 * Reads the library's {@code tracknum.*} keys from a Spring {@link Environment}, with Boot's
 * relaxed binding ({@code tracknum.batch.max-size}, {@code tracknum.batch.maxSize},
 * {@code TRACKNUM_BATCH_MAX_SIZE}; a YAML list becomes the comma-separated value). The keys come
 * from {@link TrackingNumberConfiguration#settings()}; nothing is checked here: values and unknown
 * keys go to the library, which reports them as it does for any other source.
 *
 * <p>An unknown {@code tracknum.*} key in any enumerable property source (YAML and properties
 * files, profiles, command line, system properties) is passed on, so that the library refuses it
 * with its "did you mean". Unknown {@code TRACKNUM_*} environment variables are left alone, as
 * Boot leaves any variable that binds to nothing: Kubernetes sets {@code TRACKNUM_SERVICE_HOST}
 * and {@code TRACKNUM_PORT} next to a Service named {@code tracknum}.
 */
final class SpringSettings {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("tracknum");
    private static final String CONFIG_FILE = "tracknum.config";

    private SpringSettings() {
    }

    /** The library's settings found in {@code environment}, plus any unknown {@code tracknum.*} key. */
    static Map<String, String> read(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> values = new TreeMap<>();
        List<ConfigurationPropertyName> known = new ArrayList<>();
        for (TrackingNumberSetting setting : TrackingNumberConfiguration.settings()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(setting.key());
            known.add(name);
            value(binder, name).ifPresent(value -> values.put(setting.key(), value));
        }
        if (values.containsKey(CONFIG_FILE)) {
            throw new ConfigurationException(CONFIG_FILE + " is read by TrackingNumberConfiguration.fromEnvironment()"
                    + " only: in a Spring application, import the file with spring.config.import instead");
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
                iterable.filter(ROOT::isAncestorOf).stream()
                        .filter(name -> known.stream().noneMatch(withoutIndex(name)::equals))
                        .forEach(name -> values.putIfAbsent(name.toString(), present(source.getConfigurationProperty(name))));
            }
        }
        return values;
    }

    private static Optional<String> value(Binder binder, ConfigurationPropertyName name) {
        BindResult<String> single = binder.bind(name, Bindable.of(String.class));
        if (single.isBound()) {
            return Optional.of(single.get());
        }
        BindResult<List<String>> list = binder.bind(name, Bindable.listOf(String.class));
        return list.isBound() ? Optional.of(String.join(",", list.get())) : Optional.empty();
    }

    /** {@code tracknum.redis.cluster[0]} is {@code tracknum.redis.cluster}. */
    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName result = name;
        while (result.getNumberOfElements() > 1 && result.isLastElementIndexed()) {
            result = result.getParent();
        }
        return result;
    }

    /** The value only has to be non-blank for the library to report the key; it is never shown. */
    private static String present(ConfigurationProperty property) {
        Object value = property == null ? null : property.getValue();
        return value == null || value.toString().isBlank() ? "(set)" : value.toString();
    }
}
