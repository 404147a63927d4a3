package org.tracknum;

import java.util.Set;
import org.tracknum.spi.StoreSettings;

/** The {@code tracknum.format*} keys. */
final class FormatConfiguration {
    static final Set<String> KEYS = Set.of("tracknum.format");

    private FormatConfiguration() {
    }

    static TrackingNumberFormat parse(StoreSettings settings) {
        settings.getChoice("tracknum.format", "route", "route");
        return TrackingNumberFormat.defaultFormat();
    }
}
