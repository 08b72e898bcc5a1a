package org.whalemountain.workloads.engine;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory engine for tests of what sits above the port: it keeps containers as
 * records and runs nothing. A command "runs" by answering its words with the engine's
 * name, so that a test sees which engine got it; calls it cannot fake (terminals, copies,
 * pulls) throw.
 */
public class FakeEngine implements ContainerEngine {

	private final String name;

	private final Map<String, ContainerInfo> containers = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile boolean up = true;

	public FakeEngine(String name) {
		this.name = name;
	}

	/** Makes {@link #answers()} say yes or no, as an engine that came or went would. */
	public void answering(boolean answering) {
		this.up = answering;
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
	public String create(ContainerSpec spec) {
		String id = this.name + "-" + this.ids.incrementAndGet();
		this.containers.put(id, new ContainerInfo(id, spec.name(), spec.image(), ContainerStatus.CREATED, spec.labels(),
				List.of(), List.of(), null, null));
		return id;
	}

	@Override
	public void start(String containerId) {
		ContainerInfo c = existing(containerId);
		this.containers.put(containerId, new ContainerInfo(c.id(), c.name(), c.image(), ContainerStatus.RUNNING,
				c.labels(), c.ports(), c.networkIds(), null, Instant.now()));
	}

	@Override
	public void stop(String containerId, Duration grace) {
		ContainerInfo c = existing(containerId);
		this.containers.put(containerId, new ContainerInfo(c.id(), c.name(), c.image(), ContainerStatus.EXITED,
				c.labels(), c.ports(), c.networkIds(), 0, c.startedAt()));
	}

	@Override
	public void remove(String containerId) {
		this.containers.remove(containerId);
	}

	@Override
	public Optional<ContainerInfo> inspect(String containerId) {
		return Optional.ofNullable(this.containers.get(containerId));
	}

	@Override
	public List<ContainerInfo> list(Map<String, String> labels) {
		return this.containers.values()
			.stream()
			.filter((c) -> c.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout, int outputLimit) {
		existing(containerId);
		return new ExecResult(0, this.name + ": " + String.join(" ", command), "", false);
	}

	@Override
	public TerminalSession openTerminal(String containerId, List<String> command, int columns, int rows,
			Consumer<byte[]> output, Runnable ended) {
		throw new UnsupportedOperationException("The fake engine opens no terminals");
	}

	@Override
	public void copyIn(String containerId, String directory, InputStream tar) {
		throw new UnsupportedOperationException("The fake engine has no files");
	}

	@Override
	public String logs(String containerId, int tail) {
		return this.name + " logs of " + existing(containerId).name();
	}

	@Override
	public boolean imagePresent(String image) {
		return true;
	}

	@Override
	public void pull(String image, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		throw new UnsupportedOperationException("The fake engine pulls nothing");
	}

	@Override
	public String ensureNetwork(String name, Map<String, String> labels) {
		return "net-" + name;
	}

	@Override
	public void removeNetwork(String name) {
	}

	private ContainerInfo existing(String containerId) {
		return inspect(containerId).orElseThrow(() -> new ContainerNotFoundException(containerId, null));
	}

}
