package org.whalemountain.console;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner page in a real Chromium, against the stubbed GitLab and the real dockerd.
 */
@ServiceTest
class RunnerPageBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

	WebDriver browser;

	@AfterEach
	void cleanUp() {
		if (this.browser != null) {
			this.browser.quit();
		}
		new Http(this.port).delete("/api/v1/runner", Http.basic("carol", "carol-pass"));
	}

	@Test
	void registerARunnerSeeItRunAndDownloadTheCiTemplate() throws Exception {
		this.gitlabServer.resetAll();
		this.gitlab.runnerTokenValid("glrt-carol-browser-01", 88);
		this.gitlab.deleteRunner();
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "carol", "carol-pass");
		this.browser.get(url("/runner"));

		this.browser.findElement(By.id("runner-project")).sendKeys("course-os/carol-image");
		this.browser.findElement(By.id("runner-token")).sendKeys("glrt-carol-browser-01");
		this.browser.findElement(By.id("runner-submit")).click();

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.textToBe(By.id("runner-status-value"), "RUNNING"));
		assertThat(this.browser.getPageSource()).doesNotContain("glrt-carol-browser-01");

		Object yaml = ((JavascriptExecutor) this.browser)
			.executeAsyncScript("const done = arguments[0]; fetch(document.getElementById('runner-ci-download').href)"
					+ ".then(r => r.text()).then(done)");
		assertThat((String) yaml).contains("wm-carol").contains("buildctl-daemonless.sh");
	}

	@Test
	void aRejectedTokenIsAFormErrorInJapanese() throws Exception {
		this.gitlabServer.resetAll();
		this.gitlab.runnerTokenRejected("glrt-carol-revoked-1");
		this.browser = Browser.start("ja");
		Browser.logIn(this.browser, this.port, "carol", "carol-pass");
		this.browser.get(url("/runner"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("あなたの GitLab Runner");

		this.browser.findElement(By.id("runner-project")).sendKeys("course-os/carol-image");
		this.browser.findElement(By.id("runner-token")).sendKeys("glrt-carol-revoked-1");
		this.browser.findElement(By.id("runner-submit")).click();

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(10));
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("runner-error"))).getText())
			.contains("glrt");
		assertThat(this.browser.findElements(By.id("runner-status"))).isEmpty();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
