package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;
import org.whalemountain.sif.build.BuildLog;
import org.whalemountain.sif.build.LayerDownloads;
import org.whalemountain.sif.build.SifAssembler;
import org.whalemountain.sif.rootfs.FlattenReport;
import org.whalemountain.sif.rootfs.Flattener;
import org.whalemountain.sif.rootfs.ScannedLayer;
import org.whalemountain.sif.rootfs.SingularityFiles;
import org.whalemountain.sif.rootfs.Squashfs;

/**
 * One build: check the limits, download the layers (a few at once, each scanned while it
 * downloads), flatten them into mksquashfs, which writes the squashfs straight into the
 * SIF file at its partition's offset, write the SIF's front around it, move it into the
 * store. Progress follows the bytes ({@link BuildProgress}). Stops at the next layer
 * entry once its thread is interrupted.
 */
@Component
class SifBuilder {

	private final ImageSource images;

	private final SifStore store;

	private final Squashfs squashfs;

	private final BuildLimits limits;

	private final int parallelDownloads;

	SifBuilder(ImageSource images, SifStore store, SifProperties properties, BuildLimits limits) {
		this.images = images;
		this.store = store;
		this.squashfs = new Squashfs(properties.mksquashfs());
		this.limits = limits;
		this.parallelDownloads = properties.parallelDownloads();
	}

	/**
	 * @param claim the claim this attempt runs under, which names its work directory
	 * @throws BuildRefusedException when the image is too large or the disk too full
	 */
	Result build(String digest, String repository, String claim, IntConsumer progress, BuildLog log)
			throws IOException, InterruptedException {
		Path work = this.store.workDirectory(digest, claim);
		BuildProgress percent = new BuildProgress(progress);
		try {
			ImageSource.ImageLayout layout = this.images.layout(repository, digest);
			log.line("image " + repository + "@" + digest + ": " + layout.layers().size() + " layers, "
					+ layout.totalBytes() + " bytes");
			this.limits.checkSize(layout.totalBytes());
			this.limits.checkFreeDisk(layout.totalBytes());
			List<ScannedLayer> layers = new LayerDownloads((blob) -> this.images.open(repository, blob),
					this.parallelDownloads)
				.fetch(blobs(layout), work, percent.downloads(layout.totalBytes()));
			log.line("layers downloaded and scanned");
			String definition = "bootstrap: docker\nfrom: " + repository + "@" + digest + "\n\n";
			Flattener flattener = Flattener.ofScanned(layers, SingularityFiles.entries(layout.config(), definition),
					work);
			try (SifAssembler sif = new SifAssembler(definition, layout.configJson(), this.store.file(digest))) {
				FlattenReport report = this.squashfs.build(flattener, sif.partial(), sif.partitionOffset(),
						work.resolve("mksquashfs.log"), percent.squashing());
				percent.at(BuildProgress.SQUASHED);
				log.line("root filesystem: " + report.entries() + " entries, " + report.convertedHardLinks()
						+ " hard links written as files, " + report.droppedDevices() + " device nodes dropped");
				String sha256 = sif.finish(System.currentTimeMillis() / 1000);
				long size = Files.size(this.store.file(digest));
				log.line("SIF written: " + size + " bytes, sha256 " + sha256);
				return new Result(size, sha256, unreadableNote(report));
			}
		}
		finally {
			SifStore.deleteRecursively(work);
		}
	}

	private static List<LayerDownloads.Blob> blobs(ImageSource.ImageLayout layout) {
		return layout.layers().stream().map((layer) -> new LayerDownloads.Blob(layer.digest(), layer.size())).toList();
	}

	/**
	 * Files only root may read stay unreadable for users at run time: worth telling them.
	 */
	private static String unreadableNote(FlattenReport report) {
		if (report.unreadableCount() == 0) {
			return null;
		}
		return report.unreadableCount() + " files only root can read, so they are unreadable with apptainer: "
				+ String.join(", ", report.unreadable())
				+ ((report.unreadableCount() > report.unreadable().size()) ? ", …" : "");
	}

	/** A finished build: file size, SHA-256 and a note for the user, if any. */
	record Result(long sizeBytes, String sha256, String note) {
	}

}
