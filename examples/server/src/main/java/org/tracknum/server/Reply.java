package org.tracknum.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of the API: status, headers beyond the defaults, and a JSON body. */
record Reply(int status, Map<String, String> headers, byte[] body) {

    static Reply json(int status, Object body) {
        return new Reply(status, Map.of(), JsonBodies.write(body));
    }

    /** The error shape of every answer that is not field validation: {@code {"detail": ..., "code": ...}}. */
    static Reply error(int status, String code, String detail) {
        return json(status, new JsonBodies.Detail(detail, code));
    }

    Reply with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Reply(status, Map.copyOf(more), body);
    }
}
