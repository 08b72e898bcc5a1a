package org.whalemountain.workloads.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;

import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.TerminalSession;

/**
 * Opens terminals: an exec with a TTY and stdin attached, started on a hijacked
 * connection of a client whose response timeout outlasts any quiet terminal (the
 * service's own idle timeout ends those), then sized. The image needs {@code sh}.
 */
final class DockerTerminals {

	/** What programs in the container read to know what the terminal understands. */
	static final String TERM = "TERM=xterm-256color";

	private final DockerClient client;

	private final DockerFailures failures;

	DockerTerminals(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	TerminalSession open(String containerId, List<String> command, int columns, int rows, Consumer<byte[]> output,
			Runnable ended) {
		if (command.isEmpty() || columns < 1 || rows < 1) {
			throw new IllegalArgumentException("A terminal needs a command and a size of at least 1x1");
		}
		String action = "open a terminal in container " + containerId;
		String execId;
		try {
			execId = this.client.execCreateCmd(containerId)
				.withCmd(withPidLine(command))
				.withTty(true)
				.withAttachStdin(true)
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withEnv(List.of(TERM))
				.exec()
				.getId();
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, action, ex);
		}
		DockerTerminal terminal = new DockerTerminal(this.client, this.failures, containerId, execId, output, ended);
		try {
			this.client.execStartCmd(execId).withTty(true).withDetach(false).withStdIn(terminal.input()).exec(terminal);
			// dockerd holds a resize until the exec has started, so this also waits for
			// that
			terminal.resize(columns, rows);
		}
		catch (RuntimeException ex) {
			terminal.close();
			throw (ex instanceof EngineException) ? ex : this.failures.container(containerId, action, ex);
		}
		return terminal;
	}

	/**
	 * {@code sh} prints its pid, then becomes the command with that pid; see
	 * {@link DockerTerminal} for why the pid is needed.
	 */
	static String[] withPidLine(List<String> command) {
		List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "echo $$; exec \"$@\"", "sh"));
		wrapped.addAll(command);
		return wrapped.toArray(String[]::new);
	}

}
