package io.parley.conversation.web;

import io.parley.conversation.ConversationNotFoundException;
import io.parley.conversation.SendRejectedException;
import io.parley.conversation.StoreUnavailableException;
import io.parley.web.ProblemType;
import io.parley.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Translates the chat engine's failures into the platform's problem types for this feature's REST controllers; the
 * web module's handler renders them like every other problem.
 */
@RestControllerAdvice(assignableTypes = {CustomerController.class, AdminConversationController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConversationProblems {

    @ExceptionHandler(ConversationNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
        return Problems.response(
                ProblemType.NOT_FOUND.exception("There is no such conversation for this visitor."), request);
    }

    @ExceptionHandler(SendRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(SendRejectedException e, HttpServletRequest request) {
        return Problems.response(Rejections.problem(e), request);
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(HttpServletRequest request) {
        return Problems.response(
                ProblemType.UNAVAILABLE.exception(
                        "We cannot reach our records right now. Please try again in a moment.", Duration.ofSeconds(5)),
                request);
    }
}
