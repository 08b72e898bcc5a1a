package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;
import org.whalemountain.sif.build.BuildLog;
import org.whalemountain.sif.build.SifAssembler;
import org.whalemountain.sif.rootfs.FlattenReport;
import org.whalemountain.sif.rootfs.Flattener;
import org.whalemountain.sif.rootfs.SingularityFiles;
import org.whalemountain.sif.rootfs.Squashfs;

/**
 * One build: check the limits, download the layers, flatten them into mksquashfs, wrap
 * the squashfs into a SIF, move it into the store. Progress: downloads up to 60 %,
 * squashing to 90 %. Stops at the next layer entry once its thread is interrupted.
 */
@Component
class SifBuilder {

	private final ImageSource images;

	private final SifStore store;

	private final Squashfs squashfs;

	private final BuildLimits limits;

	SifBuilder(ImageSource images, SifStore store, SifProperties properties, BuildLimits limits) {
		this.images = images;
		this.store = store;
		this.squashfs = new Squashfs(properties.mksquashfs());
		this.limits = limits;
	}

	/**
	 * @param claim the claim this attempt runs under, which names its work directory
	 * @throws BuildRefusedException when the image is too large or the disk too full
	 */
	Result build(String digest, String repository, String claim, IntConsumer progress, BuildLog log)
			throws IOException, InterruptedException {
		Path work = this.store.workDirectory(digest, claim);
		try {
			ImageSource.ImageLayout layout = this.images.layout(repository, digest);
			log.line("image " + repository + "@" + digest + ": " + layout.layers().size() + " layers, "
					+ layout.totalBytes() + " bytes");
			this.limits.checkSize(layout.totalBytes());
			this.limits.checkFreeDisk(layout.totalBytes());
			List<Path> layers = download(repository, layout, work, progress);
			String definition = "bootstrap: docker\nfrom: " + repository + "@" + digest + "\n\n";
			Flattener flattener = new Flattener(layers, SingularityFiles.entries(layout.config(), definition), work);
			Path partition = work.resolve("rootfs.sqfs");
			FlattenReport report = this.squashfs.build(flattener, partition, work.resolve("mksquashfs.log"));
			progress.accept(90);
			log.line("root filesystem: " + report.entries() + " entries, " + report.convertedHardLinks()
					+ " hard links written as files, " + report.droppedDevices() + " device nodes dropped");
			Path target = this.store.file(digest);
			String sha256 = SifAssembler.assemble(definition, layout.configJson(), partition, target,
					System.currentTimeMillis() / 1000);
			long size = Files.size(target);
			log.line("SIF written: " + size + " bytes, sha256 " + sha256);
			return new Result(size, sha256, unreadableNote(report));
		}
		finally {
			SifStore.deleteRecursively(work);
		}
	}

	private List<Path> download(String repository, ImageSource.ImageLayout layout, Path work, IntConsumer progress)
			throws InterruptedException {
		List<Path> layers = new ArrayList<>();
		long total = Math.max(1, layout.totalBytes());
		long done = 0;
		for (int i = 0; i < layout.layers().size(); i++) {
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException("stopped before layer " + i);
			}
			ImageSource.Layer layer = layout.layers().get(i);
			Path file = work.resolve("layer-" + i);
			this.images.download(repository, layer.digest(), file);
			layers.add(file);
			done += layer.size();
			progress.accept((int) (60 * done / total));
		}
		return layers;
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
