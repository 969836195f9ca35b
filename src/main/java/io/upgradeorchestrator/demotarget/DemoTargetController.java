package io.upgradeorchestrator.demotarget;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The health endpoint of the demo nodes, as a real service would have one: it answers with the version that runs.
 * Deliberately outside {@code /api} and without authentication, like a load balancer's health check; it only
 * reveals which demo release a demo node runs.
 */
@RestController
class DemoTargetController {

    private final DemoTarget demoTarget;

    DemoTargetController(DemoTarget demoTarget) {
        this.demoTarget = demoTarget;
    }

    @GetMapping(value = "/demo-target/nodes/{node}/health", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> health(@PathVariable String node) {
        return demoTarget.runningVersion(node)
                .map(version -> ResponseEntity.ok("status=UP\nnode=" + node + "\nversion=" + version + "\n"))
                .orElseGet(() -> ResponseEntity.status(503)
                        .body("status=DOWN\nnode=" + node + "\nno release is switched on (not provisioned?)\n"));
    }
}
