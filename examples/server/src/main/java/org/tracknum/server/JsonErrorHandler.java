package org.tracknum.server;

import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler, for what Jetty refuses before the API runs: a request line or headers it
 * cannot parse, too long (414) or too large (431), a bad or duplicate {@code Content-Length}, an
 * unknown {@code Transfer-Encoding} (501), an HTTP/2 preface or an unknown version (505). The
 * answer is the API's JSON error shape; Jetty's reason is kept only when it is short plain text
 * (it never names a Java class, and this handler never shows a cause or a stack).
 */
final class JsonErrorHandler implements Request.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z][A-Za-z0-9 ,:=()'/_-]{0,79}");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            if (reason == null) {
                reason = http.getReason();
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("refused before the API: {} {}", status, reason);
        }
        ApiHandler.send(request, response, callback, reply(status, reason).with("Connection", "close"));
        return true;
    }

    static Reply reply(int status, String reason) {
        if (status == HttpStatus.UPGRADE_REQUIRED_426 || "Unknown Version".equalsIgnoreCase(reason)) {
            return ErrorCode.HTTP_VERSION_NOT_SUPPORTED.reply();
        }
        if (status >= 500 && status != 501 && status != 503 && status != 505) {
            return Failures.internalError();
        }
        ErrorCode error = ErrorCode.forStatus(status);
        if (error == ErrorCode.BAD_REQUEST && status != 400) {
            return Reply.error(status, error.code, "The request cannot be served: " + HttpStatus.getMessage(status)
                    + ".");
        }
        if (reason != null && PLAIN_REASON.matcher(reason).matches() && !reason.contains("Exception")
                && !reason.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return error.reply(error.detail + " (" + reason + ")");
        }
        return error.reply();
    }
}
