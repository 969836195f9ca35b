package io.upgradeorchestrator.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the inventory files are.
 *
 * @param location a folder whose {@code *.yaml} and {@code *.yml} files are read: a path relative to the working
 *                 directory, an absolute path, {@code file:...} or {@code classpath:...}
 */
@ConfigurationProperties("upgrade-orchestrator.inventory")
record InventoryProperties(@DefaultValue("inventory") String location) {
}
