package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.tracknum.CandidateSource;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStore;

/**
 * History checker for idempotency keys, for contract and fault runs ("callers retry each key
 * until it succeeds, after which every key has exactly one stored number"). Each key gets a
 * request of its own customer ({@link #key(int)}), and candidates come from {@link #candidates()},
 * which records every number tried for each customer, so that {@link #check} can find every
 * number the run may have stored. Use it from any number of threads and generators (of this
 * process) on one store: {@link #issue} makes one keyed call, {@link #issueUntilSuccess} retries
 * one key (same request, same key) through store failures, {@link #issueAll} makes a keyed
 * {@code nextAll}. {@link #check} then proves, against the store:
 * <ul>
 *   <li>every call that returned for a key returned the same number and {@code issued_at};</li>
 *   <li>{@code findByIdempotencyKey} names that number, stored with the key's request;</li>
 *   <li>of every number tried for the key's request, exactly one is stored (none if no call of
 *       the key returned): no second number per key, also where writes were ambiguous;</li>
 *   <li>no number was returned for two keys, and every failure is of an expected type.</li>
 * </ul>
 */
public final class KeyedHistory {
    private final CandidateSource inner;
    private final Set<Class<? extends RuntimeException>> expectedFailures;
    private final Map<Integer, Key> keys = new ConcurrentHashMap<>();
    private final Map<UUID, ConcurrentLinkedQueue<String>> tried = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();

    /** A key: its text, the request every call of it sends, and what its calls returned. */
    public static final class Key {
        private final String key;
        private final ShipmentRequest request;
        private final ConcurrentLinkedQueue<IssuedTrackingNumber> returned = new ConcurrentLinkedQueue<>();

        Key(String key, ShipmentRequest request) {
            this.key = key;
            this.request = request;
        }

        public String key() {
            return key;
        }

        public ShipmentRequest request() {
            return request;
        }
    }

    /** No failures expected; candidates are random 16-character route numbers. */
    public KeyedHistory() {
        this(null, Set.of());
    }

    /**
     * @param inner            candidates to record (null: random 16-character route numbers)
     * @param expectedFailures exception types a call may end with (others fail the check)
     */
    public KeyedHistory(CandidateSource inner, Set<Class<? extends RuntimeException>> expectedFailures) {
        this.inner = inner != null ? inner : History::randomCandidate;
        this.expectedFailures = Set.copyOf(expectedFailures);
    }

    /** The source to build every generator of the run with: records each candidate under its request's customer. */
    public CandidateSource candidates() {
        return request -> {
            String candidate = inner.candidate(request);
            tried.computeIfAbsent(request.customerId(), c -> new ConcurrentLinkedQueue<>()).add(candidate);
            return candidate;
        };
    }

    /** Key number {@code i} of the run (created on first use): {@code "key-" + i} with a request of its own customer. */
    public Key key(int i) {
        return keys.computeIfAbsent(i, n -> new Key("key-" + n + "-" + UUID.randomUUID(), TestRequests.unique()));
    }

    /** One keyed call; records what it returned or how it failed. */
    public Optional<IssuedTrackingNumber> issue(TrackingNumberGenerator generator, Key key) {
        try {
            IssuedTrackingNumber issued = generator.next(key.request, key.key);
            key.returned.add(issued);
            return Optional.of(issued);
        } catch (RuntimeException e) {
            failures.add(e);
            return Optional.empty();
        }
    }

