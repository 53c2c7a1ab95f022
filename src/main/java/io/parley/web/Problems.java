package io.parley.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the problem bodies every error response shares: type, title, status, detail, instance and traceId. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail body(ProblemType type, String detail, String instance, String traceId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("traceId", traceId);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemException e, HttpServletRequest request) {
        ProblemDetail problem = body(e.type(), e.detail(), request.getRequestURI(), traceId(request));
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", List.copyOf(e.errors()));
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(e.type().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        e.retryAfter()
                .ifPresent(after -> response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(after))));
        return response.body(problem);
    }

    /** Whole seconds, rounded up: a client that waits exactly this long is not early. At least 1. */
    public static long retryAfterSeconds(Duration after) {
        return Math.max(1, (after.toMillis() + 999) / 1000);
    }

    static String traceId(HttpServletRequest request) {
        Object id = request.getAttribute(TraceIds.MDC_KEY);
        return id != null ? id.toString() : TraceIds.current();
    }
}
