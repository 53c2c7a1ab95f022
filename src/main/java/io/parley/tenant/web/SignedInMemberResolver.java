package io.parley.tenant.web;

import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemType;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets any controller take a {@link SignedInMember} parameter, built from the verified access token's claims. */
@Configuration(proxyBeanMethods = false)
public class SignedInMemberResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // It comes from the access token, not from the request: keep it out of the published API.
        org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(SignedInMember.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInMember.class;
    }

    @Override
    public SignedInMember resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        return current().orElseThrow(() -> ProblemType.UNAUTHORIZED.exception("Sign in first."));
    }

    /** The member of the current request's security context, if it holds one of our access tokens. */
    static java.util.Optional<SignedInMember> current() {
        return SignedInMember.current();
    }
}
