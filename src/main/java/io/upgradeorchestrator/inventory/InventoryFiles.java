package io.upgradeorchestrator.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/** Finds the inventory files: every {@code *.yaml} and {@code *.yml} directly in the configured folder. */
final class InventoryFiles {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private InventoryFiles() {
    }

    /**
     * The files at {@code location}, sorted by name so that the order of systems does not depend on the file system.
     *
     * @throws InventoryValidationException when the folder does not exist: a mistyped location must not silently
     *                                      start the application with an empty inventory
     */
    static List<Resource> find(String location, ResourceLoader resourceLoader) {
        ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
        String folder;
        if (location.startsWith(CLASSPATH)) {
            folder = CLASSPATH + withSlash(location.substring(CLASSPATH.length()));
            if (!resolver.getResource(folder).exists()) {
                throw notFound(location);
            }
        } else {
            Path path = Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location)
                    .toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                return List.of(resolver.getResource(path.toUri().toString()));
            }
            if (!Files.isDirectory(path)) {
                throw notFound(location + " (" + path + ")");
            }
            folder = withSlash(path.toUri().toString());
        }
        Map<String, Resource> files = new TreeMap<>();
        for (String pattern : List.of("*.yaml", "*.yml")) {
            try {
                for (Resource resource : resolver.getResources(folder + pattern)) {
                    files.putIfAbsent(resource.getFilename(), resource);
                }
            } catch (IOException e) {
                throw new InventoryValidationException(location, List.of("cannot list the folder: " + e.getMessage()));
            }
        }
        return new ArrayList<>(files.values());
    }

    private static String withSlash(String folder) {
        return folder.endsWith("/") ? folder : folder + "/";
    }

    private static InventoryValidationException notFound(String location) {
        return new InventoryValidationException(location, List.of("the inventory folder does not exist"));
    }
}
