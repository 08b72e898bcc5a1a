package org.whalemountain.workloads.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TarOwnersTests {

	@Test
	void numericUsersAreReadAndNamesAreLeftToDockerd() {
		assertThat(TarOwners.numeric("10001:10002")).containsExactly(10001, 10002);
		assertThat(TarOwners.numeric("1000")).containsExactly(1000, 0);
		assertThat(TarOwners.numeric("nobody")).isNull();
		assertThat(TarOwners.numeric("1000:staff")).isNull();
		assertThat(TarOwners.numeric("")).isNull();
		assertThat(TarOwners.numeric(null)).isNull();
	}

	@Test
	void everyEntryGetsTheOwnerAndKeepsItsContentAndMode() throws IOException {
		InputStream owned = TarOwners.owned(tar("a.txt", "alpha", "dir/b.txt", "beta"), 10001, 10002);

		List<String> seen = new ArrayList<>();
		try (TarArchiveInputStream in = new TarArchiveInputStream(owned)) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				seen.add(entry.getName() + " " + entry.getLongUserId() + ":" + entry.getLongGroupId() + " "
						+ Integer.toOctalString(entry.getMode()) + " " + entry.getUserName() + " "
						+ new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}

		assertThat(seen).containsExactly("a.txt 10001:10002 100640  alpha", "dir/b.txt 10001:10002 100640  beta");
	}

	private static InputStream tar(String... namesAndContents) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
				TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i]);
				entry.setMode(0100640);
				entry.setUserName("root");
				entry.setSize(content.length);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		}
		return new ByteArrayInputStream(bytes.toByteArray());
	}

}
