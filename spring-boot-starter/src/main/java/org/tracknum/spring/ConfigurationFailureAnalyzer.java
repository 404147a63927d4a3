package org.tracknum.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.tracknum.ConfigurationException;

/**
 * Shows a {@link ConfigurationException} at start as Boot shows a bad property: the library's
 * message (which names the key and what it expects) and what to do, without the stack of bean
 * creation exceptions around it.
 */
final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis("Tracknum's configuration is invalid: " + cause.getMessage(),
                "Correct the tracknum.* property named above (in application.yml or .properties, a profile, the"
                        + " command line or a TRACKNUM_* environment variable); every key, its default and its range"
                        + " are in the Configuration section of Tracknum's README.", cause);
    }
}
