package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.EngineBusyException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.ImageNotFoundException.PullProblem;

/**
 * Translates docker-java failures into the port's exceptions, so that no caller sees a
 * docker-java type:
 * <ul>
 * <li>no free connection within {@code wm.workloads.docker.connections.request-timeout} →
 * {@link EngineBusyException};
 * <li>no answer at all (socket missing, connection refused, TLS or timeout: an
 * {@link IOException} underneath) → {@link EngineUnavailableException} naming the host;
 * <li>a port that is already allocated or in use (create or start) →
 * {@link HostPortTakenException};
 * <li>404 "No such container" → {@link ContainerNotFoundException}, "No such image" →
 * {@link ImageNotFoundException}; 409 on create → {@link ContainerNameTakenException},
 * 409 "is not running" → {@link ContainerNotRunningException};
 * <li>any other 5xx → {@link EngineUnavailableException}, any other answer →
 * {@link EngineException}, each with dockerd's own words.
 * </ul>
 * A pull is different: dockerd reports the registry's failures (unknown manifest,
 * unreachable registry, denied) as 404 or 500, and to the caller each means the image
 * cannot be had, so they become {@link ImageNotFoundException}.
 */
final class DockerFailures {

	private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * The port in dockerd's two words for a taken host port: "Bind for 127.0.0.1:P
	 * failed: port is already allocated" (another container holds it) and "listen tcp4
	 * 127.0.0.1:P: bind: address already in use" (another program does).
	 */
	private static final Pattern TAKEN_PORT = Pattern
		.compile("(?:Bind for \\S*:(\\d+) failed|listen tcp\\d? \\S*:(\\d+): bind)");

	private final String host;

	DockerFailures(String host) {
		this.host = host;
	}

	/** For calls about one container ({@code action} reads "start container abc"). */
	EngineException container(String containerId, String action, RuntimeException failure) {
		if (failure instanceof NotFoundException && detail(failure).contains("No such container")) {
			return new ContainerNotFoundException(
					"No container " + containerId + " on Docker at " + this.host + " (" + detail(failure) + ")",
					failure);
		}
		if (failure instanceof ConflictException && detail(failure).contains("is not running")) {
			return new ContainerNotRunningException("Could not " + action + ": container " + containerId
					+ " is not running on Docker at " + this.host + "; start it first", failure);
		}
		return other(action, failure);
	}

	EngineException create(String name, String image, RuntimeException failure) {
		if (failure instanceof ConflictException) {
			return new ContainerNameTakenException(
					"A container named " + name + " already exists on Docker at " + this.host + ": remove it first",
					failure);
		}
		if (failure instanceof NotFoundException && detail(failure).contains("No such image")) {
			return new ImageNotFoundException("Image " + image + " is not on Docker at " + this.host
					+ ": pull it first (" + detail(failure) + ")", failure);
		}
		return other("create container " + name, failure);
	}

	EngineException pull(String image, RuntimeException failure) {
		if (failure instanceof DockerException docker && unreachable(failure) == null) {
			return pullRefused(image, detail(docker), failure);
		}
		return other("pull " + image, failure);
	}

	ImageNotFoundException pullRefused(String image, String why, Throwable cause) {
		return new ImageNotFoundException("Docker at " + this.host + " could not pull " + image + ": " + why,
				pullProblem(why), cause);
	}

	/**
	 * dockerd's words for a failed pull, sorted into what a user can act on: the
	 * registry's error codes ({@code manifest unknown}, {@code denied},
	 * {@code toomanyrequests}) and Go's network errors.
	 */
	static PullProblem pullProblem(String why) {
		String text = why.toLowerCase(Locale.ROOT);
		if (text.contains("toomanyrequests") || text.contains("too many requests")) {
			return PullProblem.RATE_LIMITED;
		}
		if (text.contains("manifest unknown") || text.contains("not found") || text.contains("name unknown")) {
			return PullProblem.NOT_FOUND;
		}
		if (text.contains("denied") || text.contains("unauthorized") || text.contains("forbidden")) {
			return PullProblem.DENIED;
		}
		if (text.contains("dial tcp") || text.contains("no such host") || text.contains("connection refused")
				|| text.contains("timeout") || text.contains("deadline exceeded") || text.contains("tls:")
				|| text.contains("x509") || text.contains("i/o") || text.contains("eof")) {
			return PullProblem.UNREACHABLE;
		}
		return PullProblem.OTHER;
	}

	/** Any call: the mapping every more specific translation falls back to. */
	EngineException other(String action, RuntimeException failure) {
		LimitedHttpClient.ConnectionsBusyException busy = busy(failure);
		if (busy != null) {
			return new EngineBusyException(
					"Could not " + action + " on Docker at " + this.host + ": " + busy.getMessage()
							+ "; try again shortly, or raise wm.workloads.docker.connections.* if this happens often",
					failure);
		}
		IOException io = unreachable(failure);
		if (io != null) {
			return new EngineUnavailableException("Docker at " + this.host + " cannot be reached (" + io
					+ "): start dockerd there, or point wm.workloads.docker.host at a running one", failure);
		}
		String detail = detail(failure);
		if (detail.contains("port is already allocated") || detail.contains("address already in use")) {
			return new HostPortTakenException("Could not " + action + ": a requested host port is taken (" + detail
					+ "); choose another port or let the engine choose one", takenPort(detail), failure);
		}
		if (failure instanceof DockerException docker && docker.getHttpStatus() >= 500) {
			return new EngineUnavailableException("Docker at " + this.host + " failed to " + action + ": " + detail
					+ " (check that dockerd runs and is healthy there)", failure);
		}
		return new EngineException("Docker at " + this.host + " refused to " + action + ": " + detail, failure);
	}

	EngineException interrupted(String action, InterruptedException ex) {
		Thread.currentThread().interrupt();
		return new EngineException("Interrupted while waiting for Docker to " + action, ex);
	}

	/** dockerd's own message ({@code {"message":"..."}}), else the exception's. */
	static String detail(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		Matcher matcher = MESSAGE.matcher(message);
		if (matcher.find()) {
			return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return message;
	}

	/** The host port dockerd names as taken, if it names one. */
	static Integer takenPort(String detail) {
		Matcher matcher = TAKEN_PORT.matcher(detail);
		if (!matcher.find()) {
			return null;
		}
		return Integer.valueOf((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
	}

	/** The wait for a free connection that ran out, if that is what failed. */
	static LimitedHttpClient.ConnectionsBusyException busy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LimitedHttpClient.ConnectionsBusyException busy) {
				return busy;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** The I/O failure underneath, if dockerd never answered. */
	static IOException unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
