package io.parley.store.web;

import io.parley.store.InvalidStoreEntityException;
import io.parley.store.StoreNotLoadedException;
import io.parley.store.StoreTemplates;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.parley.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Translates the store's failures into the platform's problem types for this feature's controllers. */
@RestControllerAdvice(assignableTypes = {StoreController.class, TemplateController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreProblems {

    @ExceptionHandler(StoreNotLoadedException.class)
    ResponseEntity<ProblemDetail> notLoaded(HttpServletRequest request) {
        return Problems.response(
                ProblemType.NOT_FOUND.exception("This organization has no store. Load the retail template first:"
                        + " POST /api/v1/admin/organization/template with {\"template\":\"retail\"}."),
                request);
    }

    @ExceptionHandler(InvalidStoreEntityException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidStoreEntityException e, HttpServletRequest request) {
        return Problems.response(
                ProblemException.invalid(e.errors().stream()
                        .map(error -> new ProblemException.FieldError(error.field(), error.message()))
                        .toList()),
                request);
    }

    @ExceptionHandler(StoreTemplates.UnknownTemplateException.class)
    ResponseEntity<ProblemDetail> unknownTemplate(HttpServletRequest request) {
        return Problems.response(
                ProblemException.invalid("template", "must be one of: " + String.join(", ", StoreTemplates.KNOWN)),
                request);
    }
}
