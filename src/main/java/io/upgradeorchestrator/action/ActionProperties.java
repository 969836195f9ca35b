package io.upgradeorchestrator.action;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the actions, under {@code upgrade-orchestrator.actions}.
 *
 * @param maxOutput            output kept per run (command output, HTTP body, matched log lines); the rest is counted
 * @param defaultTimeout       for commands, HTTP checks and log-scan commands that name no timeout
 * @param sqlTimeout           query timeout of SQL checks
 * @param killGrace            after a timeout, how long a process tree gets to end on SIGTERM before it is killed
 * @param staleAfter           a run still STARTED after this long (and after its own timeout) was interrupted by a
 *                             crash and is run again by the next attempt with its key
 * @param staleMargin          leeway on top of a run's own timeout and {@code kill-grace} before a STARTED run counts
 *                             as abandoned: the limit is the larger of {@code stale-after} and timeout + kill grace +
 *                             this margin
 * @param httpConnectTimeout   connect timeout of the shared HTTP client
 * @param inheritedEnvironment variables of the application's environment passed on to commands; nothing else is,
 *                             so the application's own secrets never reach a target
 * @param logTimeZone          zone of log timestamps without an offset; empty = the system's zone
 * @param sqlConnections       databases SQL checks may query, by name; the only place their credentials live
 */
@ConfigurationProperties(prefix = ActionProperties.PREFIX)
public record ActionProperties(
        @DefaultValue("64KB") DataSize maxOutput,
        @DefaultValue("5m") Duration defaultTimeout,
        @DefaultValue("30s") Duration sqlTimeout,
        @DefaultValue("5s") Duration killGrace,
        @DefaultValue("1h") Duration staleAfter,
        @DefaultValue("1m") Duration staleMargin,
        @DefaultValue("10s") Duration httpConnectTimeout,
        @DefaultValue({"PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "SSH_AUTH_SOCK"})
        List<String> inheritedEnvironment,
        ZoneId logTimeZone,
        Map<String, SqlConnection> sqlConnections) {

    static final String PREFIX = "upgrade-orchestrator.actions";

    public ActionProperties {
        logTimeZone = logTimeZone != null ? logTimeZone : ZoneId.systemDefault();
        sqlConnections = sqlConnections != null ? Map.copyOf(sqlConnections) : Map.of();
    }

    public record SqlConnection(String url, String username, String password) {
    }

    int maxOutputBytes() {
        return (int) Math.min(Integer.MAX_VALUE, maxOutput.toBytes());
    }
}
