package io.upgradeorchestrator.announcement;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code upgrade-orchestrator.announcement}: how affected users are told about an upgrade.
 *
 * @param reminderLead  how long before the window's start the reminder goes out (default 24 hours); when that
 *                      moment has passed by the time of the announcement, the reminder follows right away
 * @param contactGroups groups whose members users may contact besides the system's owner group (default
 *                      {@code operations})
 */
@ConfigurationProperties("upgrade-orchestrator.announcement")
public record AnnouncementProperties(
        @DefaultValue("PT24H") Duration reminderLead,
        @DefaultValue("operations") List<String> contactGroups) {
}
