package org.whalemountain.runners;

import org.whalemountain.platform.InvalidInputException;

/** The project does not exist in GitLab, or the token cannot see it. */
public class GitLabProjectNotFoundException extends InvalidInputException {

	public GitLabProjectNotFoundException(String code, String field, String message) {
		super(code, field, message);
	}

}
