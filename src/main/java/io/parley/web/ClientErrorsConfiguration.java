package io.parley.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Client mistakes refused before Spring MVC runs still get a 4xx problem, not a 500 or the container's page. */
@Configuration(proxyBeanMethods = false)
class ClientErrorsConfiguration {

    /**
     * A request Spring Security's firewall refuses (an encoded dot segment, a {@code ;} parameter, a forbidden header)
     * is the client's mistake: a 400 problem, not a 500 with a stack trace in the log.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(
                request,
                response,
                ProblemType.MALFORMED_REQUEST,
                "The address or a header of the request is not allowed.");
    }

    /** What Tomcat refuses itself (an encoded slash, a bad escape in the path) it reports as a problem too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }
}
