package org.whalemountain.platform;

/**
 * The request clashes with the current state (e.g. the same change already under way).
 */
public class ConflictException extends DomainException {

	public ConflictException(String code, String message) {
		super(code, message);
	}

}
