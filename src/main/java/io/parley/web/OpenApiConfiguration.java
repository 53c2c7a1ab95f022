package io.parley.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The published API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): the two kinds of bearer token,
 * the problem every error answers with, and the WebSocket protocol, which OpenAPI cannot model, as documentation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ACCESS_TOKEN = "accessToken";
    static final String VISITOR_TOKEN = "visitorToken";

    @Bean
    OpenAPI parleyOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Parley API")
                        .version("v1")
                        .description(read("openapi/description.md"))
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                ACCESS_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A member's access token from /api/v1/auth/signup or /login."))
                        .addSecuritySchemes(
                                VISITOR_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "A customer's visitor token from /api/v1/conversations/start or the"
                                                        + " WebSocket's session frame."))
                        .addSchemas("Problem", problemSchema()));
    }

    /** Every operation may answer with a problem; admin and customer operations name the token they take. */
    @Bean
    OpenApiCustomizer problemsAndTokens() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    operation
                            .getResponses()
                            .addApiResponse(
                                    "default",
                                    new ApiResponse()
                                            .description("A problem (RFC 9457)")
                                            .content(new Content()
                                                    .addMediaType(
                                                            "application/problem+json",
                                                            new MediaType()
                                                                    .schema(new Schema<>()
                                                                            .$ref("#/components/schemas/Problem")))));
                    security(path, operation);
                }));
    }

    private static void security(String path, Operation operation) {
        if (path.startsWith("/api/v1/admin/")) {
            operation.addSecurityItem(new SecurityRequirement().addList(ACCESS_TOKEN));
        } else if (path.startsWith("/api/v1/conversations/{") || path.startsWith("/api/v1/messages/")) {
            operation.addSecurityItem(new SecurityRequirement().addList(VISITOR_TOKEN));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; never holds internals")
                .addProperty(
                        "type",
                        new StringSchema().description("stable URI per kind of error, e.g. /problems/not-found"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("safe to show"))
                .addProperty("instance", new StringSchema())
                .addProperty("traceId", new StringSchema().description("quote it to support; also in X-Trace-Id"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
