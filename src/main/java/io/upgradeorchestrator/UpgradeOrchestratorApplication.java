package io.upgradeorchestrator;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.upgradeorchestrator.action.ProgramLaunch;
import io.upgradeorchestrator.worker.remote.RemoteWorkerApplication;

@SpringBootApplication
public class UpgradeOrchestratorApplication {

    static {
        ProgramLaunch.preferVfork(); // before the JVM starts its first program
    }

    public static void main(String[] args) throws InterruptedException {
        if (remoteWorker(args)) {
            // the same jar near the target systems: only the worker (README "Workers")
            RemoteWorkerApplication.main(args);
            return;
        }
        SpringApplication.run(UpgradeOrchestratorApplication.class, args);
    }

    /** Whether the profile remote-worker is asked for: argument, system property or environment. */
    static boolean remoteWorker(String[] args) {
        String fromArgs = Arrays.stream(args).filter(arg -> arg.startsWith("--spring.profiles.active="))
                .map(arg -> arg.substring("--spring.profiles.active=".length())).reduce((a, b) -> b).orElse(null);
        String profiles = fromArgs != null ? fromArgs : System.getProperty("spring.profiles.active",
                System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", ""));
        return Arrays.stream(profiles.split(",")).map(String::strip)
                .anyMatch(RemoteWorkerApplication.PROFILE::equals);
    }
}
