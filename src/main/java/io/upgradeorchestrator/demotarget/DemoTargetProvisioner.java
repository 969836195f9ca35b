package io.upgradeorchestrator.demotarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Creates the demo nodes that do not exist yet, each at the version the inventory says it runs, for every system
 * whose runbook is marked {@code demoTarget: true}. Existing nodes are left as they are (an upgrade may have changed
 * them). Off with {@code upgrade-orchestrator.demo-target.provision=false}.
 */
@Component
public class DemoTargetProvisioner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTargetProvisioner.class);

    private final DemoTarget demoTarget;
    private final InventoryService inventory;

    DemoTargetProvisioner(DemoTarget demoTarget, InventoryService inventory) {
        this.demoTarget = demoTarget;
        this.inventory = inventory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demoTarget.provisionOnStart()) {
            provisionAll();
        }
    }

    /** Provisions every missing demo node; returns how many were created. */
    public int provisionAll() {
        int created = 0;
        for (InventorySystem system : inventory.findAll()) {
            if (system.runbook() == null || !system.runbook().demoTarget()) {
                continue;
            }
            for (Node node : system.nodes()) {
                if (demoTarget.runningVersion(node.id()).isEmpty()) {
                    provision(node);
                    created++;
                }
            }
        }
        if (created > 0) {
            log.info("Demo target: provisioned {} nodes under {}", created, demoTarget.root());
        }
        return created;
    }

    private void provision(Node node) {
        List<String> command = List.of("bash", demoTarget.scripts().resolve("provision.sh").toString(),
                demoTarget.root().toString(), SafePaths.segment("node id", node.id()), node.version());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Demo target: " + String.join(" ", command) + " failed: " + output);
            }
            log.debug("Demo target: {}", output);
        } catch (IOException e) {
            throw new IllegalStateException("Demo target: cannot run " + String.join(" ", command) + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo target: interrupted while provisioning " + node.id(), e);
        }
    }
}
