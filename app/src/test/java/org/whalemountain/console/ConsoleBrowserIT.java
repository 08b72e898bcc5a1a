package org.whalemountain.console;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The console in a real headless Chromium: login form, language, tokens page. */
@ServiceTest
class ConsoleBrowserIT {

	@LocalServerPort
	int port;

	WebDriver browser;

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void japaneseBrowserGetsTheConsoleInJapanese() throws Exception {
		this.browser = Browser.start("ja");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");

		assertThat(this.browser.findElement(By.tagName("nav")).getText()).contains("マイイメージ", "共有イメージ", "トークン");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
		assertThat(this.browser.findElement(By.id("current-user")).getText()).isEqualTo("Alice Liddell");
	}

	@Test
	void englishBrowserGetsEnglishAndTheSwitcherChangesIt() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");
		assertThat(this.browser.findElement(By.tagName("nav")).getText()).contains("My images", "Shared images",
				"Tokens");

		this.browser.findElement(By.linkText("日本語")).click();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("nav"), "マイイメージ"));
		this.browser.get(url("/tokens"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("個人アクセストークン");
	}

	@Test
	void wrongPasswordShowsTheFormError() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "alice", "wrong-password");

		assertThat(this.browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong username or password.");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login?error");
	}

	@Test
	void tokenCreatedInTheConsoleIsShownOnceAndWorks() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "bob", "bob-pass");
		this.browser.get(url("/tokens"));

		this.browser.findElement(By.id("token-name")).sendKeys("from-the-browser");
		this.browser.findElement(By.id("token-create")).click();
		String secret = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("created-token-secret")))
			.getText();

		assertThat(secret).startsWith("wm_");
		assertThat(new Http(this.port).get("/api/v1/me", Http.bearer(secret)).json().get("username").asString())
			.isEqualTo("bob");
		assertThat(this.browser.findElement(By.id("token-list")).getText()).contains("from-the-browser");

		this.browser.navigate().refresh();
		assertThat(this.browser.findElements(By.id("created-token-secret"))).isEmpty();
		assertThat(this.browser.getPageSource()).doesNotContain(secret);
	}

	@Test
	void emptyTokenNameIsAFormError() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "carol", "carol-pass");
		this.browser.get(url("/tokens"));

		this.browser.findElement(By.id("token-create")).click();

		assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-form-error"))).getText())
			.contains("name");
	}

	private WebDriverWait waitFor() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
