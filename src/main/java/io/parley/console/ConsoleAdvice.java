package io.parley.console;

import io.parley.llm.ModelStatus;
import io.parley.llm.ProviderRegistry;
import io.parley.security.AccessTokens;
import io.parley.security.PasswordHashingBusyException;
import io.parley.tenant.MemberRole;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import io.parley.usage.UsageLedger;
import io.parley.web.Problems;
import io.parley.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shares: the organization's name, whether replies come from the offline engine, and the
 * CSRF header htmx sends. Failures in console controllers become HTML pages, not the API's problem documents.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    private final Organizations organizations;
    private final ProviderRegistry providers;
    private final UsageLedger ledger;

    ConsoleAdvice(Organizations organizations, ProviderRegistry providers, UsageLedger ledger) {
        this.organizations = organizations;
        this.providers = providers;
        this.ledger = ledger;
    }

    @ModelAttribute
    void chrome(Model model, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        // Reading the token now writes its cookie before the page starts streaming out.
        model.addAttribute(
                "csrfHeaders", csrf == null ? "{}" : "{\"" + csrf.getHeaderName() + "\": \"" + csrf.getToken() + "\"}");
        model.addAttribute("offline", providers.offline());
        model.addAttribute("overBudget", false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            OrganizationId id = new OrganizationId(jwt.getClaimAsString(AccessTokens.ORGANIZATION_CLAIM));
            // The member's current role (the session filter put it in the claim), for navigation and read-only notes.
            MemberRole.parse(jwt.getClaimAsString(AccessTokens.ROLE_CLAIM))
                    .ifPresent(role -> model.addAttribute("access", new ConsoleAccess(role)));
            organizations.find(id).ifPresent(organization -> model.addAttribute("organization", organization));
            // What answers this organization's customers: its own choice, unless its budget is spent.
            model.addAttribute("offline", providers.offline(id));
            model.addAttribute("overBudget", ledger.overBudget(id));
            ModelStatus status = providers.statusOf(id);
            model.addAttribute(
                    "modelProblem", status.state() == ModelStatus.State.MISCONFIGURED ? status.detail() : null);
        }
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return error(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), model, request, response);
    }

    @ExceptionHandler(Exception.class)
    String failed(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof PasswordHashingBusyException busy) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(busy.retryAfter())));
            return error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Busy",
                    "The server is busy checking passwords. Try again in a moment.",
                    model,
                    request,
                    response);
        }
        if (e instanceof TypeMismatchException || e instanceof ServletRequestBindingException) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "Bad request",
                    "Part of this address is not valid. Go back and try again.",
                    model,
                    request,
                    response);
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            return error(
                    status, status.getReasonPhrase(), "This address does not work that way.", model, request, response);
        }
        log.error("Console page {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "The page failed on our side. Try again; if it keeps failing, quote the trace id to support.",
                model,
                request,
                response);
    }

    private String error(
            HttpStatus status,
            String title,
            String detail,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        chrome(model, request);
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        model.addAttribute("traceId", request.getAttribute(TraceIds.MDC_KEY));
        return "console/error";
    }
}
