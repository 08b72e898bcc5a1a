package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.whalemountain.registry.ImageConfig;
import org.whalemountain.sif.format.Sif;
import org.whalemountain.sif.format.SifObject;
import org.whalemountain.sif.format.SifWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-layer image (gzip, zstd, plain) flattened, squashed by the real mksquashfs,
 * wrapped into a SIF, and checked with the reference siftool, unsquashfs and, as root, a
 * chroot running the image's busybox.
 */
class SifImageIT {

	static final List<String> ENV = List.of("PATH=/bin:/usr/bin", "GREETING=hello world", "QUOTED=say \"hi\" 'there'",
			"TICKS=`uname` and $HOME and \\n", "EMPTY=", "1INVALID=x", "BARE");

	static final List<String> ENTRYPOINT = List.of("/bin/sh", "-c", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done",
			"entry");

	static final List<String> CMD = List.of("a b", "it's", "$HOME `x`", "q\"uote\\");

	@TempDir
	static Path dir;

	static Path partition;

	static Path sif;

	static FlattenReport report;

	@BeforeAll
	static void build() throws Exception {
		byte[] busybox = Files.readAllBytes(Path.of(System.getenv().getOrDefault("WM_BUSYBOX", "/bin/busybox")));
		Path base = new LayerTar().dir("bin")
			.file("bin/busybox", busybox, 0100755)
			.symlink("bin/sh", "busybox")
			.symlink("bin/printf", "/bin/busybox")
			.dir("etc")
			.file("etc/motd", "old motd\n")
			.dir("data")
			.file("data/keep.txt", "kept\n")
			.file("data/gone.txt", "deleted above\n")
			.file("data/linked.txt", "shared content\n")
			.hardlink("data/hard", "data/linked.txt")
			.file("data/secret", "root only".getBytes(StandardCharsets.UTF_8), 0100600)
			.dir("opq")
			.file("opq/old.txt", "hidden by the opaque marker\n")
			.dir("repl")
			.file("repl/child", "gone with its directory\n")
			.dir("dev")
			.charDevice("dev/null")
			.write(dir, "layer0.tar.gz", LayerTar.Compression.GZIP);
		Path middle = new LayerTar().dir("data")
			.file("data/.wh.gone.txt", "")
			.file("data/.wh.linked.txt", "")
			.dir("opq")
			.file("opq/.wh..wh..opq", "")
			.file("opq/new.txt", "after the opaque marker\n")
			.file("repl", "a file where a directory was\n")
			.file("etc/motd", "new motd\n")
			.write(dir, "layer1.tar.zst", LayerTar.Compression.ZSTD);
		Path top = new LayerTar().dir("./usr/share/doc")
			.file("./usr/share/doc/readme", "third layer\n")
			.write(dir, "layer2.tar", LayerTar.Compression.NONE);

		ImageConfig config = new ImageConfig(ENV, ENTRYPOINT, CMD, "", "",
				Map.of("org.opencontainers.image.title", "tést \"x\""), "amd64", "linux");
		Flattener flattener = new Flattener(List.of(base, middle, top),
				SingularityFiles.entries(config, "bootstrap: docker\nfrom: registry/alice/app:1\n"), dir);
		partition = dir.resolve("partition.sqfs");
		report = new Squashfs("mksquashfs").build(flattener, partition, dir.resolve("mksquashfs.log"));
		sif = dir.resolve("image.sif");
		try (OutputStream out = Files.newOutputStream(sif)) {
			SifWriter.write(out, List
				.of(SifObject.bytes(Sif.DATA_DEFFILE, "", "bootstrap: docker\n".getBytes(StandardCharsets.UTF_8)),
						SifObject.bytes(Sif.DATA_GENERIC_JSON, "oci-config.json",
								"{}".getBytes(StandardCharsets.UTF_8)),
						SifObject.squashfsPartition(partition)),
					1_700_000_000L, UUID.randomUUID());
		}
	}

	@Test
	void siftoolAcceptsTheFile() throws Exception {
		assertThat(run("siftool", "header", sif.toString())).contains("Primary Architecture: amd64")
			.contains("Descriptors Free:     45");
		String list = run("siftool", "list", sif.toString());
		assertThat(list).contains("Def.FILE").contains("JSON.Generic").contains("FS (Squashfs/*System/amd64)");
		assertThat(run("siftool", "info", "3", sif.toString())).contains("Squashfs");
	}

