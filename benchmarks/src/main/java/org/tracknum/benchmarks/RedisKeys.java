package org.tracknum.benchmarks;

import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Deletes a benchmark's keys, and nothing else, from one Redis node (a master). */
final class RedisKeys {
    private RedisKeys() {
    }

    /** Unlinks every key under {@code prefix} on {@code jedis}'s node, one key per command (Cluster-safe). */
    static long deleteUnder(Jedis jedis, String prefix) {
        if (!"master".equals(String.valueOf(jedis.role().get(0)))) {
            return 0;
        }
        long deleted = 0;
        ScanParams match = new ScanParams().match(prefix + "*").count(10_000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, match);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                Pipeline pipeline = jedis.pipelined();
                keys.forEach(pipeline::unlink);
                pipeline.sync();
                deleted += keys.size();
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return deleted;
    }

    static long deleteUnder(HostAndPort node, String prefix) {
        try (Jedis jedis = new Jedis(node)) {
            return deleteUnder(jedis, prefix);
        }
    }
}
