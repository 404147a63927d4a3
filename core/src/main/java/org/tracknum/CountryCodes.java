package org.tracknum;

import java.util.Set;

/** Officially assigned ISO 3166-1 alpha-2 codes. PLACEHOLDER: replaced by the shipped list. */
final class CountryCodes {
    private static final Set<String> ASSIGNED = Set.of(java.util.Locale.getISOCountries());

    private CountryCodes() {
    }

    static boolean isAssigned(String upperCaseCode) {
        return ASSIGNED.contains(upperCaseCode);
    }
}
