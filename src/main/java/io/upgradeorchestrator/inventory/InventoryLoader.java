package io.upgradeorchestrator.inventory;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Loads the inventory files into the tables on start-up. Runs while the context is being refreshed, before the web
 * server accepts requests, so an invalid inventory stops the start with the list of errors
 * (see {@link InventoryValidationFailureAnalyzer}) and a valid one is in place before anything reads it.
 */
@Component
class InventoryLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InventoryLoader.class);

    private final InventoryProperties properties;
    private final ResourceLoader resourceLoader;
    private final InventoryRepository repository;

    InventoryLoader(InventoryProperties properties, ResourceLoader resourceLoader, InventoryRepository repository) {
        this.properties = properties;
        this.resourceLoader = resourceLoader;
        this.repository = repository;
    }

    @Override
    public void afterSingletonsInstantiated() {
        load();
    }

    /** Reads and checks all files, then replaces the stored inventory with their content. */
    List<InventorySystem> load() {
        String location = properties.location();
        List<Resource> files = InventoryFiles.find(location, resourceLoader);
        List<InventorySystem> systems = new InventoryReader().read(location, files);
        repository.replaceAll(systems, location);
        log.info("Inventory loaded from '{}': {} systems from {} files", location, systems.size(), files.size());
        if (files.isEmpty()) {
            log.warn("No *.yaml or *.yml files in inventory folder '{}'; the inventory is empty", location);
        }
        return systems;
    }
}
