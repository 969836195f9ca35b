package io.upgradeorchestrator.rulechange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.camunda.bpm.engine.spring.SpringExpressionManager;

/**
 * Inside the engine, so it holds for every way in (the engine's REST API, the webapps' copy of it, Java, the
 * deployment at start-up): every new deployment is checked against {@link DeploymentAllowList} before the
 * engine's own deployers parse it, and refused as a whole with a {@code BadUserRequestException} (REST: 400).
 * Deployments already in the database are not checked again when the engine reloads them into its cache.
 *
 * <p>Defence in depth: expressions resolve bean names only among the product's own beans
 * ({@link ProductBeans}); {@code ${dataSource}} or {@code ${jdbcTemplate}} resolve to nothing.
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin {

    private final ProductBeans productBeans;
    private final DeploymentAllowList allowList;

    private final ApplicationContext applicationContext;

    DeploymentGuard(ConfigurableListableBeanFactory beanFactory, ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
        this.productBeans = new ProductBeans(beanFactory);
        this.allowList = new DeploymentAllowList(productBeans::isProductBean, productBeans::isPlatformBean);
    }

    DeploymentAllowList allowList() {
        return allowList;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        preDeployers.add(0, this::check);
        configuration.setCustomPreDeployers(preDeployers);
        // Spring's ProcessEngineFactoryBean has already set an expression manager that resolves every bean of the
        // application context; replace it with one that resolves only the product's beans.
        Map<Object, Object> beans = productBeans.asExpressionBeans();
        configuration.setBeans(beans);
        configuration.setExpressionManager(new SpringExpressionManager(applicationContext, beans));
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        resources.values().forEach(resource -> violations.addAll(allowList.violations(resource.getName(), resource.getBytes())));
        if (!violations.isEmpty()) {
            throw new org.camunda.bpm.engine.BadUserRequestException(String.join("\n", violations));
        }
    }
}
