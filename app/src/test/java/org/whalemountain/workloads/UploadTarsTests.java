package org.whalemountain.workloads;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UploadTarsTests {

	@Test
	void theTarHoldsExactlyOneRegularFileOfThatName() throws IOException {
		byte[] tar = UploadTars.tar("notes.txt", "hello".getBytes());
		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry entry = in.getNextEntry();
			assertThat(entry.getName()).isEqualTo("notes.txt");
			assertThat(entry.isFile()).isTrue();
			assertThat(new String(in.readAllBytes())).isEqualTo("hello");
			assertThat(in.getNextEntry()).isNull();
		}
	}

	@Test
	void namesThatCouldEscapeTheDirectoryAreRefused() {
		for (String bad : new String[] { null, "", ".", "..", "../x", "a/b", "/etc/passwd", "a\\b", "a\0b" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad).isThrownBy(() -> UploadTars.fileName(bad));
		}
	}

	@Test
	void directoriesAreAbsoluteWithoutDotSegments() {
		assertThat(UploadTars.directory("/tmp")).isEqualTo("/tmp");
		assertThat(UploadTars.directory("/var/tmp/")).isEqualTo("/var/tmp/");
		for (String bad : new String[] { null, "", "tmp", "/tmp/../etc", "/..", "/./tmp", "//tmp" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad).isThrownBy(() -> UploadTars.directory(bad));
		}
	}

}
