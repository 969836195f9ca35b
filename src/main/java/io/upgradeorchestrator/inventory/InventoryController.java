package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inventory as the API shows it: a list for overviews and one system with everything known about it. */
@RestController
@RequestMapping("/api/systems")
class InventoryController {

    private final InventoryService inventory;

    InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @GetMapping
    List<SystemSummary> list() {
        return inventory.findAll().stream().map(SystemSummary::of).toList();
    }

    @GetMapping("/{id}")
    SystemDetails get(@PathVariable String id) {
        InventorySystem system = inventory.require(id);
        List<String> dependents = inventory.dependentsOf(id).stream().map(InventorySystem::id).toList();
        return new SystemDetails(system, system.productionVersions(), system.hasVersionDrift(), dependents);
    }

    @ExceptionHandler
    ProblemDetail unknownSystem(UnknownSystemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown system");
        problem.setProperty("systemId", e.systemId());
        return problem;
    }

    /** One line of the systems list; {@code versionDrift}: production nodes run different versions. */
    record SystemSummary(String id, String name, int tier, String ownerGroup, List<String> productionVersions,
                         boolean versionDrift) {

        static SystemSummary of(InventorySystem system) {
            return new SystemSummary(system.id(), system.name(), system.tier(), system.ownerGroup(),
                    system.productionVersions(), system.hasVersionDrift());
        }
    }

    /** The whole system, plus the ids of the systems that depend on it. */
    record SystemDetails(@JsonUnwrapped InventorySystem system, List<String> productionVersions,
                         boolean versionDrift, List<String> dependents) {
    }
}
