package org.whalemountain.runners;

import org.whalemountain.platform.UnavailableException;

/** GitLab could not be reached or answered with a server error; worth retrying later. */
public class GitLabUnavailableException extends UnavailableException {

	public GitLabUnavailableException(String message) {
		super("gitlab-unavailable", message, java.time.Duration.ofSeconds(30));
	}

}
