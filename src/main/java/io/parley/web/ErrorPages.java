package io.parley.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the container shows for an error no handler answered (a failure in a filter, a request refused before Spring
 * MVC, or {@code /error} asked for directly): a problem, or for a browser the error page, with the original status
 * and never the exception. Replaces Spring Boot's whitelabel controller, whose JSON is not a problem.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {

    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request) {
        ProblemType type = type(request);
        return new ModelAndView(
                "error",
                Map.of(
                        "status",
                        type.status(),
                        "title",
                        type.title(),
                        "detail",
                        detail(type),
                        "traceId",
                        Problems.traceId(request)),
                HttpStatus.valueOf(type.status()));
    }

    @RequestMapping
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        ProblemType type = type(request);
        return Problems.response(type.exception(detail(type)), request);
    }

    /** The problem for the status the container set; asked for directly, {@code /error} is just an unknown address. */
    private static ProblemType type(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            return ProblemType.NOT_FOUND;
        }
        if (status == 400) {
            return ProblemType.MALFORMED_REQUEST;
        }
        return Arrays.stream(ProblemType.values())
                .filter(type -> type.status() == status)
                .findFirst()
                .orElse(status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST);
    }

    private static String detail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "Nothing exists at this address.";
            case MALFORMED_REQUEST -> "The request could not be read.";
            case INTERNAL_ERROR -> "The request failed on our side. Quote the trace id if you contact support.";
            default -> type.title() + ".";
        };
    }
}
