package org.whalemountain.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The whole service on a random port, against the real MariaDB, the real dockerd and the
 * embedded demo directory, with GitLab stubbed. Every test class that uses it shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(ServiceTest.TestEnvironment.class)
public @interface ServiceTest {

	/**
	 * What every service test shares: a movable clock, a GitLab stub, and runners that
	 * use the locally built stand-in image.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class TestEnvironment {

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
		DynamicPropertyRegistrar serviceTestProperties(WireMockServer gitlabServer) {
			return (registry) -> {
				registry.add("wm.gitlab.url", gitlabServer::baseUrl);
				registry.add("wm.test.runner-image", TestImages::standInRunner);
			};
		}

	}

}
