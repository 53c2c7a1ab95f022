package io.parley.web;

import io.parley.security.PasswordHashingBusyException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.socket.server.HandshakeFailureException;

/**
 * The one place where failures become RFC 9457 problems. Framework exceptions are translated to our problem types so
 * clients see one shape; anything unexpected is logged with its trace id and answered with a generic 500 that leaks
 * nothing.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        return Problems.response(e, request);
    }

    /** Every password-hashing slot stayed taken: the caller may try again shortly, nothing was counted against it. */
    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> hashingBusy(PasswordHashingBusyException e, HttpServletRequest request) {
        return Problems.response(
                ProblemType.UNAVAILABLE.exception(
                        "The server is busy checking passwords. Try again in a moment.", e.retryAfter()),
                request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ProblemException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ProblemException.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return Problems.response(ProblemException.invalid(errors), request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) {
        List<ProblemException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new ProblemException.FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return Problems.response(ProblemException.invalid(errors), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitFilter.BodyTooLargeException) {
                return Problems.response(
                        ProblemType.REQUEST_TOO_LARGE.exception("The request body is over the size limit."), request);
            }
        }
        return Problems.response(
                ProblemType.MALFORMED_REQUEST.exception("The body must be valid JSON of the documented shape."),
                request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MissingServletRequestParameterException missing
                ? missing.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return Problems.response(ProblemException.invalid(name, "is missing or not valid"), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        if ("Authorization".equalsIgnoreCase(e.getHeaderName())) {
            return Problems.response(
                    ProblemType.UNAUTHORIZED.exception("Send a bearer token in the Authorization header."), request);
        }
        return Problems.response(ProblemException.invalid(e.getHeaderName(), "header is missing"), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpServletRequest request) {
        return Problems.response(
                ProblemType.METHOD_NOT_ALLOWED.exception("This address does not accept " + request.getMethod() + "."),
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpServletRequest request) {
        return Problems.response(
                ProblemType.UNSUPPORTED_MEDIA_TYPE.exception("Send the body as application/json."), request);
    }

    /** The problem is written whatever the client accepts: a client that accepts nothing we make still learns why. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpServletRequest request) {
        return Problems.response(
                ProblemType.NOT_ACCEPTABLE.exception("This address answers in application/json; accept it."), request);
    }

    /** A WebSocket upgrade whose address cannot be read (a malformed escape in its query) is the client's mistake. */
    @ExceptionHandler(HandshakeFailureException.class)
    ResponseEntity<ProblemDetail> handshake(HandshakeFailureException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof URISyntaxException) {
                return Problems.response(
                        ProblemType.MALFORMED_REQUEST.exception("The chat address is not a valid URL."), request);
            }
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
        return Problems.response(ProblemType.FRAME_TOO_LARGE.exception("The request body is too large."), request);
    }

    /** A person following a link in a browser gets a page, not a JSON document. */
    @ExceptionHandler(value = NoResourceFoundException.class, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView noResourcePage(HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found", "Nothing exists at this address.", request);
    }

    @ExceptionHandler(value = HttpRequestMethodNotSupportedException.class, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView methodPage(HttpServletRequest request) {
        return page(HttpStatus.METHOD_NOT_ALLOWED, "Not allowed", "This address does not work that way.", request);
    }

    private static ModelAndView page(HttpStatus status, String title, String detail, HttpServletRequest request) {
        return new ModelAndView(
                "error",
                Map.of(
                        "status",
                        status.value(),
                        "title",
                        title,
                        "detail",
                        detail,
                        "traceId",
                        Problems.traceId(request)),
                status);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(HttpServletRequest request) {
        return Problems.response(ProblemType.NOT_FOUND.exception("Nothing exists at this address."), request);
    }

    /** The database is unreachable or failing for now: say so, and when to try again, rather than "internal error". */
    @ExceptionHandler({
        TransientDataAccessException.class,
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e, HttpServletRequest request) {
        log.warn(
                "Store unavailable on {} {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.getClass().getSimpleName());
        return Problems.response(
                ProblemType.UNAVAILABLE.exception(
                        "We cannot reach our records right now. Please try again in a moment.", Duration.ofSeconds(5)),
                request);
    }

    @ExceptionHandler({AuthenticationException.class, AccessDeniedException.class})
    void security(Exception e) throws Exception {
        throw e; // Spring Security's own entry point and access-denied handler answer these
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(
                ProblemType.INTERNAL_ERROR.exception(
                        "The request failed on our side. Quote the trace id if you contact support."),
                request);
    }
}
