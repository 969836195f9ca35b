package io.upgradeorchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UpgradeOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(UpgradeOrchestratorApplication.class, args);
    }
}
