package org.whalemountain.workloads.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ImageReferenceTests {

	@Test
	void aReferenceWithoutTagMeansLatestNotEveryTag() {
		assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference("busybox", "latest"));
	}

	@Test
	void theTagIsSplitOffButNotARegistryPort() {
		assertThat(ImageReference.parse("127.0.0.1:5000/alice/web:1.2"))
			.isEqualTo(new ImageReference("127.0.0.1:5000/alice/web", "1.2"));
		assertThat(ImageReference.parse("127.0.0.1:5000/alice/web"))
			.isEqualTo(new ImageReference("127.0.0.1:5000/alice/web", "latest"));
	}

	@Test
	void aDigestIsPulledByDigestAndATagBesideItIsIgnored() {
		String digest = "sha256:" + "a".repeat(64);

		assertThat(ImageReference.parse("registry:5000/alice/web@" + digest))
			.isEqualTo(new ImageReference("registry:5000/alice/web", digest));
		assertThat(ImageReference.parse("registry:5000/alice/web:1@" + digest))
			.isEqualTo(new ImageReference("registry:5000/alice/web", digest));
		assertThat(ImageReference.parse("alice/web@" + digest)).hasToString("alice/web@" + digest);
	}

	@Test
	void blankOrSpacedReferencesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse("alice/web 1"));
		assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse(null));
	}

}
