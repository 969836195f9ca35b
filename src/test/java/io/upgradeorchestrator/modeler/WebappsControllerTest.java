package io.upgradeorchestrator.modeler;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(WebappsController.class)
class WebappsControllerTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldTellTheModelerWhereTheWebappsAreWithoutAskingForCredentials() throws Exception {
        mvc.perform(get("/.well-known/camunda-automation-platform/webapps"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.cockpitUrl").value("http://localhost/camunda/app/cockpit/default/#/"))
                .andExpect(jsonPath("$.tasklistUrl").value("http://localhost/camunda/app/tasklist/default/#/"))
                .andExpect(jsonPath("$.adminUrl").value("http://localhost/camunda/app/admin/default/#/"));
    }

    @Test
    void shouldFollowTheHostTheModelerUsed() throws Exception {
        mvc.perform(get("https://upgrades.example.org:8443/.well-known/camunda-automation-platform/webapps"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cockpitUrl").value("https://upgrades.example.org:8443/camunda/app/cockpit/default/#/"));
    }
}
