package org.whalemountain.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.Workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The containers pages in a real Chromium, against the real dockerd and the locally built
 * busybox image.
 */
@ServiceTest
class ContainersPageBrowserIT {

	static final String HTTPD = "sh -c \"mkdir -p /www && echo hello > /www/index.html && httpd -f -p 8080 -h /www\"";

	@LocalServerPort
	int port;

	@Autowired
	Workloads workloads;

	WebDriver browser;

	final String name = "cc" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void image() {
		TestImages.busybox();
	}

	@AfterEach
	void cleanUp() {
		if (this.browser != null) {
			this.browser.quit();
		}
		for (ContainerView container : this.workloads.list("alice")) {
			if (container.name().equals("alice-" + this.name)) {
				this.workloads.delete("alice", container.id(), "127.0.0.1");
			}
		}
	}

	@Test
	void launchReachRunACommandUploadAndDeleteAContainer() throws Exception {
		WebDriverWait wait = launchHttpdFromTheForm();

		long id = this.workloads.list("alice")
			.stream()
			.filter((c) -> c.name().equals("alice-" + this.name))
			.findFirst()
			.orElseThrow()
			.id();
		WebElement row = this.browser.findElement(By.id("container-" + id));
		assertThat(row.getText()).contains("alice-" + this.name)
			.contains(TestImages.BUSYBOX)
			.contains("8080 → 127.0.0.1:");
		String host = row.findElement(By.className("host-port")).getAttribute("data-host");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fetch(host, "")).isEqualTo("hello\n"));

		row.findElement(By.className("container-link")).click();
		wait.until(ExpectedConditions.textToBe(By.id("container-name"), "alice-" + this.name));
		this.browser.findElement(By.id("exec-command")).sendKeys("echo hi");
		this.browser.findElement(By.id("exec-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exec-stdout")));
		assertThat(this.browser.findElement(By.id("exec-stdout")).getText()).isEqualTo("hi");
		assertThat(this.browser.findElement(By.id("exec-exit")).getText()).isEqualTo("0");

		Path file = Files.createTempFile("wm-upload", ".txt");
		Files.writeString(file, "uploaded\n");
		this.browser.findElement(By.id("upload-file")).sendKeys(file.toString());
		WebElement directory = this.browser.findElement(By.id("upload-directory"));
		directory.clear();
		directory.sendKeys("/www");
		this.browser.findElement(By.id("upload-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-done")));
		Files.delete(file);
		assertThat(fetch(host, file.getFileName().toString())).isEqualTo("uploaded\n");

		this.browser.findElement(By.id("logs-refresh")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logs-text")));

		this.browser.findElement(By.id("container-delete")).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until(ExpectedConditions.urlToBe(url("/containers")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("container-list")));
		assertThat(this.browser.findElements(By.id("container-" + id))).isEmpty();
		assertThat(this.workloads.list("alice")).noneMatch((c) -> c.id() == id);
	}

	/**
	 * xterm.js reads keys from its hidden helper textarea and draws its rows as DOM
	 * elements, where the shell's answer is read back.
	 */
	@Test
	void launchSeeThePortsAndTypeIntoTheTerminal() throws Exception {
		WebDriverWait wait = launchHttpdFromTheForm();
		WebElement link = this.browser.findElement(By.linkText("alice-" + this.name));
		assertThat(this.browser.findElement(By.id("container-list")).getText()).contains("8080 → 127.0.0.1:");

		link.click();
		wait.until(ExpectedConditions.textToBe(By.id("container-name"), "alice-" + this.name));
		assertThat(this.browser.findElement(By.id("container-facts")).getText()).contains("8080 → 127.0.0.1:");
		this.browser.findElement(By.id("container-terminal")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("terminal-status"), "data-state", "connected"));
		assertThat(this.browser.findElement(By.id("terminal-status")).getText()).isEqualTo("Connected");

		this.browser.findElement(By.className("xterm-helper-textarea")).sendKeys("echo hi" + Keys.ENTER);

		wait.until((driver) -> terminalRows().contains("hi"));
		assertThat(terminalRows()).anyMatch((row) -> row.endsWith("echo hi"));
	}

	@SuppressWarnings("unchecked")
	List<String> terminalRows() {
		return (List<String>) ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll('.xterm-rows > div')).map((row) => row.textContent.trim());");
	}

	@Test
	void aFormErrorForABadNameAndA404ForSomebodyElsesContainer() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");
		this.browser.get(url("/containers"));
		this.browser.findElement(By.id("launch-name")).sendKeys("Not_A_Label");
		this.browser.findElement(By.id("launch-image")).sendKeys(TestImages.BUSYBOX);
		this.browser.findElement(By.id("launch-submit")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("launch-form-error")));
		assertThat(this.browser.findElement(By.id("launch-name")).getAttribute("value")).isEqualTo("Not_A_Label");
		this.browser.quit();

		ContainerView alices = this.workloads.launch("alice",
				new LaunchRequest(this.name, TestImages.BUSYBOX, null, null, List.of("sleep", "300"), null),
				"127.0.0.1");
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "carol", "carol-pass");
		this.browser.get(url("/containers/" + alices.id()));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).startsWith("404");
		assertThat(this.browser.getPageSource()).doesNotContain("alice-" + this.name);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	static String fetch(String hostPort, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/" + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** Alice launches busybox httpd on guest port 8080 from the console's form. */
	private WebDriverWait launchHttpdFromTheForm() throws Exception {
		this.browser = Browser.start("en-US");
		Browser.logIn(this.browser, this.port, "alice", "alice-pass");
		this.browser.get(url("/containers"));
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(60));
		this.browser.findElement(By.id("launch-name")).sendKeys(this.name);
		this.browser.findElement(By.id("launch-image")).sendKeys(TestImages.BUSYBOX);
		this.browser.findElement(By.id("launch-ports")).sendKeys("8080");
		this.browser.findElement(By.id("launch-command")).sendKeys(HTTPD);
		this.browser.findElement(By.id("launch-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("containers-launched")));
		return wait;
	}

}
