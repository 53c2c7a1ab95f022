package io.parley.audit;

import io.parley.tenant.Member;
import io.parley.tenant.Members;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records every change a member makes, through the admin API or the console: who, when, which route, which ids, and
 * what was sent with its secrets masked. One place for every feature, so that a change added later is audited
 * without being listed anywhere. Reads, failed requests and requests that change nothing (a playground message, a
 * model test) are not recorded. A failure to record is logged and never fails the member's request.
 */
final class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    /** Where members change things. */
    private static final List<String> AUDITED = List.of("/api/v1/admin/", "/api/v1/store/", "/console/");

    /** Writes that change nothing that is kept, or that no member makes signed in. */
    private static final List<String> NOT_CHANGES = List.of(
            "/api/v1/admin/playground",
            "/api/v1/admin/organization/model/test",
            "/console/playground",
            "/console/login",
            "/console/logout",
            "/console/signup",
            "/console/password-reset",
            "/console/invitations",
            "/console/knowledge/search");

    /** Fields whose values are credentials: masked wherever they appear. */
    private static final Pattern SECRET =
            Pattern.compile("(?i).*(password|secret|token|api[-_]?key|authorization|signature|credential|private).*");

    static final String MASK = "[secret]";
    private static final int CACHE_LIMIT = 64 * 1024;

    private final AuditLog audit;
    private final Members members;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditFilter(AuditLog audit, Members members, Clock clock) {
        this.audit = audit;
        this.members = members;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return AUDITED.stream().noneMatch(path::startsWith)
                || NOT_CHANGES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedInMember> member = SignedInMember.current();
        JsonNode before = member.isPresent() ? before(request, response) : null;
        ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, CACHE_LIMIT);
        chain.doFilter(cached, response);
        int status = response.getStatus();
        if (member.isEmpty() || status >= 400) {
            return;
        }
        try {
            SignedInMember who = member.get();
            audit.record(new AuditEntry(
                    UUID.randomUUID().toString(),
                    who.organization(),
                    clock.instant(),
                    who.id(),
                    members.find(who.organization(), who.id())
                            .map(Member::email)
                            .orElse(who.id().value()),
                    request.getMethod() + " " + route(request),
                    target(request),
                    withBefore(before, details(cached)),
                    status));
        } catch (RuntimeException e) {
            log.error("Could not record a change in the audit log", e);
        }
    }

    /**
     * What the resource was before an admin API change, where the same address can be read (settings, an action):
     * read through the application itself, as the member, before the change runs. Null where it cannot be.
     */
    private JsonNode before(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (!path.startsWith("/api/v1/admin/") || method.equals("POST")) {
            return null;
        }
        // An organization setting that cannot be read at its own address is part of the organization's.
        List<String> addresses = path.matches("/api/v1/admin/organization/[a-z-]+")
                ? List.of(path, "/api/v1/admin/organization")
                : List.of(path);
        for (String address : addresses) {
            JsonNode read = read(request, response, address);
            if (read != null) {
                return read;
            }
        }
        return null;
    }

    private JsonNode read(HttpServletRequest request, HttpServletResponse response, String address) {
        try {
            BeforeRead read = new BeforeRead(request);
            CapturedResponse captured = new CapturedResponse();
            // An include: the container keeps the read from touching the real response's status and headers.
            request.getRequestDispatcher(address).include(read, captured.wrap(response));
            if (captured.body.size() == 0) {
                return null;
            }
            JsonNode node = json.readTree(captured.body.toByteArray());
            boolean problem = node != null && node.path("type").asString("").startsWith("/problems/");
            return node == null || node.isMissingNode() || problem ? null : masked(node);
        } catch (RuntimeException | ServletException | IOException e) {
            log.debug("Could not read {} before a change for the audit log", address, e);
            return null;
        }
    }

    private String withBefore(JsonNode before, String sent) {
        if (before == null) {
            return sent;
        }
        ObjectNode details = json.createObjectNode();
        details.set("before", before);
        if (!sent.isEmpty()) {
            try {
                details.set("sent", json.readTree(sent));
            } catch (JacksonException e) {
                details.put("sent", sent);
            }
        }
        return details.toString();
    }

    /** The change's request, read as a GET of the same address with no body. */
    private static final class BeforeRead extends jakarta.servlet.http.HttpServletRequestWrapper {
        BeforeRead(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Accept")) {
                return "application/json";
            }
            return name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
                    ? null
                    : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase("Accept")) {
                return java.util.Collections.enumeration(List.of("application/json"));
            }
            return name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
                    ? java.util.Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }
    }

    /** Keeps what the read wrote away from the real response. */
    private static final class CapturedResponse {
        final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

        HttpServletResponse wrap(HttpServletResponse real) {
            return new jakarta.servlet.http.HttpServletResponseWrapper(real) {
                @Override
                public jakarta.servlet.ServletOutputStream getOutputStream() {
                    return new jakarta.servlet.ServletOutputStream() {
                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(jakarta.servlet.WriteListener listener) {}

                        @Override
                        public void write(int b) {
                            if (body.size() < CACHE_LIMIT) {
                                body.write(b);
                            }
                        }
                    };
                }

                @Override
                public java.io.PrintWriter getWriter() {
                    return new java.io.PrintWriter(
                            new java.io.OutputStreamWriter(getOutputStream(), java.nio.charset.StandardCharsets.UTF_8),
                            true);
                }

                @Override
                public boolean isCommitted() {
                    return false;
                }

                // Flushing or resetting would reach the real response (and commit it) before the change answers.
                @Override
                public void flushBuffer() {}

                @Override
                public void reset() {}

                @Override
                public void resetBuffer() {}

                @Override
                public void setBufferSize(int size) {}
            };
        }
    }

    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern instanceof String p ? p : request.getRequestURI();
    }

    private String target(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
            ObjectNode target = json.createObjectNode();
            // An erased customer's id is theirs too: the log keeps only that an erasure happened.
            map.forEach((name, value) ->
                    target.put(String.valueOf(name), name.equals("customerId") ? "[erased]" : String.valueOf(value)));
            return target.toString();
        }
        return "";
    }

    /** What was sent: a JSON body or a form, secrets masked; for an upload, only that it was one and its size. */
    private String details(ContentCachingRequestWrapper request) {
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            return "{\"upload\":true,\"bytes\":" + request.getContentLengthLong() + "}";
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = json.createObjectNode();
            request.getParameterMap().forEach((name, values) -> {
                if (!name.equals("_csrf")) {
                    form.put(name, SECRET.matcher(name).matches() ? MASK : String.join(", ", values));
                }
            });
            return form.isEmpty() ? "" : form.toString();
        }
        byte[] body = request.getContentAsByteArray();
        if (body.length == 0) {
            return "";
        }
        try {
            return masked(json.readTree(body)).toString();
        } catch (JacksonException e) {
            return "(" + body.length + " bytes that are not JSON)";
        }
    }

    /** The JSON with every credential's value masked, and every value of a {@code headers} object (API keys). */
    private JsonNode masked(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (SECRET.matcher(name).matches() && !value.isNull()) {
                    copy.put(name, MASK);
                } else if (name.equalsIgnoreCase("headers") && value.isObject()) {
                    ObjectNode headers = copy.putObject(name);
                    value.properties().forEach(h -> headers.put(h.getKey(), MASK));
                } else {
                    copy.set(name, masked(value));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = json.createArrayNode();
            node.forEach(element -> copy.add(masked(element)));
            return copy;
        }
        return node;
    }
}
