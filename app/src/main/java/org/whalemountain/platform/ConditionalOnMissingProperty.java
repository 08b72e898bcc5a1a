package org.whalemountain.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Loads a bean or configuration only when the named property is unset or blank: how the
 * embedded database steps aside once an operator configures the real one. (The demo
 * directory does not work this way: it starts only when asked for, since a misspelt
 * property must not open its published passwords.)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(MissingPropertyCondition.class)
public @interface ConditionalOnMissingProperty {

	/** The property name, e.g. {@code spring.datasource.url}. */
	String value();

}
