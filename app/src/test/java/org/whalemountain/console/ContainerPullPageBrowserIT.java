package org.whalemountain.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A launch still pulling its image, in a real Chromium: the list and the detail page show
 * how far the pull got and follow it until it settles, then show the reason of a failure.
 * The pull is played by changing the row as the background pull does, so that each step
 * lasts as long as the test needs.
 */
@ServiceTest
class ContainerPullPageBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	WebDriver browser;

	final String name = "alice-pp" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void cleanUp() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.jdbc.sql("DELETE FROM containers WHERE name = ?").param(this.name).update();
	}

	@Test
	void listAndDetailFollowThePullAndShowWhyItFailed() throws Exception {
		long id = pullingRow();
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		By status = By.id("status-" + id);

		this.browser.get("http://127.0.0.1:" + this.port + "/containers");
		assertThat(this.browser.findElement(status).getText()).contains("pending 40 %")
			.contains("Downloading 0123abcd");
		progress(id, 70, "Extracting 0123abcd");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "pending 70 %"));

		this.browser.get("http://127.0.0.1:" + this.port + "/containers/" + id);
		assertThat(this.browser.findElement(status).getText()).contains("pending 70 %").contains("Extracting");
		this.jdbc.sql("UPDATE containers SET status = 'failed', message = ? WHERE id = ?")
			.params("The image wm-test/pp:1 could not be pulled: manifest unknown", id)
			.update();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "failed"));
		assertThat(this.browser.findElement(status).getText()).contains("could not be pulled: manifest unknown")
			.doesNotContain("pending");
		assertThat(this.browser.findElement(status).getAttribute("hx-trigger")).as("polling stopped").isNull();
	}

	@Test
	void theJapaneseConsoleSaysPending() throws Exception {
		long id = pullingRow();
		this.browser = Browser.start("ja");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");

		this.browser.get("http://127.0.0.1:" + this.port + "/containers/" + id);

		assertThat(this.browser.findElement(By.id("status-" + id)).getText()).contains("準備中 40 %");
	}

	long pullingRow() {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					INSERT INTO containers (owner, name, image, engine, status, env_sealed, memory_bytes, created_at,
					    status_at, pull_percent, pull_message)
					VALUES ('alice', ?, 'wm-test/pp:1', 'docker', 'pending', 'v1:x', 0, ?, ?, 40, 'Downloading 0123abcd')""")
			.params(this.name, Timestamp.from(now), Timestamp.from(now))
			.update();
		return this.jdbc.sql("SELECT id FROM containers WHERE name = ?").param(this.name).query(Long.class).single();
	}

	void progress(long id, int percent, String message) {
		this.jdbc.sql("UPDATE containers SET pull_percent = ?, pull_message = ? WHERE id = ?")
			.params(percent, message, id)
			.update();
	}

}
