package org.whalemountain.runners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.JobReach;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user guide's "push a Dockerfile" walk-through, step by step in a real Chromium (in
 * English and in Japanese), each step checked and photographed: the runner page with the
 * registration filled in, the registered runner with its {@code .gitlab-ci.yml} download,
 * My images once the served job (run as {@link ImageFactoryIT} runs it) has pushed the
 * project, and the image's page with its SIF ready. The pictures go to
 * {@code target/screenshots}, or to {@code $WM_SCREENSHOTS_DIR} (the guide's
 * {@code docs/images}) when that is set.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.runners.builder=buildah", "wm.runners.build-image=" + ImageFactoryIT.BUILDAH,
		"wm.runners.registry-insecure=true" })
class FactoryWalkthroughBrowserIT {

	private static final String USER = "student04";

	private static final String PASSWORD = "student04-pass";

	private static final String PROJECT = "course-os/hello-web";

	private static final String TOKEN = "glrt-student04-guide-01";

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

	@Autowired
	TestRegistry testRegistry;

	@Autowired
	Registry registry;

	@TempDir
	Path dir;

	Http http;

	CatalogueImages images;

	JobReach jobReach;

	ChromeDriver en;

	ChromeDriver ja;

	@BeforeEach
	void jobsReachTheRegistryAndTheService() throws Exception {
		assertThat(DockerCli.attempt(Map.of(), null, "image", "inspect", ImageFactoryIT.BUILDAH).exitCode()).isZero();
		this.http = new Http(this.port, Duration.ofSeconds(30));
		this.images = new CatalogueImages(this.http, this.registry);
		this.gitlabServer.resetAll();
		this.gitlab.deleteRunner();
		this.jobReach = JobReach.open(this.testRegistry, this.port);
	}

	@AfterEach
	void restore() throws Exception {
		for (WebDriver browser : new WebDriver[] { this.en, this.ja }) {
			if (browser != null) {
				browser.quit();
			}
		}
		this.http.delete("/api/v1/runner", Http.basic(USER, PASSWORD));
		this.images.close();
		this.jobReach.close();
	}

	@Test
	void aDockerfilePushedToTheRegisteredRunnerBecomesAnImageWithASif() throws Exception {
		this.gitlab.runnerTokenValid(TOKEN, 73);
		this.en = browser("en-US");
		this.ja = browser("ja");
		for (ChromeDriver browser : List.of(this.en, this.ja)) {
			browser.get(url("/runner"));
			browser.findElement(By.id("runner-project")).sendKeys(PROJECT);
			browser.findElement(By.id("runner-token")).sendKeys(TOKEN);
			browser.executeScript("document.getElementById('runner-form').scrollIntoView()");
			photograph(browser, "1-register-runner");
		}

		this.en.findElement(By.id("runner-submit")).click();
		new WebDriverWait(this.en, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBe(By.id("runner-status-value"), "RUNNING"));
		this.ja.get(url("/runner"));
		for (ChromeDriver browser : List.of(this.en, this.ja)) {
			assertThat(browser.findElement(By.id("runner-ci-download")).isDisplayed()).isTrue();
			assertThat(browser.getPageSource()).doesNotContain(TOKEN);
			browser.executeScript("document.getElementById('runner-status').scrollIntoView()");
			photograph(browser, "2-download-gitlab-ci");
		}

		FactoryProject project = FactoryProject.checkOut(USER, PASSWORD, this.dir, PROJECT, this.images, this.registry,
				this.http);
		DockerExecutorJob.Result job = project.run("0c1d2e3f4a5b6c7d8e9f", Pipeline.branch("main", "main"));
		assertThat(job.exitCode()).as(job.log()).isZero();
		long latest = await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(Http.basic(USER, PASSWORD), project.repository()),
					(ids) -> ids.containsKey("latest"))
			.get("latest");

		for (ChromeDriver browser : List.of(this.en, this.ja)) {
			// the SIF first, so that My images shows every image ready
			browser.get(url("/images/" + latest));
			new WebDriverWait(browser, Duration.ofMinutes(3))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("sif-download")));
			browser.get(url("/images"));
			assertThat(browser.findElement(By.id("image-" + latest)).getText()).contains(project.repository());
			photograph(browser, "3-my-images");
			browser.get(url("/images/" + latest));
			new WebDriverWait(browser, Duration.ofSeconds(30))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("sif-download")));
			assertThat(browser.findElement(By.id("image-repository")).getText()).contains(project.repository());
			photograph(browser, "4-image-and-sif");
		}
	}

	private ChromeDriver browser(String language) throws Exception {
		ChromeDriver browser = Browser.start(language);
		Browser.logIn(browser, this.port, USER, PASSWORD);
		return browser;
	}

	/** Saves what the browser shows as {@code factory-<step>.<language>.png}. */
	private void photograph(ChromeDriver browser, String step) throws IOException {
		String language = (browser == this.en) ? "en" : "ja";
		// the pages fetch parts with htmx: wait until none is in flight
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
					"return document.readyState === 'complete' && !document.querySelector('.htmx-request')")));
		Path target = Path.of(System.getenv().getOrDefault("WM_SCREENSHOTS_DIR", "target/screenshots"));
		Files.createDirectories(target);
		Files.write(target.resolve("factory-" + step + "." + language + ".png"),
				browser.getScreenshotAs(OutputType.BYTES));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
