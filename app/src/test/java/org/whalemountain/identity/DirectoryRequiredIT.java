package org.whalemountain.identity;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.whalemountain.WhaleMountainApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The service fails closed: without a directory, or with its URL misspelt, it does not
 * fall back to the demo directory and its published passwords, but refuses to start and
 * names the property to set. The whole application is started as {@code java -jar} would,
 * against the test database.
 */
@ExtendWith(OutputCaptureExtension.class)
class DirectoryRequiredIT {

	@Test
	void aStartWithoutADirectoryFailsNamingTheProperty(CapturedOutput output) {
		Throwable failure = start("--wm.identity.demo=false");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No directory is configured: set wm.identity.ldap.url");
		assertThat(messages(failure)).contains("wm.identity.ldap.url");
	}

	@Test
	void aMisspeltUrlIsNoDirectory(CapturedOutput output) {
		start("--wm.identity.demo=false", "--wm.identity.ldap.uri=ldap://127.0.0.1:389");

		assertThat(output).contains("No directory is configured: set wm.identity.ldap.url");
	}

	@Test
	void theDemoDirectoryAndAUrlTogetherAreRefused(CapturedOutput output) {
		start("--wm.identity.demo=true", "--wm.identity.ldap.url=ldap://127.0.0.1:389");

		assertThat(output).contains(
				"wm.identity.demo=true asks for the embedded demo directory, but " + "wm.identity.ldap.url is set too");
	}

	/**
	 * Starts the service (the test configuration asks for the demo) and returns why it
	 * did not start.
	 */
	private static Throwable start(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		all.addAll(List.of(args));
		try (ConfigurableApplicationContext started = new SpringApplicationBuilder(WhaleMountainApplication.class)
			.run(all.toArray(String[]::new))) {
			return fail("The service started with " + List.of(args));
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

}
