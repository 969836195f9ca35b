package io.upgradeorchestrator.notification;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.identity.Requesters;

/**
 * Turns a recipient list as process owners write it in BPMN ({@code requester, user:rita, group:cab,
 * ops@example.org}) into e-mail addresses, from the engine's users. {@code requester} is the upgrade's requester
 * as the server recorded it (Requesters), never a variable. A list that yields no address is an error, not a
 * silent skip: a notification nobody receives is a lost message.
 */
@Component
public class RecipientResolver {

    static final String REQUESTER = "requester";

    private final IdentityService identityService;
    private final Requesters requesters;

    public RecipientResolver(IdentityService identityService, Requesters requesters) {
        this.identityService = identityService;
        this.requesters = requesters;
    }

    public List<String> resolve(String recipients) {
        return resolve(recipients, null);
    }

    /** As {@link #resolve(String)}, with {@code requester} standing for the requester of this upgrade. */
    public List<String> resolve(String recipients, String upgradeId) {
        if (recipients == null || recipients.isBlank()) {
            throw new IllegalArgumentException("No recipients given (mailTo is empty)");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String entry : Arrays.stream(recipients.split("[,;]")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (entry.equals(REQUESTER)) {
                addresses.add(userAddress(requesterOf(upgradeId)));
            } else if (entry.startsWith("user:")) {
                addresses.add(userAddress(entry.substring(5)));
            } else if (entry.startsWith("group:")) {
                addresses.addAll(groupAddresses(entry.substring(6)));
            } else if (entry.contains("@")) {
                addresses.add(entry);
            } else {
                throw new IllegalArgumentException("Recipient '" + entry
                        + "' is neither requester, user:<id>, group:<id> nor an e-mail address");
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalStateException("No e-mail address found for '" + recipients
                    + "': give the users an e-mail address in Camunda Admin");
        }
        return List.copyOf(addresses);
    }

    /** The members of an approver group except the upgrade's requester, who is never asked to approve it. */
    public List<String> approverAddresses(String groupId, String upgradeId) {
        String requester = requesterOf(upgradeId);
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
                .filter(user -> !user.getId().equals(requester))
                .map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList();
    }

    private String requesterOf(String upgradeId) {
        return requesters.requesterOf(upgradeId).orElseThrow(() -> new IllegalStateException(
                "No requester is on record for upgrade '" + upgradeId + "'"));
    }

    public List<String> groupAddresses(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList();
    }

    private String userAddress(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
            throw new IllegalStateException("User '" + userId + "' has no e-mail address: set one in Camunda Admin");
        }
        return user.getEmail();
    }
}
