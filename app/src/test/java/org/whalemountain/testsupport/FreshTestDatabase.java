package org.whalemountain.testsupport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts every test run from an empty database, so that no test depends on what earlier
 * runs left behind (a demo user's containers, tokens, a runner). The first application
 * context of a test JVM that uses a database drops and creates it before anything
 * connects to it; Flyway then migrates it from nothing. Contexts that start later, cached
 * or not, find it as the earlier ones left it. Only with {@code wm.test.reset-database},
 * which the tests' own configuration sets, so that no other database is ever dropped.
 * <p>
 * A context customizer rather than a JUnit session listener: it runs only where a context
 * starts (the unit tests need no database), resolves the URL exactly as the context will,
 * {@code WM_TEST_DB_URL} and test properties included, and works in any runner.
 */
class FreshTestDatabase implements ContextCustomizerFactory {

	/** Databases this JVM has already reset. */
	private static final Set<String> RESET = ConcurrentHashMap.newKeySet();

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return Reset.INSTANCE;
	}

	/**
	 * One instance, equal to itself only, so that it never splits the context cache.
	 */
	private enum Reset implements ContextCustomizer {

		INSTANCE;

		private static final Logger log = LoggerFactory.getLogger(FreshTestDatabase.class);

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Environment environment = context.getEnvironment();
			String url = environment.getProperty("spring.datasource.url");
			if (!environment.getProperty("wm.test.reset-database", Boolean.class, false) || url == null
					|| url.isBlank()) {
				return;
			}
			synchronized (RESET) {
				if (RESET.add(url)) {
					TestDatabase database = TestDatabase.of(url, environment.getProperty("spring.datasource.username"),
							environment.getProperty("spring.datasource.password"));
					database.recreate();
					log.info("Test database {} dropped and created empty for this run", database);
				}
			}
		}

	}

}
