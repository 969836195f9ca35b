package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

class InventoryFilesTest {

    private final DefaultResourceLoader resourceLoader = new DefaultResourceLoader();

    @Test
    void findsYamlAndYmlFilesOfAFolderInNameOrder(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("b.yml"), "systems: []");
        Files.writeString(folder.resolve("a.yaml"), "systems: []");
        Files.writeString(folder.resolve("notes.txt"), "not inventory");
        Files.createDirectory(folder.resolve("old.yaml.d"));

        assertThat(InventoryFiles.find(folder.toString(), resourceLoader)).extracting(Resource::getFilename)
                .containsExactly("a.yaml", "b.yml");
        assertThat(InventoryFiles.find("file:" + folder, resourceLoader)).hasSize(2);
    }

    @Test
    void acceptsASingleFile(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("one.yaml"), "systems: []");

        assertThat(InventoryFiles.find(file.toString(), resourceLoader)).extracting(Resource::getFilename)
                .containsExactly("one.yaml");
    }

    @Test
    void findsFilesOnTheClasspath() {
        assertThat(InventoryFiles.find("classpath:inventory-test/", resourceLoader)).extracting(Resource::getFilename)
                .containsExactly("a-core.yaml", "c-clients.yml");
    }

    @Test
    void refusesAMissingFolder() {
        assertThatThrownBy(() -> InventoryFiles.find("no-such-folder", resourceLoader))
                .isInstanceOf(InventoryValidationException.class)
                .hasMessageContaining("Inventory at 'no-such-folder")
                .hasMessageContaining("the inventory folder does not exist");
        assertThatThrownBy(() -> InventoryFiles.find("classpath:no-such-folder/", resourceLoader))
                .isInstanceOf(InventoryValidationException.class);
    }
}
