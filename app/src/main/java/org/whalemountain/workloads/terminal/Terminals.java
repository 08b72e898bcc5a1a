package org.whalemountain.workloads.terminal;

import org.whalemountain.workloads.Terminal;
import org.whalemountain.workloads.TerminalEnd;
import org.whalemountain.workloads.EngineCalls;
import org.whalemountain.workloads.Workloads;
import org.whalemountain.workloads.TerminalListener;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.events.TerminalClosed;
import org.whalemountain.workloads.events.TerminalOpened;
import org.whalemountain.workloads.store.ContainerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.InvalidInputException;

/**
 * The open terminals: opens a shell in a container within the per-user limit, records
 * activity, closes terminals idle for {@code wm.workloads.terminal.idle-timeout}, and
 * reports each opening and end as an event. What passes through a terminal is neither
 * logged nor kept.
 */
@Component
public class Terminals {

	/** bash where the image has it, as people expect; else the POSIX shell. */
	static final List<String> SHELL = List.of("sh", "-c",
			"if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi");

	static final int MAX_SIZE = 1000;

	private static final Logger log = LoggerFactory.getLogger(Terminals.class);

	private final Set<OpenTerminal> open = ConcurrentHashMap.newKeySet();

	private final ContainerEngines engines;

	private final WorkloadsProperties.TerminalLimits limits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Terminals(ContainerEngines engines, WorkloadsProperties properties, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.engines = engines;
		this.limits = properties.terminal();
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Opens a shell in the (running) container of this row. */
	public Terminal open(ContainerRecord row, int columns, int rows, TerminalListener listener, String sourceAddress) {
		checkSize(columns, rows);
		ContainerEngine engine = this.engines.named(row.engine());
		OpenTerminal terminal = new OpenTerminal(this, row, listener, sourceAddress, this.clock.instant());
		reserve(terminal);
		try {
			terminal.attach(EngineCalls.call(() -> engine.openTerminal(row.containerId(), SHELL, columns, rows,
					terminal::output, () -> terminal.end(TerminalEnd.EXITED))));
		}
		catch (RuntimeException ex) {
			terminal.abandon();
			this.open.remove(terminal);
			throw ex;
		}
		publish(new TerminalOpened(row.owner(), row.id(), row.name(), sourceAddress, terminal.openedAt()));
		log.info("Terminal opened by {} in container {}", row.owner(), row.name());
		terminal.opened();
		return terminal;
	}

	/**
	 * Every few seconds: closes what has been idle too long. Runs on the service's clock,
	 * so tests move the clock instead of waiting.
	 */
	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
	void closeIdle() {
		Instant cutoff = this.clock.instant().minus(this.limits.idleTimeout());
		for (OpenTerminal terminal : this.open) {
			if (terminal.lastActivity().isBefore(cutoff)) {
				terminal.end(TerminalEnd.IDLE);
			}
		}
	}

	int openBy(String owner) {
		return (int) this.open.stream().filter((terminal) -> terminal.owner().equals(owner)).count();
	}

	Instant now() {
		return this.clock.instant();
	}

	/** Called once per terminal, by whatever ended it. */
	void ended(OpenTerminal terminal, TerminalEnd end) {
		this.open.remove(terminal);
		Instant now = this.clock.instant();
		Duration duration = Duration.between(terminal.openedAt(), now);
		publish(new TerminalClosed(terminal.owner(), terminal.containerRow(), terminal.name(), end, duration,
				terminal.sourceAddress(), now));
		log.info("Terminal of {} in container {} ended ({}) after {}", terminal.owner(), terminal.name(), end,
				duration);
	}

	private synchronized void reserve(OpenTerminal terminal) {
		if (openBy(terminal.owner()) >= this.limits.maxPerUser()) {
			throw new ConflictException("too-many-terminals", "You have " + this.limits.maxPerUser()
					+ " terminals open already (wm.workloads.terminal.max-per-user); close one first.");
		}
		this.open.add(terminal);
	}

	static void checkSize(int columns, int rows) {
		if (columns < 1 || rows < 1 || columns > MAX_SIZE || rows > MAX_SIZE) {
			throw new InvalidInputException("invalid-terminal-size", "size",
					"A terminal has 1 to " + MAX_SIZE + " columns and rows.");
		}
	}

	/** See {@link Workloads} for why events go out in a transaction. */
	private void publish(Object event) {
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

}
