package org.whalemountain.runners;

import org.whalemountain.platform.InvalidInputException;

/** GitLab refused the token (unknown, expired, revoked or without the needed scope). */
public class GitLabRejectedException extends InvalidInputException {

	public GitLabRejectedException(String code, String field, String message) {
		super(code, field, message);
	}

}
