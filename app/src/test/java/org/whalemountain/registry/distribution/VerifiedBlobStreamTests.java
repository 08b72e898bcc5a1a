package org.whalemountain.registry.distribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.UnsupportedImageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedBlobStreamTests {

	static final byte[] BLOB = "a layer's bytes".getBytes(StandardCharsets.UTF_8);

	static final String DIGEST = ContentDigests.of(BLOB, "sha256:");

	@Test
	void aBlobThatMatchesItsDigestReadsToItsEnd() throws IOException {
		try (InputStream in = new VerifiedBlobStream(new ByteArrayInputStream(BLOB), DIGEST)) {
			assertThat(in.readAllBytes()).isEqualTo(BLOB);
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void oneChangedByteFailsTheReadThatReachesTheEnd() throws IOException {
		byte[] corrupt = BLOB.clone();
		corrupt[3] ^= 1;
		try (InputStream in = new VerifiedBlobStream(new ByteArrayInputStream(corrupt), DIGEST)) {
			byte[] buffer = new byte[BLOB.length];
			assertThat(in.readNBytes(buffer, 0, buffer.length)).isEqualTo(BLOB.length);
			assertThatThrownBy(in::read).isInstanceOf(UnsupportedImageException.class)
				.hasMessageContaining(DIGEST)
				.hasMessageContaining("does not match");
		}
	}

	@Test
	void skippedBytesAreHashedToo() throws IOException {
		byte[] corrupt = BLOB.clone();
		corrupt[1] ^= 1;
		try (InputStream in = new VerifiedBlobStream(new ByteArrayInputStream(corrupt), DIGEST)) {
			in.skipNBytes(5);
			assertThatThrownBy(in::readAllBytes).isInstanceOf(UnsupportedImageException.class);
		}
	}

	@Test
	void aBodyThatBreaksOffSaysWhichBlobAndWhere() {
		InputStream broken = new InputStream() {

			private int left = 4;

			@Override
			public int read() throws IOException {
				if (this.left-- <= 0) {
					throw new IOException("connection reset");
				}
				return 'x';
			}

		};
		InputStream in = new VerifiedBlobStream(broken, DIGEST);

		assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
			.hasMessageContaining(DIGEST)
			.hasMessageContaining("broke off after 4 bytes");
	}

}
