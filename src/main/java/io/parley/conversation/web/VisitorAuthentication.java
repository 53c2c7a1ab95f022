package io.parley.conversation.web;

import io.parley.conversation.Visitor;
import io.parley.conversation.VisitorId;
import io.parley.security.VisitorTokens;
import io.parley.tenant.OrganizationId;
import io.parley.web.ProblemType;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Customers authenticate with their visitor token. A controller parameter of type {@link Visitor} is filled from a
 * valid {@code Authorization: Bearer <visitorToken>}; without one the request is answered 401.
 *
 * <p>Browsers on any origin may ask (CORS pre-flight) to call the customer API; whether the page's origin is one its
 * organization allows is checked per request by the controllers, which know the organization.
 */
@Configuration(proxyBeanMethods = false)
class VisitorAuthentication implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // It comes from the visitor token, not from the request: keep it out of the published API.
        org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Visitor.class);
    }

    private final VisitorTokens tokens;

    VisitorAuthentication(VisitorTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : List.of("/api/v1/conversations/**", "/api/v1/messages/**")) {
            registry.addMapping(path)
                    .allowedOriginPatterns("*")
                    .allowedMethods("GET", "POST", "PUT")
                    .allowedHeaders("Authorization", "Content-Type")
                    .exposedHeaders("X-Trace-Id", "Retry-After")
                    .maxAge(3600);
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Visitor.class;
    }

    @Override
    public Visitor resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemType.UNAUTHORIZED.exception(
                    "Send the visitor token as a bearer token in the Authorization header.");
        }
        return verify(header.substring(7).strip())
                .orElseThrow(() -> ProblemType.UNAUTHORIZED.exception(
                        "The visitor token is not valid or has expired. Start a new conversation."));
    }

    Optional<Visitor> verify(String token) {
        return tokens.verify(token)
                .map(claims -> new Visitor(
                        new OrganizationId(claims.organizationId()),
                        new VisitorId(claims.visitorId()),
                        claims.customerId()));
    }

    String issue(Visitor visitor) {
        return tokens.issue(new VisitorTokens.VisitorClaims(
                visitor.organization().value(), visitor.id().value(), visitor.customerId()));
    }
}
