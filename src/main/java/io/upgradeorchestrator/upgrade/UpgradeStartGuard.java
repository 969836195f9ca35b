package io.upgradeorchestrator.upgrade;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.variables.UpgradeVariables;

/**
 * Runs inside the engine whenever a "System upgrade" starts, by any path (our API, Tasklist's start form,
 * {@code /engine-rest}, Java), as a built-in listener no diagram can remove or skip (see EngineGuardPlugin).
 * The requester is the authenticated caller, recorded in {@link Requesters}; the upgrade id is drawn by the
 * server, or must be one the API reserved for this caller; an authenticated start carries the request's
 * fields and nothing else, so no client can pre-set a decision, a verified backup or someone else's name.
 */
@Component("upgradeStartGuard")
public class UpgradeStartGuard implements ExecutionListener {

    private final UpgradeIdGenerator ids;
    private final Requesters requesters;

    UpgradeStartGuard(@Lazy UpgradeIdGenerator ids, @Lazy Requesters requesters) {
        this.ids = ids;
        this.requesters = requesters;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = caller == null ? null : caller.getUserId();
        if (user != null) {
            refuseForeignVariables(execution.getVariableNames());
        }
        // Without an authenticated user the caller is the application itself (tests, in-process code): it names
        // the requester. Every client of the REST API and the webapps is authenticated.
        String requester = user != null ? user : UpgradeVariables.REQUESTER.get(execution);
        if (requester == null || requester.isBlank()) {
            throw new BadUserRequestException("An upgrade needs a requester: start it as an authenticated user");
        }
        String upgradeId = execution.getProcessBusinessKey();
        if (upgradeId == null || upgradeId.isBlank()) {
            upgradeId = ids.nextId();
            requesters.register(upgradeId, requester, execution.getProcessInstanceId());
            execution.setProcessBusinessKey(upgradeId);
        } else if (!Requesters.isUpgradeId(upgradeId)) {
            throw new BadUserRequestException("Business key '" + shortened(upgradeId) + "' is not an upgrade id"
                    + " (UPG-<year>-<number>): start without a business key, the server assigns the id");
        } else if (!requesters.claim(upgradeId, requester, execution.getProcessInstanceId())) {
            if (user != null) {
                throw new BadUserRequestException("Upgrade id '" + upgradeId + "' was not issued to " + user
                        + " or is already in use: start without a business key, the server assigns the id");
            }
            requesters.register(upgradeId, requester, execution.getProcessInstanceId());
        }
        UpgradeVariables.REQUESTER.set(execution, requester);
    }

    private static void refuseForeignVariables(Set<String> names) {
        Set<String> foreign = new TreeSet<>(names);
        foreign.removeAll(RequestVariables.START_VARIABLES);
        if (!foreign.isEmpty()) {
            throw new BadUserRequestException("An upgrade starts with the request's fields only ("
                    + String.join(", ", new TreeSet<>(RequestVariables.START_VARIABLES)) + "); not accepted: "
                    + String.join(", ", foreign.stream().map(UpgradeStartGuard::shortened).toList()));
        }
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** For tests: the variables an authenticated start may carry. */
    static List<String> startVariables() {
        return List.copyOf(RequestVariables.START_VARIABLES);
    }
}
