package io.upgradeorchestrator.identity;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may see which upgrade through the product's API ({@code /api/upgrades/**}), the same rule everywhere:
 * <ul>
 *   <li>operations, process owners, change managers and admins see every upgrade;</li>
 *   <li>a requester sees the upgrades they requested (from {@link Requesters}, not from a variable);</li>
 *   <li>anyone else sees an upgrade only while or after being asked to act in it (a candidate or assignee of
 *   one of its tasks): approvers see what they must decide.</li>
 * </ul>
 * Commands, paths and action output ({@code /summary}) are for the groups that see every upgrade.
 */
@Component
public class UpgradeAccess {

    /** Groups that oversee all changes. */
    public static final Set<String> OVERSEERS = Set.of("operations", "process-owners", "change-managers",
            org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);

    private final IdentityService identityService;
    private final HistoryService historyService;
    private final Requesters requesters;

    UpgradeAccess(IdentityService identityService, HistoryService historyService, Requesters requesters) {
        this.identityService = identityService;
        this.historyService = historyService;
        this.requesters = requesters;
    }

    /** The caller oversees all changes (sees every upgrade, with commands and paths). */
    public boolean callerOversees() {
        return groups().stream().anyMatch(OVERSEERS::contains);
    }

    /** The caller requested the upgrade, oversees all changes, or was asked to act in it. */
    public boolean callerMaySee(String upgradeId) {
        String user = user();
        if (user == null || upgradeId == null) {
            return false;
        }
        if (callerOversees() || requesters.requesterOf(upgradeId).filter(user::equals).isPresent()) {
            return true;
        }
        return askedToAct(user, groups(), upgradeId);
    }

    /** The ids of the upgrades the caller requested; for listing to someone who does not oversee all changes. */
    public List<String> requestedByCaller() {
        String user = user();
        return user == null ? List.of() : requesters.upgradesRequestedBy(user);
    }

    private boolean askedToAct(String user, List<String> groups, String upgradeId) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
                    .processInstanceBusinessKey(upgradeId).list()) {
                if (user.equals(task.getAssignee())) {
                    return true;
                }
                for (HistoricIdentityLinkLog link : historyService.createHistoricIdentityLinkLogQuery()
                        .taskId(task.getId()).type("candidate").list()) {
                    if (user.equals(link.getUserId()) || groups.contains(link.getGroupId())) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            identityService.setAuthentication(caller);
        }
    }

    private String user() {
        Authentication caller = identityService.getCurrentAuthentication();
        return caller == null ? null : caller.getUserId();
    }

    private List<String> groups() {
        Authentication caller = identityService.getCurrentAuthentication();
        return caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    }
}
