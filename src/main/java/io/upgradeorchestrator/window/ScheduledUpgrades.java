package io.upgradeorchestrator.window;

import java.util.Collection;
import java.util.List;

/** Where the other scheduled or running upgrades come from (the process engine, see EngineScheduledUpgrades). */
public interface ScheduledUpgrades {

    /** Upgrades not yet ended of any of these systems that have a window, except the upgrade {@code excluding}. */
    List<ScheduledUpgrade> ofSystems(Collection<String> systemIds, String excluding);

    /** Upgrades not yet ended, of every system, whose window overlaps [from, to), earliest first. */
    List<ScheduledUpgrade> between(java.time.Instant from, java.time.Instant to);
}
