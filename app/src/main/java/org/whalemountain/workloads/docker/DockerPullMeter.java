package org.whalemountain.workloads.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns dockerd's per-layer pull reports into one percentage and a short message, the
 * port's {@code PullProgress}. Downloading is most of a pull, so the percentage is the
 * bytes downloaded over the bytes of the layers whose size is known; a layer that is done
 * counts in full. The percentage never goes back, though a layer announced late grows the
 * total, and stays below 100 until the engine says the pull is over.
 */
final class DockerPullMeter {

	private final Map<String, long[]> layers = new LinkedHashMap<>();

	private int percent;

	private String message = "Waiting for the Docker host";

	/**
	 * One status line of dockerd's pull.
	 *
	 * @param layer the layer id, or {@code null} for lines about the whole image
	 * @param status dockerd's words ("Downloading", "Pull complete")
	 * @param current bytes done for this layer, 0 if unknown
	 * @param total bytes of this layer, 0 if unknown
	 */
	record Report(String layer, String status, long current, long total) {
	}

	/** Takes one report; answers whether the percentage or the message changed. */
	boolean add(Report progress) {
		int before = this.percent;
		String said = this.message;
		String status = (progress.status() != null) ? progress.status() : "";
		if (progress.layer() != null) {
			long[] bytes = this.layers.computeIfAbsent(progress.layer(), (id) -> new long[2]);
			if (progress.total() > 0 && status.startsWith("Downloading")) {
				bytes[0] = progress.current();
				bytes[1] = progress.total();
			}
			else if (status.equals("Download complete") && bytes[1] > 0) {
				bytes[0] = bytes[1];
			}
			else if (isDone(status)) {
				bytes[0] = Math.max(bytes[1], 1);
				bytes[1] = bytes[0];
			}
			this.message = status + " " + shortId(progress.layer());
		}
		else if (!status.isBlank()) {
			this.message = status;
		}
		this.percent = Math.max(this.percent, Math.min(99, computed()));
		return this.percent != before || !this.message.equals(said);
	}

	int percent() {
		return this.percent;
	}

	String message() {
		return this.message;
	}

	private int computed() {
		long done = 0;
		long total = 0;
		for (long[] bytes : this.layers.values()) {
			done += bytes[0];
			total += bytes[1];
		}
		return (total == 0) ? 0 : (int) (done * 100 / total);
	}

	/** "Download complete" is not done: extracting follows and takes its time too. */
	private static boolean isDone(String status) {
		return status.equals("Pull complete") || status.equals("Already exists");
	}

	private static String shortId(String layer) {
		return (layer.length() > 12) ? layer.substring(0, 12) : layer;
	}

}
