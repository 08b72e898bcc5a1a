package org.whalemountain.platform;

/**
 * A failure the user can act on. Carries a stable {@link #code() code} that the web
 * layers turn into a problem type or a form error; no HTTP status lives here.
 */
public abstract class DomainException extends RuntimeException {

	private final String code;

	protected DomainException(String code, String message) {
		super(message);
		this.code = code;
	}

	/**
	 * A stable, kebab-case name for this kind of failure, e.g. {@code token-not-found}.
	 */
	public String code() {
		return this.code;
	}

}
