package org.whalemountain.console;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.whalemountain.registry.Registry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image pages in a real Chromium: the owner describes and shares an image, a group
 * member reads it, and what the description smuggles in stays text.
 */
@ServiceTest
class ImagePagesBrowserIT {

	static final String DESCRIPTION = """
			## How to use

			Run `make test` inside. **Needs** two cores.

			<script>window.pwned = true; document.title = 'pwned';</script>
			<img src=x onerror="window.pwned = true">

			[harmless](javascript:window.pwned=true)
			""";

	@LocalServerPort
	int port;

	@Autowired
	Registry realRegistry;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	WebDriver alice;

	WebDriver bob;

	String repository;

	long id;

	@BeforeEach
	void aliceHasAnImage() {
		Http http = new Http(this.port);
		for (String user : List.of("alice", "bob", "carol")) {
			http.get("/api/v1/me", Http.basic(user, user + "-pass"));
		}
		this.repository = RegistryEvents.repository("alice");
		this.id = new RegistryEvents(this.events, this.transaction, this.jdbc).push(this.repository, "v1",
				RegistryEvents.randomDigest());
	}

	@AfterEach
	void quit() {
		for (WebDriver browser : new WebDriver[] { this.alice, this.bob }) {
			if (browser != null) {
				browser.quit();
			}
		}
	}

	@Test
	void aliceDescribesAndSharesAnImageThatBobThenReads() throws Exception {
		this.alice = Browser.start("en-US");
		Browser.logIn(this.alice, this.port, "alice", "alice-pass");
		this.alice.get(url("/images"));
		assertThat(this.alice.findElement(By.id("sync-now")).isEnabled()).isTrue();
		this.alice.findElement(By.id("image-" + this.id)).findElement(By.linkText(this.repository)).click();
		waitFor(this.alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("pull-command")));
		assertThat(this.alice.findElement(By.id("pull-command")).getText())
			.isEqualTo("docker pull " + this.realRegistry.host() + "/" + this.repository + ":v1");

		WebElement editor = this.alice.findElement(By.id("description-input"));
		editor.clear();
		((JavascriptExecutor) this.alice).executeScript("arguments[0].value = arguments[1]", editor, DESCRIPTION);
		this.alice.findElement(By.id("description-save")).click();
		waitFor(this.alice).until(ExpectedConditions.textToBe(By.id("image-notice"), "The description was saved."));
		assertRenderedSafely(this.alice);

		new Select(this.alice.findElement(By.id("visibility-input"))).selectByValue("GROUP");
		new Select(this.alice.findElement(By.id("group-input"))).selectByValue("course-os");
		this.alice.findElement(By.id("sharing-save")).click();
		waitFor(this.alice).until(ExpectedConditions.textToBe(By.id("image-notice"), "The sharing was saved."));
		assertThat(this.alice.findElement(By.id("image-panel")).getText()).contains("Group").contains("course-os");

		this.bob = Browser.start("ja");
		Browser.logIn(this.bob, this.port, "bob", "bob-pass");
		this.bob.get(url("/images/shared"));
		WebElement row = this.bob.findElement(By.id("image-" + this.id));
		assertThat(row.getText()).contains("alice").contains(this.repository).contains("グループ");
		row.findElement(By.linkText(this.repository)).click();
		waitFor(this.bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("image-description")));
		assertRenderedSafely(this.bob);
		assertThat(this.bob.findElements(By.id("description-form"))).isEmpty();
		assertThat(this.bob.findElements(By.id("sharing-form"))).isEmpty();
		assertThat(this.bob.findElements(By.id("image-delete"))).isEmpty();
	}

	@Test
	void anUnsharedImageOfAnotherUserIsTheNotFoundPage() throws Exception {
		this.bob = Browser.start("en-US");
		Browser.logIn(this.bob, this.port, "bob", "bob-pass");

		this.bob.get(url("/images/" + this.id));

		assertThat(this.bob.findElement(By.tagName("h1")).getText()).startsWith("404");
		assertThat(this.bob.getPageSource()).doesNotContain(this.repository);
		this.bob.get(url("/images/shared"));
		assertThat(this.bob.findElements(By.id("image-" + this.id))).isEmpty();
	}

	@Test
	void aBadShareIsAFormErrorAndChangesNothing() throws Exception {
		this.alice = Browser.start("en-US");
		Browser.logIn(this.alice, this.port, "alice", "alice-pass");
		this.alice.get(url("/images/" + this.id));

		new Select(this.alice.findElement(By.id("visibility-input"))).selectByValue("GROUP");
		this.alice.findElement(By.id("sharing-save")).click();

		assertThat(waitFor(this.alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("sharing-error")))
			.getText()).contains("course-os");
		assertThat(this.alice.findElement(By.id("image-panel")).getText()).contains("Private");
	}

	private void assertRenderedSafely(WebDriver browser) {
		WebElement description = browser.findElement(By.id("image-description"));
		assertThat(description.findElement(By.tagName("h2")).getText()).isEqualTo("How to use");
		assertThat(description.findElement(By.tagName("strong")).getText()).isEqualTo("Needs");
		assertThat(description.getText()).contains("<script>window.pwned = true;");
		assertThat(description.findElements(By.tagName("script"))).isEmpty();
		assertThat(description.findElements(By.tagName("img"))).isEmpty();
		assertThat(description.findElement(By.linkText("harmless")).getAttribute("href")).doesNotContain("javascript");
		assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
		assertThat(browser.getTitle()).isNotEqualTo("pwned");
	}

	private static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
