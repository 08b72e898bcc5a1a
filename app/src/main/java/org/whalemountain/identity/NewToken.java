package org.whalemountain.identity;

/**
 * A token just created: the only moment its secret exists outside the caller's hands.
 *
 * @param secret {@code wm_…}; the service keeps only its hash
 */
public record NewToken(PersonalAccessToken token, String secret) {

	@Override
	public String toString() {
		return "NewToken[" + this.token + ", secret=****]";
	}

}
