package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ready-made layers for tests outside this package. */
public final class LayerTarFixture {

	private LayerTarFixture() {
	}

	/** A plain tar with a directory and a file. */
	public static byte[] simple() throws IOException {
		return bytes(new LayerTar().dir("etc").file("etc/hello", "hello\n"));
	}

	/** A tar whose entry climbs out of the image. */
	public static byte[] escaping() throws IOException {
		return bytes(new LayerTar().file("../../etc/cron.d/evil", "* * * * * root true\n"));
	}

	private static byte[] bytes(LayerTar layer) throws IOException {
		Path dir = Files.createTempDirectory("wm-layer");
		Path file = layer.write(dir, "layer.tar", LayerTar.Compression.NONE);
		byte[] bytes = Files.readAllBytes(file);
		Files.delete(file);
		Files.delete(dir);
		return bytes;
	}

}
