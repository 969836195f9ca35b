package io.upgradeorchestrator.inventory;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Read access to the inventory as stored by the last start (the YAML files are the source of truth). */
@Service
public class InventoryService {

    private final InventoryRepository repository;

    InventoryService(InventoryRepository repository) {
        this.repository = repository;
    }

    /** All systems, in the order the files declare them. */
    public List<InventorySystem> findAll() {
        return repository.findAll();
    }

    public Optional<InventorySystem> findById(String id) {
        return repository.findById(id);
    }

    /** The system, or {@link UnknownSystemException} when the inventory does not declare it. */
    public InventorySystem require(String id) {
        return findById(id).orElseThrow(() -> new UnknownSystemException(id));
    }

    /** Systems that declare a dependency on {@code systemId}: the ones an upgrade of it can break. */
    public List<InventorySystem> dependentsOf(String systemId) {
        return repository.findDependents(systemId);
    }
}
