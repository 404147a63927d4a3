package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.time.Duration;
import org.tracknum.CandidateSource;
import org.tracknum.TrackingNumberListener;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStore;

/**
 * History checker for concurrent and fault runs. Every call goes through {@link #issue} with a
 * request unique to that call (random customer id); candidates come from {@link #candidates()}
 * so that the checker knows every number each call tried. {@link #check} then proves, against the
 * store as it is after the run:
 * <ul>
 *   <li>no number was returned twice;</li>
 *   <li>every returned number is stored with the request of the call it was returned to (every
 *       field equal: weight scale, {@code created_at} offset) — nothing lost;</li>
 *   <li>a number tried but not returned is either absent or stored with its own caller's request
 *       (a burned ambiguous write), never returned to anyone else;</li>
 *   <li>every failure is one of the expected exception types.</li>
 * </ul>
 */
public final class History {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final LongAdder retries = new LongAdder();
    private final LongAdder burned = new LongAdder();
    private final LongAdder collisions = new LongAdder();
    private final Set<Class<? extends RuntimeException>> expectedFailures;
    private final CandidateSource inner;

    /** Expects no failures at all; candidates are random default-format numbers. */
    public History() {
        this(null, Set.of());
    }

    /**
     * @param inner            candidates to record (null: random 16-character route numbers)
     * @param expectedFailures exception types a call may end with (others fail the check)
     */
    public History(CandidateSource inner, Set<Class<? extends RuntimeException>> expectedFailures) {
        this.inner = inner != null ? inner : History::randomCandidate;
        this.expectedFailures = Set.copyOf(expectedFailures);
    }

    static String randomCandidate(ShipmentRequest request) {
        SecureRandom random = RANDOM.get();
        char[] out = new char[16];
        request.originCountryId().getChars(0, 2, out, 0);
        request.destinationCountryId().getChars(0, 2, out, 2);
        for (int i = 4; i < out.length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** The source to build the generator with: records each candidate under the current call. */
    public CandidateSource candidates() {
        return request -> {
            String candidate = inner.candidate(request);
            Call call = CURRENT.get();
            if (call != null) {
                call.tried.add(candidate);
            }
            return candidate;
        };
    }

    /** A listener to build the generator with, so that the summary counts retries, burned numbers and collisions. */
    public TrackingNumberListener listener() {
        return new TrackingNumberListener() {
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
        };
    }

    /** One call of {@code generator.next} with a unique request; records its outcome. */
    public Optional<IssuedTrackingNumber> issue(TrackingNumberGenerator generator) {
        return issue(generator, TestRequests.unique());
    }

    /** One call with the given request (which must be unique to this call). */
    public Optional<IssuedTrackingNumber> issue(TrackingNumberGenerator generator, ShipmentRequest request) {
        Call call = new Call(request);
        CURRENT.set(call);
        try {
            IssuedTrackingNumber issued = generator.next(request);
            call.returned = issued.trackingNumber();
            assertThat(issued.request()).isEqualTo(request);
            return Optional.of(issued);
        } catch (RuntimeException e) {
            call.failure = e;
            return Optional.empty();
        } finally {
            CURRENT.remove();
            calls.add(call);
        }
    }

    /** Checks the history against the store (read with {@link ReservationStore#find}). */
    public Summary check(ReservationStore store) {
        Map<String, Call> byNumber = new HashMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int ok = 0;
        int burnedStored = 0;
        for (Call call : calls) {
            if (call.returned != null) {
                ok++;
                Call earlier = byNumber.put(call.returned, call);
                if (earlier != null) {
                    problems.add("duplicate: " + call.returned + " returned to two calls");
                }
            } else {
                failures.merge(call.failure.getClass().getSimpleName(), 1, Integer::sum);
                if (expectedFailures.stream().noneMatch(t -> t.isInstance(call.failure))) {
                    problems.add("unexpected failure: " + call.failure);
                }
            }
        }
        int lost = 0;
        for (Call call : calls) {
            for (String tried : call.tried) {
                Optional<IssuedTrackingNumber> stored = store.find(tried);
                boolean returnedToThisCall = tried.equals(call.returned);
                if (returnedToThisCall) {
                    if (stored.isEmpty()) {
                        lost++;
                        problems.add("lost: " + tried + " was returned but is not stored");
                    } else if (!stored.get().request().equals(call.request)) {
                        problems.add("wrong owner: " + tried + " is stored with another call's request");
                    }
                } else if (stored.isPresent() && stored.get().request().equals(call.request)) {
                    burnedStored++;
                    Call other = byNumber.get(tried);
                    if (other != null && other != call) {
                        problems.add("burned number " + tried + " was returned to another call");
                    }
                }
            }
        }
        Summary summary = new Summary(calls.size(), ok, failures, retries.intValue(), burned.intValue(),
                burnedStored, collisions.intValue(), problems.size(), lost);
        assertThat(problems).as("history problems (%s)", summary).isEmpty();
        return summary;
    }

    /** Figures of a checked run. */
    public record Summary(int calls, int ok, Map<String, Integer> failures, int retries, int ambiguousBurned,
                          int burnedButStored, int collisions, int problems, int lost) {
        public int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "calls=" + calls + " ok=" + ok + " failed=" + failed() + " " + failures
                    + " retries=" + retries + " ambiguous-burned=" + ambiguousBurned
                    + " (of which stored=" + burnedButStored + ") collisions=" + collisions
                    + " problems=" + problems + " lost=" + lost;
        }
    }

    private static final class Call {
        final ShipmentRequest request;
        final List<String> tried = new ArrayList<>(2);
        volatile String returned;
        volatile RuntimeException failure;

        Call(ShipmentRequest request) {
            this.request = request;
        }
    }
}
