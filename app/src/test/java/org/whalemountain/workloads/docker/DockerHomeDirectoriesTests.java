package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.VolumeUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerHomeDirectoriesTests {

	@Test
	void theUsernameFillsTheTemplate() {
		assertThat(DockerHomeDirectories.hostPath("/srv/wm-home/{user}/data", "alice"))
			.isEqualTo(Path.of("/srv/wm-home/alice/data"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", ".", "../root", "a/b", "/etc", "", "Alice", "a\u0000b", "-x" })
	void noUsernameLeadsOutOfTheTemplate(String username) {
		assertThatThrownBy(() -> DockerHomeDirectories.hostPath("/srv/wm-home/{user}", username))
			.isInstanceOf(VolumeUnavailableException.class);
	}

	@Test
	void theDirectoryIsMadePrivateOnFirstUseAndKeptAfterwards(@TempDir Path homes) throws IOException {
		DockerHomeDirectories directories = new DockerHomeDirectories(homes + "/{user}");

		String made = directories.prepare("alice", new ContainerSpec.RunAs(10001, 10002));

		assertThat(Path.of(made)).isEqualTo(homes.resolve("alice")).isDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(made)))).isEqualTo("rwx------");
		Files.writeString(Path.of(made, "kept"), "x");
		assertThat(directories.prepare("alice", new ContainerSpec.RunAs(10001, 10002))).isEqualTo(made);
		assertThat(Path.of(made, "kept")).exists();
	}

	@Test
	void rootsNumbersOrNoneAndAMissingTemplateGetNoHome(@TempDir Path homes) {
		DockerHomeDirectories directories = new DockerHomeDirectories(homes + "/{user}");

		assertThatThrownBy(() -> directories.prepare("alice", new ContainerSpec.RunAs(0, 0)))
			.isInstanceOf(VolumeUnavailableException.class);
		assertThatThrownBy(() -> directories.prepare("alice", null)).isInstanceOf(VolumeUnavailableException.class);
		assertThatThrownBy(() -> new DockerHomeDirectories("").prepare("alice", new ContainerSpec.RunAs(1, 1)))
			.isInstanceOf(VolumeUnavailableException.class);
		assertThat(homes).isEmptyDirectory();
	}

	@Test
	void aSymbolicLinkIsNeverFollowed(@TempDir Path homes) throws IOException {
		Files.createSymbolicLink(homes.resolve("alice"), Path.of("/etc"));

		assertThatThrownBy(() -> new DockerHomeDirectories(homes + "/{user}").prepare("alice",
				new ContainerSpec.RunAs(10001, 10002)))
			.isInstanceOf(VolumeUnavailableException.class)
			.hasMessageContaining("symbolic link");
	}

}
