package io.upgradeorchestrator.upgrade;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.upgradeorchestrator.api.ApiError;
import io.upgradeorchestrator.api.CurrentUser;
import io.upgradeorchestrator.api.InvalidRequestException;
import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.request.RequestValidator;
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.UpgradeRequest;

/**
 * Requesters (and their CI) start upgrades here and follow them. A bad request starts nothing: every problem
 * is answered at once, by field. The engine checks that the caller may start upgrades. A request sent with an
 * {@code Idempotency-Key} header starts at most one upgrade, however often it is retried.
 */
@RestController
@RequestMapping("/api/upgrades")
class UpgradeController {

    private final RequestValidator validator;
    private final UpgradeIdGenerator ids;
    private final RuntimeService runtimeService;
    private final UpgradeQueries queries;
    private final RequestKeys requestKeys;
    private final CurrentUser currentUser;
    private final Requesters requesters;
    private final Clock clock;

    UpgradeController(RequestValidator validator, UpgradeIdGenerator ids, RuntimeService runtimeService,
                      UpgradeQueries queries, RequestKeys requestKeys, CurrentUser currentUser, Requesters requesters,
                      Clock clock) {
        this.validator = validator;
        this.ids = ids;
        this.runtimeService = runtimeService;
        this.queries = queries;
        this.requestKeys = requestKeys;
        this.currentUser = currentUser;
        this.requesters = requesters;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> request(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                              @RequestBody(required = false) UpgradeRequest request) {
        if (request == null) {
            throw new InvalidRequestException("The body is missing", List.of(new ApiError("body",
                    "send the upgrade request as a JSON object")));
        }
        if (idempotencyKey == null) {
            validate(request);
            return created(start(request, reserveId()));
        }
        checkKey(idempotencyKey);
        String requester = currentUser.id();
        String digest = requestKeys.digest(request);
        Optional<RequestKeys.Remembered> earlier = requestKeys.find(requester, idempotencyKey);
        if (earlier.isPresent()) {
            return answerEarlier(earlier.get(), digest, idempotencyKey);
        }
        validate(request);
        String id = reserveId();
        // Claim the key first, in a short transaction of its own: a twin arriving meanwhile finds it and waits
        // no longer than that claim takes. Only then start; if the start fails, the key is free again.
        try {
            requestKeys.remember(requester, idempotencyKey, digest, id, clock.instant());
        } catch (DuplicateKeyException twin) {
            return answerEarlier(requestKeys.find(requester, idempotencyKey).orElseThrow(), digest, idempotencyKey);
        }
        try {
            return created(start(request, id));
        } catch (RuntimeException notStarted) {
            requestKeys.forget(requester, idempotencyKey);
            throw notStarted;
        }
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable String id) {
        return queries.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() ->
                problem(HttpStatus.NOT_FOUND, "Upgrade not found", "No upgrade '" + id + "' that you may see"));
    }

    /**
     * Running upgrades and ended ones that the caller may see, newest first.
     *
     * @param status {@code running}, {@code ended} or absent for both
     */
    @GetMapping
    List<UpgradeView> list(@RequestParam(required = false) String systemId,
                           @RequestParam(required = false) String requester,
                           @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "50") int max) {
        List<ApiError> problems = new ArrayList<>();
        if (status != null && !List.of("running", "ended").contains(status)) {
            problems.add(new ApiError("status", "one of running, ended (or leave it out for both); was '" + status + "'"));
        }
        if (max < 1 || max > UpgradeQueries.MAX_LISTED) {
            problems.add(new ApiError("max", "between 1 and " + UpgradeQueries.MAX_LISTED + "; was " + max));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The query has " + problems.size() + " problem(s)", problems);
        }
        Boolean running = status == null ? null : status.equals("running");
        return queries.list(systemId, requester, running, max);
    }

    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > RequestKeys.MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException("The Idempotency-Key header is unusable", List.of(new ApiError(
                    "Idempotency-Key", "1 to " + RequestKeys.MAX_LENGTH + " visible ASCII characters, no spaces")));
        }
    }

    private ResponseEntity<?> answerEarlier(RequestKeys.Remembered earlier, String digest, String key) {
        if (!earlier.requestDigest().equals(digest)) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", "Idempotency-Key '" + key
                    + "' already started " + earlier.upgradeId() + " with a different request; use a new key for a new request");
        }
        Optional<UpgradeView> upgrade = queries.find(earlier.upgradeId());
        if (upgrade.isEmpty()) {
            // the first request with this key is still starting the upgrade (or failed a moment ago)
            return problem(HttpStatus.CONFLICT, "Request in progress", "A request with Idempotency-Key '" + key
                    + "' is starting " + earlier.upgradeId() + " right now; retry in a few seconds");
        }
        // a retry of the same request: the upgrade it started, as it stands now
        return ResponseEntity.ok().header("Idempotent-Replayed", "true")
                .location(URI.create("/api/upgrades/" + earlier.upgradeId())).body(upgrade.get());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static ResponseEntity<UpgradeView> created(UpgradeView upgrade) {
        return ResponseEntity.created(URI.create("/api/upgrades/" + upgrade.id())).body(upgrade);
    }

    private void validate(UpgradeRequest request) {
        RequestValidator.Result result = validator.validate(request);
        if (!result.valid()) {
            throw new InvalidRequestException("The upgrade request has " + result.problems().size()
                    + " problem(s); nothing was started",
                    result.problems().stream().map(p -> new ApiError(p.field(), p.message())).toList());
        }
    }

    /** A fresh upgrade id, reserved for the caller: the engine lets only them start an upgrade with it. */
    private String reserveId() {
        String id = ids.nextId();
        requesters.reserve(id, currentUser.id());
        return id;
    }

    private UpgradeView start(UpgradeRequest request, String id) {
        runtimeService.createProcessInstanceByKey(SystemUpgradeProcess.KEY).businessKey(id)
                .setVariables(RequestVariables.toVariables(request)).execute();
        return queries.find(id).orElseThrow();
    }
}
