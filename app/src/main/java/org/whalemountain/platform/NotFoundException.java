package org.whalemountain.platform;

/**
 * The object does not exist, or belongs to somebody else: both look the same to the
 * caller, so that nobody learns what other users own.
 */
public class NotFoundException extends DomainException {

	public NotFoundException(String code, String message) {
		super(code, message);
	}

}
