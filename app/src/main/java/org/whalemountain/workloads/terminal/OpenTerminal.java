package org.whalemountain.workloads.terminal;

import org.whalemountain.workloads.Terminal;
import org.whalemountain.workloads.TerminalEnd;
import org.whalemountain.workloads.TerminalListener;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.TerminalSession;
import org.whalemountain.workloads.events.TerminalOpened;
import org.whalemountain.workloads.store.ContainerRecord;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open terminal as {@link Terminals} keeps it: the engine's session, who opened it,
 * and when it was last active. The engine may report the end before {@link #attach} has
 * run, when the shell exits at once.
 */
final class OpenTerminal implements Terminal {

	private final Terminals terminals;

	private final ContainerRecord row;

	private final TerminalListener listener;

	private final String sourceAddress;

	private final Instant openedAt;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile Instant lastActivity;

	private volatile TerminalSession session;

	private boolean published;

	private TerminalEnd heldBack;

	OpenTerminal(Terminals terminals, ContainerRecord row, TerminalListener listener, String sourceAddress,
			Instant openedAt) {
		this.terminals = terminals;
		this.row = row;
		this.listener = listener;
		this.sourceAddress = sourceAddress;
		this.openedAt = openedAt;
		this.lastActivity = openedAt;
	}

	void attach(TerminalSession engineSession) {
		this.session = engineSession;
	}

	/** {@link TerminalOpened} is out: from now on ends are reported. */
	void opened() {
		TerminalEnd end;
		synchronized (this) {
			this.published = true;
			end = this.heldBack;
		}
		if (end != null) {
			end(end);
		}
	}

	void abandon() {
		this.ended.set(true);
	}

	/**
	 * Input is not activity: typing shows as its echo, which is output, while input a
	 * shell never reads shows nothing and must not keep the terminal open.
	 */
	@Override
	public void write(byte[] input) {
		TerminalSession current = this.session;
		if (current != null && !this.ended.get() && !current.write(input)) {
			end(TerminalEnd.FLOODED);
		}
	}

	@Override
	public void resize(int columns, int rows) {
		Terminals.checkSize(columns, rows);
		TerminalSession current = this.session;
		if (current == null || this.ended.get()) {
			return;
		}
		try {
			current.resize(columns, rows);
		}
		catch (EngineException ex) {
			// the shell ended meanwhile; its end is reported on its own
		}
	}

	@Override
	public void close() {
		end(TerminalEnd.CLOSED);
	}

	void output(byte[] bytes) {
		this.lastActivity = this.terminals.now();
		this.listener.output(bytes);
	}

	void end(TerminalEnd end) {
		synchronized (this) {
			if (!this.published) {
				this.heldBack = (this.heldBack != null) ? this.heldBack : end;
				return;
			}
		}
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		TerminalSession current = this.session;
		if (current != null) {
			current.close();
		}
		try {
			this.terminals.ended(this, end);
		}
		finally {
			this.listener.ended(end);
		}
	}

	Instant lastActivity() {
		return this.lastActivity;
	}

	Instant openedAt() {
		return this.openedAt;
	}

	String owner() {
		return this.row.owner();
	}

	long containerRow() {
		return this.row.id();
	}

	String name() {
		return this.row.name();
	}

	String sourceAddress() {
		return this.sourceAddress;
	}

}