    /**
     * Calls {@code next(request, key)} until one call returns (pausing {@code pause} between
     * failed calls), for at most {@code patience}; the number, or empty if patience ran out.
     */
    public Optional<IssuedTrackingNumber> issueUntilSuccess(TrackingNumberGenerator generator, Key key,
                                                            Duration pause, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<IssuedTrackingNumber> issued = issue(generator, key);
            if (issued.isPresent() || System.nanoTime() - deadline > 0) {
                return issued;
            }
            LockSupport.parkNanos(pause.toNanos());
        }
    }

    /**
     * One keyed {@code nextAll} of the given keys, in order; records each item's number (also the
     * issued items of a {@link org.tracknum.PartialIssueException}) or the failure.
     */
    public List<Optional<IssuedTrackingNumber>> issueAll(TrackingNumberGenerator generator, List<Key> batch) {
        List<ShipmentRequest> requests = new ArrayList<>(batch.size());
        List<String> keyTexts = new ArrayList<>(batch.size());
        for (Key k : batch) {
            requests.add(k.request);
            keyTexts.add(k.key);
        }
        List<Optional<IssuedTrackingNumber>> out = new ArrayList<>(batch.size());
        try {
            List<IssuedTrackingNumber> issued = generator.nextAll(requests, keyTexts);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).returned.add(issued.get(i));
                out.add(Optional.of(issued.get(i)));
            }
        } catch (org.tracknum.PartialIssueException partial) {
            failures.add(partial);
            for (int i = 0; i < batch.size(); i++) {
                IssuedTrackingNumber issued = partial.issued().get(i);
                if (issued != null) {
                    batch.get(i).returned.add(issued);
                }
                out.add(Optional.ofNullable(issued));
            }
        } catch (RuntimeException e) {
            failures.add(e);
            for (int i = 0; i < batch.size(); i++) {
                out.add(Optional.empty());
            }
        }
        return out;
    }

    /** Checks every key of the run against the store (read with {@code find} and {@code findByIdempotencyKey}). */
    public Summary check(ReservationStore store) {
        List<String> problems = new ArrayList<>();
        Map<String, String> keyOfNumber = new HashMap<>();
        int settled = 0;
        int calls = 0;
        for (Key k : keys.values()) {
            List<IssuedTrackingNumber> returned = new ArrayList<>(k.returned);
            calls += returned.size();
            Optional<IssuedTrackingNumber> byKey = store.findByIdempotencyKey(k.request.customerId(), k.key);
            List<String> stored = new ArrayList<>();
            for (String candidate : tried.getOrDefault(k.request.customerId(), new ConcurrentLinkedQueue<>())) {
                Optional<IssuedTrackingNumber> found = store.find(candidate);
                if (found.isPresent() && found.get().request().equals(k.request) && !stored.contains(candidate)) {
                    stored.add(candidate);
                }
            }
            if (stored.size() > 1) {
                problems.add("key " + k.key + " has " + stored.size() + " stored numbers: " + stored);
            }
            if (returned.isEmpty()) {
                if (byKey.isPresent() && !stored.contains(byKey.get().trackingNumber())) {
                    problems.add("key " + k.key + " names " + byKey.get().trackingNumber() + ", not stored with its request");
                }
                continue;
            }
            settled++;
            IssuedTrackingNumber first = returned.get(0);
            for (IssuedTrackingNumber other : returned) {
                if (!other.equals(first)) {
                    problems.add("key " + k.key + " returned " + first.trackingNumber() + " and " + other.trackingNumber()
                            + " (or the same number with another issued_at)");
                }
            }
            if (!first.request().equals(k.request)) {
                problems.add("key " + k.key + " returned a number with another request");
            }
            if (byKey.isEmpty() || !byKey.get().equals(first)) {
                problems.add("key " + k.key + ": findByIdempotencyKey gives " + byKey.map(IssuedTrackingNumber::trackingNumber)
                        + ", the calls got " + first.trackingNumber());
            }
            if (!stored.equals(List.of(first.trackingNumber()))) {
                problems.add("key " + k.key + " returned " + first.trackingNumber() + " but its stored numbers are " + stored);
            }
            String earlier = keyOfNumber.put(first.trackingNumber(), k.key);
            if (earlier != null) {
                problems.add("number " + first.trackingNumber() + " returned for keys " + earlier + " and " + k.key);
            }
        }
        Map<String, Integer> failureTypes = new TreeMap<>();
        for (RuntimeException e : failures) {
            failureTypes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            if (expectedFailures.stream().noneMatch(t -> t.isInstance(e))) {
                problems.add("unexpected failure: " + e);
            }
        }
        Summary summary = new Summary(keys.size(), settled, calls, failureTypes, problems.size());
        assertThat(problems).as("keyed history problems (%s)", summary).isEmpty();
        return summary;
    }

    /** Figures of a checked run: keys used, keys with a number, calls that returned, failures by type. */
    public record Summary(int keys, int settled, int returnedCalls, Map<String, Integer> failures, int problems) {
        @Override
        public String toString() {
            return "keys=" + keys + " settled=" + settled + " returned-calls=" + returnedCalls + " failures=" + failures
                    + " problems=" + problems;
        }
    }
}
