package org.whalemountain.platform;

/**
 * The caller sent something the service will not accept; the message says what to fix.
 */
public class InvalidInputException extends DomainException {

	private final String field;

	public InvalidInputException(String code, String field, String message) {
		super(code, message);
		this.field = field;
	}

	/** The input field at fault, or {@code null} when the request as a whole is wrong. */
	public String field() {
		return this.field;
	}

}
