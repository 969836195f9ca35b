package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Flyway migration and round trip through the {@code inv_*} tables on an embedded H2 database. */
@JdbcTest
@Import(InventoryRepository.class)
class InventoryRepositoryTest {

    @Autowired
    private InventoryRepository repository;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void readsBackExactlyWhatWasStored() {
        List<InventorySystem> demo = InventoryReaderTest.demoInventory();

        repository.replaceAll(demo, "inventory");

        assertThat(repository.findAll()).isEqualTo(demo);
        assertThat(jdbc.queryForObject("SELECT system_count FROM inv_load WHERE id = 1", Integer.class)).isEqualTo(3);
    }

    @Test
    void replacesThePreviousInventory() {
        List<InventorySystem> demo = InventoryReaderTest.demoInventory();
        repository.replaceAll(demo, "inventory");

        repository.replaceAll(List.of(demo.get(0)), "inventory");

        assertThat(repository.findAll()).containsExactly(demo.get(0));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inv_node", Integer.class))
                .isEqualTo(demo.get(0).nodes().size());
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // let replaceAll run in its own transaction
    void keepsThePreviousInventoryWhenStoringFails() {
        List<InventorySystem> demo = InventoryReaderTest.demoInventory();
        repository.replaceAll(demo, "inventory");
        InventorySystem db = demo.get(0);
        InventorySystem broken = new InventorySystem(db.id(), db.name(), db.tier(), db.ownerGroup(),
                db.businessServices(), db.peakPeriods(), db.criticalUserGroups(), db.sla(), db.complianceTags(),
                db.notificationList(), db.onCallRoles(), db.nodes(), db.components(),
                List.of(new Dependency("not-stored", "violates the foreign key")), db.configurationItems(),
                db.releases(), db.runbook());

        assertThatThrownBy(() -> repository.replaceAll(List.of(broken), "inventory"))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(repository.findAll()).isEqualTo(demo);
    }

    @Test
    void findsOneSystemAndItsDependents() {
        List<InventorySystem> demo = InventoryReaderTest.demoInventory();
        repository.replaceAll(demo, "inventory");

        assertThat(repository.findById("billing-portal")).contains(demo.get(1));
        assertThat(repository.findById("no-such-system")).isEmpty();
        assertThat(repository.findDependents("billing-db")).extracting(InventorySystem::id)
                .containsExactly("billing-portal", "finance-reports");
        assertThat(repository.findDependents("finance-reports")).isEmpty();
    }
}
