package org.whalemountain.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.whalemountain.registry.token.SigningKey;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The whole service on a random port, against the real MariaDB, the real dockerd, a real
 * registry and the embedded demo directory, with GitLab stubbed. Every test class that
 * uses it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(ServiceTest.TestEnvironment.class)
public @interface ServiceTest {

	/**
	 * What every service test shares: a movable clock, a GitLab stub, runners that use
	 * the locally built stand-in image, a registry of its own, and a record of the
	 * published events. The scheduled registry sync waits a day, so that only the tests
	 * that sync do. Orphaned lent containers are kept a day: the dockerd is shared with
	 * other databases, whose containers look like orphans here.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class TestEnvironment {

		/** {@code wm.registry.gitlab-webhook-secret} of every service test context. */
		public static final String GITLAB_WEBHOOK_SECRET = "test-gitlab-webhook-secret";

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

		@Bean(destroyMethod = "stop")
		WireMockServer gitlabServer() {
			return GitLabStubs.server();
		}

		@Bean
		GitLabStubs gitlabStubs(WireMockServer gitlabServer) {
			return new GitLabStubs(gitlabServer);
		}

		@Bean
		TestRegistry testRegistry(ObjectProvider<SigningKey> signingKey, Environment environment) {
			return new TestRegistry(signingKey, environment);
		}

		@Bean
		PublishedEvents publishedEvents() {
			return new PublishedEvents();
		}

		@Bean
		DynamicPropertyRegistrar serviceTestProperties(WireMockServer gitlabServer, TestRegistry testRegistry) {
			return (registry) -> {
				registry.add("wm.gitlab.url", gitlabServer::baseUrl);
				registry.add("wm.test.runner-image", TestImages::standInRunner);
				registry.add("wm.registry.url", testRegistry::url);
				registry.add("wm.registry.host", testRegistry::host);
				registry.add("wm.registry.notifications.secret", () -> TestRegistry.NOTIFICATIONS_SECRET);
				registry.add("wm.registry.gitlab-webhook-secret", () -> GITLAB_WEBHOOK_SECRET);
				registry.add("wm.registry.sync-interval", () -> "PT24H");
				registry.add("wm.workloads.orphan-grace", () -> "P1D");
			};
		}

	}

}
