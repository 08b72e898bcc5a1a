package org.whalemountain.registry.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibtrustKeyIdTests {

	@Test
	void twelveGroupsOfFourBase32CharactersJoinedByColons() {
		assertThat(LibtrustKeyId.of(TestKeys.signingKey().publicKey())).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
	}

	@Test
	void isTheBase32OfTheFirst30BytesOfTheSha256OfTheDerSubjectPublicKeyInfo() throws Exception {
		byte[] spki = TestKeys.signingKey().publicKey().getEncoded();
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
		String expected = base32(Arrays.copyOf(digest, 30)).replaceAll("(.{4})(?!$)", "$1:");

		assertThat(LibtrustKeyId.of(TestKeys.signingKey().publicKey())).isEqualTo(expected);
	}

	@Test
	void theTestsOwnBase32FollowsRfc4648() {
		// RFC 4648, section 10, without the padding
		assertThat(base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
	}

	/** An independent RFC 4648 base32 encoder without padding, to check against. */
	private static String base32(byte[] bytes) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

}
