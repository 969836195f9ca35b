package io.upgradeorchestrator.rulechange;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.upgradeorchestrator.security.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Four eyes on the rules, where Camunda Modeler deploys: {@code POST /engine-rest/deployment/create} and the
 * webapps' copy ({@code /camunda/api/engine/engine/{engine}/deployment/create}) never reach the engine. From an
 * authenticated process owner (or the admin) the uploaded files are checked against the allow-list at once (400
 * naming file, element and reason) and stored as a pending rule change (202 with its id and what happens next);
 * a second process owner approves it in Tasklist, and only then does the product deploy it. Everyone else gets
 * 403. Process owners do not hold the engine's DEPLOYMENT CREATE permission, so no other door deploys for them.
 */
class RuleChangeUploadFilter extends HttpFilter {

    static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    private static final Pattern ENGINE_REST = Pattern.compile("/engine-rest/deployment/create");
    private static final Pattern WEBAPP_REST = Pattern.compile(".*/api/engine/engine/([^/]+)/deployment/create");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RuleChangeService ruleChanges;
    private final IdentityService identityService;

    RuleChangeUploadFilter(RuleChangeService ruleChanges, IdentityService identityService) {
        this.ruleChanges = ruleChanges;
        this.identityService = identityService;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = path(request);
        boolean engineRest = ENGINE_REST.matcher(path).matches();
        Matcher webapp = WEBAPP_REST.matcher(path);
        if (!"POST".equalsIgnoreCase(request.getMethod()) || !engineRest && !webapp.matches()) {
            chain.doFilter(request, response);
            return;
        }
        String user = engineRest ? restUser() : webappUser(request, webapp.group(1));
        if (user == null) {
            answer(response, 401, error("AuthenticationException", "Log in to deploy", 401));
            return;
        }
        if (!engineRest && !csrfTokenMatches(request)) {
            answer(response, 403, error("AuthorizationException", "CSRF token missing or wrong", 403));
            return;
        }
        List<String> groups = groupsOf(user);
        if (!groups.contains(Groups.PROCESS_OWNERS)
                && !groups.contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)) {
            answer(response, 403, error("AuthorizationException", user + " may not deploy: only process owners change "
                    + "the rules, and each change takes effect after a second process owner approves it.", 403));
            return;
        }
        submit(request, response, user);
    }

    private void submit(HttpServletRequest request, HttpServletResponse response, String user) throws IOException {
        if (!MultipartUpload.isMultipart(request.getContentType())) {
            answer(response, 400, error("InvalidRequestException", "Send the deployment as multipart/form-data", 400));
            return;
        }
        if (request.getContentLengthLong() > MAX_UPLOAD_BYTES) {
            answer(response, 413, error("InvalidRequestException", "A deployment may hold at most "
                    + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB", 413));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_UPLOAD_BYTES + 1);
        }
        if (body.length > MAX_UPLOAD_BYTES) {
            answer(response, 413, error("InvalidRequestException", "A deployment may hold at most "
                    + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB", 413));
            return;
        }
        String deploymentName = null;
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            for (MultipartUpload.Part part : MultipartUpload.parse(request.getContentType(), body)) {
                if (part.fileName() != null) {
                    String name = part.fileName().isBlank() ? part.name() : part.fileName();
                    if (files.put(name, part.content()) != null) {
                        throw new IllegalArgumentException("the file " + name + " is sent twice");
                    }
                } else if ("deployment-name".equals(part.name())) {
                    deploymentName = part.text();
                }
            }
        } catch (IllegalArgumentException e) {
            answer(response, 400, error("InvalidRequestException", "Cannot read the deployment: " + e.getMessage(), 400));
            return;
        }
        RuleChange change;
        try {
            change = ruleChanges.submit(user, deploymentName, files);
        } catch (BadUserRequestException refused) {
            answer(response, 400, error("InvalidRequestException", refused.getMessage(), 400));
            return;
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", change.id());
        accepted.put("status", change.status());
        accepted.put("name", change.deploymentName());
        accepted.put("files", change.files());
        accepted.put("submittedBy", change.submittedBy());
        accepted.put("submittedAt", change.submittedAt());
        accepted.put("next", "Not deployed yet: rule change " + change.id() + " waits for a second process owner (not "
                + user + ") to approve it in Tasklist (task 'Approve rule change " + change.id() + "'). The product "
                + "deploys it on approval; follow it at /api/rule-changes/" + change.id() + ".");
        accepted.put("links", List.of(Map.of("rel", "self", "method", "GET", "href", "/api/rule-changes/" + change.id())));
        response.setHeader("Location", "/api/rule-changes/" + change.id());
        answer(response, 202, accepted);
    }

    /** The request's path inside the application, as the container decoded and normalized it. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        path = path.replaceAll("/{2,}", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Set by the engine REST API's HTTP Basic authentication filter, which runs before this one. */
    private String restUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    /** The webapps keep their login in the HTTP session. */
    private static String webappUser(HttpServletRequest request, String engine) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null || authentications.getAuthenticationForProcessEngine(engine) == null) {
            return null;
        }
        return authentications.getAuthenticationForProcessEngine(engine).getIdentityId();
    }

    /** The webapps' CSRF protection, checked here too so the answer does not depend on the order of filters. */
    private static boolean csrfTokenMatches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected != null && expected.equals(sent);
    }

    /** The user's groups as stored now (not as cached in a session), read without the caller's authorizations. */
    private List<String> groupsOf(String user) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            List<String> groups = new ArrayList<>();
            for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
                groups.add(group.getId());
            }
            return groups;
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private static Map<String, Object> error(String type, String message, int code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        body.put("code", code);
        return body;
    }

    private static void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
