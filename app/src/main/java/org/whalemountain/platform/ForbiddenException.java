package org.whalemountain.platform;

/**
 * The caller is known but may not do this (a role or a kind of credential is missing).
 */
public class ForbiddenException extends DomainException {

	public ForbiddenException(String code, String message) {
		super(code, message);
	}

}
