package io.upgradeorchestrator.rulechange;

import java.util.AbstractMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.util.ClassUtils;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

import jakarta.servlet.Filter;

/**
 * The beans that deployed expressions may name: the product's own components (package
 * {@code io.upgradeorchestrator}) — its delegates, listeners, rules and services — and nothing of the platform
 * (no {@code dataSource}, {@code jdbcTemplate}, engine services, …). Configuration classes, configuration
 * properties, web controllers, repositories, filters, engine plugins and beans marked
 * {@link HiddenFromExpressions} are left out: a diagram has no business calling them.
 * Names are read from the bean definitions once all are registered, so no bean is created early.
 */
final class ProductBeans {

    private static final String PACKAGE = "io.upgradeorchestrator.";
    private final ConfigurableListableBeanFactory beanFactory;
    private volatile Set<String> names;

    ProductBeans(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    boolean isProductBean(String name) {
        return names().contains(name);
    }

    /** A bean of the application that is not one of the product's (platform, Spring, Camunda …). */
    boolean isPlatformBean(String name) {
        return !isProductBean(name) && beanFactory.containsBean(name);
    }

    Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            known = new TreeSet<>();
            for (String name : beanFactory.getBeanDefinitionNames()) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                if (definition.isAbstract()) {
                    continue;
                }
                Class<?> type = beanFactory.getType(name, false);
                if (type != null && isProductComponent(ClassUtils.getUserClass(type))) {
                    known.add(name);
                }
            }
            names = known;
        }
        return known;
    }

    private static boolean isProductComponent(Class<?> type) {
        return type.getName().startsWith(PACKAGE)
                && AnnotatedElementUtils.hasAnnotation(type, Component.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Configuration.class)
                && !AnnotatedElementUtils.hasAnnotation(type, SpringBootApplication.class)
                && !AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Controller.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Repository.class)
                && !AnnotatedElementUtils.hasAnnotation(type, HiddenFromExpressions.class)
                && !Filter.class.isAssignableFrom(type)
                && !ProcessEnginePlugin.class.isAssignableFrom(type);
    }

    /**
     * The map the engine's expression manager resolves bean names from ({@code setBeans}): only the product's
     * beans, each fetched from Spring when an expression first asks for it.
     */
    java.util.Map<Object, Object> asExpressionBeans() {
        return new AbstractMap<>() {
            @Override
            public boolean containsKey(Object key) {
                return key instanceof String name && isProductBean(name);
            }

            @Override
            public Object get(Object key) {
                return containsKey(key) ? beanFactory.getBean((String) key) : null;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                return names().stream().map(name -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(name, beanFactory.getBean(name)))
                        .collect(Collectors.toSet());
            }
        };
    }
}
