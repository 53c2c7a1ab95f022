package io.parley.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A console form that sends a file over the upload limit ({@code spring.servlet.multipart.*}) brings the member back to
 * the knowledge base's upload form, which says what the limit is. Without this, the first filter to read a form field
 * (the CSRF check) meets the container's refusal, and the member gets a bare error page. The parts are read here, once;
 * the container keeps them for the form's controller. Runs after the character encoding is set, before security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UploadLimitFilter extends OncePerRequestFilter {

    /** The upload form, with the reason next to its file field. */
    static final String PAGE = "/console/knowledge?tooLarge#upload-form";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod())
                || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !request.getRequestURI().startsWith("/console/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException overLimit) {
            // What the Servlet specification says getParts throws for a part or a request over the limit.
            response.sendRedirect(PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
