package org.whalemountain.audit;

import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.workloads.events.CommandExecuted;
import org.whalemountain.workloads.events.ContainerDeleted;
import org.whalemountain.workloads.events.ContainerLaunched;
import org.whalemountain.workloads.events.ContainerStarted;
import org.whalemountain.workloads.events.ContainerStopped;
import org.whalemountain.workloads.events.FileUploaded;
import org.whalemountain.workloads.events.KubeconfigIssued;
import org.whalemountain.workloads.events.TerminalClosed;
import org.whalemountain.workloads.events.TerminalOpened;

/**
 * Records what users do with their containers: never the environment (it may hold
 * secrets) nor a command's output, only the command itself; of a terminal only that it
 * was opened and how long it stayed open, never what was typed or shown; of a kubeconfig
 * only the namespace and when its token expires, never the token.
 */
@Component
class WorkloadsAuditListener {

	private final AuditStore store;

	WorkloadsAuditListener(AuditStore store) {
		this.store = store;
	}

	@ApplicationModuleListener
	void on(ContainerLaunched event) {
		this.store.append(event.at(), event.owner(), "container.launch", target(event.name()), event.sourceAddress(),
				"id=" + event.id() + ", image=" + event.image() + ", engine=" + event.engine() + ", ports="
						+ event.ports().stream().map((p) -> p.guest() + "->" + p.host()).toList());
	}

	@ApplicationModuleListener
	void on(ContainerStarted event) {
		this.store.append(event.at(), event.owner(), "container.start", target(event.name()), event.sourceAddress(),
				"id=" + event.id());
	}

	@ApplicationModuleListener
	void on(ContainerStopped event) {
		this.store.append(event.at(), event.owner(), "container.stop", target(event.name()), event.sourceAddress(),
				"id=" + event.id());
	}

	@ApplicationModuleListener
	void on(ContainerDeleted event) {
		this.store.append(event.at(), event.owner(), "container.delete", target(event.name()), event.sourceAddress(),
				"id=" + event.id());
	}

	@ApplicationModuleListener
	void on(CommandExecuted event) {
		this.store.append(event.at(), event.owner(), "container.exec", target(event.name()), event.sourceAddress(),
				"id=" + event.id() + ", exitCode=" + event.exitCode() + ", command=" + event.command());
	}

	@ApplicationModuleListener
	void on(FileUploaded event) {
		this.store.append(event.at(), event.owner(), "container.upload", target(event.name()), event.sourceAddress(),
				"id=" + event.id() + ", path=" + event.path() + ", size=" + event.size());
	}

	@ApplicationModuleListener
	void on(KubeconfigIssued event) {
		this.store.append(event.at(), event.owner(), "kubeconfig.issue", "namespace:" + event.namespace(),
				event.sourceAddress(), "expiresAt=" + event.expiresAt());
	}

	@ApplicationModuleListener
	void on(TerminalOpened event) {
		this.store.append(event.at(), event.owner(), "container.terminal.open", target(event.name()),
				event.sourceAddress(), "id=" + event.id());
	}

	@ApplicationModuleListener
	void on(TerminalClosed event) {
		this.store.append(event.at(), event.owner(), "container.terminal.close", target(event.name()),
				event.sourceAddress(), "id=" + event.id() + ", end=" + event.end().name().toLowerCase(Locale.ROOT)
						+ ", duration=" + event.duration().withNanos(0));
	}

	private static String target(String name) {
		return "container:" + name;
	}

}
