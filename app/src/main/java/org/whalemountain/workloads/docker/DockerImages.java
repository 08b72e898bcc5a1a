package org.whalemountain.workloads.docker;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;

import org.whalemountain.platform.ImageReference;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;

/** Images on the engine: whether one is there, and pulling one with progress. */
final class DockerImages {

	private final DockerClient client;

	private final DockerFailures failures;

	DockerImages(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	/**
	 * Whether the engine holds the image under this name. Docker's inspect also finds an
	 * image by ID or ID prefix, and by {@code repo:shortid}; only the names it lists for
	 * the image count here, so that no string reaches an image past its name.
	 */
	boolean present(String image) {
		ImageReference reference = ImageReference.parse(image, ImageReference.DOCKER_HUB);
		try {
			InspectImageResponse found = this.client.inspectImageCmd(reference.canonical()).exec();
			return Stream.concat(listed(found.getRepoTags()), listed(found.getRepoDigests()))
				.anyMatch(reference::isListedAs);
		}
		catch (NotFoundException ex) {
			return false;
		}
		catch (RuntimeException ex) {
			throw this.failures.other("inspect image " + image, ex);
		}
	}

	/**
	 * Pulls by name, and by digest when the reference has one (the tag is only a label
	 * then). Docker pulls every tag of a repository when asked without one, so a
	 * reference always has one of the two. Progress is told as one percentage (see
	 * {@link DockerPullMeter}), each time it or the message changes, and 100 at the end.
	 */
	void pull(String image, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		ImageReference reference = ImageReference.parse(image, ImageReference.DOCKER_HUB);
		// without credentials no auth header is sent: the client has no ambient ones
		PullImageCmd command = this.client.pullImageCmd(reference.name())
			.withTag((reference.digest() != null) ? reference.digest() : reference.tag());
		if (credentials != null) {
			command.withAuthConfig(authConfig(credentials));
		}
		Progress callback = new Progress((progress != null) ? progress : (ignored) -> {
		});
		try {
			command.exec(callback).awaitCompletion();
		}
		catch (InterruptedException ex) {
			throw this.failures.interrupted("pull " + image, ex);
		}
		catch (RuntimeException ex) {
			throw this.failures.pull(image, ex);
		}
		if (callback.error != null) {
			throw this.failures.pullRefused(image, callback.error, null);
		}
		callback.done();
	}

	private static Stream<String> listed(List<String> names) {
		return (names != null) ? names.stream() : Stream.empty();
	}

	static AuthConfig authConfig(RegistryCredentials credentials) {
		if (credentials.registryToken() != null) {
			// dockerd sends a registry token as it is, without asking the token service
			return new AuthConfig().withRegistryAddress(credentials.registry())
				.withRegistrytoken(credentials.registryToken());
		}
		return new AuthConfig().withRegistryAddress(credentials.registry())
			.withUsername(credentials.username())
			.withPassword(credentials.password());
	}

	/**
	 * Measures every status line and passes changes on; a failure after the pull began
	 * arrives as a line with an error, not as an HTTP status.
	 */
	private static final class Progress extends ResultCallback.Adapter<PullResponseItem> {

		private final Consumer<PullProgress> progress;

		private final DockerPullMeter meter = new DockerPullMeter();

		private volatile String error;

		Progress(Consumer<PullProgress> progress) {
			this.progress = progress;
		}

		@Override
		public void onNext(PullResponseItem item) {
			if (item.isErrorIndicated()) {
				this.error = (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null)
						? item.getErrorDetail().getMessage() : item.getError();
				return;
			}
			ResponseItem.ProgressDetail detail = item.getProgressDetail();
			long current = (detail != null && detail.getCurrent() != null) ? detail.getCurrent() : 0;
			long total = (detail != null && detail.getTotal() != null) ? detail.getTotal() : 0;
			// "Pulling from owner/name" carries the tag as its id, though it is about the
			// image
			boolean aboutImage = item.getStatus() != null && item.getStatus().startsWith("Pulling from");
			if (this.meter
				.add(new DockerPullMeter.Report(aboutImage ? null : item.getId(), item.getStatus(), current, total))) {
				this.progress.accept(new PullProgress(this.meter.percent(), this.meter.message()));
			}
		}

		void done() {
			this.progress.accept(new PullProgress(100, this.meter.message()));
		}

	}

}
