package org.tracknum.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberListener;

/**
 * Records a generator's events as Micrometer meters, all tagged {@code store}:
 * <ul>
 *   <li>{@code tracknum.issued}: timer of successful {@code next()} calls;</li>
 *   <li>{@code tracknum.collisions}, {@code tracknum.retries}, {@code tracknum.burned}: counters;</li>
 *   <li>{@code tracknum.failures}: counter of failed calls, tagged {@code exception} with the
 *       exception's simple class name.</li>
 * </ul>
 * Every meter is registered when the listener is created (the failure counters of the library's
 * exceptions too), so dashboards show zeros before the first event; a call only updates a meter.
 *
 * <pre>{@code
 * TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
 *         .configuration(TrackingNumberConfiguration.fromEnvironment())
 *         .listener(new MicrometerTrackingNumberListener(registry, "jdbc"))
 *         .build();
 * }</pre>
 */
public final class MicrometerTrackingNumberListener implements TrackingNumberListener {
    private static final List<Class<? extends TrackingNumberException>> KNOWN_FAILURES = List.of(
            StoreUnavailableException.class, NumberSpaceExhaustedException.class, TrackingNumberException.class);

    private final Timer issued;
    private final Counter collisions;
    private final Counter retries;
    private final Counter burned;
    private final ClassValue<Counter> failures;

    /**
     * @param registry where the meters are registered
     * @param store    the {@code store} tag, e.g. {@code jdbc}
     */
    public MicrometerTrackingNumberListener(MeterRegistry registry, String store) {
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of(Tag.of("store", Objects.requireNonNull(store, "store")));
        this.issued = Timer.builder("tracknum.issued").description("tracking numbers issued (durable in the store)")
                .tags(tags).register(registry);
        this.collisions = counter(registry, "tracknum.collisions", "candidates already taken", tags);
        this.retries = counter(registry, "tracknum.retries", "retries after a transient store failure", tags);
        this.burned = counter(registry, "tracknum.burned",
                "candidates abandoned after an ambiguous write that could not be shown to be ours", tags);
        this.failures = new ClassValue<>() {
            @Override
            protected Counter computeValue(Class<?> type) {
                return Counter.builder("tracknum.failures").description("next() calls that failed")
                        .tags(tags).tag("exception", type.getSimpleName()).register(registry);
            }
        };
        KNOWN_FAILURES.forEach(failures::get);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    @Override
    public void issued(Duration elapsed) {
        issued.record(elapsed);
    }

    @Override
    public void collision(Duration elapsed) {
        collisions.increment();
    }

    @Override
    public void retry(int attempt, Duration elapsed) {
        retries.increment();
    }

    @Override
    public void burned(Duration elapsed) {
        burned.increment();
    }

    @Override
    public void failure(TrackingNumberException failure, Duration elapsed) {
        failures.get(failure.getClass()).increment();
    }
}
