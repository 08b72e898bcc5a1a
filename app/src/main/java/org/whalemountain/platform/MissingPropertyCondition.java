package org.whalemountain.platform;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Backs {@link ConditionalOnMissingProperty}. */
class MissingPropertyCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		var attributes = metadata.getAnnotationAttributes(ConditionalOnMissingProperty.class.getName());
		String name = (String) attributes.get("value");
		return !StringUtils.hasText(context.getEnvironment().getProperty(name));
	}

}
