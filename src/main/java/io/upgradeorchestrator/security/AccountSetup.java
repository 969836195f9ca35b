package io.upgradeorchestrator.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * Makes the engine's users, groups, authorizations and Tasklist filters match the approval roles, on every
 * start and without touching what already exists: groups for each role and each system owner group of the
 * inventory, demo users (generated passwords, printed once), the permissions each group needs, and one filter
 * per group so its members see their work.
 */
@Component
@EnableConfigurationProperties({AccountProperties.class, WorkerAccountProperties.class})
class AccountSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSetup.class);
    static final String MY_TASKS_FILTER = "My tasks";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final InventoryService inventory;
    private final AccountProperties accounts;
    private final WorkerAccountProperties workerAccounts;
    private final CamundaBpmProperties camunda;
    private final String generatedAdminPassword;

    AccountSetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
                 TaskService taskService, InventoryService inventory, AccountProperties accounts,
                 WorkerAccountProperties workerAccounts, CamundaBpmProperties camunda,
                 @Value("${" + GeneratedAdminPassword.GENERATED_PROPERTY + ":}") String generatedAdminPassword) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.inventory = inventory;
        this.accounts = accounts;
        this.workerAccounts = workerAccounts;
        this.camunda = camunda;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUp() {
        announceGeneratedAdminPassword();
        Map<String, String> groups = workingGroups();
        groups.forEach(this::ensureGroup);
        if (accounts.enabled()) {
            createDemoUsers();
        }
        groups.keySet().forEach(this::grantWorkingPermissions);
        grantRolePermissions();
        ensureFilters(groups);
        ensureGroup(Groups.STEP_WORKERS, "Runbook step workers");
        grantStepWorkerPermissions();
        createWorkerAccounts();
    }

    /**
     * What fetching, locking, completing, extending and failing an external task needs, on the diagrams that hold
     * runbook steps only: READ_INSTANCE and UPDATE_INSTANCE on their definitions. The engine guard
     * (TaskCommandGuard) narrows it further: no other command, and a completion writes the step's outcome only.
     */
    private void grantStepWorkerPermissions() {
        for (String stepDiagram : List.of("nodeBackups", "upgradeWave", "nodeAcceptanceChecks", "nodeRollbacks",
                "nodeProbes")) {
            grant(Groups.STEP_WORKERS, Resources.PROCESS_DEFINITION, stepDiagram, Permissions.READ_INSTANCE,
                    Permissions.UPDATE_INSTANCE);
        }
    }

    private void createWorkerAccounts() {
        List<String> created = new ArrayList<>();
        for (String id : workerAccounts.users()) {
            if (identityService.createUserQuery().userId(id).singleResult() == null) {
                boolean configured = workerAccounts.password() != null && !workerAccounts.password().isBlank();
                String password = configured ? workerAccounts.password() : Passwords.generate();
                User user = identityService.newUser(id);
                user.setFirstName("Step worker");
                user.setLastName(id);
                user.setPassword(password);
                identityService.saveUser(user);
                created.add(String.format("  %-16s %s", id, configured ? "(configured password)" : password));
            }
            if (identityService.createUserQuery().userId(id).memberOfGroup(Groups.STEP_WORKERS).count() == 0) {
                identityService.createMembership(id, Groups.STEP_WORKERS);
            }
        }
        if (!created.isEmpty()) {
            LOG.warn("\nStep worker accounts created (passwords shown only now; give each to its worker as"
                    + " UPGRADEORCHESTRATOR_REMOTEWORKER_PASSWORD):\n{}", String.join("\n", created));
        }
    }

    /** The fixed roles plus the owner group of every system in the inventory. */
    private Map<String, String> workingGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        Groups.ROLES.forEach(role -> groups.put(role[0], role[1]));
        for (InventorySystem system : inventory.findAll()) {
            groups.putIfAbsent(system.ownerGroup(), "Owners of " + system.name());
        }
        return groups;
    }

    private void announceGeneratedAdminPassword() {
        String adminId = camunda.getAdminUser() == null ? null : camunda.getAdminUser().getId();
        if (adminId == null || generatedAdminPassword.isBlank()) {
            return;
        }
        // The starter created the admin with our generated password only on the very first start.
        if (identityService.checkPassword(adminId, generatedAdminPassword)) {
            LOG.warn("""

                    ================================================================
                     Admin account created: user '{}', password '{}'
                     This password is shown only now. Change it in Camunda Admin, or
                     set CAMUNDA_BPM_ADMINUSER_PASSWORD before the first start.
                    ================================================================""", adminId, generatedAdminPassword);
        }
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private void createDemoUsers() {
        List<String> created = new ArrayList<>();
        for (AccountProperties.DemoUser demo : accounts.users()) {
            if (identityService.createUserQuery().userId(demo.id()).singleResult() == null) {
                String password = accounts.password() == null || accounts.password().isBlank()
                        ? Passwords.generate() : accounts.password();
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.email());
                user.setPassword(password);
                identityService.saveUser(user);
                created.add(String.format("  %-8s %-22s %s", demo.id(), password.equals(accounts.password())
                        ? "(configured password)" : password, String.join(", ", demo.groups())));
            }
            for (String group : demo.groups()) {
                ensureGroup(group, group);
                if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
                    identityService.createMembership(demo.id(), group);
                }
            }
        }
        if (!created.isEmpty()) {
            LOG.warn("\nDemo users created (passwords shown only now):\n  user     password               groups\n{}",
                    String.join("\n", created));
        }
    }

    /** Every working group uses Tasklist, sees process definitions (for forms) and who is who. */
    private void grantWorkingPermissions(String group) {
        grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(group, Resources.USER, "*", Permissions.READ);
        grant(group, Resources.GROUP, "*", Permissions.READ);
    }

    /**
     * Least privilege per role; the README's permission matrix lists the same. Candidates of a task get READ and
     * TASK_WORK on it from the engine (EngineGuardPlugin), nobody gets UPDATE on tasks or process instances.
     */
    private void grantRolePermissions() {
        // Requesters start upgrades (their own, through the API or Tasklist) and follow them through /api/upgrades,
        // which shows each requester their own; the engine's instance and history queries show them nothing.
        grant(Groups.REQUESTERS, Resources.PROCESS_DEFINITION, "systemUpgrade", Permissions.CREATE_INSTANCE);
        grant(Groups.REQUESTERS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);

        // Operations watch every upgrade in Cockpit and retry failed jobs; they cannot change variables, modify
        // or cancel instances, or complete anyone's task.
        grant(Groups.OPERATIONS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.OPERATIONS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE, Permissions.READ_TASK, ProcessDefinitionPermissions.RETRY_JOB);
        grant(Groups.OPERATIONS, Resources.PROCESS_INSTANCE, "*", Permissions.READ, ProcessInstancePermissions.RETRY_JOB);
        grant(Groups.OPERATIONS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(Groups.OPERATIONS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(Groups.OPERATIONS, Resources.TASK, "*", Permissions.READ);

        // Process owners read diagrams, decisions and running instances in Cockpit and try decisions; their
        // deployments wait for a second process owner (rule changes), so the engine gives them no CREATE.
        grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(Groups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE);
        grant(Groups.PROCESS_OWNERS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE,
                Permissions.READ_HISTORY);
        grant(Groups.PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    private void ensureFilters(Map<String, String> groups) {
        Filter myTasks = ensureFilter(MY_TASKS_FILTER, "Tasks assigned to me", -10,
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        groups.keySet().forEach(group -> grant(group, Resources.FILTER, myTasks.getId(), Permissions.READ));
        groups.forEach((group, name) -> {
            Filter filter = ensureFilter(name, "Open tasks of group " + group, 0,
                    taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks());
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        });
    }

    private Filter ensureFilter(String name, String description, int order, TaskQuery query) {
        Filter existing = filterService.createTaskFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", order);
        properties.put("refresh", true);
        Filter filter = filterService.newTaskFilter(name).setProperties(properties)
                .setQuery(query.orderByTaskPriority().desc().orderByDueDate().asc());
        return filterService.saveFilter(filter);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        // exactly these: a permission an earlier version granted and the matrix no longer lists is taken back
        authorization.setPermissions(permissions);
        authorizationService.saveAuthorization(authorization);
    }
}
