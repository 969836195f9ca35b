package io.upgradeorchestrator.inventory;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

// Authentication for /api/** belongs to the security feature and is tested there.
@WebMvcTest(InventoryController.class)
@AutoConfigureMockMvc(addFilters = false)
class InventoryControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private InventoryService inventory;

    private List<InventorySystem> demo;

    @BeforeEach
    void demoInventory() {
        demo = InventoryReaderTest.demoInventory();
        given(inventory.findAll()).willReturn(demo);
        given(inventory.require("billing-db")).willReturn(demo.get(0));
        given(inventory.dependentsOf("billing-db")).willReturn(List.of(demo.get(1), demo.get(2)));
        given(inventory.require("nope")).willThrow(new UnknownSystemException("nope"));
        given(inventory.findById("nope")).willReturn(Optional.empty());
    }

    @Test
    void listsSystemsWithProductionVersionsAndDrift() throws Exception {
        mvc.perform(get("/api/systems"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].id").value("billing-db"))
                .andExpect(jsonPath("$[0].name").value("Billing database (PostgreSQL)"))
                .andExpect(jsonPath("$[0].tier").value(1))
                .andExpect(jsonPath("$[0].ownerGroup").value("billing-owners"))
                .andExpect(jsonPath("$[0].productionVersions", contains("15.5", "15.6")))
                .andExpect(jsonPath("$[0].versionDrift").value(true))
                .andExpect(jsonPath("$[1].id").value("billing-portal"))
                .andExpect(jsonPath("$[1].productionVersions", contains("4.8.2")))
                .andExpect(jsonPath("$[1].versionDrift").value(false))
                .andExpect(jsonPath("$[0].nodes").doesNotExist());
    }

    @Test
    void showsOneSystemWithEverythingAndItsDependents() throws Exception {
        mvc.perform(get("/api/systems/billing-db"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("billing-db"))
                .andExpect(jsonPath("$.tier").value(1))
                .andExpect(jsonPath("$.sla.maxOutageMinutes").value(30))
                .andExpect(jsonPath("$.peakPeriods[0].zone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.nodes", hasSize(4)))
                .andExpect(jsonPath("$.nodes[1].version").value("15.5"))
                .andExpect(jsonPath("$.components[0].area").value("APPLICATION"))
                .andExpect(jsonPath("$.releases[0].requirements[0].minimumVersion").value("8.6"))
                .andExpect(jsonPath("$.productionVersions", contains("15.5", "15.6")))
                .andExpect(jsonPath("$.versionDrift").value(true))
                .andExpect(jsonPath("$.dependents", contains("billing-portal", "finance-reports")))
                .andExpect(jsonPath("$.system").doesNotExist());
    }

    @Test
    void answersAnUnknownSystemWithProblemDetails() throws Exception {
        mvc.perform(get("/api/systems/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Unknown system"))
                .andExpect(jsonPath("$.detail").value("No system with id 'nope' in the inventory"))
                .andExpect(jsonPath("$.systemId").value("nope"));
    }
}
