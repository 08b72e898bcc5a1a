package org.whalemountain.runners;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The department GitLab ({@code wm.gitlab.*}).
 *
 * @param url the GitLab instance runners register with; users cannot name another one
 * @param timeout connect and read timeout of every GitLab call
 */
@Validated
@ConfigurationProperties("wm.gitlab")
public record GitLabProperties(@DefaultValue("http://127.0.0.1:8929") String url,
		@NotNull @DefaultValue("PT10S") Duration timeout) {

	/** The URL without a trailing slash, as runners and comparisons want it. */
	public String normalizedUrl() {
		return this.url.endsWith("/") ? this.url.substring(0, this.url.length() - 1) : this.url;
	}

}
