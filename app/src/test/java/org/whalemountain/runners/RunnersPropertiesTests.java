package org.whalemountain.runners;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RunnersPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Enabled.class);

	@Test
	void jobsRunAsUid1000AndANewRunnerMustStayUpTwoSeconds() {
		this.context.run((context) -> {
			RunnersProperties properties = context.getBean(RunnersProperties.class);
			assertThat(properties.jobUser()).isEqualTo("1000:1000");
			assertThat(properties.startupCheck()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void anotherNumericUserBinds() {
		this.context.withPropertyValues("wm.runners.job-user=2000:3000")
			.run((context) -> assertThat(context.getBean(RunnersProperties.class).jobUser()).isEqualTo("2000:3000"));
	}

	@Test
	void rootOrANameIsRefused() {
		for (String user : new String[] { "0:0", "0", "1000:0", "0:1000", "root", "1000", "user:1000", "" }) {
			this.context.withPropertyValues("wm.runners.job-user=" + user)
				.run((context) -> assertThat(context).as(user).getFailure().hasStackTraceContaining("jobUser"));
		}
	}

	@Test
	void kubernetesRunnersWithBuildahAndNoLiftedProfilesBind() {
		this.context
			.withPropertyValues("wm.runners.engine=kubernetes", "wm.runners.builder=buildah",
					"wm.runners.build-security-options=")
			.run((context) -> assertThat(context.getBean(RunnersProperties.class).engine()).isEqualTo("kubernetes"));
	}

	@Test
	void kubernetesRunnersRefuseWhatTheRestrictedPodSecurityLevelWouldRefuse() {
		String[][] refused = { { "wm.runners.builder=buildkit", "wm.runners.build-security-options=" },
				{ "wm.runners.builder=buildah" },
				{ "wm.runners.builder=buildah", "wm.runners.build-security-options=apparmor:unconfined" },
				{ "wm.runners.builder=buildah", "wm.runners.build-security-options=",
						"wm.runners.ca-file=/etc/ssl/dept-ca.pem" } };
		for (String[] values : refused) {
			this.context.withPropertyValues("wm.runners.engine=kubernetes")
				.withPropertyValues(values)
				.run((context) -> assertThat(context).as(String.join(" ", values))
					.getFailure()
					.hasStackTraceContaining("restricted Pod Security level"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RunnersProperties.class)
	static class Enabled {

	}

}
