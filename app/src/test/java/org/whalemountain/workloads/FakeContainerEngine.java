package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.engine.TerminalSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A {@link ContainerEngine} in memory, for fast tests of launches, ports and events
 * without a daemon; it passes the same live {@link ContainerEngineContract} as the real
 * engines. Guests understand only {@link FakeShell}'s few words. Published ports are real
 * sockets on 127.0.0.1 that accept connections, so that a taken port is refused as on a
 * real engine. Like an engine that cannot keep a stopped container, start makes the
 * container again from its spec: files put in by hand are lost, the spec's stay.
 * Registries are played by {@link #withRegistryImage}.
 */
public class FakeContainerEngine implements ContainerEngine {

	private final Set<String> images = ConcurrentHashMap.newKeySet();

	private final Map<String, RegistryImage> registry = new ConcurrentHashMap<>();

	private final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final String name;

	private final boolean everyImage;

	private volatile boolean up = true;

	/** The engine {@code fake}, holding these images. */
	public FakeContainerEngine(String... presentImages) {
		this("fake", false);
		this.images.addAll(List.of(presentImages));
	}

	/**
	 * @param everyImagePresent whether every image counts as present, for tests about
	 * something else than pulls
	 */
	protected FakeContainerEngine(String name, boolean everyImagePresent) {
		this.name = name;
		this.everyImage = everyImagePresent;
	}

	/** Makes {@link #answers()} say yes or no, as an engine that came or went would. */
	public void answering(boolean answering) {
		this.up = answering;
	}

	/** An image a registry holds with these files, pulled with these credentials only. */
	public FakeContainerEngine withRegistryImage(String image, RegistryCredentials credentials,
			Map<String, String> files) {
		this.registry.put(image, new RegistryImage(credentials, Map.copyOf(files)));
		return this;
	}

	private record RegistryImage(RegistryCredentials credentials, Map<String, String> files) {
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean answers() {
		return this.up;
	}

	@Override
	public boolean hasImage(String image) {
		return this.everyImage || this.images.contains(image);
	}

	@Override
	public synchronized StartedContainer run(ContainerSpec spec, RegistryCredentials credentials,
			Consumer<PullProgress> progress) {
		if (this.containers.values().stream().anyMatch((c) -> c.spec.name().equals(spec.name()))) {
			throw new ContainerNameTakenException("A container named " + spec.name() + " exists", null);
		}
		if (!hasImage(spec.image())) {
			pull(spec.image(), credentials, progress);
		}
		FakeContainer container = new FakeContainer("fake-" + this.ids.incrementAndGet(), spec,
				imageFiles(spec.image()));
		container.start();
		this.containers.put(container.id, container);
		return new StartedContainer(container.id, (spec.owner() != null) ? "fake-net-" + spec.owner() : null);
	}

	private void pull(String image, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		RegistryImage held = this.registry.get(image);
		if (held == null) {
			throw new ImageNotFoundException("The fake registry could not pull " + image + ": manifest unknown", null);
		}
		if (held.credentials() != null && !held.credentials().equals(credentials)) {
			throw new ImageNotFoundException("The fake registry denied the pull of " + image,
					ImageNotFoundException.PullProblem.DENIED, null);
		}
		for (int percent = 0; percent <= 100; percent += 25) {
			progress.accept(new PullProgress(percent, (percent < 100) ? "Downloading" : "Pulled " + image));
		}
		this.images.add(image);
	}

	private Map<String, byte[]> imageFiles(String image) {
		Map<String, byte[]> files = new HashMap<>();
		RegistryImage held = this.registry.get(image);
		if (held != null) {
			held.files().forEach((path, content) -> files.put(path, content.getBytes()));
		}
		return files;
	}

	@Override
	public void start(String containerId) {
		FakeContainer container = find(containerId);
		synchronized (container) {
			if (container.state != ContainerState.RUNNING) {
				container.recreate(imageFiles(container.spec.image()));
				container.start();
			}
		}
	}

	@Override
	public void stop(String containerId, Duration grace) {
		FakeContainer container = find(containerId);
		synchronized (container) {
			if (container.state == ContainerState.RUNNING) {
				container.stop(0);
			}
		}
	}

	@Override
	public void remove(String containerId) {
		FakeContainer container = this.containers.remove(containerId);
		if (container != null) {
			container.stop(137);
		}
	}

	@Override
	public Optional<ContainerInfo> inspect(String containerId) {
		return Optional.ofNullable(this.containers.get(containerId)).map(FakeContainer::info);
	}

	@Override
	public List<ContainerInfo> list(Map<String, String> labels) {
		return this.containers.values()
			.stream()
			.filter((c) -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
			.map(FakeContainer::info)
			.toList();
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout, int outputLimit) {
		FakeContainer container = running(containerId);
		FakeShell.Outcome outcome = FakeShell.run(command, container.spec.env(), container.files, false);
		boolean truncated = outcome.stdout().length() > outputLimit || outcome.stderr().length() > outputLimit;
		return new ExecResult(outcome.exitCode(), cut(outcome.stdout(), outputLimit),
				cut(outcome.stderr(), outputLimit), truncated);
	}

	@Override
	public TerminalSession openTerminal(String containerId, List<String> command, int columns, int rows,
			Consumer<byte[]> output, Runnable ended) {
		FakeContainer container = running(containerId);
		return new FakeTerminal(container.spec.env(), container.files, output, ended);
	}

	@Override
	public void putFiles(String containerId, String directory, InputStream tar) {
		FakeContainer container = running(containerId);
		try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (!entry.isDirectory()) {
					container.files.put(directory + "/" + entry.getName(), in.readAllBytes());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String logs(String containerId, int tail) {
		List<String> lines = find(containerId).log;
		synchronized (lines) {
			List<String> last = lines.subList(Math.max(0, lines.size() - tail), lines.size());
			return last.isEmpty() ? "" : String.join("\n", last) + "\n";
		}
	}

	private FakeContainer find(String containerId) {
		FakeContainer container = this.containers.get(containerId);
		if (container == null) {
			throw new ContainerNotFoundException("No container " + containerId + " on the " + this.name + " engine",
					null);
		}
		return container;
	}

	private FakeContainer running(String containerId) {
		FakeContainer container = find(containerId);
		if (container.state != ContainerState.RUNNING) {
			throw new ContainerNotRunningException("Container " + containerId + " is not running", null);
		}
		return container;
	}

	private static String cut(String text, int limit) {
		return (text.length() > limit) ? text.substring(0, limit) : text;
	}

	/** One container: its spec, files, log and the sockets of its published ports. */
	private static final class FakeContainer {

		final String id;

		final ContainerSpec spec;

		final Map<String, byte[]> files = new ConcurrentHashMap<>();

		final List<String> log = new ArrayList<>();

		final Map<Integer, ServerSocket> sockets = new HashMap<>();

		volatile ContainerState state = ContainerState.PENDING;

		volatile Instant startedAt;

		volatile Integer exitCode;

		FakeContainer(String id, ContainerSpec spec, Map<String, byte[]> imageFiles) {
			this.id = id;
			this.spec = spec;
			recreate(imageFiles);
		}

		/** The image's files and the spec's, as a freshly made container has them. */
		void recreate(Map<String, byte[]> imageFiles) {
			this.files.clear();
			this.files.putAll(imageFiles);
			this.spec.files().forEach((file) -> this.files.put(file.path(), file.content()));
		}

		void start() {
			for (ContainerSpec.Port port : this.spec.ports()) {
				try {
					ServerSocket socket = new ServerSocket(port.publicPort(), 50, InetAddress.getLoopbackAddress());
					this.sockets.put(port.guestPort(), socket);
					Thread acceptor = new Thread(() -> accept(socket), "fake-port-" + socket.getLocalPort());
					acceptor.setDaemon(true);
					acceptor.start();
				}
				catch (IOException ex) {
					closeSockets();
					throw new HostPortTakenException(
							"Port 127.0.0.1:" + port.publicPort() + " is taken on the fake engine", port.publicPort(),
							ex);
				}
			}
			FakeShell.Outcome main = FakeShell.run(this.spec.command(), this.spec.env(), this.files, true);
			synchronized (this.log) {
				(main.stdout() + main.stderr()).lines().forEach(this.log::add);
			}
			this.startedAt = Instant.now();
			this.exitCode = null;
			this.state = ContainerState.RUNNING;
		}

		void stop(int code) {
			closeSockets();
			this.state = ContainerState.STOPPED;
			this.exitCode = code;
		}

		ContainerInfo info() {
			List<Endpoint> endpoints = this.spec.ports()
				.stream()
				.map((port) -> Endpoint.published(port.guestPort(), "127.0.0.1",
						Objects.requireNonNullElse(boundPort(port.guestPort()), port.publicPort())))
				.toList();
			return new ContainerInfo(this.id, this.spec.name(), this.spec.image(), this.state, null, null,
					this.spec.labels(), endpoints, this.exitCode, this.startedAt);
		}

		private synchronized Integer boundPort(int guestPort) {
			ServerSocket socket = this.sockets.get(guestPort);
			return (socket != null) ? socket.getLocalPort() : null;
		}

		private synchronized void closeSockets() {
			this.sockets.values().forEach((socket) -> {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closing is all that is left to do
				}
			});
			this.sockets.clear();
		}

		private static void accept(ServerSocket socket) {
			while (!socket.isClosed()) {
				try (Socket connection = socket.accept()) {
					connection.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nfake\n".getBytes());
				}
				catch (IOException ex) {
					// closed with the container, or a client that went away
				}
			}
		}

	}

}
