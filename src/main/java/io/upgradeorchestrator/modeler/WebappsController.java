package io.upgradeorchestrator.modeler;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Tells Camunda Modeler where Cockpit, Tasklist and Admin live, so the link it shows after a deployment or a
 * process start opens our Cockpit. The Modeler asks {@code /.well-known/camunda-automation-platform/webapps} on
 * the host of its deployment endpoint and reads {@code adminUrl}, {@code cockpitUrl} and {@code tasklistUrl}.
 *
 * <p>Served without authentication on purpose (the Modeler sends no credentials here): it reveals only where
 * the webapps are, and they ask for a login themselves. The URLs follow the host the Modeler used, so they are
 * right wherever the application runs.
 */
@RestController
class WebappsController {

    static final String PATH = "/.well-known/camunda-automation-platform/webapps";

    private final String applicationPath;
    private final String engineName;

    WebappsController(@Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath,
            @Value("${camunda.bpm.process-engine-name:default}") String engineName) {
        this.applicationPath = "/" + applicationPath.strip().replaceAll("^/+|/+$", "");
        this.engineName = engineName;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    WebappUrls webapps() {
        return new WebappUrls(url("admin"), url("cockpit"), url("tasklist"));
    }

    private String url(String app) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(applicationPath).path("/app/").path(app).path("/").path(engineName).path("/")
                .toUriString() + "#/";
    }

    /** The shape Camunda Modeler reads; each URL ends in {@code #/} so the Modeler can append a Cockpit route. */
    record WebappUrls(String adminUrl, String cockpitUrl, String tasklistUrl) {
    }
}
