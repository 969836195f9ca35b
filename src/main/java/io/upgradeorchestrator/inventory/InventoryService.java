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

    /**
     * The system as {@link #require}, read at most once every few seconds: for the runbook steps, which run by the
     * hundred at once and would otherwise each read a system of a thousand nodes (the inventory changes only when the
     * application starts).
     */
    public InventorySystem requireRecent(String id) {
        long now = System.nanoTime();
        Cached cached = recent.get(id);
        if (cached != null && now - cached.readAt < RECENT_NANOS) {
            return cached.system;
        }
        InventorySystem system = require(id);
        recent.put(id, new Cached(system, now));
        return system;
    }

    private static final long RECENT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    private final java.util.Map<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(InventorySystem system, long readAt) {
    }

    /** Systems that declare a dependency on {@code systemId}: the ones an upgrade of it can break. */
    public List<InventorySystem> dependentsOf(String systemId) {
        return repository.findDependents(systemId);
    }
}