	@Test
	void dumpedPartitionIsTheSquashfsByteForByte() throws Exception {
		Path dumped = dir.resolve("dumped.sqfs");
		Process dump = new ProcessBuilder("siftool", "dump", "3", sif.toString()).redirectOutput(dumped.toFile())
			.start();
		assertThat(dump.waitFor(60, TimeUnit.SECONDS) && dump.exitValue() == 0).isTrue();

		assertThat(Files.mismatch(dumped, partition)).isEqualTo(-1L);
	}

	@Test
	void treeHasTheLayersFlattenedAndTheRuntimeLayout() throws Exception {
		List<String> paths = listing(run("unsquashfs", "-lln", partition.toString()));

		assertThat(paths).contains("/data/keep.txt", "/data/hard", "/opq/new.txt", "/repl", "/etc/motd",
				"/usr/share/doc/readme", "/bin/busybox", "/.singularity.d/runscript",
				"/.singularity.d/env/10-docker2singularity.sh", "/.singularity.d/env/99-base.sh",
				"/.singularity.d/labels.json", "/tmp", "/var/tmp", "/etc/hosts", "/singularity", "/environment");
		assertThat(paths)
			.doesNotContain("/data/gone.txt", "/data/linked.txt", "/opq/old.txt", "/repl/child", "/dev/null")
			.noneMatch((path) -> path.contains(".wh."));
		assertThat(lineOf(run("unsquashfs", "-lln", partition.toString()), "/data/hard")).startsWith("-rw");
		assertThat(report.convertedHardLinks()).isEqualTo(1);
		assertThat(report.droppedDevices()).isEqualTo(1);
		assertThat(report.unreadable()).containsExactly("/data/secret");
	}

	@Test
	void chrootedEnvironmentAndRunscriptBehaveAsInTheImage() throws Exception {
		Path root = dir.resolve("root");
		run("unsquashfs", "-d", root.toString(), partition.toString());
		assertThat(Files.readString(root.resolve("data/hard"))).isEqualTo("shared content\n");
		assertThat(Files.readString(root.resolve("etc/motd"))).isEqualTo("new motd\n");
		assertThat(Files.isRegularFile(root.resolve("repl"))).isTrue();

		String env = run("chroot", root.toString(), "/bin/sh", "-c",
				". /.singularity.d/env/10-docker2singularity.sh; for v in PATH GREETING QUOTED TICKS EMPTY BARE; do "
						+ "eval \"printf '%s=<%s>\\n' $v \\\"\\$$v\\\"\"; done");
		assertThat(env).isEqualTo("PATH=</bin:/usr/bin>\nGREETING=<hello world>\nQUOTED=<say \"hi\" 'there'>\n"
				+ "TICKS=<`uname` and $HOME and \\n>\nEMPTY=<>\nBARE=<>\n");

		String preset = run("chroot", root.toString(), "/bin/sh", "-c",
				"GREETING=mine; . /.singularity.d/env/10-docker2singularity.sh; printf '%s' \"$GREETING\"");
		assertThat(preset).isEqualTo("mine");

		assertThat(run("chroot", root.toString(), "/.singularity.d/runscript"))
			.isEqualTo("[a b]\n[it's]\n[$HOME `x`]\n[q\"uote\\]\n");
		assertThat(run("chroot", root.toString(), "/.singularity.d/runscript", "x y", "'$z'", "\"`w`\""))
			.isEqualTo("[x y]\n['$z']\n[\"`w`\"]\n");
	}

	private static List<String> listing(String unsquashfs) {
		List<String> paths = new ArrayList<>();
		for (String line : unsquashfs.split("\n")) {
			int root = line.indexOf("squashfs-root");
			if (root >= 0) {
				String path = line.substring(root + "squashfs-root".length()).replaceAll(" -> .*$", "");
				if (!path.isEmpty()) {
					paths.add(path);
				}
			}
		}
		return paths;
	}

	private static String lineOf(String listing, String path) {
		return listing.lines().filter((line) -> line.endsWith("squashfs-root" + path)).findFirst().orElse("");
	}

	static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
		return output;
	}

}
