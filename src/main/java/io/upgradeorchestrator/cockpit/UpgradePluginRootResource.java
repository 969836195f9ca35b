package io.upgradeorchestrator.cockpit;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /camunda/api/cockpit/plugin/upgrade/{engine}/process-instance/{id}}: the summary of the upgrade that a
 * process instance belongs to. The webapps' security filter lets only users logged in to that engine through; the
 * webapps' authentication filter has made them the engine's current user, so the engine's authorization decides
 * what they see. Jersey creates this class, so the Spring beans are looked up in the servlet context.
 */
@Path("plugin/" + UpgradeCockpitPlugin.ID)
public class UpgradePluginRootResource extends AbstractCockpitPluginRootResource {

    public UpgradePluginRootResource() {
        super(UpgradeCockpitPlugin.ID);
    }

    @GET
    @Path("{engine}/process-instance/{processInstanceId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@PathParam("engine") String engine,
                            @PathParam("processInstanceId") String processInstanceId) {
        WebApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        if (!spring.getBean(ProcessEngine.class).getName().equals(engine)) {
            return notFound("No process engine '" + engine + "'");
        }
        return spring.getBean(UpgradeSummaries.class).forProcessInstance(processInstanceId)
                .map(summary -> ok(spring.getBean(ObjectMapper.class), summary))
                .orElseGet(() -> notFound("No upgrade for process instance '" + processInstanceId + "' that you may see"));
    }

    private static Response ok(ObjectMapper json, UpgradeSummary summary) {
        try {
            // Spring's mapper writes times as ISO-8601 text, like our own API
            return Response.ok(json.writeValueAsString(summary), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"type\":\"NotFound\",\"message\":" + quote(message) + "}").build();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
