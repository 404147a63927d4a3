package org.tracknum.examples;

import java.io.PrintStream;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.redis.RedisReservationStore;
import redis.clients.jedis.RedisClient;

/**
 * Numbers claimed in Redis through your own Jedis client (standalone here; a
 * {@code RedisClusterClient} or {@code RedisSentinelClient} works the same way). The store refuses
 * a server that would lose numbers on restart ({@code appendonly no}) unless told otherwise, and
 * leaves your client open when the generator closes.
 *
 * <pre>
 * java -cp tracknum-server.jar org.tracknum.examples.RedisClientExample redis://127.0.0.1:6379 [key-prefix]
 * </pre>
 */
public final class RedisClientExample {
    private RedisClientExample() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "redis://127.0.0.1:6379", args.length > 1 ? args[1] : "tracknum:",
                System.out);
    }

    static IssuedTrackingNumber run(String redisUrl, String keyPrefix, PrintStream out) {
        try (RedisClient client = RedisClient.create(redisUrl)) {
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                    .store(RedisReservationStore.builder().client(client).keyPrefix(keyPrefix).build())
                    .build()) {
                IssuedTrackingNumber issued = generator.next(JdbcDataSourceExample.request());
                out.println("issued " + issued.trackingNumber() + " under key " + keyPrefix + issued.trackingNumber());
                out.println("found again: " + generator.find(issued.trackingNumber()).isPresent());
                return issued;
            } finally {
                out.println("your client still answers after the generator closed: " + client.ping());
            }
        }
    }
}
