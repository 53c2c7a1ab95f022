package io.parley.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's report for a request it refuses before any filter runs (an encoded slash, a malformed escape in the path):
 * a problem like every other error, instead of the container's HTML page. Set as the host's error report valve.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = status == 400
                ? ProblemType.MALFORMED_REQUEST
                : java.util.Arrays.stream(ProblemType.values())
                        .filter(t -> t.status() == status)
                        .findFirst()
                        .orElse(status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                        + ",\"detail\":\"The request could not be read.\",\"traceId\":\"" + TraceIds.current()
                        + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to tell
        }
    }
}
