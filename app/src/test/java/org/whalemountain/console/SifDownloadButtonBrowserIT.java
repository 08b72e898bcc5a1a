package org.whalemountain.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.PlatformProperties;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.ConsoleLogin;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SIF panel's download button in a real Chromium when the console session has
 * expired: the browser lands on the login page, never on a password prompt, and after
 * logging in the download goes ahead.
 */
@ServiceTest
class SifDownloadButtonBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformProperties platform;

	WebDriver alice;

	long id;

	byte[] sif;

	String fileName;

	@BeforeEach
	void aliceHasAnImageWithAFinishedSif() throws Exception {
		new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass"));
		String repository = RegistryEvents.repository("alice");
		String digest = RegistryEvents.randomDigest();
		this.sif = ("SIF of " + repository).getBytes();
		// a finished build as the builder leaves it, in place before the push queues one:
		// the push's INSERT IGNORE keeps it (the store is wm.sif.store-dir's default)
		Path store = Files.createDirectories(this.platform.dataDir().resolve("sif"));
		Files.write(store.resolve(digest.replace(':', '-') + ".sif"), this.sif);
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, progress, size_bytes, sha256, attempts,
				  queued_at, started_at, finished_at)
				VALUES (?, ?, 'READY', 100, ?, ?, 1, ?, ?, ?)""")
			.params(digest, repository, this.sif.length,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.sif)),
					Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		this.id = new RegistryEvents(this.events, this.transaction, this.jdbc).push(repository, "v1", digest);
		this.fileName = repository.replace('/', '_') + "_v1.sif";
	}

	@AfterEach
	void quit() {
		if (this.alice != null) {
			this.alice.quit();
		}
	}

	@Test
	void anExpiredSessionLeadsToTheLoginPageAndThenToTheDownload() throws Exception {
		Path downloads = Files.createTempDirectory("wm-downloads");
		this.alice = Browser.start("en-US", downloads);
		Browser.logIn(this.alice, this.port, "alice", "alice-pass");
		this.alice.get("http://127.0.0.1:" + this.port + "/images/" + this.id);
		waitFor(this.alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("sif-download")));
		// the session ends on the server, as an expired one does
		ConsoleLogin.logOut(this.port, "JSESSIONID=" + this.alice.manage().getCookieNamed("JSESSIONID").getValue());

		this.alice.findElement(By.id("sif-download")).click();

		waitFor(this.alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
		assertThat(this.alice.getCurrentUrl()).startsWith("http://127.0.0.1:" + this.port + "/login");
		this.alice.findElement(By.id("username")).sendKeys("alice");
		this.alice.findElement(By.id("password")).sendKeys("alice-pass");
		this.alice.findElement(By.id("login-submit")).click();
		Path file = downloads.resolve(this.fileName);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && Files.size(file) == this.sif.length);
		assertThat(Files.readAllBytes(file)).isEqualTo(this.sif);
	}

	private static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

}
