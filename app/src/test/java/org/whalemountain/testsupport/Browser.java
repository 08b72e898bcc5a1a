package org.whalemountain.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver, with the browser language set.
 * Paths are explicit so that Selenium Manager never tries to download anything.
 */
public final class Browser {

	private Browser() {
	}

	/**
	 * Logs in through the console's form and waits until the browser has left the login
	 * page.
	 */
	public static void logIn(WebDriver browser, int port, String username, String password) {
		String login = "http://127.0.0.1:" + port + "/login";
		browser.get(login);
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.not(ExpectedConditions.urlToBe(login)));
	}

	public static ChromeDriver start(String language) throws Exception {
		return start(language, Map.of());
	}

	/** A browser that saves downloads into this directory without asking. */
	public static ChromeDriver start(String language, Path downloads) throws Exception {
		return start(language,
				Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
	}

	private static ChromeDriver start(String language, Map<String, Object> morePrefs) throws Exception {
		Path profile = Files.createTempDirectory("wm-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getenv().getOrDefault("WM_CHROMIUM", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--lang=" + language,
				"--user-data-dir=" + profile);
		Map<String, Object> prefs = new HashMap<>(morePrefs);
		prefs.put("intl.accept_languages", language);
		options.setExperimentalOption("prefs", prefs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getenv().getOrDefault("WM_CHROMEDRIVER", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
