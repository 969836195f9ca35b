package io.upgradeorchestrator.rulechange;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A product bean that deployed expressions may not name (see {@link ProductBeans}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface HiddenFromExpressions {
}
